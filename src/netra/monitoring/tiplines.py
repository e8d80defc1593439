"""Tiplines: a citizen forwards a post to the Telegram bot or the WhatsApp Business number;
Netra files it as an item of the grouping, answers with a tracking code, and pushes the group's
outcome back (outbox, retries).

The reply texts are Indonesian: the tipline speaks to citizens, as the public pages do.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from netra.monitoring.core import telegram, whatsapp
from netra.monitoring.core.records import Post, content_sha256
from netra.monitoring.core.telegram import IncomingTip, TelegramError
from netra.monitoring.models import (
    Group,
    GroupStatus,
    Item,
    OutboundMessage,
    OutboxStatus,
    SourceKind,
    Tip,
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
    "Terima kasih. Mohon kirim juga keterangan atau tautannya sebagai teks (foto saja belum "
    "dapat kami baca)."
)
RECEIVED = (
    "Terima kasih, kiriman Anda kami terima. Kode pelacakan: {code}. Kami akan mengabari Anda "
    "bila kiriman ini ditindaklanjuti."
)
OUTCOMES = {
    GroupStatus.ACCEPTED: (
        "Kabar untuk kiriman {code}: Bawaslu menindaklanjutinya sebagai temuan. Terima kasih "
        "atas kepedulian Anda."
    ),
    GroupStatus.DISMISSED: (
        "Kabar untuk kiriman {code}: setelah ditelaah, kiriman ini tidak ditindaklanjuti. "
        "Terima kasih atas kepedulian Anda."
    ),
}

Sender = Callable[[str, str], None]  # (chat_id, text); raises TelegramError


def _enqueue(
    channel: str, chat_id: str, text: str, *, now: datetime, tip: Tip | None = None
) -> None:
    OutboundMessage.objects.create(
        channel=channel,
        chat_id=chat_id,
        text=text,
        tip=tip,
        next_attempt_at=now,
        created_at=now,
    )


def receive_telegram_tip(incoming: IncomingTip, *, now: datetime) -> Tip | None:
    """A Telegram message (see `receive_tip`)."""
    return receive_tip(incoming, channel=CHANNEL_TELEGRAM, now=now)


def receive_tip(incoming: IncomingTip, *, channel: str, now: datetime) -> Tip | None:
    """File the forwarded text as an item (grouped like any post) and queue the tracking-code
    reply; a command or a bare photo gets guidance instead. A repeated update is ignored."""
    from netra.monitoring.services import ingest_posts, source_named

    if incoming.is_command:
        _enqueue(channel, incoming.chat_id, WELCOME, now=now)
        return None
    if not incoming.text:
        _enqueue(channel, incoming.chat_id, NEED_TEXT, now=now)
        return None
    existing = Tip.objects.filter(
        channel=channel, chat_id=incoming.chat_id, message_id=incoming.message_id
    ).first()
    if existing is not None:
        return existing  # Telegram redelivers an update it thinks was not received
    post = Post(
        line=1,
        external_id=f"{incoming.chat_id}:{incoming.message_id}",
        text=incoming.text,
        author=incoming.sender,
        platform=channel,
        posted_at=now,
    )
    source = source_named(f"tipline {channel}", kind=SourceKind.TIPLINE)
    ingest_posts([post], source=source, now=now)
    item = Item.objects.get(sha256=content_sha256(incoming.text))
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
            reply = RECEIVED.format(code=tip.tracking_code)
            _enqueue(channel, incoming.chat_id, reply, now=now, tip=tip)
    except IntegrityError:  # the same update delivered twice at once
        return Tip.objects.get(
            channel=channel, chat_id=incoming.chat_id, message_id=incoming.message_id
        )
    return tip


def notify_outcome(group: Group, *, now: datetime) -> int:
    """Queue the group's outcome to every citizen who sent one of its items; returns how many."""
    template = OUTCOMES.get(GroupStatus(group.status))
    if template is None:
        return 0
    tips = list(Tip.objects.filter(item__group=group))
    for tip in tips:
        reply = template.format(code=tip.tracking_code)
        _enqueue(tip.channel, tip.chat_id, reply, now=now, tip=tip)
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


@dataclass(frozen=True, slots=True)
class OutboxRun:
    sent: int
    retrying: int
    failed: int


def send_outbox(
    *, now: datetime, senders: dict[str, Sender] | None = None, limit: int = 500
) -> OutboxRun:
    """Send the due messages through their channel; a failure is retried with doubling delays,
    up to MAX_ATTEMPTS, and a permanent refusal (blocked bot, unknown chat) fails at once."""
    senders = senders or {CHANNEL_TELEGRAM: telegram_sender(), CHANNEL_WHATSAPP: whatsapp_sender()}
    sent = retrying = failed = 0
    due = OutboundMessage.objects.filter(
        status=OutboxStatus.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "id")[:limit]
    for message in due:
        message.attempts += 1
        try:
            send = senders.get(message.channel)
            if send is None:
                raise TelegramError(f"no sender for channel {message.channel!r}", is_permanent=True)
            send(message.chat_id, message.text)
        except TelegramError as error:
            message.last_error = str(error)[:500]
            if error.is_permanent or message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                failed += 1
            else:
                delay = FIRST_RETRY_S * 2 ** (message.attempts - 1)
                message.next_attempt_at = now + timedelta(seconds=delay)
                retrying += 1
        else:
            message.status, message.sent_at, message.last_error = OutboxStatus.SENT, now, ""
            sent += 1
        message.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
        )
    return OutboxRun(sent, retrying, failed)
