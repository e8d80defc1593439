"""Region scope: who may see and act on which region's cases.

A staff member with a region sees that region and everything inside it (Bawaslu Provinsi sees its
kabupaten/kota); one without a region is nationwide (Bawaslu RI, BKN, administrators). A
Panwaslu Kecamatan account sees only the cases of its kecamatan: `case_filter` for queries,
`can_act_on_case`/`ensure_case_in_scope` for one case. A Panwascam account without a kecamatan
(made before the kecamatan became required) sees nothing until an administrator sets one: least
privilege, not its whole kabupaten. The public role has no staff access at all.

BKN and the PPK see a case only once the procedure has put it in their hands (UU PDP: a role
sees what its statutory step needs). BKN: an ASN's case (PNS, PPPK, ASN of unknown status)
forwarded to the ASN-neutrality authority, from FORWARDED on along BKN's path. The PPK: a case of
its region from AWAITING_PPK on. Before that the report holds unverified allegations about the
PPK's own employees and the reporter's words. A closed (or separated) case stays visible to them
only if its history passed through their step. Aggregate counts (recap, maps) use
`aggregate_filter`, which keeps the region scope alone: numbers, no case detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from netra.accounts.models import User
from netra.errors import NetraError
from netra.procedure.roles import SUPERVISORS, Role
from netra.procedure.states import ASN_AUTHORITIES, CaseState, asn_authority_subjects
from netra.regions.models import Agency, Region

if TYPE_CHECKING:
    from netra.cases.models import Case


class CaseNotFoundError(NetraError):
    """The case does not exist or lies outside the viewer's scope; the two are not told apart."""

    code = "not_found"


def is_staff_role(user: User) -> bool:
    return bool(user.is_active and user.role and user.role != Role.PUBLIC.value)


def lacks_kecamatan(user: User) -> bool:
    """A Panwaslu Kecamatan account with no kecamatan: it sees and acts on nothing."""
    return user.role == Role.PANWASCAM.value and user.kecamatan_id is None


def can_act_on(user: User, region: Region) -> bool:
    """Whether `user`'s scope covers `region`."""
    if not is_staff_role(user) or lacks_kecamatan(user):
        return False
    return user.region is None or user.region.covers(region)


def ensure_in_scope(user: User, region: Region) -> None:
    """Raise CaseNotFoundError (a 404, so other regions' cases are not even confirmed to exist)."""
    if not can_act_on(user, region):
        raise CaseNotFoundError("case not found")


def covers(user: User, region: Region, kecamatan: Agency | None) -> bool:
    """Whether `user`'s scope covers a case of `region` and `kecamatan` (None: not named).

    A kecamatan-scoped account covers only its own kecamatan, never a case that names none:
    such a case belongs to the kabupaten/kota office.
    """
    return can_act_on(user, region) and (
        user.kecamatan_id is None or (kecamatan is not None and kecamatan.pk == user.kecamatan_id)
    )


def can_act_on_case(user: User, case: Case) -> bool:
    """Whether `user` may see and act on `case`: region, for Panwascam the kecamatan, and for
    BKN and the PPK whether the procedure has put the case in their hands (`stage_filter`)."""
    return covers(user, case.region, case.kecamatan) and case_in_stage(user, case)


def ensure_case_in_scope(user: User, case: Case) -> None:
    """Raise CaseNotFoundError unless `user` covers `case` (a 404, as `ensure_in_scope`)."""
    if not can_act_on_case(user, case):
        raise CaseNotFoundError("case not found")


def region_ids_within(region: Region) -> list[int]:
    """Ids of `region` and every region inside it (the region table is a few hundred rows)."""
    return list(
        Region.objects.filter(
            Q(code=region.code) | Q(code__startswith=region.code + ".")
        ).values_list("id", flat=True)
    )


_S = CaseState
# BKN's path after Bawaslu forwarded the case: only reachable through FORWARDED.
BKN_PATH_STATES: frozenset[CaseState] = frozenset(
    {
        _S.BKN_VERIFICATION,
        _S.BKN_REJECTED,
        _S.BKN_ANNULLED,
        _S.BKN_NOT_PROVEN,
        _S.ASN_ALREADY_SEPARATED,
        _S.AWAITING_PPK,
        _S.PPK_EXAMINATION,
        _S.BKN_CONTROL_ACTION,
        _S.SANCTION_IMPOSED,
        _S.APPEAL,
    }
)
# The PPK's hands: only reachable through AWAITING_PPK.
PPK_STATES: frozenset[CaseState] = frozenset(
    {_S.AWAITING_PPK, _S.PPK_EXAMINATION, _S.BKN_CONTROL_ACTION, _S.SANCTION_IMPOSED, _S.APPEAL}
)
# States that may or may not have passed through the role's step: the history tells.
_BKN_BY_HISTORY = (_S.FORWARDED, _S.CLOSED)
_PPK_BY_HISTORY = (_S.CLOSED, _S.ASN_ALREADY_SEPARATED)
_ASN_RECIPIENTS = sorted(authority.value for authority in ASN_AUTHORITIES)


