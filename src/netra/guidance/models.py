"""Questions the rulebook and the FAQ could not answer, and their answers from the desk.

No identity of the asker is stored (no name, contact or address): a question is followed by its
random code. Publishing needs a second person: the reviewer is never the one who answered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from netra.regions.models import Region

QUESTION_MAX_CHARS = 1_000
CODE_CHARS = 12


class QuestionStatus(models.TextChoices):
    PENDING = "pending", "Menunggu jawaban"
    ANSWERED = "answered", "Dijawab"
    PUBLISHED = "published", "Diterbitkan di FAQ"


class Question(models.Model):
    """A question sent from "Tidak menemukan jawaban?"; answered, then perhaps published."""

    code = models.CharField(max_length=CODE_CHARS, unique=True)
    text = models.TextField(max_length=QUESTION_MAX_CHARS)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    subject_type = models.CharField(max_length=40, blank=True)  # as read from the question
    asked_at = models.DateTimeField()
    status = models.CharField(
        max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    answer = models.TextField(blank=True)
    allowed = models.BooleanField(null=True, blank=True)
    norms = models.TextField(blank=True)  # one citation a line
    source = models.CharField(max_length=300, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-asked_at",)
        indexes = (models.Index(fields=("status", "asked_at"), name="guidance_q_status_asked"),)
        constraints = (
            models.CheckConstraint(
                condition=Q(status=QuestionStatus.PENDING) | Q(answered_by__isnull=False),
                name="guidance_question_answered_has_author",
            ),
            models.CheckConstraint(
                condition=~Q(status=QuestionStatus.PUBLISHED)
                | (Q(published_by__isnull=False) & ~Q(published_by=F("answered_by"))),
                name="guidance_question_published_by_a_second_person",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    @property
    def norm_list(self) -> list[str]:
        return [line.strip() for line in self.norms.splitlines() if line.strip()]
