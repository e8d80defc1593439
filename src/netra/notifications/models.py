"""The outbox: every message to a reporter or a member of staff, written in the same transaction
as the act it tells of, and delivered afterwards by a sender for its channel."""

from __future__ import annotations

from django.db import models

from netra.notifications.texts import rendered


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"
    WHATSAPP = "whatsapp", "WhatsApp"
    IN_APP = "in_app", "Netra"  # shown in the staff member's list in the desk; nothing to send


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"  # waiting for its sender (or for one to be configured)
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"  # gave up after MAX_ATTEMPTS


class Notification(models.Model):
    """One message in the outbox. The recipient is personal data: only the admin shows it."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    # The staff member it is for (None for a reporter, known only by their contact).
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # A staff notice as templates and values (netra.notifications.texts), put into words in the
    # reader's language when shown; empty for a message whose text is final (the reporter's).
    content = models.JSONField(default=dict, blank=True)
    # What the message is about, e.g. "reporter.receipt", "reporter.status.registered".
    kind = models.CharField(max_length=60)
    # The case it concerns, by id: the outbox sits below the case app and does not import it.
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    # After a failed attempt, not before this (doubling delays); None: at the next run.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = (
            models.Index(fields=["status", "channel"], name="notifications_pending_idx"),
            models.Index(fields=["case_id"], name="notifications_case_idx"),
            models.Index(fields=["user", "created_at"], name="notifications_user_idx"),
        )

    def __str__(self) -> str:
        return f"{self.kind} via {self.channel} ({self.status})"

    @property
    def shown_subject(self) -> str:
        """The subject in the active language when the notice kept its templates, else as stored."""
        return rendered(self.content)[0] if self.content else self.subject

    @property
    def shown_body(self) -> str:
        """The body in the active language when the notice kept its templates, else as stored."""
        return rendered(self.content)[1] if self.content else self.body
