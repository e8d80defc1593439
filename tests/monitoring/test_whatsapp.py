"""The WhatsApp Cloud API tipline against a fake Graph API on 127.0.0.1: the GET check, the
HMAC signature, a tip with a tracking code, and the reply sent with the access token."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone, translation

from netra.monitoring.core.telegram import Attachment
from netra.monitoring.core.whatsapp import read_messages
from netra.monitoring.models import OutboundMessage, OutboxStatus, Tip, TipFile
from netra.monitoring.services import dismiss_group
from netra.monitoring.templatetags.monitoring_tags import failure
from netra.monitoring.tiplines import fetch_tip_files, send_outbox
from tests.monitoring.conftest import BOGOR_POST
from tests.monitoring.test_images import _edited, _jpeg, _photo
from tests.monitoring.test_tiplines import DOCUMENT, VIDEO

APP_SECRET = "rahasia-aplikasi-uji"  # noqa: S105 -- the fake platform's secrets
VERIFY = "token-verifikasi-uji"
ACCESS = "akses-uji"
NUMBER = "1098"


class FakeGraph(ThreadingHTTPServer):
    """Records sent messages; serves `media` (media id -> bytes): GET /<id> gives its URL (on
    this server, under /cdn/), which answers only with the access token. Free text to a number
    in `window_closed` is refused as Meta does after 24 hours (error 131047); templates pass."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sent: list[tuple[str, dict[str, object]]] = []
        self.media: dict[str, bytes] = {}
        self.window_closed: set[str] = set()


