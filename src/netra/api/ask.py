"""Tanya Aturan over the API: the answer `netra ask --format json` prints, for one question."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from netra.api import ratelimit
from netra.api.errors import FieldError
from netra.guidance import selectors
from netra.guidance.consult import MAX_QUESTION_CHARS, QuestionError
from netra.rulebook import UnknownCodeError

router = Router(tags=["public"])


class AskFilter(Schema):
    q: str
    date: dt.date | None = None
    subject: str | None = None
    election: str | None = None


class SanctionOut(Schema):
    code: str
    type: str
    level: str | None
    part: str | None
    label_id: str
    norms: list[str]
    certainty: str


class KindVerdictOut(Schema):
    subject: str
    label: str
    allowed: bool | None
    summary: str
    norms: list[str]


class RelatedOut(Schema):
    key: str
    title: str


class AnswerOut(Schema):
    question: str
    allowed: bool | None  # None: it depends on `depends_on`, or no answer (`basis` "none")
    answer: str
    basis: str
    act: str | None
    subject: str | None
    date: dt.date | None
    election: str | None
    norms: list[str]
    sanctions: list[SanctionOut]
    caveats: list[str]
    depends_on: list[str]
    sources: list[str]
    faq: str | None
    related: list[RelatedOut]
    # The question names no one who acts: the act's rule for each kind of official.
    by_subject: list[KindVerdictOut]


@router.get(
    "/ask",
    response=AnswerOut,
    auth=None,
    summary="Ask what an official may do in an election (Tanya Aturan)",
)
def ask(request: HttpRequest, filters: Query[AskFilter]) -> dict[str, object]:
    ratelimit.limit(request, "ask")
    consultant = selectors.consultant()
    for field, value, check in (
        ("subject", filters.subject, consultant.rulebook.subject),
        ("election", filters.election, consultant.rulebook.election),
    ):
        if value is not None:
            try:
                check(value)
            except UnknownCodeError as error:
                raise FieldError(field, "%(reason)s", reason=error.message) from None
    if len(filters.q) > MAX_QUESTION_CHARS:
        raise FieldError(
            "q", "keep the question under %(count)d characters", count=MAX_QUESTION_CHARS
        )
    try:
        answer = consultant.ask(
            filters.q, subject=filters.subject, on=filters.date, election=filters.election
        )
    except QuestionError as error:
        raise FieldError("q", "%(reason)s", reason=str(error)) from None
    return answer.to_dict()
