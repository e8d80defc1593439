"""Score Tanya Aturan on labelled questions: verdict, norm, and abstention out of scope."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from netra.errors import NetraError
from netra.guidance.consult import Answer, Consultant

SCOPES = ("in", "out")


class QuestionSetError(NetraError):
    """The labelled set is invalid; the message names the item and the field."""

    code = "question_set_invalid"


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled question: what a correct answer says, and where the question was found."""

    id: str
    question: str
    source: str
    is_in_scope: bool
    allowed: bool | None
    on: date | None = None
    act: str | None = None
    faq: str | None = None
    norms: tuple[str, ...] = ()
    who: str | None = None  # the asker's or actor's kind as labelled (a subject code, or other)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How Netra answered one labelled question."""

    item: Labelled
    answer: Answer
    is_verdict_right: bool
    is_norm_right: bool

    @property
    def is_correct(self) -> bool:
        return self.is_verdict_right and self.is_norm_right

    def reason(self) -> str:
        """Why the answer is wrong, in one line."""
        got = self.answer
        parts = []
        if not self.is_verdict_right:
            parts.append(f"allowed {got.allowed} ({got.basis.value}), expected {self.item.allowed}")
        if not self.is_norm_right:
            expected = self.item.faq or self.item.act or "/".join(self.item.norms)
            read = got.entry_id or got.act or "nothing"
            parts.append(f"answered from {read}, expected {expected}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Report:
    """Accuracy on in-scope questions and abstention on out-of-scope ones."""

    outcomes: tuple[Outcome, ...] = field(default=())

    @property
    def in_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.item.is_in_scope]

    @property
    def out_of_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.item.is_in_scope]

    @staticmethod
    def _share(hits: int, total: int) -> float:
        return hits / total if total else 0.0

    @property
    def verdict_accuracy(self) -> float:
        return self._share(sum(o.is_verdict_right for o in self.in_scope), len(self.in_scope))

    @property
    def norm_accuracy(self) -> float:
        return self._share(sum(o.is_norm_right for o in self.in_scope), len(self.in_scope))

    @property
    def accuracy(self) -> float:
        """Share of in-scope questions answered correctly with the right norm."""
        return self._share(sum(o.is_correct for o in self.in_scope), len(self.in_scope))

    @property
    def abstention(self) -> float:
        """Share of out-of-scope questions where Netra said it has no answer."""
        return self._share(
            sum(not o.answer.is_answered for o in self.out_of_scope), len(self.out_of_scope)
        )


def _item(raw: object, number: int, source: str) -> Labelled:
    place = f"{source}: item {number}"
    if not isinstance(raw, dict):
        raise QuestionSetError(f"{place}: expected a mapping")
    for required in ("id", "q", "src", "scope"):
        if not isinstance(raw.get(required), str) or not raw[required].strip():
            raise QuestionSetError(f"{place}: field {required!r} is required text")
    place = f"{source}: item {raw['id']!r}"
    if raw["scope"] not in SCOPES:
        raise QuestionSetError(f"{place}: scope is {raw['scope']!r}: use in or out")
    allowed = raw.get("allowed")
    if allowed is not None and not isinstance(allowed, bool):
        raise QuestionSetError(f"{place}: allowed must be true, false or null")
    on = raw.get("date")
    if on is not None and not isinstance(on, date):
        raise QuestionSetError(f"{place}: date must be YYYY-MM-DD")
    is_in_scope = raw["scope"] == "in"
    if is_in_scope and not (raw.get("act") or raw.get("faq")):
        raise QuestionSetError(f"{place}: an in-scope question names the act or faq answering it")
    norms = raw.get("norm") or []
    if not isinstance(norms, list):
        raise QuestionSetError(f"{place}: norm must be a list of citations")
    who = raw.get("who")
    if who is not None and (not isinstance(who, str) or not who.strip()):
        raise QuestionSetError(f"{place}: who must be a subject code or 'other'")
    return Labelled(
        id=raw["id"],
        question=raw["q"],
        source=raw["src"],
        is_in_scope=is_in_scope,
        allowed=allowed,
        on=on,
        act=raw.get("act"),
        faq=raw.get("faq"),
        norms=tuple(str(norm) for norm in norms),
        who=who,
    )


def load_questions(path: Path) -> list[Labelled]:
    """The labelled questions of a YAML file (`questions:` list), validated."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise QuestionSetError(f"{path.name}: expected a mapping with a list under 'questions'")
    items = [_item(raw, n, path.name) for n, raw in enumerate(data["questions"], start=1)]
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise QuestionSetError(f"{path.name}: item {item.id!r}: duplicate id")
        seen.add(item.id)
    return items


def judge(item: Labelled, answer: Answer) -> Outcome:
    """Compare one answer with its label."""
    if not item.is_in_scope:
        return Outcome(item, answer, not answer.is_answered, not answer.is_answered)
    verdict = answer.is_answered and answer.allowed is item.allowed
    if item.faq is not None:
        norm = answer.entry_id == f"faq:{item.faq}"
    else:
        norm = answer.act == item.act and (
            not item.norms or any(n in answer.norms for n in item.norms)
        )
    return Outcome(item, answer, verdict, norm)


def evaluate(items: Sequence[Labelled], consultant: Consultant | None = None) -> Report:
    """Ask every question and judge the answers."""
    consultant = consultant or Consultant()
    return Report(tuple(judge(item, consultant.ask(item.question, on=item.on)) for item in items))
