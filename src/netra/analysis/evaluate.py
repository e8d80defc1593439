"""Scoring the analyzer on labelled texts, in the shape of the shared development corpus."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from netra.analysis.model import Analysis
from netra.errors import NetraError

NEGATIVE_SUBJECT = "none"


class LabelFileError(NetraError):
    """A labelled file cannot be read; the message names the line or entry."""

    code = "label_file_invalid"


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled text: the gold verdict, acts, subject and category."""

    id: str
    text: str
    is_incident: bool
    subject: str
    acts: tuple[str, ...]
    category: int | None
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The analyzer's answer for one labelled text."""

    item: Labelled
    predicted: bool
    category: int | None
    subject: str
    acts: tuple[str, ...]


@dataclass
class Report:
    """Incident precision/recall/F1, category and subject accuracy, and where it went wrong."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _count(self, predicted: bool, gold: bool) -> int:
        return sum(
            1 for o in self.outcomes if o.predicted is predicted and o.item.is_incident is gold
        )

    @property
    def true_positives(self) -> int:
        return self._count(True, True)

    @property
    def false_positives(self) -> int:
        return self._count(True, False)

    @property
    def false_negatives(self) -> int:
        return self._count(False, True)

    @property
    def true_negatives(self) -> int:
        return self._count(False, False)

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        incidents = self.true_positives + self.false_negatives
        return self.true_positives / incidents if incidents else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def _on_incidents(self, correct: Callable[[Outcome], bool]) -> float:
        incidents = [o for o in self.outcomes if o.item.is_incident]
        return sum(1 for o in incidents if correct(o)) / len(incidents) if incidents else 0.0

    @property
    def category_accuracy(self) -> float:
        """Share of true incidents given their Bawaslu category (a missed incident counts wrong)."""
        return self._on_incidents(lambda o: o.predicted and o.category == o.item.category)

    @property
    def subject_accuracy(self) -> float:
        return self._on_incidents(lambda o: o.predicted and o.subject == o.item.subject)

    def category_confusion(self) -> Counter[tuple[str, str]]:
        """(gold, predicted) category pairs; "-" stands for no incident."""
        return Counter(
            (_label(o.item.category if o.item.is_incident else None), _label(o.category))
            for o in self.outcomes
        )

    def errors(self) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if o.predicted is not o.item.is_incident
            or (
                o.item.is_incident
                and (o.category != o.item.category or o.subject != o.item.subject)
            )
        ]

    def to_dict(self) -> dict[str, object]:
        return {
            "items": len(self.outcomes),
            "incident": {
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
                "tp": self.true_positives,
                "fp": self.false_positives,
                "fn": self.false_negatives,
                "tn": self.true_negatives,
            },
            "category_accuracy": round(self.category_accuracy, 4),
            "subject_accuracy": round(self.subject_accuracy, 4),
            "category_confusion": [
                {"gold": gold, "predicted": predicted, "count": count}
                for (gold, predicted), count in sorted(self.category_confusion().items())
            ],
        }


def _label(category: int | None) -> str:
    return "-" if category is None else str(category)


def evaluate(items: Iterable[Labelled], analyze: Callable[[Labelled], Analysis]) -> Report:
    """Run the analyzer over labelled items and collect the outcomes."""
    report = Report()
    for item in items:
        analysis = analyze(item)
        report.outcomes.append(
            Outcome(
                item,
                analysis.is_violation,
                analysis.bawaslu_category,
                analysis.subject.type,
                analysis.acts,
            )
        )
    return report


def load_labelled(path: Path) -> list[Labelled]:
    """Read a JSONL file like the dev corpus, or a YAML file of our own analyzer cases."""
    if path.suffix in {".yaml", ".yml"}:
        return list(_from_yaml(path))
    return list(_from_jsonl(path))


def _from_jsonl(path: Path) -> Iterator[Labelled]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                yield Labelled(
                    id=str(data.get("id", f"line-{number}")),
                    text=_text(data["text"]),
                    is_incident=bool(data["is_incident"]),
                    subject=str(data.get("subject") or NEGATIVE_SUBJECT),
                    acts=tuple(data.get("acts") or ()),
                    category=_category(data.get("bawaslu_category")),
                    date=_date(data.get("date")),
                )
            except (ValueError, KeyError, TypeError) as error:
                raise LabelFileError(f"{path.name}: line {number}: {_describe(error)}") from None


def _from_yaml(path: Path) -> Iterator[Labelled]:
    try:
        entries = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as error:
        raise LabelFileError(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(entries, list):
        raise LabelFileError(f"{path.name}: expected a list of cases")
    for index, entry in enumerate(entries, start=1):
        try:
            expect = entry["expect"]
            yield Labelled(
                id=str(entry["id"]),
                text=_text(entry["text"]),
                is_incident=bool(expect["is_violation"]),
                subject=str(expect.get("subject") or NEGATIVE_SUBJECT),
                acts=tuple(expect.get("acts") or ()),
                category=_category(expect.get("category")),
                date=_date(expect.get("date")),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise LabelFileError(f"{path.name}: case {index}: {_describe(error)}") from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("field 'text' must be a string")
    return value


def _category(value: object) -> int | None:
    if value in (None, 0):
        return None
    if not isinstance(value, int):
        raise TypeError(f"bawaslu category must be an integer, got {value!r}")
    return value


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error)
