"""The letters' background work (django-tasks, database backend; `netra worker` runs it)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def store_status_notice_task(step_id: int) -> dict[str, object]:
    """Store the pemberitahuan status laporan of one public step (queued by the step itself)."""
    from netra.documents.services import store_status_notice

    document = store_status_notice(step_id, now=timezone.now())
    return {"step": step_id, "document": document.pk if document else None}


@task()
def store_missing_status_notices_task() -> dict[str, int]:
    """Store the notices of public steps that have none (steps from before the letters were
    stored, or whose queued task was lost); a periodic backstop of `store_status_notice_task`."""
    from netra.documents.services import steps_without_status_notice, store_status_notice

    stored = 0
    for step_id in steps_without_status_notice():
        stored += store_status_notice(step_id, now=timezone.now()) is not None
    return {"stored": stored}
