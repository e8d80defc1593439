"""The states of a neutrality case and the codes recorded when a case moves between them.

The state list follows the handling procedure of UU 10/2016 Pasal 134-135 (Pilkada), UU 7/2017
Pasal 454-455 with Perbawaslu 7/2022 (Pemilu), and the follow-up by KASN/BKN and the PPK under
SKB 2022, Perpres 116/2022 and PP 94/2021 (see docs/procedure.md and legal.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

from netra.procedure.errors import UnknownCodeError
from netra.rulebook import load_rulebook


@dataclass(frozen=True, slots=True)
class Labels:
    """How a code is shown: Indonesian first (the UI default), English for docs and logs."""

    id: str
    en: str


class CaseState(StrEnum):
    """Where a case stands; stored as the lowercase code."""

    INITIAL_INFORMATION = "initial_information"
    RECEIVED = "received"
    FINDING_RECORDED = "finding_recorded"
    FORMAL_MATERIAL_CHECK = "formal_material_check"
    NEEDS_COMPLETION = "needs_completion"
    NOT_REGISTERED = "not_registered"
    INVALID = "invalid"
    OUT_OF_SCOPE = "out_of_scope"
    REGISTERED = "registered"
    CLARIFICATION_STUDY = "clarification_study"
    DECIDED_NOT_VIOLATION = "decided_not_violation"
    DECIDED_VIOLATION = "decided_violation"
    FORWARDED = "forwarded"
    BKN_VERIFICATION = "bkn_verification"
    BKN_REJECTED = "bkn_rejected"
    BKN_ANNULLED = "bkn_annulled"
    BKN_NOT_PROVEN = "bkn_not_proven"
    ASN_ALREADY_SEPARATED = "asn_already_separated"
    AWAITING_PPK = "awaiting_ppk"
    PPK_EXAMINATION = "ppk_examination"
    BKN_CONTROL_ACTION = "bkn_control_action"
    SANCTION_IMPOSED = "sanction_imposed"
    APPEAL = "appeal"
    CLOSED = "closed"

    @property
    def label_id(self) -> str:
        """Indonesian label, in the words Bawaslu, BKN and Kemendagri use for the status."""
        return _STATE_LABELS[self].id

    @property
    def label_en(self) -> str:
        """English label."""
        return _STATE_LABELS[self].en

    @property
    def is_terminal(self) -> bool:
        """No transition leaves this state; the case is finished here."""
        return self in TERMINAL_STATES


_STATE_LABELS: dict[CaseState, Labels] = {
    CaseState.INITIAL_INFORMATION: Labels("Informasi awal", "Initial information"),
    CaseState.RECEIVED: Labels("Laporan diterima", "Report received"),
    CaseState.FINDING_RECORDED: Labels("Temuan ditetapkan", "Finding recorded"),
    CaseState.FORMAL_MATERIAL_CHECK: Labels(
        "Kajian awal (pemeriksaan syarat formal dan materiel)",
        "Initial study (formal and material check)",
    ),
    CaseState.NEEDS_COMPLETION: Labels("Perlu kelengkapan laporan", "Report needs completion"),
    CaseState.NOT_REGISTERED: Labels("Tidak diregistrasi", "Not registered"),
    CaseState.INVALID: Labels(
        "Tidak valid (spam, iseng atau ganda)", "Invalid (spam, prank or duplicate)"
    ),
    CaseState.OUT_OF_SCOPE: Labels(
        "Bukan kewenangan Bawaslu (diteruskan ke instansi lain)",
        "Out of scope (referred to another body)",
    ),
    CaseState.REGISTERED: Labels("Diregistrasi", "Registered"),
    CaseState.CLARIFICATION_STUDY: Labels("Klarifikasi dan kajian", "Clarification and study"),
    CaseState.DECIDED_NOT_VIOLATION: Labels(
        "Diputus bukan pelanggaran", "Decided: not a violation"
    ),
    CaseState.DECIDED_VIOLATION: Labels("Diputus pelanggaran", "Decided: violation"),
    CaseState.FORWARDED: Labels(
        "Diteruskan kepada instansi berwenang", "Forwarded to the competent authority"
    ),
    CaseState.BKN_VERIFICATION: Labels("Menunggu verifikasi BKN", "Awaiting BKN verification"),
    CaseState.BKN_REJECTED: Labels("Ditolak BKN", "Rejected by BKN"),
    CaseState.BKN_ANNULLED: Labels("Dibatalkan BKN", "Annulled by BKN"),
    CaseState.BKN_NOT_PROVEN: Labels("Tidak terbukti", "Not proven"),
    CaseState.ASN_ALREADY_SEPARATED: Labels(
        "ASN sudah berhenti (pensiun, APS atau diberhentikan)",
        "ASN already separated (retired, resigned or dismissed)",
    ),
    CaseState.AWAITING_PPK: Labels("Menunggu tindak lanjut PPK", "Awaiting PPK follow-up"),
    CaseState.PPK_EXAMINATION: Labels("Pemeriksaan oleh PPK", "PPK examination"),
    CaseState.BKN_CONTROL_ACTION: Labels("Tindakan pengendalian BKN", "BKN control action"),
    CaseState.SANCTION_IMPOSED: Labels("Sudah dijatuhi hukuman", "Sanction imposed"),
    CaseState.APPEAL: Labels("Upaya administratif", "Administrative appeal"),
    CaseState.CLOSED: Labels("Selesai", "Closed"),
}

TERMINAL_STATES: frozenset[CaseState] = frozenset(
    {
        CaseState.NOT_REGISTERED,
        CaseState.INVALID,
        CaseState.OUT_OF_SCOPE,
        CaseState.DECIDED_NOT_VIOLATION,
        CaseState.BKN_REJECTED,
        CaseState.BKN_ANNULLED,
        CaseState.BKN_NOT_PROVEN,
        CaseState.ASN_ALREADY_SEPARATED,
        CaseState.CLOSED,
    }
)

# A case is opened in one of these: a citizen's report, a supervisor's own finding, or a tip that
# is not yet either (Perbawaslu 7/2022: a withdrawn report can also become informasi awal).
OPENING_STATES: frozenset[CaseState] = frozenset(
    {CaseState.RECEIVED, CaseState.FINDING_RECORDED, CaseState.INITIAL_INFORMATION}
)


class ViolationType(StrEnum):
    """The kind of violation a Bawaslu decision names; it decides where the case goes next.

    UU 10/2016 Pasal 135 and UU 7/2017 Pasal 455(1): kode etik to DKPP, administrasi to KPU or
    Bawaslu, pidana to Gakkumdu/Polri, and breaches of other laws (ASN neutrality among them) to
    the competent authority.
    """

    ADMINISTRASI = "administrasi"
    PIDANA = "pidana"
    KODE_ETIK = "kode_etik"
    PERATURAN_PERUNDANGAN_LAINNYA = "peraturan_perundangan_lainnya"

    @property
    def label_id(self) -> str:
        """Indonesian label."""
        return _VIOLATION_LABELS[self].id

    @property
    def label_en(self) -> str:
        """English label."""
        return _VIOLATION_LABELS[self].en


_VIOLATION_LABELS: dict[ViolationType, Labels] = {
    ViolationType.ADMINISTRASI: Labels("Pelanggaran administrasi", "Administrative violation"),
    ViolationType.PIDANA: Labels("Tindak pidana", "Criminal offence"),
    ViolationType.KODE_ETIK: Labels("Pelanggaran kode etik", "Code of ethics violation"),
    ViolationType.PERATURAN_PERUNDANGAN_LAINNYA: Labels(
        "Pelanggaran peraturan perundang-undangan lainnya", "Violation of other laws"
    ),
}


class ForwardRecipient(StrEnum):
    """Who receives Bawaslu's recommendation.

    For ASN the neutrality authority depends on the date (see `asn_authority_on`). For TNI and Polri
    the sanction path is internal discipline (UU 34/2004 Pasal 39, UU 2/2002 Pasal 28); for kepala
    desa and perangkat desa it is the Bupati/Wali Kota (UU 6/2014 Pasal 30, 52).
    """

    KASN = "kasn"
    BKN = "bkn"
    # Files KASN had already processed went to KemenPANRB (SE MenPANRB 4/2024, 4 Sep 2024).
    KEMENPANRB = "kemenpanrb"
    TNI = "tni"
    POLRI = "polri"
    REGIONAL_GOVERNMENT = "regional_government"
    # The home ministry decides on elected regional heads (rulebook subjects.yaml).
    KEMENDAGRI = "kemendagri"
    KPU = "kpu"
    DKPP = "dkpp"
    OTHER_AUTHORITY = "other_authority"


ASN_AUTHORITIES: frozenset[ForwardRecipient] = frozenset(
    {ForwardRecipient.KASN, ForwardRecipient.BKN, ForwardRecipient.KEMENPANRB}
)

# The rulebook's word (subjects.yaml `recommendation_to`) for "the ASN body of the letter's date".
ASN_AUTHORITY = "asn_authority"

# Bodies that answer for one kind of official only: sending them a case on another kind is a
# wrong address. KPU, DKPP and "another authority" are not among them.
_BODIES_OF_ONE_SERVICE: frozenset[ForwardRecipient] = ASN_AUTHORITIES | {
    ForwardRecipient.TNI,
    ForwardRecipient.POLRI,
    ForwardRecipient.REGIONAL_GOVERNMENT,
    ForwardRecipient.KEMENDAGRI,
}


@cache
def asn_authority_subjects() -> frozenset[str]:
    """The subject codes an ASN authority judges (rulebook `recommendation_to: asn_authority`).

    Civil servants whatever their status, and a Pj kepala daerah, a senior ASN official
    appointed to the post. Elected regional heads, village officials, TNI, Polri, BUMN/BUMD staff
    and other people answer to other bodies.
    """
    subjects = load_rulebook().subjects.values()
    return frozenset(s.code for s in subjects if s.recommendation_to == ASN_AUTHORITY)


def recipients_for(subject: str) -> frozenset[ForwardRecipient] | None:
    """The bodies of one service that may receive a recommendation on `subject`.

    None when the rulebook leaves it open (an unknown subject). KPU, DKPP and another authority
    are never refused; which ASN body, by date, is `asn_authority_on`'s check.
    """
    code = load_rulebook().subject(subject).recommendation_to
    if code is None:
        return None
    if code == ASN_AUTHORITY:
        return ASN_AUTHORITIES
    return frozenset({_recipient(code, field="recommendation_to", where=subject)})


def refused_recipient(subject: str, recipient: ForwardRecipient) -> bool:
    """Whether `recipient` answers for another kind of official than `subject`."""
    allowed = recipients_for(subject)
    return allowed is not None and recipient in _BODIES_OF_ONE_SERVICE - allowed


def recipient_for(subject: str, on: date) -> ForwardRecipient:
    """Where a recommendation on `subject` dated `on` goes (an unknown subject: the ASN body)."""
    code = load_rulebook().subject(subject).recommendation_to
    if code is None or code == ASN_AUTHORITY:
        return asn_authority_on(on)
    return _recipient(code, field="recommendation_to", where=subject)


def _recipient(name: str, *, field: str, where: str) -> ForwardRecipient:
    try:
        return ForwardRecipient(name.lower())
    except ValueError:
        raise UnknownCodeError(
            "the rulebook names %(value)r as a recommendation recipient (%(where)s), which is "
            "not a ForwardRecipient of the procedure",
            params={"where": where},
            field=field,
            value=name,
        ) from None


def asn_authority_on(day: date) -> ForwardRecipient:
    """The body that receives ASN-neutrality recommendations sent on `day`: KASN, then BKN.

    The dates are law as data (rulebook dated.yaml): KASN stopped handling neutrality reports on
    24 Aug 2024 and Bawaslu forwards to BKN from then on (SE MenPANRB 4/2024; legal.md §3.6).
    """
    name = load_rulebook().recommendation_recipient(day)
    return _recipient(name, field="recipient", where=f"on {day.isoformat()}")


class SanctionLevel(StrEnum):
    """What the PPK imposed: sanksi moral (PP 42/2004 Pasal 15) or hukuman disiplin (PP 94/2021).

    `ptdh` is pemberhentian tidak dengan hormat, e.g. for party membership (UU 5/2014 Pasal 87(4)c,
    UU 20/2023 Pasal 52(3)j).
    """

    MORAL_TERTUTUP = "moral_tertutup"
    MORAL_TERBUKA = "moral_terbuka"
    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"
    PTDH = "ptdh"


class ControlAction(StrEnum):
    """What BKN does when a PPK is late or wrong (Perpres 116/2022; Peraturan BKN 1/2023)."""

    PERINGATAN = "peringatan"
    TEGURAN = "teguran"
    BLOKIR_DATA = "blokir_data"
    # BKN may annul a PPK decision that does not follow the rules (Perpres 116/2022, legal.md §4.3).
    PEMBATALAN_KEPUTUSAN = "pembatalan_keputusan"


class AppealKind(StrEnum):
    """Upaya administratif against a disciplinary decision (PP 94/2021; details unresearched)."""

    KEBERATAN = "keberatan"
    BANDING = "banding"


def parse_state(value: str) -> CaseState:
    """The state for a stored or typed code; an unknown code raises `UnknownCodeError` naming it."""
    try:
        return CaseState(value)
    except ValueError:
        known = ", ".join(state.value for state in CaseState)
        raise UnknownCodeError(
            "unknown case state %(value)r; known states: %(known)s",
            params={"known": known},
            field="state",
            value=value,
        ) from None
