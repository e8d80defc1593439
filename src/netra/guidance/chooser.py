"""A learned chooser between competing readings of a question.

The rules (`reading.py`) may read an act that is not the one a question asks about: a generic
"kampanye" read as attendance while the question is about a village head's partisan measure.
The fallback (`fallback.py`) is consulted only where the rules read nothing. Here the two meet:
the candidates are the acts the rules read (best first) and the fallback's most probable acts
and FAQ entries; each is described by features of its reading (whether the rules read it and
where, whether its own cue words were read or only presumed, how many other acts' cues the
question holds, whether it or the rules' first act is generic, whether it outranks the rules'
first act, the fallback's probability for it and who asks), and a logistic regression scores
each. The rules' first act is kept unless another candidate is scored at or above the threshold
and above it: when the chooser is not confident, the rules decide.

The model is data (written by `netra ask-train-chooser`, byte for byte the same from the same
sets), validated on load; scoring needs numpy only. None is shipped: measured by leave-one-set-out
cross-validation over the development sets it never improved on the rules' reading
(docs/history/consultation-rounds.md, "Round 6"), so `Consultant` uses a chooser only when one
is given.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from netra.analysis.acts import RULE_TRIGGERS
from netra.analysis.classify import GENERIC_ACTS, OUTRANKS
from netra.errors import NetraError
from netra.guidance.fallback import NONE_LABEL, Fallback, question_features
from netra.guidance.reading import Reading

FORMAT = 1
DECIMALS = 4
# How many of the fallback's most probable labels (other than "none") join the candidates.
MODEL_CANDIDATES = 3
# Readings that say little of what was done: bare support, partiality, and attendance (which a
# bare "kampanye" yields when the question's act is something else).
GENERIC_READINGS = frozenset({*GENERIC_ACTS, "campaign_attendance"})
_ACT_TRIGGER_CONCEPTS = frozenset(c for needed in RULE_TRIGGERS.values() for c in needed)
_SUBJECT_GROUPS = {
    "asn": "asn",
    "pns": "asn",
    "pppk": "asn",
    "village_head": "village",
    "village_official": "village",
    "tni": "security",
    "polri": "security",
    "regional_head": "regional_head",
    "acting_regional_head": "regional_head",
}
# The features of a candidate, in the order of the model's weights.
FEATURES = (
    "kept",
    "kept_is_faq",
    "rules_first",
    "from_rules",
    "rules_rank_inverse",
    "model_p",
    "model_top",
    "model_p_over_first",
    "is_faq",
    "generic",
    "first_generic",
    "challenges_generic",
    "own_cues_read",
    "own_cues_presumed",
    "other_act_cues",
    "outranks_first",
    "outranked_by_first",
    "subject_stated",
    "subject_asn",
    "subject_village",
    "subject_security",
    "subject_regional_head",
    "subject_other",
)


class ChooserError(NetraError):
    """The chooser model file is malformed; the message names the field."""

    code = "chooser_invalid"


def candidates(
    kept: str, acts: Sequence[str], probabilities: Mapping[str, float]
) -> tuple[str, ...]:
    """The answer's reading first (`kept`), then the rules' other acts (best first) and the
    fallback's most probable acts and FAQ entries."""
    rules = [f"act:{act}" for act in acts]
    model = sorted(
        (label for label in probabilities if label != NONE_LABEL),
        key=lambda label: (-probabilities[label], label),
    )[:MODEL_CANDIDATES]
    return tuple(dict.fromkeys([kept, *rules, *model]))


def candidate_features(
    label: str,
    kept: str,
    reading: Reading,
    acts: Sequence[str],
    probabilities: Mapping[str, float],
) -> list[float]:
    """The features of one candidate (in `FEATURES` order); `kept` is the answer's reading."""
    kind, _, code = label.partition(":")
    kept_kind, _, kept_code = kept.partition(":")
    first = kept_code if kept_kind == "act" else None
    rank = acts.index(code) if kind == "act" and code in acts else None
    p = probabilities.get(label, 0.0)
    p_first = probabilities.get(kept, 0.0)
    top = max(probabilities, key=lambda key: (probabilities[key], key)) if probabilities else ""
    own = set(RULE_TRIGGERS.get(code, ())) if kind == "act" else set()
    read_triggers = reading.concepts & _ACT_TRIGGER_CONCEPTS
    own_read = len(own & reading.concepts)
    generic = kind == "act" and code in GENERIC_READINGS
    first_generic = first in GENERIC_READINGS
    group = _SUBJECT_GROUPS.get(reading.subject, "other") if reading.is_subject_stated else ""
    values = {
        "kept": float(label == kept),
        "kept_is_faq": float(kept_kind == "faq"),
        "rules_first": float(rank == 0),
        "from_rules": float(rank is not None),
        "rules_rank_inverse": 1.0 / (1 + rank) if rank is not None else 0.0,
        "model_p": p,
        "model_top": float(label == top),
        "model_p_over_first": p - p_first,
        "is_faq": float(kind == "faq"),
        "generic": float(generic),
        "first_generic": float(first_generic),
        "challenges_generic": float(first_generic and label != kept),
        "own_cues_read": float(own_read),
        "own_cues_presumed": float(kind == "act" and own_read == 0),
        "other_act_cues": float(len(read_triggers - own)),
        "outranks_first": float(first is not None and first in OUTRANKS.get(code, frozenset())),
        "outranked_by_first": float(first is not None and code in OUTRANKS.get(first, frozenset())),
        "subject_stated": float(reading.is_subject_stated),
        "subject_asn": float(group == "asn"),
        "subject_village": float(group == "village"),
        "subject_security": float(group == "security"),
        "subject_regional_head": float(group == "regional_head"),
        "subject_other": float(group == "other"),
    }
    return [values[name] for name in FEATURES]