class _Handler(BaseHTTPRequestHandler):
    server: FakeGraph

    def do_GET(self) -> None:
        if self.headers["Authorization"] != f"Bearer {ACCESS}":
            self.send_response(401)
            self.end_headers()
            return
        media_id = self.path.strip("/").removeprefix("cdn/")
        if media_id not in self.server.media:
            self.send_response(404)
            self.end_headers()
            return
        content = self.server.media[media_id]
        self.send_response(200)
        if self.path.startswith("/cdn/"):
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(content)
            return
        port = self.server.server_address[1]
        answer = {
            "url": f"http://127.0.0.1:{port}/cdn/{media_id}",
            "mime_type": "image/jpeg",
            "file_size": len(content),
            "id": media_id,
        }
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if (
            self.path != f"/{NUMBER}/messages"
            or self.headers["Authorization"] != f"Bearer {ACCESS}"
        ):
            self.send_response(401)
            self.end_headers()
            return
        if body.get("type") == "text" and body.get("to") in self.server.window_closed:
            error = {"code": 131047, "message": "Re-engagement message"}
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"error": error}).encode())
            return
        self.server.sent.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"messages": [{"id": "wamid.1"}]}).encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_graph(settings) -> Iterator[FakeGraph]:
    server = FakeGraph()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NETRA_WHATSAPP_APP_SECRET = APP_SECRET
    settings.NETRA_WHATSAPP_VERIFY_TOKEN = VERIFY
    settings.NETRA_WHATSAPP_ACCESS_TOKEN = ACCESS
    settings.NETRA_WHATSAPP_PHONE_NUMBER_ID = NUMBER
    settings.NETRA_WHATSAPP_API_BASE = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _payload(text: str, *, message_id: str = "wamid.A") -> bytes:
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "WABA",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "contacts": [
                                    {"wa_id": "6281200000000", "profile": {"name": "Ani"}}
                                ],
                                "messages": [
                                    {
                                        "from": "6281200000000",
                                        "id": message_id,
                                        "type": "text",
                                        "text": {"body": text},
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()


def _post(client, body: bytes, *, secret: str = APP_SECRET):
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        "/tipline/whatsapp/",
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=signature,
    )


@pytest.mark.django_db
def test_the_verification_get_echoes_the_challenge_only_for_our_token(client, fake_graph):
    ok = client.get(
        "/tipline/whatsapp/",
        {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "12345"},
    )
    assert (ok.status_code, ok.content) == (200, b"12345")
    wrong = client.get(
        "/tipline/whatsapp/",
        {"hub.mode": "subscribe", "hub.verify_token": "x", "hub.challenge": "1"},
    )
    assert wrong.status_code == 403


@pytest.mark.django_db
def test_a_bad_signature_is_refused_and_nothing_is_filed(client, fake_graph):
    assert _post(client, _payload(BOGOR_POST), secret="bukan-rahasia").status_code == 403  # noqa: S106
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_a_signed_message_becomes_a_tip_answered_with_its_tracking_code(
    client, fake_graph, regions
):
    assert _post(client, _payload(BOGOR_POST)).status_code == 200
    tip = Tip.objects.get()
    assert (tip.channel, tip.chat_id, tip.sender) == ("whatsapp", "6281200000000", "Ani")
    assert tip.item.platform == "whatsapp"
    run = send_outbox(now=timezone.now())
    assert run.sent == 1
    [(_, body)] = fake_graph.sent
    assert body["to"] == "6281200000000"
    assert tip.tracking_code in str(body["text"])


@pytest.mark.django_db
def test_the_webhook_is_closed_until_configured(client, settings):
    settings.NETRA_WHATSAPP_APP_SECRET = ""
    assert _post(client, _payload(BOGOR_POST), secret="x").status_code == 404  # noqa: S106
    assert not OutboundMessage.objects.exists()


def _image_payload(media_id: str, *, caption: str, message_id: str) -> bytes:
    payload = json.loads(_payload("", message_id=message_id))
    [message] = payload["entry"][0]["changes"][0]["value"]["messages"]
    del message["text"]
    message.update(
        type="image",
        image={"id": media_id, "mime_type": "image/jpeg", "sha256": "x", "caption": caption},
    )
    return json.dumps(payload).encode()


@pytest.mark.django_db
def test_a_photo_is_fetched_with_the_access_token_and_joins_the_image_group(
    client, fake_graph, regions
):
    fake_graph.media["MID-0"] = _jpeg(_photo(7))
    copy = _jpeg(_edited(_photo(7)), quality=40)
    fake_graph.media["MID-1"] = copy
    _post(client, _image_payload("MID-0", caption="", message_id="wamid.E"))
    body = _image_payload("MID-1", caption="Kades ikut kampanye", message_id="wamid.F")
    assert _post(client, body).status_code == 200
    assert fetch_tip_files(now=timezone.now()).stored == 2
    first, second = Tip.objects.order_by("id")
    assert second.item is not None
    assert first.item is not None
    assert second.item.text == "Kades ikut kampanye"
    assert second.item.group_id == first.item.group_id  # the copy joined by its image
    assert second.item.media[0]["sha256"] == hashlib.sha256(copy).hexdigest()

    _post(client, _image_payload("MID-404", caption="", message_id="wamid.G"))
    assert fetch_tip_files(now=timezone.now()).retrying == 1
    assert "HTTP 404" in TipFile.objects.get(file_ref="MID-404").last_error


TEMPLATE = "netra_status_kiriman"
CITIZEN = "6281200000000"


def _tip_answered_days_ago(client, days: float) -> Tip:
    """A tip whose tracking-code reply went out `days` ago, the citizen silent since."""
    assert _post(client, _payload(BOGOR_POST)).status_code == 200
    assert send_outbox(now=timezone.now()).sent == 1
    then = timezone.now() - timedelta(days=days)
    Tip.objects.update(received_at=then)
    OutboundMessage.objects.update(created_at=then)
    return Tip.objects.get()


@pytest.mark.django_db
def test_a_status_reply_after_24_hours_goes_as_the_approved_template(
    client, fake_graph, regions, cast, settings
):
    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = TEMPLATE
    tip = _tip_answered_days_ago(client, 2)
    assert tip.item is not None
    dismiss_group(tip.item.group, actor=cast["panwas_bogor"], reason="hoaks", now=timezone.now())
    run = send_outbox(now=timezone.now())
    assert (run.sent, run.window_closed) == (1, 0)
    _, body = fake_graph.sent[-1]
    assert body["type"] == "template"
    template = body["template"]
    assert template["name"] == TEMPLATE
    assert template["language"] == {"code": "id"}
    [component] = template["components"]
    values = [parameter["text"] for parameter in component["parameters"]]
    assert values == [tip.tracking_code, "setelah ditelaah, kiriman ini tidak ditindaklanjuti"]
    reply = OutboundMessage.objects.latest("id")
    assert (reply.status, reply.sent_as_template) == (OutboxStatus.SENT, True)


@pytest.mark.django_db
def test_without_a_template_a_late_status_reply_is_recorded_as_not_deliverable(
    client, fake_graph, regions, cast, settings
):
    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = ""
    tip = _tip_answered_days_ago(client, 1.5)
    assert tip.item is not None
    sent_before = len(fake_graph.sent)
    dismiss_group(tip.item.group, actor=cast["panwas_bogor"], reason="hoaks", now=timezone.now())
    run = send_outbox(now=timezone.now())
    assert (run.sent, run.failed, run.retrying, run.window_closed) == (0, 0, 0, 1)
    assert len(fake_graph.sent) == sent_before  # nothing posted: Meta would refuse it
    reply = OutboundMessage.objects.latest("id")
    assert reply.status == OutboxStatus.WINDOW_CLOSED
    assert "24 hours" in reply.last_error
    assert "no status template configured" in reply.last_error
    with translation.override("id"):  # the desk's words for it, the parts nested in one line
        shown = failure(reply.last_error_message, reply.last_error)
    assert "lebih dari 24 jam" in shown
    assert "templat status belum diatur" in shown
    assert "teks bebas ditolak" in shown
    assert send_outbox(now=timezone.now() + timedelta(hours=1)).window_closed == 0  # not retried


@pytest.mark.django_db
def test_within_24_hours_a_status_reply_is_free_text(client, fake_graph, regions, cast, settings):
    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = TEMPLATE
    tip = _tip_answered_days_ago(client, 0.5)
    assert tip.item is not None
    dismiss_group(tip.item.group, actor=cast["panwas_bogor"], reason="hoaks", now=timezone.now())
    assert send_outbox(now=timezone.now()).sent == 1
    _, body = fake_graph.sent[-1]
    assert body["type"] == "text"
    assert tip.tracking_code in str(body["text"])


@pytest.mark.django_db
def test_when_meta_says_the_window_closed_the_template_is_sent_instead(
    client, fake_graph, regions, cast, settings
):
    """Our clock can disagree with Meta's (a message we never saw): its refusal, error 131047,
    is handled as a closed window, not as a failure."""
    tip = _tip_answered_days_ago(client, 0.1)
    assert tip.item is not None
    fake_graph.window_closed.add(CITIZEN)
    dismiss_group(tip.item.group, actor=cast["panwas_bogor"], reason="hoaks", now=timezone.now())
    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = ""
    assert send_outbox(now=timezone.now()).window_closed == 1
    assert OutboundMessage.objects.latest("id").status == OutboxStatus.WINDOW_CLOSED

    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = TEMPLATE
    dismissed = OutboundMessage.objects.latest("id")
    OutboundMessage.objects.filter(pk=dismissed.pk).update(status=OutboxStatus.PENDING)
    assert send_outbox(now=timezone.now()).sent == 1
    assert fake_graph.sent[-1][1]["type"] == "template"


@pytest.mark.django_db
def test_a_conversational_reply_has_no_template_and_is_not_sent_late(
    client, fake_graph, regions, settings
):
    settings.NETRA_WHATSAPP_STATUS_TEMPLATE = TEMPLATE
    assert _post(client, _payload(BOGOR_POST)).status_code == 200
    Tip.objects.update(received_at=timezone.now() - timedelta(days=3))
    OutboundMessage.objects.update(created_at=timezone.now() - timedelta(days=3))
    run = send_outbox(now=timezone.now())  # the worker was down for three days
    assert run.window_closed == 1
    assert not fake_graph.sent
    reply = OutboundMessage.objects.get()
    assert reply.status == OutboxStatus.WINDOW_CLOSED
    assert "a conversational reply has no template" in reply.last_error


def _whatsapp_file(kind: str, media_id: str, *, caption: str, message_id: str, name: str = ""):
    payload = json.loads(_payload("", message_id=message_id))
    [message] = payload["entry"][0]["changes"][0]["value"]["messages"]
    del message["text"]
    details: dict[str, object] = {"id": media_id, "caption": caption}
    details["mime_type"] = "video/mp4" if kind == "video" else "application/pdf"
    if name:
        details["filename"] = name
    message.update(type=kind, **{kind: details})
    return json.dumps(payload).encode()


def test_reading_a_whatsapp_video_keeps_its_media_id_and_type():
    [tip] = read_messages(_whatsapp_file("video", "MID-V", caption="x", message_id="w.1"))
    assert tip.attachment == Attachment("video", "MID-V", "", "video/mp4")
    assert tip.text == "x"


@pytest.mark.django_db
def test_whatsapp_videos_and_documents_are_fetched_with_the_token_and_limited(
    client, fake_graph, regions, settings
):
    fake_graph.media["MID-V"] = VIDEO
    fake_graph.media["MID-D"] = DOCUMENT
    _post(client, _whatsapp_file("video", "MID-V", caption="", message_id="w.1"))
    body = _whatsapp_file("document", "MID-D", caption=BOGOR_POST, message_id="w.2",
                          name="laporan.pdf")  # fmt: skip
    _post(client, body)
    assert fetch_tip_files(now=timezone.now()).stored == 2
    video, document = TipFile.objects.order_by("id")
    assert video.sha256 == hashlib.sha256(VIDEO).hexdigest()
    assert (document.file_name, document.sha256) == (
        "laporan.pdf",
        hashlib.sha256(DOCUMENT).hexdigest(),
    )
    assert video.tip.item is not None
    assert video.tip.item.media[0]["name"].endswith(".mp4")  # named by the stated type

    settings.NETRA_TIPLINE_MAX_FILE_BYTES = 100
    fake_graph.media["MID-BESAR"] = DOCUMENT
    _post(client, _whatsapp_file("document", "MID-BESAR", caption="", message_id="w.3"))
    assert fetch_tip_files(now=timezone.now()).failed == 1
    big = TipFile.objects.get(file_ref="MID-BESAR")
    assert "at most 100" in big.last_error
    assert Tip.objects.filter(message_id="w.3").exists()  # the tip is kept
