"""The monitoring desk's background work as tasks (django-tasks, database backend).

`netra worker` runs them: it enqueues each periodic task when it falls due (unless one is still
waiting) and executes whatever is queued. A task returns a small JSON summary, kept with its
result in the database; failures of one feed or one message are recorded where they belong
(the source's `last_error`, the message's retry schedule), so a task fails only on a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


@task()
def poll_feeds_task() -> dict[str, object]:
    """Poll every active feed (netra feeds poll)."""
    from netra.monitoring.services import poll_feeds

    results = poll_feeds(now=timezone.now())
    return {
        "feeds": len(results),
        "new_items": sum(r.ingest.new_items for r in results if r.ingest is not None),
        "failed": {r.source.name: r.error for r in results if r.ingest is None},
        "articles_not_read": [problem for r in results for problem in r.article_problems],
    }


@task()
def send_outbox_task() -> dict[str, int]:
    """Download the due tipline photos, videos and documents, then send the due tipline replies
    (netra outbox send); the files_* counts cover all three."""
    from netra.monitoring.tiplines import fetch_tip_files, send_outbox

    files = fetch_tip_files(now=timezone.now())
    run = send_outbox(now=timezone.now())
    return {
        "sent": run.sent,
        "retrying": run.retrying,
        "failed": run.failed,
        "window_closed": run.window_closed,
        "files_stored": files.stored,
        "files_retrying": files.retrying,
        "files_failed": files.failed,
    }


ANALYSES_PER_RUN = 5_000


@task()
def analyze_pending_task() -> dict[str, int]:
    """Make the full readings the ingest deferred (evidence spans, norms, sanctions of flagged
    items), oldest first, at most ANALYSES_PER_RUN a run; the next run takes the rest."""
    from netra.monitoring.services import analyze_pending

    done = 0
    while done < ANALYSES_PER_RUN and (count := analyze_pending()):
        done += count
    return {"analyzed": done}


@task()
def archive_accepted_task() -> dict[str, int]:
    """Capture the pages of accepted groups' items not yet captured, with screenshots where a
    headless chromium is installed (netra archive)."""
    from netra.monitoring.services import archive_group, groups_to_archive, screenshotter

    now, shoot = timezone.now(), screenshotter()
    captures = [
        capture
        for group in groups_to_archive()
        for capture in archive_group(group, now=now, screenshot=shoot)
    ]
    return {
        "captured": sum(1 for c in captures if not c.error),
        "failed": sum(1 for c in captures if c.error),
    }


STALE_RUNNING = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Periodic:
    """A task the worker enqueues every `every` (0 = never)."""

    task: Task[[], Any]
    every: timedelta


def enqueue_due(schedule: list[Periodic], *, now: datetime, last: dict[str, datetime]) -> list[str]:
    """Enqueue each periodic task whose time has come and that is not already waiting; `last`
    (task name -> when it was last enqueued) is updated. Returns the names enqueued."""
    enqueued = []
    for periodic in schedule:
        name = periodic.task.module_path
        if not periodic.every or (name in last and now - last[name] < periodic.every):
            continue
        # A task marked running for longer than that belonged to a worker that was killed.
        waiting = DBTaskResult.objects.filter(task_path=name).filter(
            Q(status=TaskResultStatus.READY)
            | Q(status=TaskResultStatus.RUNNING, started_at__gte=now - STALE_RUNNING)
        )
        if not waiting.exists():
            periodic.task.enqueue()
            enqueued.append(name)
        last[name] = now
    return enqueued
