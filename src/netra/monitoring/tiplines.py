"""Tiplines: a citizen forwards a post to the Telegram bot or the WhatsApp Business number;
Netra files it as an item of the grouping, answers with a tracking code, and pushes the group's
outcome back (outbox, retries).

The reply texts are Indonesian: the tipline speaks to citizens, as the public pages do.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from netra.cases.evidence import EvidenceRejectedError
from netra.cases.services import new_upload, prepare_upload
from netra.errors import StoredMessage, stored_message, stored_text
from netra.monitoring.core import telegram, whatsapp
from netra.monitoring.core.records import Media, Post, post_sha256
from netra.monitoring.core.telegram import FileTooLargeError, IncomingTip, TelegramError
from netra.monitoring.core.whatsapp import SERVICE_WINDOW_HOURS, WindowClosedError
from netra.monitoring.models import (
    Group,
    GroupStatus,
    Item,
    OutboundMessage,
    OutboxStatus,
    SourceKind,
    Tip,
    TipFile,
    TipFileKind,
    TipFileStatus,
)

CHANNEL_TELEGRAM = "telegram"
CHANNEL_WHATSAPP = "whatsapp"
CHANNELS = (CHANNEL_TELEGRAM, CHANNEL_WHATSAPP)
TRACKING_CODE_BYTES = 6
MAX_ATTEMPTS = 6
FIRST_RETRY_S = 30  # then doubling: 30 s, 1 min, 2 min, 4 min, 8 min

WELCOME = (
    "Halo! Teruskan ke sini unggahan, foto dengan keterangan, atau tautan yang menunjukkan ASN, "
    "TNI, Polri atau perangkat desa tidak netral dalam pemilihan. Kami akan membalas dengan kode "
    "pelacakan."
)
NEED_TEXT = (
    "Terima kasih. Mohon kirim unggahan, foto, video, dokumen, atau tautannya; pesan suara dan "
    "stiker belum dapat kami baca."
)
PHOTO_FAILED = (
    "Maaf, foto pada kiriman {code} tidak dapat kami terima ({reason}). Mohon kirim ulang "
    "sebagai foto JPEG atau PNG, atau tuliskan keterangannya sebagai teks."
)
FILE_FAILED = (
    "Maaf, {what} pada kiriman {code} tidak dapat kami terima ({reason}). Mohon kirim ulang, "
    "atau tuliskan keterangannya sebagai teks."
)
FILE_WORDS = {TipFileKind.VIDEO: "video", TipFileKind.DOCUMENT: "dokumen"}
RECEIVED = (
    "Terima kasih, kiriman Anda kami terima. Kode pelacakan: {code}. Kami akan mengabari Anda "
    "bila kiriman ini ditindaklanjuti."
)
OUTCOME = "Kabar untuk kiriman {code}: {outcome}. Terima kasih atas kepedulian Anda."
# The same words as WhatsApp's approved status template (docs/monitoring.md):
# "Kabar untuk kiriman {{1}}: {{2}}. Terima kasih atas kepedulian Anda."
OUTCOMES = {
    GroupStatus.ACCEPTED: "Bawaslu menindaklanjutinya sebagai temuan",
    GroupStatus.DISMISSED: "setelah ditelaah, kiriman ini tidak ditindaklanjuti",
}

Sender = Callable[[str, str], None]  # (chat_id, text); raises TelegramError
# (chat_id, the template's body parameters); raises TelegramError
TemplateSender = Callable[[str, list[str]], None]


def _enqueue(
    channel: str,
    chat_id: str,
    text: str,
    *,
    now: datetime,
    tip: Tip | None = None,
    template_params: list[str] | None = None,
) -> None:
    OutboundMessage.objects.create(
        channel=channel,
        chat_id=chat_id,
        text=text,
        tip=tip,
        next_attempt_at=now,
        created_at=now,
        template_params=template_params or [],
    )


def receive_telegram_tip(incoming: IncomingTip, *, now: datetime) -> Tip | None:
    """A Telegram message (see `receive_tip`)."""
    return receive_tip(incoming, channel=CHANNEL_TELEGRAM, now=now)


def receive_tip(incoming: IncomingTip, *, channel: str, now: datetime) -> Tip | None:
    """File the forwarded text as an item (grouped like any post) and queue the tracking-code
    reply; a photo waits for the worker to download it (`fetch_tip_files`) and is filed then,
    with its caption. A command or a message with neither gets guidance. A repeated update is
    ignored."""
    if incoming.is_command:
        _enqueue(channel, incoming.chat_id, WELCOME, now=now)
        return None
    existing = Tip.objects.filter(
        channel=channel, chat_id=incoming.chat_id, message_id=incoming.message_id
    ).first()
    if existing is not None:
        return existing  # Telegram redelivers an update it thinks was not received
    attachment = incoming.attachment
    waits_for_file = bool(incoming.photo_ref or attachment)
    if not incoming.text and not waits_for_file:
        _enqueue(channel, incoming.chat_id, NEED_TEXT, now=now)
        return None
    item = None
    if not waits_for_file:
        item = _file_item(
            _tip_post(incoming.chat_id, incoming.message_id, incoming.text, channel=channel,
                      sender=incoming.sender, now=now),
            channel=channel,
            now=now,
        )  # fmt: skip
    try:
        with transaction.atomic():
            tip = Tip.objects.create(
                channel=channel,
                tracking_code=secrets.token_hex(TRACKING_CODE_BYTES).upper(),
                chat_id=incoming.chat_id,
                sender=incoming.sender,
                message_id=incoming.message_id,
                item=item,
                received_at=now,
            )
            if incoming.photo_ref:
                TipFile.objects.create(
                    tip=tip, file_ref=incoming.photo_ref, caption=incoming.text,
                    next_attempt_at=now,
                )  # fmt: skip
            elif attachment is not None:
                TipFile.objects.create(
                    tip=tip, kind=attachment.kind, file_ref=attachment.ref,
                    file_name=attachment.file_name, mime_type=attachment.mime_type,
                    caption=incoming.text, next_attempt_at=now,
                )  # fmt: skip
            reply = RECEIVED.format(code=tip.tracking_code)
            _enqueue(channel, incoming.chat_id, reply, now=now, tip=tip)
    except IntegrityError:  # the same update delivered twice at once
        return Tip.objects.get(
            channel=channel, chat_id=incoming.chat_id, message_id=incoming.message_id
        )
    return tip


def _tip_post(
    chat_id: str,
    message_id: str,
    text: str,
    *,
    channel: str,
    sender: str,
    now: datetime,
    media: tuple[Media, ...] = (),
) -> Post:
    return Post(
        line=1,
        external_id=f"{chat_id}:{message_id}",
        text=text,
        author=sender,
        platform=channel,
        posted_at=now,
        media=media,
    )


def _file_item(post: Post, *, channel: str, now: datetime) -> Item:
    """Ingest the tip's post into the grouping (a copy already known becomes a sighting)."""
    from netra.monitoring.services import ingest_posts, source_named

    source = source_named(f"tipline {channel}", kind=SourceKind.TIPLINE)
    ingest_posts([post], source=source, now=now)
    return Item.objects.get(sha256=post_sha256(post))


