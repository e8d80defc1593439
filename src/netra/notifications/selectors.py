"""Reads on the outbox."""

from __future__ import annotations

from django.db.models import QuerySet

from netra.notifications.models import Notification


def notifications_about(case_id: int) -> QuerySet[Notification]:
    """The messages about one case, oldest first; callers decide who may see the recipients."""
    return Notification.objects.filter(case_id=case_id).order_by("created_at", "id")
