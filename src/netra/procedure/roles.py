"""Who may act on a case: the supervisors' tiers, BKN, the PPK, the public and system roles."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netra.procedure.errors import UnknownCodeError
from netra.procedure.states import Labels


class Role(StrEnum):
    """A user's role in the case procedure; region scope is applied elsewhere (accounts app)."""

    PUBLIC = "public"
    PANWASCAM = "panwascam"
    BAWASLU_KABKOTA = "bawaslu_kabkota"
    BAWASLU_PROVINSI = "bawaslu_provinsi"
    BAWASLU_RI = "bawaslu_ri"
    BKN_ANALYST = "bkn_analyst"
    PPK_OFFICER = "ppk_officer"
    VIEWER = "viewer"
    ADMIN = "admin"

    @property
    def label_id(self) -> str:
        """Indonesian label."""
        return _ROLE_LABELS[self].id

    @property
    def label_en(self) -> str:
        """English label."""
        return _ROLE_LABELS[self].en


_ROLE_LABELS: dict[Role, Labels] = {
    Role.PUBLIC: Labels("Masyarakat (pelapor)", "Public (reporter)"),
    Role.PANWASCAM: Labels("Panwaslu Kecamatan", "Sub-district supervisory committee"),
    Role.BAWASLU_KABKOTA: Labels("Bawaslu Kabupaten/Kota", "Regency/city Bawaslu"),
    Role.BAWASLU_PROVINSI: Labels("Bawaslu Provinsi", "Provincial Bawaslu"),
    Role.BAWASLU_RI: Labels("Bawaslu RI", "Bawaslu (national)"),
    Role.BKN_ANALYST: Labels("Analis BKN (Deputi Wasdal)", "BKN analyst (supervision deputy)"),
    Role.PPK_OFFICER: Labels("Pejabat Pembina Kepegawaian", "Staffing authority officer (PPK)"),
    Role.VIEWER: Labels("Pemantau data (baca saja)", "Viewer (read only)"),
    Role.ADMIN: Labels("Administrator sistem", "System administrator"),
}

# Every tier of the election supervisors may take in reports and run the intake steps.
SUPERVISORS: frozenset[Role] = frozenset(
    {Role.PANWASCAM, Role.BAWASLU_KABKOTA, Role.BAWASLU_PROVINSI, Role.BAWASLU_RI}
)

# Deciding and recommending to KASN/BKN or another authority is left to Bawaslu Kab/Kota and above
# by default: a Panwaslu Kecamatan passes its results up to Bawaslu Kab/Kota, which issues the
# recommendation. That is a practice choice, not the law: UU 10/2016 Pasal 134 and UU 7/2017
# Pasal 454(7) name Panwaslu Kecamatan among the bodies that follow reports up. `ProcedurePolicy`
# lets a deployment follow the law's wider reading (NETRA_PANWASCAM_DECIDES).
DECIDING_SUPERVISORS: frozenset[Role] = frozenset(
    {Role.BAWASLU_KABKOTA, Role.BAWASLU_PROVINSI, Role.BAWASLU_RI}
)


@dataclass(frozen=True, slots=True)
class ProcedurePolicy:
    """Choices the law leaves to the deployment; the defaults follow Bawaslu practice."""

    # May a Panwaslu Kecamatan decide a case and forward the recommendation itself?
    panwascam_decides: bool = False

    def roles_for(self, roles: frozenset[Role]) -> frozenset[Role]:
        """The roles allowed to make a move whose table roles are `roles`, under this policy."""
        if self.panwascam_decides and roles >= DECIDING_SUPERVISORS:
            return roles | {Role.PANWASCAM}
        return roles


DEFAULT_POLICY = ProcedurePolicy()


def parse_role(value: str) -> Role:
    """The role for a code; an unknown code raises `UnknownCodeError` naming it."""
    try:
        return Role(value)
    except ValueError:
        known = ", ".join(role.value for role in Role)
        raise UnknownCodeError(
            "unknown role %(value)r; known roles: %(known)s",
            params={"known": known},
            field="role",
            value=value,
        ) from None
