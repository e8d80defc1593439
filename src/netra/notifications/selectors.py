"""Reads on the outbox."""

from __future__ import annotations

from django.db.models import QuerySet

from netra.accounts.models import User
from netra.notifications.models import Channel, Notification


def notifications_about(case_id: int) -> QuerySet[Notification]:
    """The messages about one case, oldest first; callers decide who may see the recipients."""
    return Notification.objects.filter(case_id=case_id).order_by("created_at", "id")


IN_APP_LIMIT = 100


def in_app_for(user: User) -> list[Notification]:
    """The staff member's own messages in the desk, newest first."""
    return list(
        Notification.objects.filter(user=user, channel=Channel.IN_APP).order_by(
            "-created_at", "-id"
        )[:IN_APP_LIMIT]
    )
