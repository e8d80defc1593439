"""Reads of Tanya Aturan: the desk queue (region-scoped) and the published answers."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Max, Q, QuerySet

from netra.accounts.models import User
from netra.cases.scope import is_staff_role, region_filter
from netra.guidance.consult import Consultant
from netra.guidance.faq import FaqEntry, FaqKind
from netra.guidance.models import Question, QuestionStatus


class QuestionNotFoundError(LookupError):
    """No such question in the viewer's scope (a 404: other regions' are not confirmed)."""


def questions_for(user: User, *, status: str | None = None) -> QuerySet[Question]:
    """The desk queue: questions of the viewer's regions, and those that name no region."""
    if not is_staff_role(user):
        return Question.objects.none()
    scope = region_filter(user)
    questions = Question.objects.filter(scope | Q(region__isnull=True)).select_related(
        "region", "answered_by", "published_by"
    )
    if status:
        questions = questions.filter(status=status)
    return questions


def get_question_for(user: User, question_id: int) -> Question:
    """One question in the viewer's scope, or QuestionNotFoundError."""
    found = questions_for(user).filter(pk=question_id).first()
    if found is None:
        raise QuestionNotFoundError(question_id)
    return found


def question_by_code(code: str) -> Question | None:
    """The question with this code, for the asker; no staff names are shown from it."""
    return Question.objects.filter(code=code).first()


def pending_count_for(user: User) -> int:
    return questions_for(user, status=QuestionStatus.PENDING).count()


def published_entries() -> list[FaqEntry]:
    """Published desk answers as FAQ entries, newest first."""
    published = Question.objects.filter(status=QuestionStatus.PUBLISHED).order_by("-published_at")
    return [
        FaqEntry(
            id=str(question.pk),
            kind=FaqKind.PERMISSION if question.allowed is not None else FaqKind.INFORMATION,
            question=question.text,
            answer=question.answer,
            source=question.source or "Jawaban Bawaslu (Tanya Aturan)",
            allowed=question.allowed,
            norms=tuple(question.norm_list),
        )
        for question in published
    ]


def consultant() -> Consultant:
    """A consultant with the published answers, rebuilt only when publications change."""
    published = Question.objects.filter(status=QuestionStatus.PUBLISHED)
    stamp = published.aggregate(latest=Max("published_at"))
    return _consultant(str(stamp["latest"]), published.count())


@lru_cache(maxsize=2)
def _consultant(latest: str, count: int) -> Consultant:
    del latest, count  # the cache key: a new publication builds a new index
    return Consultant(published=published_entries())
