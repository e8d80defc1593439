"""The WhatsApp Cloud API tipline against a fake Graph API on 127.0.0.1: the GET check, the
HMAC signature, a tip with a tracking code, and the reply sent with the access token."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from netra.monitoring.models import OutboundMessage, Tip, TipPhoto
from netra.monitoring.tiplines import fetch_tip_photos, send_outbox
from tests.monitoring.conftest import BOGOR_POST
from tests.monitoring.test_images import _edited, _jpeg, _photo

APP_SECRET = "rahasia-aplikasi-uji"  # noqa: S105 -- the fake platform's secrets
VERIFY = "token-verifikasi-uji"
ACCESS = "akses-uji"
NUMBER = "1098"


class FakeGraph(ThreadingHTTPServer):
    """Records sent messages; serves `media` (media id -> bytes): GET /<id> gives its URL (on
    this server, under /cdn/), which answers only with the access token."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sent: list[tuple[str, dict[str, object]]] = []
        self.media: dict[str, bytes] = {}


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
    assert fetch_tip_photos(now=timezone.now()).stored == 2
    first, second = Tip.objects.order_by("id")
    assert second.item is not None
    assert first.item is not None
    assert second.item.text == "Kades ikut kampanye"
    assert second.item.group_id == first.item.group_id  # the copy joined by its image
    assert second.item.media[0]["sha256"] == hashlib.sha256(copy).hexdigest()

    _post(client, _image_payload("MID-404", caption="", message_id="wamid.G"))
    assert fetch_tip_photos(now=timezone.now()).retrying == 1
    assert "HTTP 404" in TipPhoto.objects.get(file_ref="MID-404").last_error
