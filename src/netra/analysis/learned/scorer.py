"""Scoring with a trained model: TF-IDF weights of the observed features times linear heads.

The artifact is one compressed NumPy file shipped in the package: the vocabulary, the IDF
weights, one weight matrix per head (incident, category, subject, act) and a JSON block with the
version, thresholds and the figures it was accepted on. Scoring needs NumPy only; scikit-learn is
needed to train, never to score.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from operator import sub
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from netra.analysis.frozen import quick_init
from netra.analysis.learned.features import (
    FEATURE_VERSION,
    FeatureIndex,
    Observation,
    feature_rows,
    is_one_window,
    windows,
)
from netra.errors import NetraError

MODEL_FILE = "scorer.npz"
INCIDENT = "incident"
HEADS = ("incident", "category", "subject", "act")
MODES = ("balanced", "review", "alert")

FloatArray = npt.NDArray[np.float32]


# 1 + log(count) in float32 for the counts 1..SUBLINEAR_TF_SIZE - 1, as `_weighted` computes it
# (row 0 is never read): screening gathers a post's weights here instead of taking logarithms.
SUBLINEAR_TF_SIZE = 1024
SUBLINEAR_TF: FloatArray = np.concatenate(
    (
        np.zeros(1, dtype=np.float32),
        1.0 + np.log(np.arange(1, SUBLINEAR_TF_SIZE, dtype=np.float32)),
    )
)


class ModelFileError(NetraError):
    """The model file is missing, damaged or was trained on other features."""

    code = "model_file_invalid"


@dataclass(frozen=True, slots=True)
class Head:
    """A linear head: one weight column per class (a single column for a yes/no head)."""

    classes: tuple[str, ...]
    weights: FloatArray  # (features, columns)
    bias: FloatArray  # (columns,)

    def probabilities_of(self, margins: Sequence[float]) -> dict[str, float]:
        """Class probabilities from this head's margins, bias included (sigmoid for yes/no,
        else softmax); plain floats, since a head has a handful of classes."""
        if len(margins) == 1 and len(self.classes) == 2:
            yes = _sigmoid(margins[0])
            return {self.classes[0]: 1.0 - yes, self.classes[1]: yes}
        top = max(margins)
        shifted = [math.exp(margin - top) for margin in margins]
        total = sum(shifted)
        return {name: value / total for name, value in zip(self.classes, shifted, strict=True)}


def _sigmoid(margin: float) -> float:
    return 1.0 / (1.0 + math.exp(-margin))


@dataclass(frozen=True, slots=True)
class Scores:
    """The learned scorer's reading of one text."""

    incident: float  # P(the text tells of a particular alleged violation)
    category: Mapping[str, float] = field(default_factory=dict)
    subject: Mapping[str, float] = field(default_factory=dict)
    act: Mapping[str, float] = field(default_factory=dict)
    carriers: tuple[tuple[str, float], ...] = ()  # features that pushed P(incident) up most


@quick_init
@dataclass(frozen=True, slots=True)
class Vector:
    """A text's features as rows of the vocabulary and their L2-normalised TF-IDF values."""

    rows: npt.NDArray[np.intp]
    values: FloatArray
    vocabulary: Sequence[str]  # row -> feature name, to name the features when explaining

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.vocabulary[row] for row in self.rows)


