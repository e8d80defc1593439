"""A fake Telegram Bot API on 127.0.0.1, for the tests and the demo (no Django, no network).

It plays both sides Telegram plays for a bot: it delivers citizens' messages to the bot's webhook
(as `setWebhook` makes Telegram do, with the secret token header), and it answers the Bot API
methods Netra calls: `sendMessage` (recorded), `getFile` and file downloads (from `files`).
`GET /` is a small page of every conversation, what each citizen sent and the replies they got;
`GET /log.json` the same as JSON.

    python -m netra.monitoring.core.fake_telegram --port 8081 --token 123:demo \\
        --webhook http://127.0.0.1:8000/tipline/telegram/ --secret S --updates tips.json

`make demo` runs it beside the server (scripts/demo.sh), points NETRA_TELEGRAM_API_BASE at it,
and stops it with the demo.
"""

from __future__ import annotations

import argparse
import html
import json
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from netra.monitoring.core.telegram import SECRET_HEADER

DELIVERY_TIMEOUT_S = 10


@dataclass(frozen=True, slots=True)
class Exchange:
    """One message of a conversation: `inbound` from the citizen to the bot, else a reply."""

    at: str
    chat_id: str
    text: str
    inbound: bool
    status: int = 200  # the webhook's answer to an inbound message

    def to_dict(self) -> dict[str, object]:
        return {
            "at": self.at,
            "chat_id": self.chat_id,
            "text": self.text,
            "direction": "in" if self.inbound else "out",
            "status": self.status,
        }


class FakePlatform(ThreadingHTTPServer):
    """A fake platform's server on 127.0.0.1 that keeps every exchange, both ways, in `log`
    and, if `log_path` is given, appends it there as JSON lines."""

    daemon_threads = True

    def __init__(
        self, handler: type[BaseHTTPRequestHandler], *, port: int, log_path: Path | None
    ) -> None:
        super().__init__(("127.0.0.1", port), handler)
        self.log: list[Exchange] = []
        self.log_path = log_path
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, exchange: Exchange) -> None:
        with self._lock:
            self.log.append(exchange)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(exchange.to_dict(), ensure_ascii=False) + "\n")

    def replies_to(self, chat_id: str) -> list[str]:
        return [e.text for e in self.log if e.chat_id == chat_id and not e.inbound]


class FakeTelegram(FakePlatform):
    """Records `sendMessage` calls in `sent`; answers HTTP 500 to the first `failures` of them.
    Serves `files` (file_id -> bytes) through getFile and /file/bot<token>/<path>; a file_id in
    `missing` is known to getFile but its download is a 404. Every exchange, both ways, is kept
    in `log` and, if `log_path` is given, appended there as JSON lines."""

    def __init__(self, token: str, *, port: int = 0, log_path: Path | None = None) -> None:
        super().__init__(_Handler, port=port, log_path=log_path)
        self.token = token
        self.sent: list[dict[str, object]] = []
        self.failures = 0
        self.files: dict[str, bytes] = {}
        self.missing: set[str] = set()
        self.downloads = 0

    def deliver(
        self, webhook: str, secret: str, updates: Sequence[dict[str, Any]], *, wait_s: float = 0
    ) -> list[int]:
        """POST each update to the bot's webhook with the secret header, as Telegram does; with
        `wait_s`, first wait that long at most for the webhook to answer (a server starting).
        Returns the HTTP status of each delivery."""
        deadline = time.monotonic() + wait_s
        statuses: list[int] = []
        for update in updates:
            while True:
                status = _post_update(webhook, secret, update)
                if status or time.monotonic() >= deadline:
                    break
                time.sleep(0.5)
            message = update.get("message") or {}
            self.record(
                Exchange(
                    at=now_text(),
                    chat_id=str((message.get("chat") or {}).get("id", "")),
                    text=str(message.get("text") or message.get("caption") or ""),
                    inbound=True,
                    status=status,
                )
            )
            statuses.append(status)
        return statuses


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _post_update(webhook: str, secret: str, update: dict[str, Any]) -> int:
    """The webhook's HTTP status, or 0 when it cannot be reached."""
    return post_json(webhook, json.dumps(update).encode(), {SECRET_HEADER: secret})


def post_json(webhook: str, body: bytes, headers: dict[str, str]) -> int:
    """POST a JSON body to a webhook: its HTTP status, or 0 when it cannot be reached."""
    request = urllib.request.Request(  # noqa: S310 -- a local webhook URL given by the caller
        webhook,
        data=body,
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=DELIVERY_TIMEOUT_S) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, TimeoutError, OSError):
        return 0


