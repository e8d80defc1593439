"""Writes on the outbox: queue a message with the act it tells of, deliver queued messages."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netra.accounts.models import User
from netra.notifications.models import Channel, DeliveryStatus, Notification
from netra.notifications.senders import DeliveryError, OutgoingMessage, configured_senders
from netra.notifications.texts import in_language

logger = logging.getLogger(__name__)

# The language of a staff notice's stored text, and of the e-mail to one who never chose one.
STAFF_LANGUAGE = "id"
MAX_ATTEMPTS = 5
# A failed message waits 1, 2, 4, then 8 minutes: a mail server down for a restart is waited
# out by the worker's frequent runs instead of using up the attempts in two minutes.
FIRST_RETRY_S = 60
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# An Indonesian mobile number as people write it: 08..., +628..., 628..., with spaces or dashes.
_PHONE = re.compile(r"^(\+?62|0)8\d{7,12}$")


def channel_for(contact: str) -> tuple[Channel, str] | None:
    """The channel and normalised address for a contact as a reporter typed it, or None."""
    text = contact.strip()
    if _EMAIL.match(text):
        return Channel.EMAIL, text
    digits = re.sub(r"[\s().-]", "", text)
    if _PHONE.match(digits):
        return Channel.SMS, "+62" + digits.lstrip("+").removeprefix("62").removeprefix("0")
    return None


def queue_message(
    *,
    channel: Channel,
    recipient: str,
    subject: str,
    body: str,
    kind: str,
    case_id: int | None,
    now: datetime,
) -> Notification:
    """Put one message in the outbox; it is sent after the surrounding transaction commits."""
    notification = Notification.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        kind=kind,
        case_id=case_id,
        created_at=now,
    )
    transaction.on_commit(lambda: deliver(notification.pk))
    return notification


def notify_staff(
    user: User,
    *,
    subject: str = "",
    body: str = "",
    kind: str,
    case_id: int | None,
    now: datetime,
    content: Mapping[str, Any] | None = None,
) -> None:
    """Put a message in the staff member's desk list, and in their e-mail if they have one.

    With `content` (templates and values, netra.notifications.texts) the desk shows the notice
    in the reader's language, the stored subject and body are its Indonesian and the e-mail is
    in the language the staff member last chose (`User.language`). Without it, `subject` and
    `body` are final.
    """
    mail_subject, mail_body = subject, body
    if content is not None:
        subject, body = in_language(content, STAFF_LANGUAGE)
        mail_subject, mail_body = in_language(content, user.language or STAFF_LANGUAGE)
    Notification.objects.create(
        channel=Channel.IN_APP,
        user=user,
        recipient=user.username,
        subject=subject[:200],
        body=body,
        content=dict(content or {}),
        kind=kind,
        case_id=case_id,
        status=DeliveryStatus.SENT,
        created_at=now,
        sent_at=now,
    )
    if user.email:
        notification = queue_message(
            channel=Channel.EMAIL,
            recipient=user.email,
            subject=mail_subject,
            body=mail_body,
            kind=kind,
            case_id=case_id,
            now=now,
        )
        notification.user = user
        notification.content = dict(content or {})
        notification.save(update_fields=["user", "content"])


def deliver(notification_id: int) -> bool:
    """Try to send one queued message now; False (and kept for later) when it cannot be sent."""
    notification = Notification.objects.filter(
        pk=notification_id, status=DeliveryStatus.QUEUED
    ).first()
    if notification is None:
        return False
    sender = configured_senders().get(notification.channel)
    if sender is None:
        return False  # no gateway for this channel yet: it waits in the outbox
    message = OutgoingMessage(notification.recipient, notification.subject, notification.body)
    notification.attempts += 1
    try:
        sender.send(message)
    except DeliveryError as error:
        logger.warning("notification %s not delivered: %s", notification.pk, error.message)
        notification.last_error = error.message[:500]
        if notification.attempts >= MAX_ATTEMPTS:
            notification.status = DeliveryStatus.FAILED
        delay = FIRST_RETRY_S * 2 ** (notification.attempts - 1)
        notification.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    notification.status = DeliveryStatus.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


@dataclass(frozen=True, slots=True)
class DeliveryRun:
    sent: int
    still_queued: int
    failed: int


def deliver_outbox(*, limit: int = 500, now: datetime | None = None) -> DeliveryRun:
    """Try every queued message that is due once, oldest first (`netra worker`, or cron after
    the mail server was down); one that failed waits out its delay."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(status=DeliveryStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    sent = sum(1 for notification_id in ids if deliver(notification_id))
    return DeliveryRun(
        sent=sent,
        still_queued=Notification.objects.filter(status=DeliveryStatus.QUEUED).count(),
        failed=Notification.objects.filter(status=DeliveryStatus.FAILED).count(),
    )
