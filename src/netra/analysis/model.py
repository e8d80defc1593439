"""What the analyzer returns: typed, immutable, and convertible to the stable JSON contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netra.analysis.spans import Span

if TYPE_CHECKING:
    from netra.analysis.entities import Entities
    from netra.rulebook import Applicability


def span_dict(span: Span) -> dict[str, object]:
    return {"start": span.start, "end": span.end, "text": span.text}


@dataclass(frozen=True, slots=True)
class Subject:
    """Who acted: the taxonomy subject type, and name, NIP, position and agency when stated."""

    type: str
    name: str | None = None
    nip: str | None = None
    position: str | None = None
    agency: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "type": self.type,
            "name": self.name,
            "nip": self.nip,
            "position": self.position,
            "agency": self.agency,
            "span": span_dict(self.span) if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One act found in the text, with the evidence that shows it and the law that applies."""

    act: str
    bawaslu_category: int
    score: float
    evidence: tuple[Span, ...]
    subject_type: str
    applicability: Applicability | None = None
    source: str = "rules"  # "rules", or "model" when the learned scorer found it alone
    carriers: tuple[tuple[str, float], ...] = ()  # the model's strongest features, if "model"

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "act": self.act,
            "bawaslu_category": self.bawaslu_category,
            "score": round(self.score, 3),
            "subject_type": self.subject_type,
            "source": self.source,
            "evidence": [span_dict(span) for span in self.evidence],
        }
        if self.carriers:
            data["carriers"] = [{"feature": name, "weight": w} for name, w in self.carriers]
        if self.applicability is not None:
            law = self.applicability.to_dict()
            data["stage"] = law.get("stage")
            data["applicable"] = law.get("applicable")
            data["sanctions"] = law.get("sanctions")
        return data


@dataclass(frozen=True, slots=True)
class Analysis:
    """The verdict on one text."""

    is_violation: bool
    bawaslu_category: int | None
    subject: Subject
    findings: tuple[Finding, ...]
    entities: Entities
    date: date | None
    date_source: str | None  # "text", "argument" or None when unknown
    election: str
    analyzer_version: str
    incident_probability: float | None = None  # the learned scorer's P(incident), if it ran
    rule_acts: tuple[str, ...] = ()  # the acts the rules read, whatever the final verdict
    notes: tuple[str, ...] = field(default=())

    @property
    def acts(self) -> tuple[str, ...]:
        return tuple(finding.act for finding in self.findings)

    @property
    def score(self) -> float:
        if self.incident_probability is not None:
            return self.incident_probability
        return max((finding.score for finding in self.findings), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "is_violation": self.is_violation,
            "bawaslu_category": self.bawaslu_category,
            "subject": self.subject.to_dict(),
            "findings": [finding.to_dict() for finding in self.findings],
            "entities": self.entities.to_dict(),
            "date": self.date.isoformat() if self.date else None,
            "date_source": self.date_source,
            "election": self.election,
            "analyzer_version": self.analyzer_version,
            "incident_probability": (
                None if self.incident_probability is None else round(self.incident_probability, 4)
            ),
            "rule_acts": list(self.rule_acts),
            "notes": list(self.notes),
        }
