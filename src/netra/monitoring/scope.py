"""Who may see and triage which monitoring groups.

A group belongs to a region (the region named in its flagged text, else the one its record or
source gave) or, without one, to the national desk. Staff see the groups of their region and
everything inside it; nationwide staff also see the national ones. Authors (handles and names)
are personal data: only the supervisors (Panwascam and Bawaslu tiers) see them.
"""

from __future__ import annotations

from django.db.models import Q

from netra.accounts.models import User
from netra.cases.scope import is_staff_role, region_ids_within
from netra.errors import NetraError
from netra.monitoring.models import Group
from netra.procedure.roles import SUPERVISORS, Role


class GroupNotFoundError(NetraError):
    """The group does not exist or lies outside the viewer's scope; the two are not told apart."""

    code = "not_found"


def _role(user: User) -> Role | None:
    try:
        return Role(user.role)
    except ValueError:
        return None


def can_triage(user: User) -> bool:
    """Accepting, dismissing and folding groups is the supervisors' work."""
    return is_staff_role(user) and _role(user) in SUPERVISORS


def can_see_authors(user: User) -> bool:
    return can_triage(user)


# BKN and the PPK act on a case only once Bawaslu has decided and forwarded it (cases.scope): a
# monitoring group is an unverified lead before any registration, so it is none of theirs.
_NO_MONITORING = frozenset({Role.BKN_ANALYST, Role.PPK_OFFICER})


def sees_monitoring(user: User) -> bool:
    """Whether the role may see the monitoring queue at all (not BKN, not the PPK)."""
    return is_staff_role(user) and _role(user) not in _NO_MONITORING


def group_filter(user: User, *, field: str = "region") -> Q:
    """The Q a group query needs so `user` sees only their scope (nothing for non-staff)."""
    if not sees_monitoring(user):
        return Q(pk__in=[])
    if user.region is None:
        return Q()
    return Q(**{f"{field}_id__in": region_ids_within(user.region)})


def ensure_group_in_scope(user: User, group: Group) -> None:
    """Raise GroupNotFoundError (a 404) unless `user`'s scope covers the group."""
    if not sees_monitoring(user):
        raise GroupNotFoundError("group not found")
    if user.region is None:
        return
    if group.region is None or not user.region.covers(group.region):
        raise GroupNotFoundError("group not found")