class TipFileRefusedError(TelegramError):
    """The downloaded file is refused (a photo that is not an image evidence intake accepts, an
    empty video or document): no retry can help."""

    code = "tipline_file_refused"

    def __init__(self, message: str, /, *, params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, params=params, is_permanent=True)


# (file_ref, max_bytes) -> the file's bytes; raises TelegramError (FileTooLargeError when the
# file is larger than max_bytes, found before downloading when the platform states the size)
Fetcher = Callable[[str, int], bytes]


def telegram_fetcher() -> Fetcher:
    """Download through the configured Bot API (getFile, then the file)."""
    return _fetcher(
        telegram.download_file,
        settings.NETRA_TELEGRAM_API_BASE,
        settings.NETRA_TELEGRAM_BOT_TOKEN,
        "NETRA_TELEGRAM_BOT_TOKEN",
    )


def whatsapp_fetcher() -> Fetcher:
    """Download through the configured Cloud API (the media's URL, then the media)."""
    return _fetcher(
        whatsapp.download_media,
        settings.NETRA_WHATSAPP_API_BASE,
        settings.NETRA_WHATSAPP_ACCESS_TOKEN,
        "NETRA_WHATSAPP_ACCESS_TOKEN",
    )


def _fetcher(download: Callable[..., bytes], base: str, token: str, token_setting: str) -> Fetcher:
    """A platform's download with its settings bound; a missing token fails each fetch by name
    (the file is retried, the tip kept)."""

    def fetch(file_ref: str, max_bytes: int) -> bytes:
        if not token:
            raise TelegramError("%(setting)s is not set", params={"setting": token_setting})
        return download(base, token, file_ref, max_bytes=max_bytes)

    return fetch


@dataclass(frozen=True, slots=True)
class TipFileRun:
    stored: int
    retrying: int
    failed: int


