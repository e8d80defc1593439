"""The Telegram Bot API as a tipline: reading webhook updates and sending replies (no Django).

Webhook updates are verified by the secret token Telegram sends in the
`X-Telegram-Bot-Api-Secret-Token` header (set with `setWebhook(secret_token=...)`); replies go
through `sendMessage`. https://core.telegram.org/bots/api#setwebhook
"""

from __future__ import annotations

import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from netra.errors import NetraError

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 -- a header name, not a secret
SEND_TIMEOUT_S = 10
DOWNLOAD_TIMEOUT_S = 30
MAX_TEXT_CHARS = 4096  # Telegram's limit for one message


class TelegramError(NetraError):
    """A reply could not be delivered; `is_permanent` when retrying cannot help."""

    code = "tipline_send_failed"

    def __init__(
        self,
        message: str,
        /,
        *,
        is_permanent: bool = False,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, params=params)
        self.is_permanent = is_permanent


class FileTooLargeError(TelegramError):
    """A file is larger than the limit: no retry can help."""

    code = "tipline_file_too_large"

    def __init__(self, message: str, /, *, params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, params=params, is_permanent=True)


# The kinds of file a tip may carry besides its text; a photo is checked as an image, a video
# or a document is stored as it came (within the size limit).
KIND_PHOTO = "photo"
KIND_VIDEO = "video"
KIND_DOCUMENT = "document"
MAX_FILE_NAME_CHARS = 200
MAX_MIME_TYPE_CHARS = 100


@dataclass(frozen=True, slots=True)
class Attachment:
    """A video or document a citizen forwarded: the platform's handle to download it, and what
    the platform said of it (all optional but the handle)."""

    kind: str  # KIND_VIDEO or KIND_DOCUMENT
    ref: str  # Telegram file_id, WhatsApp media id
    file_name: str = ""
    mime_type: str = ""
    size: int | None = None  # as the platform stated it, before downloading


def attachment_of(kind: str, details: object, *, ref_key: str, name_key: str) -> Attachment | None:
    """The attachment described by a platform's `video` or `document` object, or None when it
    carries no handle to download."""
    if not isinstance(details, dict):
        return None
    ref = str(details.get(ref_key) or "")
    if not ref:
        return None
    size = details.get("file_size")
    return Attachment(
        kind=kind,
        ref=ref[:200],
        file_name=str(details.get(name_key) or "").rsplit("/", 1)[-1][:MAX_FILE_NAME_CHARS],
        mime_type=str(details.get("mime_type") or "")[:MAX_MIME_TYPE_CHARS],
        size=size if isinstance(size, int) and not isinstance(size, bool) and size >= 0 else None,
    )


@dataclass(frozen=True, slots=True)
class IncomingTip:
    """What a citizen sent: text (or a caption, or a note that a photo came), who and where."""

    chat_id: str
    message_id: str
    sender: str
    text: str
    has_photo: bool
    is_command: bool
    # The platform's handle of the photo (Telegram file_id, WhatsApp media id), to download.
    photo_ref: str = ""
    # A forwarded video or document, downloaded by the worker as a photo is.
    attachment: Attachment | None = None