def model_probabilities(fallback: Fallback, reading: Reading) -> dict[str, float]:
    """The fallback's probability for each of its labels, for this question."""
    probabilities = fallback.probabilities(question_features(reading))
    return {label: float(p) for label, p in zip(fallback.labels, probabilities, strict=True)}


@dataclass(frozen=True, slots=True)
class Choice:
    """The candidate put before the answer's reading (`act:<code>` or `faq:<id>`)."""

    label: str
    score: float  # the chooser's probability that it is right where the answer's reading is not


@dataclass(frozen=True, slots=True)
class Chooser:
    """A trained chooser: one weight per feature, an intercept and the override threshold."""

    weights: np.ndarray
    intercept: float
    threshold: float
    trained_on: tuple[str, ...] = ()

    def scores(self, kept: Sequence[float], rows: Sequence[Sequence[float]]) -> np.ndarray:
        """For each candidate, the chooser's probability that it is right where the answer's
        reading (`kept`) is not: a logistic regression on the difference of their features."""
        matrix = np.asarray(rows, dtype=float).reshape(len(rows), len(FEATURES))
        differences = matrix - np.asarray(kept, dtype=float)
        return np.asarray(1.0 / (1.0 + np.exp(-(differences @ self.weights + self.intercept))))

    def choose(
        self,
        reading: Reading,
        kept: str,
        acts: Sequence[str],
        probabilities: Mapping[str, float],
    ) -> Choice | None:
        """Another candidate than the answer's reading `kept` (`act:<code>` or `faq:<id>`),
        when the chooser is confident of it; None keeps the answer."""
        labels = candidates(kept, acts, probabilities)[1:]
        if not labels:
            return None
        own = candidate_features(kept, kept, reading, acts, probabilities)
        rows = [candidate_features(label, kept, reading, acts, probabilities) for label in labels]
        scores = self.scores(own, rows)
        best = int(np.argmax(scores))
        if scores[best] < self.threshold:
            return None
        return Choice(labels[best], float(scores[best]))

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "features": list(FEATURES),
            "weights": [round(float(w), DECIMALS) + 0.0 for w in self.weights],
            "intercept": round(self.intercept, DECIMALS) + 0.0,
            "threshold": self.threshold,
            "trained_on": list(self.trained_on),
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_chooser(data: object, *, source: str) -> Chooser:
    """Validate a decoded chooser file."""
    if not isinstance(data, dict):
        raise ChooserError(f"{source}: expected a mapping")
    if data.get("format") != FORMAT:
        raise ChooserError(f"{source}: 'format' must be {FORMAT}")
    if data.get("features") != list(FEATURES):
        raise ChooserError(f"{source}: 'features' must be {list(FEATURES)} (this code's features)")
    weights = data.get("weights")
    if (
        not isinstance(weights, list)
        or len(weights) != len(FEATURES)
        or not all(isinstance(w, int | float) and math.isfinite(w) for w in weights)
    ):
        raise ChooserError(f"{source}: 'weights' must be a list of {len(FEATURES)} numbers")
    intercept = data.get("intercept")
    if not isinstance(intercept, int | float) or not math.isfinite(intercept):
        raise ChooserError(f"{source}: 'intercept' must be a finite number")
    threshold = data.get("threshold")
    if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise ChooserError(f"{source}: 'threshold' must be a number in (0, 1]")
    trained_on = data.get("trained_on", [])
    if not isinstance(trained_on, list) or not all(isinstance(v, str) for v in trained_on):
        raise ChooserError(f"{source}: 'trained_on' must be a list of file names")
    return Chooser(
        weights=np.asarray(weights, dtype=float),
        intercept=float(intercept),
        threshold=float(threshold),
        trained_on=tuple(trained_on),
    )


def read_chooser(path: Path) -> Chooser:
    """A chooser file written by `netra ask-train-chooser`, validated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ChooserError(f"{path.name}: not JSON ({error.msg}, line {error.lineno})") from None
    return parse_chooser(data, source=path.name)
