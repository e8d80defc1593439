"""The WhatsApp Business Cloud API as a tipline: verified webhooks in, text replies out (no Django).

Meta signs each webhook POST with `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body under the
app secret>`, and checks the endpoint once with a GET carrying `hub.verify_token`. Replies are
POST /{phone-number-id}/messages with the access token.
https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from netra.monitoring.core.telegram import (
    KIND_DOCUMENT,
    KIND_VIDEO,
    FileTooLargeError,
    IncomingTip,
    TelegramError,
    attachment_of,
    download,
)

SIGNATURE_HEADER = "X-Hub-Signature-256"
SEND_TIMEOUT_S = 10
MAX_TEXT_CHARS = 4096
# Free-form messages reach a citizen only within 24 hours of their last message (the customer
# service window); after it, only an approved template. Meta refuses with this error code.
# https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows
SERVICE_WINDOW_HOURS = 24
WINDOW_CLOSED_CODE = 131047
MAX_PARAMETER_CHARS = 1024


class WhatsAppError(TelegramError):
    """A reply could not be delivered (the same retry rules as Telegram's)."""

    code = "tipline_send_failed"


class WindowClosedError(WhatsAppError):
    """A free-form message after the 24-hour window: only a template can reach the citizen."""

    code = "tipline_window_closed"

    def __init__(self, message: str, /, *, params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, params=params, is_permanent=True)


def signature_matches(app_secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of `sha256=<hex>`; an unset secret never matches."""
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def read_messages(body: bytes) -> list[IncomingTip]:
    """The citizens' messages in one webhook payload (statuses and other changes carry none)."""
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ValueError("the payload is not JSON") from None
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        raise ValueError("not a WhatsApp Business Account webhook")
    tips: list[IncomingTip] = []
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            names = {
                str(contact.get("wa_id")): str((contact.get("profile") or {}).get("name") or "")
                for contact in value.get("contacts") or []
                if isinstance(contact, dict)
            }
            for message in value.get("messages") or []:
                if not isinstance(message, dict) or "from" not in message or "id" not in message:
                    continue
                kind = message.get("type")
                text, photo_ref = "", ""
                if kind == "text":
                    text = str((message.get("text") or {}).get("body") or "")
                elif kind in ("image", "video", "document"):
                    text = str((message.get(kind) or {}).get("caption") or "")
                if kind == "image":
                    photo_ref = str((message.get("image") or {}).get("id") or "")
                attachment = (
                    attachment_of(kind, message.get(kind), ref_key="id", name_key="filename")
                    if kind in (KIND_VIDEO, KIND_DOCUMENT)
                    else None
                )
                sender = str(message["from"])
                tips.append(
                    IncomingTip(
                        chat_id=sender,
                        message_id=str(message["id"]),
                        sender=names.get(sender, "")[:200],
                        text=text.strip(),
                        has_photo=kind == "image",
                        is_command=False,
                        photo_ref=photo_ref[:200],
                        attachment=attachment,
                    )
                )
    return tips


def send_text(
    api_base: str,
    token: str,
    phone_number_id: str,
    to: str,
    text: str,
    *,
    timeout_s: float = SEND_TIMEOUT_S,
) -> None:
    """POST a text message; WhatsAppError on failure (permanent for 400/401/403),
    WindowClosedError when Meta says the 24-hour window has closed."""
    payload = {
        "messaging_product": "whatsapp",
        "to": to,
        "type": "text",
        "text": {"body": text[:MAX_TEXT_CHARS]},
    }
    _post_message(api_base, token, phone_number_id, payload, timeout_s=timeout_s)


def send_template(
    api_base: str,
    token: str,
    phone_number_id: str,
    to: str,
    name: str,
    *,
    language: str,
    parameters: list[str],
    timeout_s: float = SEND_TIMEOUT_S,
) -> None:
    """POST an approved template message with its body's parameters ({{1}}, {{2}}, ...), which
    reaches the citizen outside the 24-hour window. Parameters may hold no line breaks or tabs."""
    body = [
        {"type": "text", "text": " ".join(str(value).split())[:MAX_PARAMETER_CHARS]}
        for value in parameters
    ]
    payload = {
        "messaging_product": "whatsapp",
        "to": to,
        "type": "template",
        "template": {
            "name": name,
            "language": {"code": language},
            "components": [{"type": "body", "parameters": body}],
        },
    }
    _post_message(api_base, token, phone_number_id, payload, timeout_s=timeout_s)


def _post_message(
    api_base: str,
    token: str,
    phone_number_id: str,
    payload: Mapping[str, object],
    *,
    timeout_s: float,
) -> None:
    url = f"{api_base.rstrip('/')}/{phone_number_id}/messages"
    request = urllib.request.Request(  # noqa: S310 - the API base is configuration, http(s)
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        if _error_code(error) == WINDOW_CLOSED_CODE:
            raise WindowClosedError(
                "the Cloud API refused a free-form message: more than %(hours)s hours since "
                "the citizen's last message",
                params={"hours": SERVICE_WINDOW_HOURS},
            ) from None
        raise WhatsAppError(
            "messages answered HTTP %(status)s",
            params={"status": error.code},
            is_permanent=error.code in (400, 401, 403),
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise WhatsAppError(
            "cannot reach the Cloud API (%(reason)s)",
            params={"reason": getattr(error, "reason", error)},
        ) from None
    except json.JSONDecodeError:
        raise WhatsAppError("the Cloud API answered something that is not JSON") from None
    if not isinstance(answer, dict) or not answer.get("messages"):
        raise WhatsAppError(
            "the Cloud API refused the message: %(answer)s", params={"answer": repr(answer)[:300]}
        )


def _error_code(error: urllib.error.HTTPError) -> int | None:
    """The Graph API's `error.code` in an error answer, if it has one."""
    try:
        answer = json.loads(error.read(64 * 1024) or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError, OSError):
        return None
    details = answer.get("error") if isinstance(answer, dict) else None
    code = details.get("code") if isinstance(details, dict) else None
    return code if isinstance(code, int) else None


def download_media(api_base: str, token: str, media_id: str, *, max_bytes: int) -> bytes:
    """A file a citizen sent, by its media id: GET /{media-id} for its URL, then the URL, both
    with the access token (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media).
    The size is checked before downloading when the API states it."""
    auth = {"Authorization": f"Bearer {token}"}
    url = f"{api_base.rstrip('/')}/{urllib.parse.quote(media_id)}"
    body = download(url, max_bytes=1 << 20, headers=auth, step="media")
    try:
        answer = json.loads(body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise WhatsAppError("the media lookup answered something that is not JSON") from None
    if not isinstance(answer, dict) or not answer.get("url"):
        raise WhatsAppError(
            "the media lookup gave no URL: %(answer)s", params={"answer": repr(answer)[:300]}
        )
    size = answer.get("file_size")
    if isinstance(size, int) and size > max_bytes:
        raise FileTooLargeError(
            "the media is %(size)s bytes; at most %(limit)s",
            params={"size": size, "limit": max_bytes},
        )
    return download(str(answer["url"]), max_bytes=max_bytes, headers=auth, step="media url")