def secret_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison; an unset secret never matches (the webhook stays closed)."""
    return bool(expected) and given is not None and hmac.compare_digest(expected, given)


def read_update(body: bytes) -> IncomingTip | None:
    """The tip in a webhook update, or None for updates that carry none (edits, joins)."""
    try:
        update = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ValueError("the update is not JSON") from None
    if not isinstance(update, dict):
        raise ValueError("the update is not a JSON object")
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    assert isinstance(chat, dict)  # noqa: S101 - narrowed above, for mypy
    assert isinstance(sender, dict)  # noqa: S101
    if "id" not in chat or "message_id" not in message:
        raise ValueError("the message has no chat id or message id")
    text = str(message.get("text") or message.get("caption") or "").strip()
    sizes = message.get("photo")
    has_photo = bool(sizes)
    # The sizes of one photo, smallest first: the largest is the one to keep as evidence.
    largest = sizes[-1] if isinstance(sizes, list) and sizes else None
    photo_ref = str(largest.get("file_id") or "") if isinstance(largest, dict) else ""
    attachment = None
    for kind in (KIND_VIDEO, KIND_DOCUMENT):
        attachment = attachment or attachment_of(
            kind, message.get(kind), ref_key="file_id", name_key="file_name"
        )
    handle = sender.get("username")
    name = f"@{handle}" if handle else str(sender.get("first_name") or "")
    return IncomingTip(
        chat_id=str(chat["id"]),
        message_id=str(message["message_id"]),
        sender=name[:200],
        text=text,
        has_photo=has_photo,
        is_command=text.startswith("/"),
        photo_ref=photo_ref[:200],
        attachment=attachment,
    )


def send_message(
    api_base: str, token: str, chat_id: str, text: str, *, timeout_s: float = SEND_TIMEOUT_S
) -> None:
    """POST sendMessage; TelegramError on failure (permanent for 400/403: bad chat, blocked)."""
    url = f"{api_base.rstrip('/')}/bot{token}/sendMessage"
    body = json.dumps({"chat_id": chat_id, "text": text[:MAX_TEXT_CHARS]}).encode()
    request = urllib.request.Request(  # noqa: S310 - the API base is configuration, http(s)
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise TelegramError(
            "sendMessage answered HTTP %(status)s",
            params={"status": error.code},
            is_permanent=error.code in (400, 403),
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise TelegramError(
            "cannot reach the Bot API (%(reason)s)",
            params={"reason": getattr(error, "reason", error)},
        ) from None
    except json.JSONDecodeError:
        raise TelegramError("the Bot API answered something that is not JSON") from None
    if not isinstance(answer, dict) or not answer.get("ok"):
        raise TelegramError(
            "the Bot API refused the message: %(answer)s", params={"answer": repr(answer)[:300]}
        )


def download(
    url: str,
    *,
    max_bytes: int,
    headers: Mapping[str, str] | None = None,
    step: str = "file",
    timeout_s: float = DOWNLOAD_TIMEOUT_S,
) -> bytes:
    """GET the bytes at `url`, at most `max_bytes` of them. TelegramError on failure: permanent
    when the file is larger (retrying cannot shrink it), else worth retrying (offline, 404
    while a platform's storage catches up, 5xx). `step` names the platform's call in the
    error ("getFile", "media"): an API name, the same in every language."""
    if not url.lower().startswith(("http://", "https://")):
        raise TelegramError(
            "the address of %(step)s is not http(s)", params={"step": step}, is_permanent=True
        )
    request = urllib.request.Request(url, headers=dict(headers or {}))  # noqa: S310 - http(s)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            body: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise TelegramError(
            "%(step)s answered HTTP %(status)s", params={"step": step, "status": error.code}
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise TelegramError(
            "cannot fetch %(step)s (%(reason)s)",
            params={"step": step, "reason": getattr(error, "reason", error)},
        ) from None
    if len(body) > max_bytes:
        raise FileTooLargeError(
            "%(step)s is larger than %(limit)s bytes", params={"step": step, "limit": max_bytes}
        )
    return body


def _json(body: bytes, step: str) -> dict[str, object]:
    try:
        answer = json.loads(body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise TelegramError(
            "%(step)s answered something that is not JSON", params={"step": step}
        ) from None
    if not isinstance(answer, dict):
        raise TelegramError(
            "%(step)s answered something that is not a JSON object", params={"step": step}
        )
    return answer


def download_file(api_base: str, token: str, file_id: str, *, max_bytes: int) -> bytes:
    """A file a citizen sent, by its file_id: getFile for its path, then the file itself
    (https://core.telegram.org/bots/api#getfile). The size is checked before downloading
    when Telegram states it."""
    base = api_base.rstrip("/")
    query = urllib.parse.urlencode({"file_id": file_id})
    answer = _json(download(f"{base}/bot{token}/getFile?{query}", max_bytes=1 << 20,
                            step="getFile"), "getFile")  # fmt: skip
    result = answer.get("result")
    if not answer.get("ok") or not isinstance(result, dict) or not result.get("file_path"):
        raise TelegramError(
            "getFile refused the file: %(answer)s", params={"answer": repr(answer)[:300]}
        )
    size = result.get("file_size")
    if isinstance(size, int) and size > max_bytes:
        raise FileTooLargeError(
            "the file is %(size)s bytes; at most %(limit)s",
            params={"size": size, "limit": max_bytes},
        )
    path = urllib.parse.quote(str(result["file_path"]))
    return download(f"{base}/file/bot{token}/{path}", max_bytes=max_bytes, step="file")
