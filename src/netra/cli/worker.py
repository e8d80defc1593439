"""`netra worker`: the background tasks (django-tasks, database backend) in one process.

Django is set up lazily inside the command (as in netra.cli.web).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from types import FrameType
from typing import Annotated, Any

import typer

from netra.cli.web import _django

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def worker(
    feeds_every: Annotated[
        int, typer.Option(help="Poll the news feeds every this many seconds (0 = never).", min=0)
    ] = 300,
    outbox_every: Annotated[
        int,
        typer.Option(help="Send due tipline replies every this many seconds (0 = never).", min=0),
    ] = 30,
    notifications_every: Annotated[
        int,
        typer.Option(
            help="Send queued messages to reporters and staff (e-mail, SMS) every this many "
            "seconds (0 = never).",
            min=0,
        ),
    ] = 60,
    analyze_every: Annotated[
        int,
        typer.Option(
            help="Make the flagged items' deferred full readings every this many seconds "
            "(0 = never).",
            min=0,
        ),
    ] = 30,
    archive_every: Annotated[
        int,
        typer.Option(
            help="Archive accepted groups' pages every this many seconds (0 = never).", min=0
        ),
    ] = 3600,
    letters_every: Annotated[
        int,
        typer.Option(
            help="Store the status letters of public steps that lack one every this many "
            "seconds (0 = never); each step also queues its own.",
            min=0,
        ),
    ] = 600,
    interval: Annotated[
        float, typer.Option(help="Seconds between looks at the queue when it is empty.", min=0.1)
    ] = 1.0,
    once: Annotated[
        bool, typer.Option("--once", help="Enqueue what is due, run the queue empty, and exit.")
    ] = False,
) -> None:
    """Run queued tasks and enqueue the periodic ones when they fall due: feeds, the tipline
    (photos in, replies out), the outbox to reporters and staff, deferred analyses, archiving,
    and the status letters of public steps (queued by each step; missing ones swept up).
    SIGTERM or Ctrl-C: the running task finishes, then the worker exits 0."""
    _django()
    from datetime import datetime, timedelta

    from django.utils import timezone
    from django_tasks_db.management.commands.db_worker import Worker

    from netra.documents.tasks import store_missing_status_notices_task
    from netra.monitoring.services import ingest_process
    from netra.monitoring.tasks import (
        Periodic,
        analyze_pending_task,
        archive_accepted_task,
        enqueue_due,
        poll_feeds_task,
        send_outbox_task,
    )
    from netra.notifications.tasks import deliver_notifications_task

    schedule = [
        Periodic(poll_feeds_task, timedelta(seconds=feeds_every)),
        Periodic(send_outbox_task, timedelta(seconds=outbox_every)),
        Periodic(deliver_notifications_task, timedelta(seconds=notifications_every)),
        Periodic(analyze_pending_task, timedelta(seconds=analyze_every)),
        Periodic(archive_accepted_task, timedelta(seconds=archive_every)),
        Periodic(store_missing_status_notices_task, timedelta(seconds=letters_every)),
    ]
    stop = threading.Event()
    current: list[Any] = []

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()
        for running in current:
            running.running = False  # finish the task in hand, take no other

    previous = {signum: signal.signal(signum, request_stop) for signum in STOP_SIGNALS}
    # The database worker says "Starting worker" at every look at an empty queue: not news.
    logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
    with ingest_process():
        typer.echo(
            f"netra worker {os.getpid()}: feeds every {feeds_every} s, tipline every "
            f"{outbox_every} s, notifications every {notifications_every} s, analyses every "
            f"{analyze_every} s, archive every {archive_every} s, missing status letters every "
            f"{letters_every} s"
        )
        last: dict[str, datetime] = {}
        while not stop.is_set():
            for name in enqueue_due(schedule, now=timezone.now(), last=last):
                typer.echo(f"enqueued {name.rsplit('.', 1)[-1]}")
            runner = Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=f"netra-{os.getpid()}",
                excluded_queue_names=[],
            )
            current[:] = [runner]
            runner.run()
            if once:
                break
            stop.wait(interval)
    for signum, handler in previous.items():
        signal.signal(signum, handler)
    typer.echo("netra worker: stopped")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command()(worker)
