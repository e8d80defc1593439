"""A learned fallback for questions the rule-based reader cannot place.

The reader (`reading.py`) answers only when the analyzer's cues and act rules find an act; a
question phrased in words they lack gets no act. For those questions alone, a small TF-IDF +
logistic regression model over the same reading (the analyzer's canonical words, word pairs, the
cue concepts read and who asks) guesses which act or FAQ entry the question is about, or
"none" (out of scope). The guess is used only at or above the threshold chosen by
cross-validation over the development sets (`netra ask-generalise`); below it the answer says
Netra is not sure and offers related answers.

The model is data (`data/fallback.json`, rebuilt with `netra ask-train`, byte for byte the same
from the same sets); scoring needs numpy only, and the file is validated on load.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

import numpy as np

from netra.errors import NetraError
from netra.guidance.reading import Reading

FALLBACK_FILE = "fallback.json"
FORMAT = 1
NONE_LABEL = "none"  # the model's "out of scope": no act or entry answers
LABEL_PREFIXES = ("act:", "faq:")
DECIMALS = 4  # weights are stored rounded, so that a rebuild is byte for byte the same


class FallbackError(NetraError):
    """The fallback model file is malformed; the message names the field."""

    code = "fallback_invalid"


def question_features(reading: Reading) -> Counter[str]:
    """What the model reads of a question: the analyzer's canonical words and word pairs, the
    cue concepts read in it and who asks (the same reading the rules see)."""
    words = reading.words
    features: Counter[str] = Counter(f"w:{word}" for word in words)
    features.update(f"b:{first}_{second}" for first, second in pairwise(words))
    features.update(f"c:{concept}" for concept in sorted(reading.concepts))
    features[f"s:{reading.subject if reading.is_subject_stated else '-'}"] += 1
    return features


def tfidf(counts: Mapping[str, int], index: Mapping[str, int], idf: np.ndarray) -> np.ndarray:
    """The l2-normalised TF-IDF vector of `counts` over the model's vocabulary."""
    vector = np.zeros(len(index))
    for feature, count in counts.items():
        column = index.get(feature)
        if column is not None:
            vector[column] = count * idf[column]
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


@dataclass(frozen=True, slots=True)
class Guess:
    """The model's best label (`act:<code>`, `faq:<id>` or `none`) and its probability."""

    label: str
    confidence: float
    threshold: float

    @property
    def is_sure(self) -> bool:
        return self.label != NONE_LABEL and self.confidence >= self.threshold


@dataclass(frozen=True, slots=True)
class Fallback:
    """A trained fallback: vocabulary, idf, one weight row per label, and its threshold."""

    vocabulary: tuple[str, ...]
    idf: np.ndarray
    labels: tuple[str, ...]
    weights: np.ndarray  # labels x vocabulary
    intercepts: np.ndarray
    threshold: float
    trained_on: tuple[str, ...] = ()  # the labelled sets it was trained on (file names)

    @property
    def index(self) -> dict[str, int]:
        return {feature: column for column, feature in enumerate(self.vocabulary)}

    def probabilities(self, features: Mapping[str, int]) -> np.ndarray:
        vector = tfidf(features, self.index, self.idf)
        scores = self.weights @ vector + self.intercepts
        scores = scores - scores.max()
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum())

    def guess(self, reading: Reading) -> Guess:
        """The most probable label for the question read."""
        probabilities = self.probabilities(question_features(reading))
        best = int(np.argmax(probabilities))
        return Guess(self.labels[best], float(probabilities[best]), self.threshold)

    def to_json(self) -> str:
        """The file's text: one key a line (sorted), weights rounded, one line per label."""
        head: dict[str, object] = {
            "format": FORMAT,
            "threshold": self.threshold,
            "trained_on": list(self.trained_on),
            "labels": list(self.labels),
            "intercepts": _rounded(self.intercepts),
            "vocabulary": list(self.vocabulary),
            "idf": _rounded(self.idf),
        }
        lines = ["{"]
        lines += [f' "{key}": {_compact(head[key])},' for key in sorted(head)]
        rows = ",\n".join(f"  {_compact(_rounded(row))}" for row in self.weights)
        lines += [' "weights": [', rows, " ]", "}"]
        return "\n".join(lines) + "\n"


def _rounded(values: np.ndarray) -> list[float]:
    # + 0.0 turns -0.0 into 0.0, so that a rebuild writes the same bytes.
    return [round(float(value), DECIMALS) + 0.0 for value in values]


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _floats(data: Mapping[str, object], key: str, length: int, source: str) -> np.ndarray:
    values = data.get(key)
    if not isinstance(values, list) or len(values) != length:
        raise FallbackError(f"{source}: {key!r} must be a list of {length} numbers")
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
        raise FallbackError(f"{source}: {key!r} holds a value that is not a finite number")
    return np.asarray(values, dtype=float)


def _strings(data: Mapping[str, object], key: str, source: str) -> tuple[str, ...]:
    values = data.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise FallbackError(f"{source}: {key!r} must be a list of non-empty strings")
    if len(set(values)) != len(values):
        raise FallbackError(f"{source}: {key!r} holds a duplicate")
    return tuple(values)


def parse_fallback(
    data: object, *, source: str, known_labels: Sequence[str] | None = None
) -> Fallback:
    """Validate a decoded model file; `known_labels` (acts and FAQ entries) when given must
    hold every label the model can answer with."""
    if not isinstance(data, dict):
        raise FallbackError(f"{source}: expected a mapping")
    if data.get("format") != FORMAT:
        raise FallbackError(f"{source}: 'format' must be {FORMAT}")
    threshold = data.get("threshold")
    if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise FallbackError(f"{source}: 'threshold' must be a number in (0, 1]")
    labels = _strings(data, "labels", source)
    for label in labels:
        if label != NONE_LABEL and not label.startswith(LABEL_PREFIXES):
            raise FallbackError(f"{source}: label {label!r} is not act:<code>, faq:<id> or none")
        if known_labels is not None and label != NONE_LABEL and label not in known_labels:
            raise FallbackError(f"{source}: label {label!r} names no act or FAQ entry")
    vocabulary = _strings(data, "vocabulary", source)
    idf = _floats(data, "idf", len(vocabulary), source)
    intercepts = _floats(data, "intercepts", len(labels), source)
    rows = data.get("weights")
    if not isinstance(rows, list) or len(rows) != len(labels):
        raise FallbackError(f"{source}: 'weights' must hold one row per label ({len(labels)})")
    weights = np.vstack(
        [_floats({"row": row}, "row", len(vocabulary), f"{source}: weights") for row in rows]
    )
    trained_on = data.get("trained_on", [])
    if not isinstance(trained_on, list) or not all(isinstance(v, str) for v in trained_on):
        raise FallbackError(f"{source}: 'trained_on' must be a list of file names")
    return Fallback(
        vocabulary=vocabulary,
        idf=idf,
        labels=labels,
        weights=weights,
        intercepts=intercepts,
        threshold=float(threshold),
        trained_on=tuple(trained_on),
    )


@cache
def load_fallback() -> Fallback:
    """The packaged model (`data/fallback.json`), validated."""
    text = resources.files("netra.guidance").joinpath("data", FALLBACK_FILE).read_text("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FallbackError(
            f"{FALLBACK_FILE}: not JSON ({error.msg}, line {error.lineno})"
        ) from None
    return parse_fallback(data, source=FALLBACK_FILE)
