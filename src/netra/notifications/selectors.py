"""Reads on the outbox."""

from __future__ import annotations

from django.db.models import QuerySet

from netra.accounts.models import User
from netra.notifications.models import Channel, Notification


def notifications_about(case_id: int) -> QuerySet[Notification]:
    """The messages about one case, oldest first; callers decide who may see the recipients."""
    return Notification.objects.filter(case_id=case_id).order_by("created_at", "id")


# Notices to the reporter are queued with kinds "reporter.<step>" (netra.cases.notices); the
# supervisors' own ("staff.new_case", ...) are about the case too but were never sent to them.
REPORTER_KIND_PREFIX = "reporter."


def messages_to_reporter(case_id: int) -> QuerySet[Notification]:
    """The notices sent to the case's reporter, oldest first (not the staff's own notices)."""
    return notifications_about(case_id).filter(kind__startswith=REPORTER_KIND_PREFIX)


IN_APP_LIMIT = 100


def in_app_for(user: User) -> list[Notification]:
    """The staff member's own messages in the desk, newest first."""
    return list(
        Notification.objects.filter(user=user, channel=Channel.IN_APP).order_by(
            "-created_at", "-id"
        )[:IN_APP_LIMIT]
    )