@dataclass(frozen=True, slots=True)
class LearnedScorer:
    """A trained model, loaded once.

    The heads' weight columns are also kept side by side in `stacked`, so all heads of a text
    cost one gather and one product; `incident_weights` is the incident column alone, the only
    one most screened posts need.
    """

    version: str
    index: Mapping[str, int]
    idf: FloatArray
    heads: Mapping[str, Head]
    thresholds: Mapping[str, float]
    meta: Mapping[str, Any]
    stacked: FloatArray = field(init=False)
    biases: FloatArray = field(init=False)  # the heads' biases, side by side as in `stacked`
    incident_weights: FloatArray = field(init=False)
    incident_bias: float = field(init=False)  # the incident head's bias, as a Python float
    columns: Mapping[str, slice] = field(init=False)
    features: FeatureIndex = field(init=False)
    vocabulary: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        columns: dict[str, slice] = {}
        start = 0
        for name in HEADS:
            width = self.heads[name].weights.shape[1]
            columns[name] = slice(start, start + width)
            start += width
        stacked = np.hstack([self.heads[name].weights for name in HEADS])
        object.__setattr__(self, "stacked", np.ascontiguousarray(stacked))
        biases = np.concatenate([self.heads[name].bias for name in HEADS]).astype(np.float32)
        object.__setattr__(self, "biases", biases)
        object.__setattr__(self, "columns", columns)
        incident = np.ascontiguousarray(self.heads[INCIDENT].weights[:, 0])
        object.__setattr__(self, "incident_weights", incident)
        object.__setattr__(self, "incident_bias", float(self.heads[INCIDENT].bias[0]))
        object.__setattr__(self, "features", FeatureIndex.of(self.index))
        vocabulary = sorted(self.index, key=self.index.__getitem__)
        object.__setattr__(self, "vocabulary", tuple(vocabulary))

    def vectorize(self, counts: Counter[str]) -> Vector:
        return vectorize(counts, self.index, self.idf, self.vocabulary)

    def vectorize_rows(self, counts: Mapping[int, int]) -> Vector:
        """The same vector as `vectorize`, from counts already keyed by vocabulary row."""
        rows = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.intp, count=len(counts))
        try:
            weights = SUBLINEAR_TF[tf]  # the counts of a post are small: a gather, no logarithm
        except IndexError:
            weights = cast(FloatArray, 1.0 + np.log(tf.astype(np.float32)))
        return _scaled(rows, weights, self.idf, self.vocabulary)

    def read(self, observation: Observation) -> tuple[float, int, Observation, Vector] | None:
        """P(incident) of the text: its best window's, with that window, its first token and
        its vector; None when the text names no official at all (as the screening prefilter).

        The model was trained on excerpts of up to eight sentences; a longer article is read in
        overlapping windows (features.windows), so one incident paragraph is not drowned by the
        background around it.
        """
        if not observation.mentions:
            return None
        if is_one_window(observation):  # most texts: read whole, without the windows' generator
            vector = self.vectorize_rows(feature_rows(observation, self.features))
            return (self.incident(vector), 0, observation, vector)
        best: tuple[float, int, Observation, Vector] | None = None
        for offset, window in windows(observation):
            vector = self.vectorize_rows(feature_rows(window, self.features))
            probability = self.incident(vector)
            if best is None or probability > best[0]:
                best = (probability, offset, window, vector)
        return best

    def incident(self, vector: Vector) -> float:
        margin = float(vector.values @ self.incident_weights[vector.rows])
        return _sigmoid(margin + self.incident_bias)

    def contributions(self, vector: Vector) -> FloatArray:
        """How much each of the vector's features pushed P(incident) up (or down)."""
        return self.incident_weights[vector.rows] * vector.values

    def score(self, vector: Vector, *, explain: int = 0) -> Scores:
        """All heads; `explain` > 0 also returns that many features that carried P(incident)."""
        carriers: tuple[tuple[str, float], ...] = ()
        if explain:
            column = self.contributions(vector)
            order = np.argsort(-column)[:explain]
            names = vector.names
            carriers = tuple((names[i], round(float(column[i]), 4)) for i in order if column[i] > 0)
        margins = (vector.values @ self.stacked[vector.rows] + self.biases).tolist()
        heads = {
            name: self.heads[name].probabilities_of(margins[columns])
            for name, columns in self.columns.items()
        }
        return Scores(
            incident=heads[INCIDENT]["yes"],
            category=heads["category"],
            subject=heads["subject"],
            act=heads["act"],
            carriers=carriers,
        )

    def ranking(self, vector: Vector) -> Ranking | None:
        """What a verdict without explanation needs of the heads, with the softmax of the subject
        head only: the category and act heads are ranked by their margins.

        Their probabilities rank as the margins do wherever no two margins of a head lie within
        RANK_GAP of each other and they spread over less than RANK_SPREAD: the rounding of
        margin - max (at most 2**-53 x RANK_SPREAD), of exp and of the division cannot then make
        two probabilities equal or swap them, and exp does not underflow. Otherwise None, and
        the caller takes `score`'s probabilities.
        """
        margins = (vector.values @ self.stacked[vector.rows] + self.biases).tolist()
        categories = _ranked(margins[self.columns["category"]])
        acts = _ranked(margins[self.columns["act"]])
        if categories is None or acts is None:
            return None
        subject = Probabilities(self.heads["subject"], margins[self.columns["subject"]])
        return Ranking(
            subject,
            self.heads["category"].classes[categories[0]],
            tuple(map(self.heads["act"].classes.__getitem__, acts)),
        )

    def threshold(self, mode: str) -> float:
        if mode not in self.thresholds:
            raise ModelFileError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
        return self.thresholds[mode]


