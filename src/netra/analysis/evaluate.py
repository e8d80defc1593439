"""Scoring the analyzer on labelled texts: the real-text corpus, or our own rule cases.

Figures come with bootstrap 95% intervals (resampling the texts), because a corpus of a few
hundred texts moves a point estimate by several points from one sample to the next.
"""

from __future__ import annotations

import json
import random
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
    register: str | None = None
    split: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The analyzer's answer for one labelled text."""

    item: Labelled
    predicted: bool
    category: int | None
    subject: str
    acts: tuple[str, ...]
    probability: float | None = None
    rules_fired: bool = False

    @property
    def reason(self) -> str:
        """Why this answer is wrong, in words ("" when it is right)."""
        item = self.item
        how = "" if self.probability is None else f" (P {self.probability:.2f})"
        if self.predicted and not item.is_incident:
            source = "rules and model" if self.rules_fired else "model"
            return f"false alarm by the {source}{how}: {', '.join(self.acts)}"
        if item.is_incident and not self.predicted:
            found = (
                "the rules read an act but the model vetoed"
                if self.rules_fired
                else ("no rule fired and the model scored low")
            )
            return f"missed incident: {found}{how}"
        problems = []
        if item.is_incident and self.category != item.category:
            problems.append(f"category {self.category} for {item.category}")
        if item.is_incident and self.subject != item.subject:
            problems.append(f"subject {self.subject} for {item.subject}")
        return "; ".join(problems)


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

    @property
    def false_alarm_rate(self) -> float:
        negatives = self.false_positives + self.true_negatives
        return self.false_positives / negatives if negatives else 0.0

    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.reason]

    def breakdown(self, key: Callable[[Labelled], object]) -> dict[str, Report]:
        """One report per value of `key` (gold category, subject, register, ...)."""
        groups: dict[str, Report] = {}
        for outcome in self.outcomes:
            groups.setdefault(str(key(outcome.item)), Report()).outcomes.append(outcome)
        return dict(sorted(groups.items(), key=lambda pair: _natural(pair[0])))

    def intervals(self, rounds: int = 1000, seed: int = 7) -> dict[str, tuple[float, float]]:
        """Bootstrap 95% intervals of each headline figure, resampling texts with replacement."""
        if not self.outcomes:
            return {}
        chooser = random.Random(seed)  # noqa: S311 -- resampling, not secrecy
        samples: dict[str, list[float]] = {name: [] for name in HEADLINE}
        size = len(self.outcomes)
        for _ in range(rounds):
            resampled = Report([self.outcomes[chooser.randrange(size)] for _ in range(size)])
            for name in HEADLINE:
                samples[name].append(getattr(resampled, name))
        bounds: dict[str, tuple[float, float]] = {}
        for name, values in samples.items():
            values.sort()
            bounds[name] = (values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1])
        return bounds

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
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "category_confusion": [
                {"gold": gold, "predicted": predicted, "count": count}
                for (gold, predicted), count in sorted(self.category_confusion().items())
            ],
        }


HEADLINE = (
    "precision",
    "recall",
    "f1",
    "category_accuracy",
    "subject_accuracy",
    "false_alarm_rate",
)


def _label(category: int | None) -> str:
    return "-" if category is None else str(category)


def _natural(label: str) -> tuple[int, int | str]:
    return (0, int(label)) if label.isdigit() else (1, label)


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
                analysis.incident_probability,
                bool(analysis.rule_acts),
            )
        )
    return report


def load_labelled(path: Path, split: str | None = None) -> list[Labelled]:
    """Read a JSONL file like the real-text corpus, or a YAML file of our own rule cases.

    With `split`, only the items of that split of the corpus ("train", "dev", "test").
    """
    is_yaml = path.suffix in {".yaml", ".yml"}
    items = list(_from_yaml(path) if is_yaml else _from_jsonl(path))
    if split is None:
        return items
    chosen = [item for item in items if item.split == split]
    if not chosen:
        raise LabelFileError(f"{path.name}: no item of split {split!r}")
    return chosen


def _from_jsonl(path: Path) -> Iterator[Labelled]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                verdict = data.get("is_violation", data.get("is_incident"))
                if verdict is None:
                    raise KeyError("is_violation")
                yield Labelled(
                    id=str(data.get("id", f"line-{number}")),
                    text=_text(data["text"]),
                    is_incident=bool(verdict),
                    subject=str(data.get("subject") or NEGATIVE_SUBJECT),
                    acts=tuple(data.get("acts") or ()),
                    category=_category(data.get("bawaslu_category")),
                    date=_date(data.get("date")),
                    register=data.get("register"),
                    split=data.get("split"),
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
