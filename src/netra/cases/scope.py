"""Region scope: who may see and act on which region's cases.

A staff member with a region sees that region and everything inside it (Bawaslu Provinsi sees its
kabupaten/kota); one without a region is nationwide (Bawaslu RI, BKN, administrators). A
Panwaslu Kecamatan account sees only the cases of its kecamatan: `case_filter` for queries,
`can_act_on_case`/`ensure_case_in_scope` for one case. A Panwascam account without a kecamatan
(made before the kecamatan became required) sees nothing until an administrator sets one: least
privilege, not its whole kabupaten. The public role has no staff access at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from netra.accounts.models import User
from netra.errors import NetraError
from netra.procedure.roles import SUPERVISORS, Role
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
    """Whether `user` may see and act on `case` (region and, for Panwascam, kecamatan)."""
    return covers(user, case.region, case.kecamatan)


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

    `region_filter` on the case's region, narrowed to the account's kecamatan when it has one.
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