def fetch_tip_files(
    *, now: datetime, fetchers: dict[str, Fetcher] | None = None, limit: int = 100
) -> TipFileRun:
    """Download the due tipline photos, videos and documents and file each, with its caption,
    as its tip's item.

    A photo is checked as an uploaded evidence file is (size, type by its bytes, a readable
    image); a video or document is taken as it came, up to NETRA_TIPLINE_MAX_FILE_BYTES (a
    larger one is not downloaded: failed at once, with the reason). A download that fails is
    tried again with the outbox's doubling delays, up to MAX_ATTEMPTS. A file that is refused
    or never arrives is marked failed with the cause: its caption, if any, is still filed, and
    the citizen is asked to send it again.
    """
    photo_limit: int = settings.NETRA_MAX_UPLOAD_BYTES
    file_limit: int = settings.NETRA_TIPLINE_MAX_FILE_BYTES
    fetchers = fetchers or {
        CHANNEL_TELEGRAM: telegram_fetcher(),
        CHANNEL_WHATSAPP: whatsapp_fetcher(),
    }
    stored = retrying = failed = 0
    due = (
        TipFile.objects.filter(status=TipFileStatus.PENDING, next_attempt_at__lte=now)
        .select_related("tip")
        .order_by("next_attempt_at", "id")[:limit]
    )
    for tip_file in due:
        tip_file.attempts += 1
        try:  # the download holds no transaction open
            fetch = fetchers.get(tip_file.tip.channel)
            if fetch is None:
                raise TelegramError(
                    "no downloader for %(channel)r",
                    params={"channel": tip_file.tip.channel},
                    is_permanent=True,
                )
            if tip_file.kind == TipFileKind.PHOTO:
                content = fetch(tip_file.file_ref, photo_limit)
                media = _checked_photo(content, name=f"{tip_file.tip.tracking_code}")
            else:
                content = fetch(tip_file.file_ref, file_limit)
                media = _checked_file(content, tip_file)
        except TelegramError as error:
            media, problem = None, error
        with transaction.atomic():  # the file's state with the item and reply it led to
            if media is not None:
                _file_tip_file(tip_file, media, now=now)
                stored += 1
            elif problem.is_permanent or tip_file.attempts >= MAX_ATTEMPTS:
                _note_error(tip_file, problem.stored())
                _give_up(tip_file, error=problem, now=now)
                failed += 1
            else:
                _note_error(tip_file, problem.stored())
                delay = FIRST_RETRY_S * 2 ** (tip_file.attempts - 1)
                tip_file.next_attempt_at = now + timedelta(seconds=delay)
                retrying += 1
            tip_file.save(
                update_fields=[
                    "attempts", "status", "next_attempt_at", "last_error", "last_error_message",
                    "sha256", "fetched_at", "size",
                ]
            )  # fmt: skip
    return TipFileRun(stored, retrying, failed)


def _checked_photo(content: bytes, *, name: str) -> Media:
    """The bytes as a media file, if evidence intake accepts them as an image."""
    try:
        prepared = prepare_upload(new_upload(f"{name}.jpg", content))
    except EvidenceRejectedError as error:
        raise TipFileRefusedError("photo refused: %(why)s", params={"why": error}) from None
    if not prepared.sniffed.media_type.startswith("image/"):
        raise TipFileRefusedError(
            "photo refused: %(type)s is not an image",
            params={"type": prepared.sniffed.media_type},
        )
    return Media(f"{name}.{prepared.sniffed.extension}", prepared.sha256, content)


