"""Writes of Tanya Aturan: submit a question, answer it, publish the answer (each audited)."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction

from netra.accounts.models import User
from netra.audit.services import record
from netra.cases.scope import is_staff_role
from netra.errors import NetraError
from netra.guidance.models import QUESTION_MAX_CHARS, Question, QuestionStatus
from netra.guidance.reading import read_question
from netra.procedure.roles import SUPERVISORS, Role
from netra.regions.models import Region

CODE_BYTES = 6  # 8 URL-safe characters


class QuestionInvalidError(NetraError):
    """The question or its answer is empty or too long."""

    code = "question_invalid"


class PublishNotAllowedError(NetraError):
    """Publishing needs a supervisor who did not write the answer, and an answer."""

    code = "publish_not_allowed"


def _clean(text: str, *, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise QuestionInvalidError(f"the {what} is empty")
    if len(cleaned) > QUESTION_MAX_CHARS:
        raise QuestionInvalidError(
            f"the {what} is {len(cleaned)} characters long: at most {QUESTION_MAX_CHARS}"
        )
    return cleaned


@transaction.atomic
def submit_question(text: str, *, region: Region | None, now: datetime) -> Question:
    """Put a question in Bawaslu's queue; the asker is not identified, only given the code."""
    cleaned = _clean(text, what="question")
    question = Question.objects.create(
        code=secrets.token_urlsafe(CODE_BYTES),
        text=cleaned,
        region=region,
        subject_type=read_question(cleaned).subject,
        asked_at=now,
    )
    record("guidance.question_submitted", actor=None, obj=question, after={"status": "pending"})
    return question


@transaction.atomic
def answer_question(
    question: Question,
    *,
    actor: User,
    answer: str,
    allowed: bool | None,
    norms: list[str],
    source: str,
    now: datetime,
) -> Question:
    """Record the desk's answer; a published answer changed goes back to review."""
    if not is_staff_role(actor) or actor.role not in {role.value for role in SUPERVISORS}:
        raise PublishNotAllowedError("only election supervisors answer questions")
    before = {"status": question.status, "answer": question.answer}
    question.answer = _clean(answer, what="answer")
    question.allowed = allowed
    question.norms = "\n".join(n.strip() for n in norms if n.strip())
    question.source = " ".join(source.split())[:300]
    question.answered_by = actor
    question.answered_at = now
    question.status = QuestionStatus.ANSWERED
    question.published_by = None
    question.published_at = None
    question.save(
        update_fields=[
            "answer",
            "allowed",
            "norms",
            "source",
            "answered_by",
            "answered_at",
            "status",
            "published_by",
            "published_at",
        ]
    )
    record(
        "guidance.question_answered",
        actor=actor,
        obj=question,
        before=before,
        after={"status": question.status, "answer": question.answer},
    )
    return question


@transaction.atomic
def publish_answer(question: Question, *, actor: User, now: datetime) -> Question:
    """Publish a reviewed answer to the FAQ: a supervisor other than the one who answered."""
    if question.status != QuestionStatus.ANSWERED or question.answered_by_id is None:
        raise PublishNotAllowedError("only an answered, unpublished question can be published")
    if question.answered_by_id == actor.pk:
        raise PublishNotAllowedError("the answer must be reviewed by someone who did not write it")
    if not is_staff_role(actor) or actor.role not in {
        Role.BAWASLU_KABKOTA.value,
        Role.BAWASLU_PROVINSI.value,
        Role.BAWASLU_RI.value,
    }:
        raise PublishNotAllowedError("only Bawaslu Kab/Kota, Provinsi or RI publish to the FAQ")
    question.status = QuestionStatus.PUBLISHED
    question.published_by = actor
    question.published_at = now
    question.save(update_fields=["status", "published_by", "published_at"])
    record(
        "guidance.answer_published",
        actor=actor,
        obj=question,
        before={"status": QuestionStatus.ANSWERED},
        after={"status": question.status},
    )
    return question
