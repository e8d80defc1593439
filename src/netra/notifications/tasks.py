"""The outbox's delivery as a task (django-tasks, database backend), run by `netra worker`
beside the monitoring desk's tasks: one worker serves every outbox."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def deliver_notifications_task() -> dict[str, int]:
    """Send the due messages to reporters and staff (netra outbox deliver)."""
    from netra.notifications.services import deliver_outbox

    run = deliver_outbox(now=timezone.now())
    return {"sent": run.sent, "still_queued": run.still_queued, "failed": run.failed}