_EXTENSIONS = {
    "video/mp4": "mp4", "video/3gpp": "3gp", "video/quicktime": "mov", "video/webm": "webm",
    "application/pdf": "pdf", "application/msword": "doc", "text/plain": "txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}  # fmt: skip


def _checked_file(content: bytes, tip_file: TipFile) -> Media:
    """A video or document as it came, named as the citizen's app named it (or by the tip's
    code and the stated type); only an empty file is refused."""
    if not content:
        raise TipFileRefusedError(
            "%(kind)s refused: the file is empty", params={"kind": tip_file.kind}
        )
    name = tip_file.file_name.strip() or (
        f"{tip_file.tip.tracking_code}.{_EXTENSIONS.get(tip_file.mime_type.lower(), 'bin')}"
    )
    return Media(name, hashlib.sha256(content).hexdigest(), content)


def _file_tip_file(tip_file: TipFile, media: Media, *, now: datetime) -> None:
    tip = tip_file.tip
    post = _tip_post(tip.chat_id, tip.message_id, tip_file.caption, channel=tip.channel,
                     sender=tip.sender, now=tip.received_at, media=(media,))  # fmt: skip
    tip.item = _file_item(post, channel=tip.channel, now=now)
    tip.save(update_fields=["item"])
    tip_file.status, tip_file.sha256, tip_file.fetched_at = TipFileStatus.STORED, media.sha256, now
    _note_error(tip_file, {})
    tip_file.size = len(media.content or b"")


def _note_error(row: TipFile | OutboundMessage, message: StoredMessage) -> None:
    """Keep a failure on the row twice: in English for logs, and as a template and values that
    the desk shows in its reader's language. An empty message clears both."""
    row.last_error = stored_text(message, as_written=True)[:500] if message else ""
    row.last_error_message = message


def _give_up(tip_file: TipFile, *, error: TelegramError, now: datetime) -> None:
    """The file is lost: its caption still joins the grouping; the citizen is told."""
    tip = tip_file.tip
    tip_file.status = TipFileStatus.FAILED
    if tip_file.caption and tip.item_id is None:
        post = _tip_post(tip.chat_id, tip.message_id, tip_file.caption, channel=tip.channel,
                         sender=tip.sender, now=tip.received_at)  # fmt: skip
        tip.item = _file_item(post, channel=tip.channel, now=now)
        tip.save(update_fields=["item"])
    if tip_file.kind != TipFileKind.PHOTO:
        what = FILE_WORDS.get(TipFileKind(tip_file.kind), "berkas")
        if isinstance(error, FileTooLargeError):
            reason = "ukurannya melebihi batas yang dapat kami unduh"
        elif isinstance(error, TipFileRefusedError):
            reason = "berkasnya kosong"
        else:
            reason = f"{what} tidak dapat diunduh"
        text = FILE_FAILED.format(what=what, code=tip.tracking_code, reason=reason)
    else:
        if isinstance(error, FileTooLargeError):
            reason = "ukurannya terlalu besar"
        elif isinstance(error, TipFileRefusedError):
            reason = "bukan berkas foto yang dapat dibaca"
        else:
            reason = "foto tidak dapat diunduh"
        text = PHOTO_FAILED.format(code=tip.tracking_code, reason=reason)
    _enqueue(tip.channel, tip.chat_id, text, now=now, tip=tip)


def notify_outcome(group: Group, *, now: datetime) -> int:
    """Queue the group's outcome to every citizen who sent one of its items; returns how many."""
    outcome = OUTCOMES.get(GroupStatus(group.status))
    if outcome is None:
        return 0
    tips = list(Tip.objects.filter(item__group=group))
    for tip in tips:
        reply = OUTCOME.format(code=tip.tracking_code, outcome=outcome)
        _enqueue(tip.channel, tip.chat_id, reply, now=now, tip=tip,
                 template_params=[tip.tracking_code, outcome])  # fmt: skip
    return len(tips)


def telegram_sender() -> Sender:
    """Send through the configured Bot API (a fake one on 127.0.0.1 in tests and the demo)."""
    token = settings.NETRA_TELEGRAM_BOT_TOKEN
    base = settings.NETRA_TELEGRAM_API_BASE

    def send(chat_id: str, text: str) -> None:
        if not token:
            raise TelegramError("NETRA_TELEGRAM_BOT_TOKEN is not set", is_permanent=False)
        telegram.send_message(base, token, chat_id, text)

    return send


def whatsapp_sender() -> Sender:
    """Send through the configured WhatsApp Cloud API (a fake one on 127.0.0.1 in tests)."""
    token = settings.NETRA_WHATSAPP_ACCESS_TOKEN
    number = settings.NETRA_WHATSAPP_PHONE_NUMBER_ID
    base = settings.NETRA_WHATSAPP_API_BASE

    def send(chat_id: str, text: str) -> None:
        if not (token and number):
            raise TelegramError(
                "NETRA_WHATSAPP_ACCESS_TOKEN and NETRA_WHATSAPP_PHONE_NUMBER_ID are not set"
            )
        whatsapp.send_text(base, token, number, chat_id, text)

    return send


def whatsapp_templater() -> TemplateSender | None:
    """Send the approved status template (NETRA_WHATSAPP_STATUS_TEMPLATE), or None when no
    template is configured: status replies after the 24-hour window then cannot be sent."""
    name = settings.NETRA_WHATSAPP_STATUS_TEMPLATE
    if not name:
        return None
    token = settings.NETRA_WHATSAPP_ACCESS_TOKEN
    number = settings.NETRA_WHATSAPP_PHONE_NUMBER_ID
    base = settings.NETRA_WHATSAPP_API_BASE
    language = settings.NETRA_WHATSAPP_TEMPLATE_LANGUAGE

    def send(chat_id: str, parameters: list[str]) -> None:
        if not (token and number):
            raise TelegramError(
                "NETRA_WHATSAPP_ACCESS_TOKEN and NETRA_WHATSAPP_PHONE_NUMBER_ID are not set"
            )
        whatsapp.send_template(
            base, token, number, chat_id, name, language=language, parameters=parameters
        )

    return send


def last_heard_from(channel: str, chat_id: str) -> datetime | None:
    """When the citizen last wrote: their latest tip, or the latest message of theirs that was
    answered at once without a tip (/start, a sticker), whose reply was queued on arrival."""
    tip = (
        Tip.objects.filter(channel=channel, chat_id=chat_id)
        .order_by("-received_at")
        .values_list("received_at", flat=True)
        .first()
    )
    answered = (
        OutboundMessage.objects.filter(channel=channel, chat_id=chat_id, tip__isnull=True)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return max((t for t in (tip, answered) if t is not None), default=None)


def _window_is_open(message: OutboundMessage, now: datetime) -> bool:
    """WhatsApp's customer-service window: free text only within 24 h of the citizen's last
    message. Telegram has none."""
    if message.channel != CHANNEL_WHATSAPP:
        return True
    heard = last_heard_from(message.channel, message.chat_id)
    return heard is not None and now - heard < timedelta(hours=SERVICE_WINDOW_HOURS)


@dataclass(frozen=True, slots=True)
class OutboxRun:
    sent: int
    retrying: int
    failed: int
    window_closed: int = 0


def send_outbox(
    *,
    now: datetime,
    senders: dict[str, Sender] | None = None,
    templater: TemplateSender | None = None,
    limit: int = 500,
) -> OutboxRun:
    """Send the due messages through their channel; a failure is retried with doubling delays,
    up to MAX_ATTEMPTS, and a permanent refusal (blocked bot, unknown chat) fails at once.

    A WhatsApp reply outside the 24-hour window (by our clock, or Meta's refusal) goes as the
    approved status template when it is a status reply and a template is configured; otherwise
    it is recorded as not deliverable (`OutboxStatus.WINDOW_CLOSED`), never retried.
    """
    if senders is None:
        senders = {CHANNEL_TELEGRAM: telegram_sender(), CHANNEL_WHATSAPP: whatsapp_sender()}
        templater = templater or whatsapp_templater()
    sent = retrying = failed = closed = 0
    due = OutboundMessage.objects.filter(
        status=OutboxStatus.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "id")[:limit]
    for message in due:
        message.attempts += 1
        try:
            send = senders.get(message.channel)
            if send is None:
                raise TelegramError(
                    "no sender for channel %(channel)r",
                    params={"channel": message.channel},
                    is_permanent=True,
                )
            try:
                if not _window_is_open(message, now):
                    raise WindowClosedError(
                        "more than %(hours)s hours since the citizen's last message",
                        params={"hours": SERVICE_WINDOW_HOURS},
                    )
                send(message.chat_id, message.text)
            except WindowClosedError as error:
                if templater is None or not message.template_params:
                    why = (
                        stored_message(
                            "no status template configured (NETRA_WHATSAPP_STATUS_TEMPLATE)"
                        )
                        if templater is None
                        else stored_message("a conversational reply has no template")
                    )
                    message.status = OutboxStatus.WINDOW_CLOSED
                    _note_error(message, stored_message(
                        "%(error)s; %(why)s: free text is refused outside the window",
                        error=error, why=why,
                    ))  # fmt: skip
                    message.save(
                        update_fields=["attempts", "status", "last_error", "last_error_message"]
                    )
                    closed += 1
                    continue
                templater(message.chat_id, [str(p) for p in message.template_params])
                message.sent_as_template = True
        except TelegramError as error:
            _note_error(message, error.stored())
            if error.is_permanent or message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                failed += 1
            else:
                delay = FIRST_RETRY_S * 2 ** (message.attempts - 1)
                message.next_attempt_at = now + timedelta(seconds=delay)
                retrying += 1
        else:
            message.status, message.sent_at = OutboxStatus.SENT, now
            _note_error(message, {})
            sent += 1
        message.save(
            update_fields=[
                "attempts", "status", "sent_at", "last_error", "last_error_message",
                "next_attempt_at", "sent_as_template",
            ]
        )  # fmt: skip
    return OutboxRun(sent, retrying, failed, closed)
