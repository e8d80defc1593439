"""The demo's tipline: the fake Telegram Bot API (netra.monitoring.core.fake_telegram) delivers the
bundled tips (examples/tipline-demo.json) to the webhook of a running server, and the outbox
sends the bot's replies back to it, as `make demo` wires them (scripts/demo.sh)."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from netra.monitoring.core.fake_telegram import FakeTelegram, read_updates
from netra.monitoring.models import Group, OutboxStatus, Tip
from netra.monitoring.services import dismiss_group
from netra.monitoring.tiplines import WELCOME, send_outbox
from tests.monitoring.conftest import ingest_posts_as_jsonl

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEMO_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "demo.sh"
TOKEN = "123456:netra-demo"  # noqa: S105 -- the demo's public fake token
SECRET = "netra-demo-webhook"  # noqa: S105


@pytest.fixture
def fake(settings, tmp_path) -> Iterator[FakeTelegram]:
    server = FakeTelegram(TOKEN, log_path=tmp_path / "fake-telegram.jsonl")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NETRA_TELEGRAM_BOT_TOKEN = TOKEN
    settings.NETRA_TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.NETRA_TELEGRAM_API_BASE = server.base_url
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_the_demo_script_points_the_tipline_at_the_fake_server():
    script = DEMO_SCRIPT.read_text(encoding="utf-8")
    assert f'NETRA_TELEGRAM_BOT_TOKEN="{TOKEN}"' in script
    assert f'NETRA_TELEGRAM_WEBHOOK_SECRET="{SECRET}"' in script
    assert 'NETRA_TELEGRAM_API_BASE="http://127.0.0.1:$TELEGRAM_PORT"' in script
    assert "-m netra.monitoring.core.fake_telegram" in script
    assert "--updates examples/tipline-demo.json" in script


@pytest.mark.django_db(transaction=True)
def test_the_demo_tips_reach_the_queue_and_their_senders_get_the_replies(
    live_server, fake, regions, cast
):
    records = [
        json.loads(line)
        for line in (EXAMPLES / "monitoring-posts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    ingest_posts_as_jsonl(records, source="contoh impor")  # the demo's bundled import
    updates = read_updates(EXAMPLES / "tipline-demo.json")
    webhook = f"{live_server.url}/tipline/telegram/"
    assert fake.deliver(webhook, SECRET, updates, wait_s=5) == [200] * len(updates)

    tips = list(Tip.objects.select_related("item__group").order_by("id"))
    assert len(tips) == 2  # "/start" is answered, not filed
    for tip in tips:
        assert tip.item is not None
        # each joined the group of a post of the bundled import
        assert tip.item.group.items.filter(source__name="contoh impor").exists()

    run = send_outbox(now=timezone.now())
    assert (run.sent, run.failed) == (3, 0)  # a welcome and two tracking codes
    assert fake.replies_to("7001")[0] == WELCOME
    for tip in tips:
        assert any(tip.tracking_code in text for text in fake.replies_to(tip.chat_id))

    group = Group.objects.get(pk=tips[0].item.group_id)  # type: ignore[union-attr]
    dismiss_group(group, actor=cast["bawaslu_ri"], reason="sudah ditangani", now=timezone.now())
    assert send_outbox(now=timezone.now()).sent == 1
    assert "tidak ditindaklanjuti" in fake.replies_to("7001")[-1]
    assert tips[0].replies.filter(status=OutboxStatus.SENT).count() == 2

    # The citizens' side: the log file, the JSON and the page of the fake server.
    lines = (fake.log_path or Path()).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["direction"] for line in lines].count("in") == 3
    with urllib.request.urlopen(f"{fake.base_url}/log.json") as response:  # noqa: S310
        assert len(json.load(response)["messages"]) == 3 + 4
    with urllib.request.urlopen(f"{fake.base_url}/") as response:  # noqa: S310
        page = response.read().decode()
    assert "Obrolan 7001" in page
    assert tips[0].tracking_code in page
