"""The Telegram tipline against a fake Bot API on 127.0.0.1: webhook secret, tracking code,
grouping with other posts, status pushed back, retries."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from netra.monitoring.core.telegram import TelegramError, read_update
from netra.monitoring.models import Group, Item, OutboundMessage, Tip
from netra.monitoring.services import accept_group, dismiss_group
from netra.monitoring.tiplines import MAX_ATTEMPTS, send_outbox, telegram_sender
from tests.monitoring.conftest import BOGOR_POST, NOW

TOKEN = "123:uji"  # noqa: S105 -- the fake platform's token
SECRET = "rahasia-webhook-uji"  # noqa: S105


class FakeTelegram(ThreadingHTTPServer):
    """Records sendMessage calls; answers HTTP 500 to the first `failures` of them."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sent: list[dict[str, object]] = []
        self.failures = 0


class _Handler(BaseHTTPRequestHandler):
    server: FakeTelegram

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path != f"/bot{TOKEN}/sendMessage":
            self.send_response(404)
            self.end_headers()
            return
        if self.server.failures > 0:
            self.server.failures -= 1
            self.send_response(500)
            self.end_headers()
            return
        self.server.sent.append(json.loads(body))
        answer = json.dumps({"ok": True, "result": {"message_id": len(self.server.sent)}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_telegram(settings) -> Iterator[FakeTelegram]:
    server = FakeTelegram()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NETRA_TELEGRAM_BOT_TOKEN = TOKEN
    settings.NETRA_TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.NETRA_TELEGRAM_API_BASE = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _update(text: str, *, message_id: int = 1, chat_id: int = 555) -> dict[str, object]:
    return {
        "update_id": message_id,
        "message": {
            "message_id": message_id,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "username": "warga_peduli"},
            "text": text,
        },
    }


def _post(client, update: dict[str, object], secret: str | None = SECRET):
    headers = {} if secret is None else {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret}
    return client.post(
        "/tipline/telegram/", json.dumps(update), content_type="application/json", **headers
    )


def test_reading_an_update_takes_text_or_caption_and_spots_commands():
    tip = read_update(json.dumps(_update("/start")).encode())
    assert tip is not None
    assert tip.is_command
    assert read_update(b'{"update_id": 1, "edited_message": {}}') is None
    with pytest.raises(ValueError, match="not JSON"):
        read_update(b"<xml/>")


@pytest.mark.django_db
def test_the_webhook_is_closed_without_configuration_and_refuses_a_wrong_secret(
    client, settings, fake_telegram
):
    assert _post(client, _update(BOGOR_POST), secret="salah").status_code == 403  # noqa: S106
    assert _post(client, _update(BOGOR_POST), secret=None).status_code == 403
    settings.NETRA_TELEGRAM_WEBHOOK_SECRET = ""
    assert _post(client, _update(BOGOR_POST), secret="").status_code == 404
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_a_forwarded_post_gets_a_tracking_code_and_its_outcome(
    client, fake_telegram, regions, cast, elections
):
    assert _post(client, _update(BOGOR_POST)).status_code == 200
    assert _post(client, _update(BOGOR_POST)).status_code == 200  # redelivered: one tip
    tip = Tip.objects.get()
    assert tip.item.region == regions["bogor"]
    assert send_outbox(now=timezone.now()).sent == 1
    [reply] = fake_telegram.sent
    assert reply["chat_id"] == "555"
    assert tip.tracking_code in str(reply["text"])

    accept_group(
        tip.item.group,
        actor=cast["panwas_bogor"],
        election=elections["bogor"],
        now=NOW,
        today=NOW.date(),
    )
    assert send_outbox(now=timezone.now()).sent == 1
    assert "menindaklanjutinya sebagai temuan" in str(fake_telegram.sent[-1]["text"])


@pytest.mark.django_db
def test_five_citizens_reporting_one_post_are_one_item_with_five_tips(
    client, fake_telegram, ingest, cast
):
    ingest([{"id": "x1", "text": BOGOR_POST, "platform": "x"}])
    for chat in range(5):
        _post(client, _update(f"Lihat ini: {BOGOR_POST}", chat_id=1000 + chat))
    assert Tip.objects.count() == 5
    assert Item.objects.count() == 2  # the post and the forwarded copy, one group
    group = Group.objects.get()
    assert group.item_count == 2
    dismiss_group(group, actor=cast["panwas_bogor"], reason="sudah diproses", now=NOW)
    assert send_outbox(now=timezone.now()).sent == 10  # five tracking codes and five outcomes
    assert "sudah diproses" not in json.dumps(fake_telegram.sent)  # internal reasons stay in


@pytest.mark.django_db
def test_a_failed_send_is_retried_later_and_gives_up_after_the_last_attempt(
    client, fake_telegram, regions
):
    _post(client, _update("/start"))
    fake_telegram.failures = 1
    assert send_outbox(now=timezone.now()).retrying == 1
    assert send_outbox(now=timezone.now()).sent == 0  # not due yet
    assert send_outbox(now=timezone.now() + timedelta(seconds=31)).sent == 1

    _post(client, _update("/start", message_id=2))
    fake_telegram.failures = MAX_ATTEMPTS
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(hours=1)
        send_outbox(now=later)
    message = OutboundMessage.objects.latest("id")
    assert message.status == "failed"
    assert message.attempts == MAX_ATTEMPTS
    assert "HTTP 500" in message.last_error


@pytest.mark.django_db
def test_without_a_token_sending_fails_clearly(settings):
    settings.NETRA_TELEGRAM_BOT_TOKEN = ""
    with pytest.raises(TelegramError, match="NETRA_TELEGRAM_BOT_TOKEN"):
        telegram_sender()("1", "x")