class Probabilities(Mapping[str, float]):
    """A head's class probabilities (`Head.probabilities_of` of its margins), worked out at the
    first look at one of them: which classes it has needs none, and the choice of subject
    mostly asks only that (a text names one kind, and that kind acts), which saves screening
    the softmax of the subject head on most posts. The values are those of `probabilities_of`,
    bit for bit, in the same order."""

    __slots__ = ("_head", "_margins", "_values")

    def __init__(self, head: Head, margins: Sequence[float]) -> None:
        self._head = head
        self._margins = margins
        self._values: dict[str, float] | None = None

    def _computed(self) -> dict[str, float]:
        if self._values is None:
            self._values = self._head.probabilities_of(self._margins)
        return self._values

    def __contains__(self, key: object) -> bool:
        return key in self._head.classes

    def __getitem__(self, key: str) -> float:
        return self._computed()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._head.classes)

    def __len__(self) -> int:
        return len(self._head.classes)

    def __repr__(self) -> str:
        return repr(self._computed())


# Below this gap between two margins of a head, or above this spread of them, `ranking` leaves
# the order to the probabilities.
RANK_GAP = 1e-9
RANK_SPREAD = 600.0


@quick_init
@dataclass(frozen=True, slots=True)
class Ranking:
    """The heads as a verdict without explanation reads them."""

    subject: Mapping[str, float]  # the subject head's probabilities, as in `Scores`
    category: str  # the most probable category
    acts: tuple[str, ...]  # from the most probable act to the least


def _ranked(margins: list[float]) -> list[int] | None:
    """The classes' indices from the largest margin to the smallest; None when two margins lie
    within RANK_GAP of each other (or are equal) or spread over RANK_SPREAD or more."""
    order = sorted(range(len(margins)), key=margins.__getitem__, reverse=True)
    values = list(map(margins.__getitem__, order))
    if len(values) > 1 and (
        min(map(sub, values, values[1:])) <= RANK_GAP or values[0] - values[-1] >= RANK_SPREAD
    ):
        return None
    return order


def vectorize(
    counts: Counter[str],
    index: Mapping[str, int],
    idf: FloatArray,
    vocabulary: Sequence[str] = (),
) -> Vector:
    """Known features as vocabulary rows with sublinear TF x IDF weights, L2-normalised.

    Training builds its matrix with this same function, so a text scores as it was trained;
    `vocabulary` (row -> name) is needed only to name the features of an explanation.
    """
    found: list[int] = []
    tf: list[float] = []
    lookup = index.get
    for name, count in counts.items():
        row = lookup(name)
        if row is not None:
            found.append(row)
            tf.append(count)
    rows = np.array(found, dtype=np.intp)
    return _weighted(rows, np.array(tf, dtype=np.float32), idf, vocabulary)


def _weighted(
    rows: npt.NDArray[np.intp],
    tf: FloatArray,
    idf: FloatArray,
    vocabulary: Sequence[str],
) -> Vector:
    """Sublinear TF x IDF, L2-normalised (`tf` float32)."""
    return _scaled(rows, cast(FloatArray, 1.0 + np.log(tf)), idf, vocabulary)  # float32