class _Handler(BaseHTTPRequestHandler):
    server: FakeTelegram

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        token = self.server.token
        if url.path == "/":
            self._page()
            return
        if url.path == "/log.json":
            log = [exchange.to_dict() for exchange in self.server.log]
            self._answer(200, {"messages": log})
            return
        if url.path == f"/bot{token}/getFile":
            file_id = (parse_qs(url.query).get("file_id") or [""])[0]
            if file_id not in self.server.files and file_id not in self.server.missing:
                self._answer(400, {"ok": False, "description": "Bad Request: invalid file_id"})
                return
            size = len(self.server.files.get(file_id, b""))
            result = {"file_id": file_id, "file_size": size, "file_path": f"photos/{file_id}.jpg"}
            self._answer(200, {"ok": True, "result": result})
            return
        prefix = f"/file/bot{token}/photos/"
        file_id = url.path.removeprefix(prefix).removesuffix(".jpg")
        if not url.path.startswith(prefix) or file_id not in self.server.files:
            self.send_response(404)
            self.end_headers()
            return
        self.server.downloads += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.end_headers()
        self.wfile.write(self.server.files[file_id])

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != f"/bot{self.server.token}/sendMessage":
            self._answer(404, {"ok": False, "description": "Not Found"})
            return
        if self.server.failures > 0:
            self.server.failures -= 1
            self.send_response(500)
            self.end_headers()
            return
        try:
            message = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            self._answer(400, {"ok": False, "description": "Bad Request: not JSON"})
            return
        self.server.sent.append(message)
        self.server.record(
            Exchange(
                at=now_text(),
                chat_id=str(message.get("chat_id", "")),
                text=str(message.get("text", "")),
                inbound=False,
            )
        )
        self._answer(200, {"ok": True, "result": {"message_id": len(self.server.sent)}})

    def _answer(self, status: int, answer: dict[str, object]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def _page(self) -> None:
        body = conversation_page(
            self.server.log,
            title="Telegram palsu (demo)",
            intro="Sisi warga: pesan yang dikirim ke bot Netra dan balasan yang mereka terima.",
            bot="bot Netra",
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def conversation_page(log: Sequence[Exchange], *, title: str, intro: str, bot: str) -> bytes:
    """Every conversation, the citizen's messages and the replies, newest last (Indonesian: the
    demo's audience)."""
    chats: dict[str, list[Exchange]] = {}
    for exchange in log:
        chats.setdefault(exchange.chat_id, []).append(exchange)
    parts = [
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>",
        f"<meta http-equiv='refresh' content='10'><title>{html.escape(title)}</title>",
        "<style>body{font:15px system-ui,sans-serif;max-width:46rem;margin:2rem auto}"
        ".in{background:#eef}.out{background:#efe;margin-left:3rem}"
        "p{padding:.5rem .75rem;border-radius:.5rem}small{color:#555}</style></head><body>",
        f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)} "
        "Tidak ada yang keluar dari mesin ini.</p>",
    ]
    for chat_id, exchanges in chats.items():
        parts.append(f"<h2>Obrolan {html.escape(chat_id)}</h2>")
        for e in exchanges:
            who = "warga" if e.inbound else bot
            parts.append(
                f"<p class='{'in' if e.inbound else 'out'}'><small>{html.escape(e.at)} · "
                f"{html.escape(who)}</small><br>{html.escape(e.text)}</p>"
            )
    if not chats:
        parts.append("<p>Belum ada pesan.</p>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def read_updates(path: Path) -> list[dict[str, Any]]:
    """A JSON list of Bot API updates (examples/tipline-demo.json)."""
    updates = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(updates, list) or not all(isinstance(u, dict) for u in updates):
        raise ValueError(f"{path}: expected a JSON list of Telegram updates")
    return updates


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", required=True)
    parser.add_argument("--webhook", help="the bot's webhook to deliver --updates to")
    parser.add_argument("--secret", default="", help="the webhook's secret token")
    parser.add_argument("--updates", type=Path, help="a JSON list of updates to deliver once")
    parser.add_argument("--log", type=Path, help="append every exchange here as JSON lines")
    args = parser.parse_args(argv)
    server = FakeTelegram(args.token, port=args.port, log_path=args.log)
    deliver = None
    if args.webhook and args.updates:
        updates = read_updates(args.updates)

        def deliver() -> list[int]:
            return server.deliver(args.webhook, args.secret, updates, wait_s=120)

    return serve(server, name="fake telegram", deliver=deliver)


def serve(
    server: ThreadingHTTPServer, *, name: str, deliver: Callable[[], list[int]] | None
) -> int:
    """Serve until SIGTERM or Ctrl-C; meanwhile `deliver` the citizens' messages once (it waits
    for the webhook to answer) and print their statuses."""
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    if deliver is not None:

        def delivering() -> None:
            statuses = deliver()
            print(f"{name}: delivered {len(statuses)} messages: {statuses}", flush=True)

        threading.Thread(target=delivering, daemon=True).start()
    print(f"{name}: listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
