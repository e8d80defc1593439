"""A fake WhatsApp Cloud API (Graph API) on 127.0.0.1, for the demo and tests (no Django, no
network).

It plays both sides Meta plays for a business number: it delivers citizens' messages to the
app's webhook, signed with the app secret (`X-Hub-Signature-256`) as Meta signs them, and it
answers the calls Netra makes with the access token: `POST /{phone-number-id}/messages` (text
and template messages, recorded; free text to a number in `window_closed` is refused with error
131047 as Meta does after 24 hours) and media downloads (`GET /{media-id}` for the URL, then the
URL). `GET /` is a page of every conversation, `GET /log.json` the same as JSON.

    python -m netra.monitoring.core.fake_whatsapp --port 8082 --access-token T \\
        --phone-number-id 100200300 --app-secret S \\
        --webhook http://127.0.0.1:8000/tipline/whatsapp/ --messages tips.json

`make demo` runs it beside the server and the fake Telegram (scripts/demo.sh).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import sys
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from netra.monitoring.core.fake_telegram import (
    Exchange,
    FakePlatform,
    conversation_page,
    now_text,
    post_json,
    serve,
)
from netra.monitoring.core.whatsapp import SIGNATURE_HEADER, WINDOW_CLOSED_CODE


class FakeWhatsApp(FakePlatform):
    """Records the messages sent in `sent` (their JSON); serves `media` (media id -> bytes);
    refuses free text to a number in `window_closed` (error 131047)."""

    def __init__(
        self,
        access_token: str,
        phone_number_id: str,
        *,
        port: int = 0,
        log_path: Path | None = None,
    ) -> None:
        super().__init__(_Handler, port=port, log_path=log_path)
        self.access_token = access_token
        self.phone_number_id = phone_number_id
        self.sent: list[dict[str, Any]] = []
        self.media: dict[str, bytes] = {}
        self.window_closed: set[str] = set()

    def deliver(
        self,
        webhook: str,
        app_secret: str,
        payloads: Sequence[dict[str, Any]],
        *,
        wait_s: float = 0,
    ) -> list[int]:
        """POST each webhook payload signed with the app secret, as Meta does; with `wait_s`,
        first wait that long at most for the webhook to answer. The HTTP status of each."""
        deadline = time.monotonic() + wait_s
        statuses: list[int] = []
        for payload in payloads:
            body = json.dumps(payload).encode()
            digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
            while True:
                status = post_json(webhook, body, {SIGNATURE_HEADER: f"sha256={digest}"})
                if status or time.monotonic() >= deadline:
                    break
                time.sleep(0.5)
            for number, text in _messages(payload):
                self.record(Exchange(now_text(), number, text, inbound=True, status=status))
            statuses.append(status)
        return statuses


def _messages(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(sender, text or caption) of each message in a webhook payload."""
    found = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            for message in (change.get("value") or {}).get("messages") or []:
                kind = str(message.get("type", ""))
                part = message.get(kind) or {}
                text = part.get("body") or part.get("caption") or f"[{kind}]"
                found.append((str(message.get("from", "")), str(text)))
    return found


def _shown(message: dict[str, Any]) -> str:
    """A sent message as the citizen reads it: the text, or a template's name and parameters."""
    if message.get("type") == "template":
        template = message.get("template") or {}
        values = [
            str(parameter.get("text", ""))
            for component in template.get("components") or []
            for parameter in component.get("parameters") or []
        ]
        return f"[template {template.get('name', '')}] " + " | ".join(values)
    return str((message.get("text") or {}).get("body", ""))


class _Handler(BaseHTTPRequestHandler):
    server: FakeWhatsApp

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/":
            body = conversation_page(
                self.server.log,
                title="WhatsApp palsu (demo)",
                intro="Sisi warga: pesan yang dikirim ke nomor WhatsApp Netra dan balasannya.",
                bot="Netra",
            )
            self._send(200, body, "text/html; charset=utf-8")
            return
        if path == "/log.json":
            log = [exchange.to_dict() for exchange in self.server.log]
            self._json(200, {"messages": log})
            return
        if not self._authorised():
            return
        media_id = path.strip("/").removeprefix("cdn/")
        if media_id not in self.server.media:
            self._json(404, {"error": {"code": 100, "message": "Unknown media"}})
            return
        content = self.server.media[media_id]
        if path.startswith("/cdn/"):
            self._send(200, content, "image/jpeg")
            return
        url = f"{self.server.base_url}/cdn/{media_id}"
        answer = {"url": url, "mime_type": "image/jpeg", "file_size": len(content), "id": media_id}
        self._json(200, answer)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if urlsplit(self.path).path != f"/{self.server.phone_number_id}/messages":
            self._json(404, {"error": {"code": 100, "message": "Unknown path"}})
            return
        if not self._authorised():
            return
        try:
            message = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            self._json(400, {"error": {"code": 100, "message": "not JSON"}})
            return
        to = str(message.get("to", ""))
        if message.get("type") == "text" and to in self.server.window_closed:
            self._json(400, {"error": {"code": WINDOW_CLOSED_CODE, "message": "Re-engagement"}})
            return
        self.server.sent.append(message)
        self.server.record(Exchange(now_text(), to, _shown(message), inbound=False))
        self._json(200, {"messages": [{"id": f"wamid.fake{len(self.server.sent)}"}]})

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.server.access_token}":
            return True
        self._json(401, {"error": {"code": 190, "message": "Invalid OAuth access token"}})
        return False

    def _json(self, status: int, answer: dict[str, object]) -> None:
        self._send(status, json.dumps(answer).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def read_payloads(path: Path) -> list[dict[str, Any]]:
    """A JSON list of webhook payloads (examples/tipline-whatsapp-demo.json)."""
    payloads = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(payloads, list) or not all(
        isinstance(p, dict) and p.get("object") == "whatsapp_business_account" for p in payloads
    ):
        raise ValueError(f"{path}: expected a JSON list of WhatsApp Business Account payloads")
    return payloads


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=8082)
    parser.add_argument("--access-token", required=True)
    parser.add_argument("--phone-number-id", required=True)
    parser.add_argument("--app-secret", default="", help="signs the delivered payloads")
    parser.add_argument("--webhook", help="the app's webhook to deliver --messages to")
    parser.add_argument("--messages", type=Path, help="a JSON list of payloads to deliver once")
    parser.add_argument("--log", type=Path, help="append every exchange here as JSON lines")
    args = parser.parse_args(argv)
    server = FakeWhatsApp(
        args.access_token, args.phone_number_id, port=args.port, log_path=args.log
    )
    deliver = None
    if args.webhook and args.messages:
        payloads = read_payloads(args.messages)

        def deliver() -> list[int]:
            return server.deliver(args.webhook, args.app_secret, payloads, wait_s=120)

    return serve(server, name="fake whatsapp", deliver=deliver)


if __name__ == "__main__":
    sys.exit(main())