def _scaled(
    rows: npt.NDArray[np.intp],
    weights: FloatArray,
    idf: FloatArray,
    vocabulary: Sequence[str],
) -> Vector:
    """Sublinear TF weights (float32) x IDF, L2-normalised; fsum is exact, so the norm does not
    depend on the order the features came in."""
    values = (weights * idf[rows]).astype(np.float32, copy=False)
    norm = math.sqrt(math.fsum((values * values).tolist()))
    if norm:
        values /= norm
    return Vector(rows, values, vocabulary)


def save_scorer(
    path: Path | io.BytesIO,
    vocabulary: Sequence[str],
    idf: FloatArray,
    heads: Mapping[str, Head],
    meta: Mapping[str, Any],
) -> None:
    """Write the artifact; weights are stored as float16, enough for a linear model's ranking."""
    arrays: dict[str, npt.NDArray[Any]] = {
        "vocabulary": np.frombuffer("\n".join(vocabulary).encode("utf-8"), dtype=np.uint8),
        "idf": idf.astype(np.float16),
    }
    for name, head in heads.items():
        arrays[f"{name}.weights"] = head.weights.astype(np.float16)
        arrays[f"{name}.bias"] = head.bias.astype(np.float32)
        arrays[f"{name}.classes"] = _text_array("\n".join(head.classes))
    document = {**meta, "feature_version": FEATURE_VERSION}
    arrays["meta"] = _text_array(json.dumps(document, ensure_ascii=False, sort_keys=True))
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def read_scorer(source: Path | io.BytesIO) -> LearnedScorer:
    """Load and check an artifact; a damaged or incompatible file is refused by name."""
    raw = source.read_bytes() if isinstance(source, Path) else source.getvalue()
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, EOFError) as error:
        raise ModelFileError(f"{_name(source)}: not a Netra model file ({error})") from None
    missing = [
        key
        for key in ("vocabulary", "idf", "meta", *(f"{h}.weights" for h in HEADS))
        if key not in arrays
    ]
    if missing:
        raise ModelFileError(f"{_name(source)}: missing {', '.join(missing)}")
    meta = json.loads(_text(arrays["meta"]))
    if meta.get("feature_version") != FEATURE_VERSION:
        raise ModelFileError(
            f"{_name(source)}: trained on feature version {meta.get('feature_version')}, "
            f"this analyzer reads version {FEATURE_VERSION}: run `netra train`"
        )
    vocabulary = _text(arrays["vocabulary"]).split("\n")
    heads = {
        name: Head(
            tuple(_text(arrays[f"{name}.classes"]).split("\n")),
            arrays[f"{name}.weights"].astype(np.float32),
            arrays[f"{name}.bias"].astype(np.float32),
        )
        for name in HEADS
    }
    rows = len(vocabulary)
    if any(head.weights.shape[0] != rows for head in heads.values()) or len(arrays["idf"]) != rows:
        raise ModelFileError(f"{_name(source)}: weights do not match the vocabulary")
    digest = hashlib.sha256(raw).hexdigest()[:8]
    return LearnedScorer(
        version=f"{meta.get('name', 'model')}.{digest}",
        index={name: row for row, name in enumerate(vocabulary)},
        idf=arrays["idf"].astype(np.float32),
        heads=heads,
        thresholds=dict(meta.get("thresholds", {})),
        meta=meta,
    )


@cache
def load_scorer() -> LearnedScorer | None:
    """The model shipped in the package, or None when the package was built without one."""
    resource = resources.files("netra.analysis").joinpath("data", MODEL_FILE)
    if not resource.is_file():
        return None
    return read_scorer(io.BytesIO(resource.read_bytes()))


def _text_array(text: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(array: npt.NDArray[Any]) -> str:
    return bytes(array.astype(np.uint8)).decode("utf-8")


def _name(source: Path | io.BytesIO) -> str:
    return str(source) if isinstance(source, Path) else "model"
