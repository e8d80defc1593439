"""Senders deliver one message on one channel. E-mail is built in; SMS or WhatsApp gateways plug
in through NETRA_NOTIFICATION_SENDERS (dotted paths of classes with this shape)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from netra.errors import NetraError


class DeliveryError(NetraError):
    """A sender could not hand the message over; the outbox keeps it for another attempt."""

    code = "delivery_failed"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    recipient: str
    subject: str
    body: str


class Sender(Protocol):
    """Delivers messages on one channel; raises DeliveryError when it cannot."""

    channel: ClassVar[str]

    def send(self, message: OutgoingMessage) -> None: ...


class EmailSender:
    """Through Django's mail backend (SMTP as configured by the NETRA_EMAIL_* variables)."""

    channel: ClassVar[str] = "email"

    def send(self, message: OutgoingMessage) -> None:
        mail = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
        )
        try:
            mail.send(fail_silently=False)
        except OSError as error:  # smtplib's errors are OSErrors, as are refused connections
            raise DeliveryError(
                f"e-mail to the {message.recipient.split('@')[-1]} server failed: {error}"
            ) from error


def configured_senders() -> dict[str, Sender]:
    """Channel -> sender, from NETRA_NOTIFICATION_SENDERS; a channel without one stays queued."""
    senders: dict[str, Sender] = {}
    for path in settings.NETRA_NOTIFICATION_SENDERS:
        sender_class = import_string(path)
        sender: Sender = sender_class()
        senders[sender.channel] = sender
    return senders
