"""The demo's WhatsApp tipline: the fake Cloud API (netra.monitoring.core.fake_whatsapp) delivers
the bundled messages (examples/tipline-whatsapp-demo.json) signed to the webhook of a running
server, and the outbox sends the replies back to it, as `make demo` wires them."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from netra.monitoring.core.fake_whatsapp import FakeWhatsApp, read_payloads
from netra.monitoring.models import Group, OutboxStatus, Tip
from netra.monitoring.services import accept_group
from netra.monitoring.tiplines import send_outbox
from tests.monitoring.conftest import NOW, ingest_posts_as_jsonl

ROOT = Path(__file__).resolve().parents[2]
SECRET = "netra-demo-app-secret"  # noqa: S105 -- the demo's public fake values
ACCESS = "netra-demo-access"
NUMBER = "100200300"


@pytest.fixture
def fake(settings, tmp_path) -> Iterator[FakeWhatsApp]:
    server = FakeWhatsApp(ACCESS, NUMBER, log_path=tmp_path / "fake-whatsapp.jsonl")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NETRA_WHATSAPP_APP_SECRET = SECRET
    settings.NETRA_WHATSAPP_VERIFY_TOKEN = "netra-demo-verify"  # noqa: S105
    settings.NETRA_WHATSAPP_ACCESS_TOKEN = ACCESS
    settings.NETRA_WHATSAPP_PHONE_NUMBER_ID = NUMBER
    settings.NETRA_WHATSAPP_API_BASE = server.base_url
    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = ""
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_the_demo_script_points_the_whatsapp_tipline_at_the_fake_server():
    script = (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")
    assert f'NETRA_WHATSAPP_APP_SECRET="{SECRET}"' in script
    assert f'NETRA_WHATSAPP_ACCESS_TOKEN="{ACCESS}"' in script
    assert f'NETRA_WHATSAPP_PHONE_NUMBER_ID="{NUMBER}"' in script
    assert 'NETRA_WHATSAPP_API_BASE="http://127.0.0.1:$WHATSAPP_PORT"' in script
    assert "-m netra.monitoring.core.fake_whatsapp" in script
    assert "--messages examples/tipline-whatsapp-demo.json" in script


def test_a_payload_signed_with_another_secret_is_refused(live_server, fake, db):
    payloads = read_payloads(ROOT / "examples" / "tipline-whatsapp-demo.json")
    webhook = f"{live_server.url}/tipline/whatsapp/"
    assert fake.deliver(webhook, "not-the-secret", payloads[:1], wait_s=5) == [403]
    assert not Tip.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_demo_messages_reach_the_queue_and_their_senders_get_the_replies(
    live_server, fake, regions, cast, elections
):
    records = [
        json.loads(line)
        for line in (ROOT / "examples" / "monitoring-posts.jsonl").read_text("utf-8").splitlines()
    ]
    ingest_posts_as_jsonl(records, source="contoh impor")  # the demo's bundled import
    payloads = read_payloads(ROOT / "examples" / "tipline-whatsapp-demo.json")
    webhook = f"{live_server.url}/tipline/whatsapp/"
    assert fake.deliver(webhook, SECRET, payloads, wait_s=5) == [200, 200]

    tips = list(Tip.objects.select_related("item__group").order_by("id"))
    assert [tip.chat_id for tip in tips] == ["6281211110001", "6281211110002"]
    for tip in tips:
        assert tip.item is not None
        assert tip.item.group.items.filter(source__name="contoh impor").exists()

    assert (send_outbox(now=timezone.now()).sent, len(fake.sent)) == (2, 2)
    for tip in tips:
        assert any(tip.tracking_code in text for text in fake.replies_to(tip.chat_id))

    group = Group.objects.get(pk=tips[1].item.group_id)  # type: ignore[union-attr]
    accept_group(
        group, actor=cast["panwas_bogor"], election=elections["bogor"], now=NOW, today=NOW.date()
    )
    assert send_outbox(now=timezone.now()).sent == 1
    assert "temuan" in fake.replies_to("6281211110002")[-1]
    assert tips[1].replies.filter(status=OutboxStatus.SENT).count() == 2

    lines = (fake.log_path or Path()).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["direction"] for line in lines] == ["in", "in", "out", "out", "out"]
    with urllib.request.urlopen(f"{fake.base_url}/log.json") as response:  # noqa: S310
        assert len(json.load(response)["messages"]) == 5
    with urllib.request.urlopen(f"{fake.base_url}/") as response:  # noqa: S310
        page = response.read().decode()
    assert "WhatsApp palsu (demo)" in page
    assert "Obrolan 6281211110002" in page
    assert tips[1].tracking_code in page