def _values(states: frozenset[CaseState] | tuple[CaseState, ...]) -> list[str]:
    return sorted(state.value for state in states)


def _forwarded_to_asn_authority(prefix: str) -> Q:
    """Cases (or, with `prefix`, rows of cases) whose history holds a forwarding to KASN/BKN."""
    from netra.cases.models import CaseTransition

    forwarded = CaseTransition.objects.filter(
        to_state=_S.FORWARDED.value, payload__recipient__in=_ASN_RECIPIENTS
    ).values("case_id")
    return Q(**{f"{prefix}id__in": forwarded})


def _reached_ppk(prefix: str) -> Q:
    from netra.cases.models import CaseTransition

    handed = CaseTransition.objects.filter(to_state=_S.AWAITING_PPK.value).values("case_id")
    return Q(**{f"{prefix}id__in": handed})


def stage_filter(user: User, *, prefix: str = "") -> Q:
    """The Q narrowing BKN and the PPK to the cases the procedure has put in their hands.

    Every other role: no narrowing (Q()).
    """
    state = f"{prefix}state"
    if user.role == Role.BKN_ANALYST.value:
        asn = Q(**{f"{prefix}subject_type__in": sorted(asn_authority_subjects())})
        on_path = Q(**{f"{state}__in": _values(BKN_PATH_STATES)})
        by_history = Q(**{f"{state}__in": _values(_BKN_BY_HISTORY)}) & _forwarded_to_asn_authority(
            prefix
        )
        return asn & (on_path | by_history)
    if user.role == Role.PPK_OFFICER.value:
        in_hands = Q(**{f"{state}__in": _values(PPK_STATES)})
        by_history = Q(**{f"{state}__in": _values(_PPK_BY_HISTORY)}) & _reached_ppk(prefix)
        return in_hands | by_history
    return Q()


def case_in_stage(user: User, case: Case) -> bool:
    """`stage_filter` for one case already loaded (the history is read only when it decides)."""
    if user.role not in (Role.BKN_ANALYST.value, Role.PPK_OFFICER.value):
        return True
    from netra.cases.models import Case as CaseModel

    return CaseModel.objects.filter(stage_filter(user), pk=case.pk).exists()


def region_filter(user: User, *, field: str = "region") -> Q:
    """The Q a case query needs so `user` sees only their scope (nothing for non-staff).

    The scope is resolved to region ids first, so the case query filters on its own indexed
    `region_id` instead of joining the region table for every case (see bench/cases_recap.py).
    """
    if not is_staff_role(user) or lacks_kecamatan(user):
        return Q(pk__in=[])
    if user.region is None:
        return Q()
    return Q(**{f"{field}_id__in": region_ids_within(user.region)})


def case_filter(user: User, *, prefix: str = "") -> Q:
    """The Q a query on cases (or, with `prefix="case__"`, on rows of a case) needs for `user`.

    `aggregate_filter`, narrowed for BKN and the PPK to the cases in their hands
    (`stage_filter`). Every view, export, download and notice of a case's detail uses it.
    """
    return aggregate_filter(user, prefix=prefix) & stage_filter(user, prefix=prefix)


def aggregate_filter(user: User, *, prefix: str = "") -> Q:
    """The scope of counts (recap, maps): the region, and the kecamatan of a Panwascam account.

    Only for queries that show numbers, never a case's detail: BKN and the PPK count every case
    of their scope, as the recap showed them before the stage narrowing.
    """
    scope = region_filter(user, field=f"{prefix}region")
    if is_staff_role(user) and user.kecamatan_id is not None:
        scope &= Q(**{f"{prefix}kecamatan_id": user.kecamatan_id})
    return scope


def can_see_reporter(user: User, region: Region) -> bool:
    """Reporter identity is for the supervisors (Bawaslu tiers) of the case's region only."""
    try:
        role = Role(user.role)
    except ValueError:
        return False
    return role in SUPERVISORS and can_act_on(user, region)


def can_read_originals(user: User, region: Region) -> bool:
    """Original evidence files (with EXIF GPS and device data) follow the reporter's masking."""
    return can_see_reporter(user, region)
