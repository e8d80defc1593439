"""Reads for the staff desk, built on netra.cases.selectors (which applies the region scope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet

from netra.accounts.models import User
from netra.audit.models import AuditEvent
from netra.cases.models import Case
from netra.cases.permissions import STEP_ROLES, Action, may, takes_steps
from netra.cases.scope import can_act_on_case
from netra.cases.selectors import CaseDetail, cases_visible_to
from netra.errors import NetraError
from netra.notifications.models import Notification
from netra.notifications.selectors import messages_to_reporter
from netra.procedure import CaseState, Role
from netra.procedure.deadlines import DUE_SOON_DAYS
from netra.procedure.reopening import check_reopening
from netra.procedure.transitions import check_opening
from netra.regions.models import Agency, Region, RegionLevel
from netra.regions.selectors import kecamatan_of


@dataclass(frozen=True, slots=True)
class InboxFilter:
    state: str = ""
    deadline: str = ""  # overdue | due_soon | ok | none
    region: Region | None = None
    category: int | None = None
    mine: bool = False
    search: str = ""
    kecamatan: Agency | None = None


def inbox(viewer: User, filters: InboxFilter, *, today: date) -> QuerySet[Case]:
    """The viewer's cases, overdue first and undated last; scoped by `cases_visible_to`."""
    cases = cases_visible_to(
        viewer,
        region=filters.region,
        state=filters.state or None,
        category=filters.category,
        search=filters.search or None,
        kecamatan=filters.kecamatan,
    ).select_related("assigned_to")
    soon = today + timedelta(days=DUE_SOON_DAYS)
    if filters.deadline == "overdue":
        cases = cases.filter(deadline_on__lt=today)
    elif filters.deadline == "due_soon":
        cases = cases.filter(deadline_on__gte=today, deadline_on__lte=soon)
    elif filters.deadline == "ok":
        cases = cases.filter(deadline_on__gt=soon)
    elif filters.deadline == "none":
        cases = cases.filter(deadline_on__isnull=True)
    if filters.mine:
        cases = cases.filter(assigned_to=viewer)
    # Overdue first (the oldest deadline at the top), then due today, then the nearest deadline;
    # cases without a deadline last. SQLite and PostgreSQL put NULLs at opposite ends by default.
    return cases.order_by(F("deadline_on").asc(nulls_last=True), "-created_at", "-id")


def kecamatan_for(viewer: User) -> list[Agency]:
    """The kecamatan a kabupaten/kota office may filter its inbox by (none for other viewers)."""
    if viewer.region is None or viewer.kecamatan_id is not None:
        return []
    if viewer.region.level == RegionLevel.PROVINCE:
        return []
    return list(kecamatan_of(viewer.region))


def regions_for(viewer: User) -> QuerySet[Region]:
    """The regions the viewer may filter by: their own scope."""
    regions = Region.objects.all()
    if viewer.region is not None:
        code = viewer.region.code
        regions = regions.filter(Q(code=code) | Q(code__startswith=code + "."))
    return regions.order_by("code")


def assignable_users(case: Case) -> list[User]:
    """Active staff whose scope covers the case and whose role takes steps of the procedure:
    the only people `assign_case` accepts."""
    staff = User.objects.filter(is_active=True).exclude(role="").exclude(role=Role.PUBLIC.value)
    return [
        user
        for user in staff.select_related("region")
        if takes_steps(user) and can_act_on_case(user, case)
    ]


def staff_in_scope(viewer: User) -> list[User]:
    """Active staff the viewer may hand cases to in bulk: nationwide ones and those inside the
    viewer's region (`assign_case` still checks each case against the assignee's scope)."""
    staff = User.objects.filter(
        is_active=True, role__in=[role.value for role in STEP_ROLES]
    )  # those who take steps of the procedure; `assign_case` refuses the others
    if viewer.region is not None:
        code = viewer.region.code
        staff = staff.filter(
            Q(region__isnull=True) | Q(region__code=code) | Q(region__code__startswith=code + ".")
        )
    return list(staff.select_related("region").order_by("username"))


# The services' own table (netra.cases.permissions), read here so the page shows each form only
# to those the service accepts.
def can_classify(viewer: User) -> bool:
    return may(viewer, Action.CLASSIFY)


def can_assign(viewer: User) -> bool:
    return may(viewer, Action.ASSIGN)


def can_enter_cases(viewer: User) -> bool:
    """Whether the procedure lets this role open a temuan (supervisors do; others do not)."""
    try:
        check_opening(CaseState.FINDING_RECORDED, Role(viewer.role))
    except (ValueError, NetraError):
        return False
    return True


def can_reopen(viewer: User, case: Case) -> bool:
    """Whether the reopening rules of the procedure let this viewer reopen the case now."""
    try:
        check_reopening(case.state, viewer.role, "reason")
    except (ValueError, NetraError):
        return False
    return can_act_on_case(viewer, case)


def can_add_evidence(viewer: User) -> bool:
    return may(viewer, Action.ADD_EVIDENCE)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # "transition" or an audit action such as "case.classify"
    actor: str
    state: str = ""
    from_state: str = ""
    deadline_on: date | None = None
    note: str = ""
    payload: dict[str, Any] | None = None


# Audit actions shown besides the transitions (which carry their own richer record).
_TIMELINE_ACTIONS = ("case.classify", "case.assign", "case.add_evidence", "document.generate")


def timeline(detail: CaseDetail) -> list[TimelineEntry]:
    """The case's history: its transitions plus the other audited acts on it, oldest first."""
    entries = [
        TimelineEntry(
            at=step.at,
            kind="transition",
            actor=step.actor.username if step.actor else "",
            state=step.to_state,
            from_state=step.from_state,
            deadline_on=step.deadline_on,
            note=step.note,
            payload=dict(step.payload),
        )
        for step in detail.transitions
    ]
    events = AuditEvent.objects.filter(
        object_type="cases.case", object_id=str(detail.case.pk), action__in=_TIMELINE_ACTIONS
    )
    entries.extend(
        TimelineEntry(
            at=event.at, kind=event.action, actor=event.actor_label, payload=event.after or {}
        )
        for event in events
    )
    return sorted(entries, key=lambda entry: entry.at)


def notices_for(detail: CaseDetail) -> list[Notification]:
    """The messages sent to the case's reporter (the viewer already sees the case; no recipients
    shown); the staff's own notices about the case are in each one's notification list."""
    return list(messages_to_reporter(detail.case.pk))
