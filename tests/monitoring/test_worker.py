"""The background tasks (django-tasks, database backend) and `netra worker`, against a feed
served on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from netra.cli import app
from netra.monitoring.models import Item, OutboundMessage, OutboxStatus, Source
from netra.monitoring.services import add_feed
from netra.monitoring.tasks import (
    Periodic,
    analyze_pending_task,
    enqueue_due,
    poll_feeds_task,
    send_outbox_task,
)
from netra.notifications.models import Channel, DeliveryStatus, Notification
from tests.monitoring.conftest import BOGOR_POST, NOW, ingest_posts_as_jsonl
from tests.monitoring.test_feeds import feed_server  # noqa: F401 -- the fixture

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def test_the_poll_task_ingests_every_feed_and_names_the_one_that_failed(feed_server):  # noqa: F811
    add_feed("hidup", url=f"{feed_server}/feed.rss")
    add_feed("mati", url=f"{feed_server}/hilang.rss")
    summary = poll_feeds_task.call()
    assert summary["feeds"] == 2
    assert summary["new_items"] == 2
    assert "HTTP 404" in summary["failed"]["mati"]  # type: ignore[index]
    assert Item.objects.count() == 2


def test_the_analysis_task_makes_every_deferred_full_reading(regions):
    ingest_posts_as_jsonl(
        [{"id": str(n), "text": f"{BOGOR_POST} ({n})"} for n in range(3)]
        + [{"id": "q", "text": "Cuaca cerah di Bogor hari ini"}]
    )
    assert Item.objects.filter(is_analysis_pending=True).count() == 3
    assert analyze_pending_task.call() == {"analyzed": 3}
    assert not Item.objects.filter(is_analysis_pending=True).exists()
    assert all(item.analysis["findings"] for item in Item.objects.filter(is_violation=True))
    assert analyze_pending_task.call() == {"analyzed": 0}


def test_the_outbox_task_retries_a_reply_it_cannot_send():
    OutboundMessage.objects.create(
        channel="telegram", chat_id="1", text="halo", next_attempt_at=NOW, created_at=NOW
    )
    summary = send_outbox_task.call()  # no bot token
    assert summary == {
        "sent": 0,
        "retrying": 1,
        "failed": 0,
        "window_closed": 0,
        "files_stored": 0,
        "files_retrying": 0,
        "files_failed": 0,
    }
    message = OutboundMessage.objects.get()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1


def test_a_periodic_task_is_enqueued_when_due_and_not_while_one_waits():
    schedule = [Periodic(poll_feeds_task, timedelta(minutes=5))]
    last: dict[str, object] = {}
    assert enqueue_due(schedule, now=NOW, last=last) == [poll_feeds_task.module_path]  # type: ignore[arg-type]
    assert enqueue_due(schedule, now=NOW + timedelta(minutes=1), last=last) == []  # type: ignore[arg-type]
    # Due again, but the first is still waiting for a worker: no second copy.
    assert enqueue_due(schedule, now=NOW + timedelta(minutes=6), last=last) == []  # type: ignore[arg-type]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    never = [Periodic(send_outbox_task, timedelta(0))]
    assert enqueue_due(never, now=NOW, last={}) == []


def test_a_task_left_running_by_a_killed_worker_does_not_block_the_schedule():
    schedule = [Periodic(poll_feeds_task, timedelta(minutes=5))]
    enqueue_due(schedule, now=NOW, last={})
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=NOW)
    assert enqueue_due(schedule, now=NOW + timedelta(minutes=30), last={}) == []  # still running
    later = NOW + timedelta(hours=2)
    assert enqueue_due(schedule, now=later, last={}) == [poll_feeds_task.module_path]


def test_worker_once_polls_the_feed_and_records_the_results(feed_server):  # noqa: F811
    add_feed("hidup", url=f"{feed_server}/feed.rss")
    result = CliRunner().invoke(app, ["worker", "--once", "--archive-every", "0"])
    assert result.exit_code == 0, result.output
    assert "enqueued poll_feeds_task" in result.output
    assert Item.objects.count() == 2
    done = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
    assert sorted(r.task_path.rsplit(".", 1)[1] for r in done) == [
        "analyze_pending_task",
        "deliver_notifications_task",
        "poll_feeds_task",
        "send_outbox_task",
        "store_missing_status_notices_task",  # the status letters' backstop (netra.documents)
    ]
    assert Source.objects.get(name="hidup").last_polled_at is not None


def test_one_worker_also_delivers_the_case_notifications(mailoutbox):
    queued = Notification.objects.create(
        channel=Channel.EMAIL,
        recipient="siti@example.org",
        subject="Laporan Anda diterima",
        body="Nomor laporan 001",
        kind="reporter.receipt",
        created_at=NOW,
    )
    waiting = Notification.objects.create(
        channel=Channel.EMAIL,
        recipient="budi@example.org",
        subject="Coba lagi",
        body="-",
        kind="reporter.receipt",
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(minutes=5),  # failed once, not due yet
        created_at=NOW,
    )
    result = CliRunner().invoke(
        app, ["worker", "--once", "--feeds-every", "0", "--archive-every", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "enqueued deliver_notifications_task" in result.output
    queued.refresh_from_db()
    waiting.refresh_from_db()
    assert queued.status == DeliveryStatus.SENT
    assert waiting.status == DeliveryStatus.QUEUED
    assert [message.to for message in mailoutbox] == [["siti@example.org"]]
    summary = DBTaskResult.objects.get(task_path__endswith="deliver_notifications_task")
    assert summary.return_value == {"sent": 1, "still_queued": 1, "failed": 0}


def test_the_worker_process_polls_on_schedule_and_stops_cleanly_on_sigterm(
    feed_server,  # noqa: F811
    tmp_path,
):
    env = os.environ | {
        "NETRA_DEMO": "1",
        "NETRA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "netra.web.settings",
    }
    env.pop("NETRA_DATABASE_URL", None)
    netra = [sys.executable, "-c", "from netra.cli import main; main()"]
    setup = [*netra, "setup", "--no-regions"]
    subprocess.run(setup, env=env, check=True, capture_output=True)  # noqa: S603 -- fixed argv
    add = [*netra, "feeds", "add", "uji", f"{feed_server}/feed.rss"]
    subprocess.run(add, env=env, check=True)  # noqa: S603 -- fixed argv
    worker = subprocess.Popen(  # noqa: S603 -- fixed argv
        [*netra, "worker", "--feeds-every", "1", "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        database = tmp_path / "netra.sqlite3"
        deadline = time.monotonic() + 60
        items = 0
        while time.monotonic() < deadline and not items:
            time.sleep(0.5)
            with sqlite3.connect(database) as db:
                items = db.execute("SELECT count(*) FROM monitoring_item").fetchone()[0]
        assert items == 2
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
    assert worker.returncode == 0, output
    assert output.rstrip().endswith("netra worker: stopped")


def test_outbox_send_is_reachable_beside_the_notifications_commands():
    result = CliRunner().invoke(app, ["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sent 0, retrying 0, failed 0"
    assert CliRunner().invoke(app, ["outbox", "deliver", "--help"]).exit_code == 0
