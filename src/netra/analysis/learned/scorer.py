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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from netra.analysis.learned.features import FEATURE_VERSION, Observation, features, windows
from netra.errors import NetraError

MODEL_FILE = "scorer.npz"
INCIDENT = "incident"
HEADS = ("incident", "category", "subject", "act")
MODES = ("balanced", "review", "alert")

FloatArray = npt.NDArray[np.float32]


class ModelFileError(NetraError):
    """The model file is missing, damaged or was trained on other features."""

    code = "model_file_invalid"


@dataclass(frozen=True, slots=True)
class Head:
    """A linear head: one weight column per class (a single column for a yes/no head)."""

    classes: tuple[str, ...]
    weights: FloatArray  # (features, columns)
    bias: FloatArray  # (columns,)

    def probabilities(self, rows: npt.NDArray[np.intp], values: FloatArray) -> dict[str, float]:
        margins = values @ self.weights[rows] + self.bias
        if len(self.classes) == 2 and margins.shape[0] == 1:
            yes = 1.0 / (1.0 + math.exp(-float(margins[0])))
            return {self.classes[0]: 1.0 - yes, self.classes[1]: yes}
        shifted = np.exp(margins - margins.max())
        total = float(shifted.sum())
        return {name: float(p) / total for name, p in zip(self.classes, shifted, strict=True)}


@dataclass(frozen=True, slots=True)
class Scores:
    """The learned scorer's reading of one text."""

    incident: float  # P(the text tells of a particular alleged violation)
    category: Mapping[str, float] = field(default_factory=dict)
    subject: Mapping[str, float] = field(default_factory=dict)
    act: Mapping[str, float] = field(default_factory=dict)
    carriers: tuple[tuple[str, float], ...] = ()  # features that pushed P(incident) up most


@dataclass(frozen=True, slots=True)
class Vector:
    """A text's features as rows of the vocabulary and their L2-normalised TF-IDF values."""

    rows: npt.NDArray[np.intp]
    values: FloatArray
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LearnedScorer:
    """A trained model, loaded once."""

    version: str
    index: Mapping[str, int]
    idf: FloatArray
    heads: Mapping[str, Head]
    thresholds: Mapping[str, float]
    meta: Mapping[str, Any]

    def vectorize(self, counts: Counter[str]) -> Vector:
        return vectorize(counts, self.index, self.idf)

    def read(self, observation: Observation) -> tuple[float, int, Observation, Vector] | None:
        """P(incident) of the text: its best window's, with that window, its first token and
        its vector; None when the text names no official at all (as the screening prefilter).

        The model was trained on excerpts of up to eight sentences; a long article is read in
        overlapping windows of that size, so one incident paragraph is not drowned by background.
        """
        if not observation.mentions:
            return None
        best: tuple[float, int, Observation, Vector] | None = None
        for offset, window in windows(observation):
            vector = self.vectorize(features(window))
            probability = self.incident(vector)
            if best is None or probability > best[0]:
                best = (probability, offset, window, vector)
        return best

    def incident(self, vector: Vector) -> float:
        return self.heads[INCIDENT].probabilities(vector.rows, vector.values)["yes"]

    def score(self, vector: Vector, *, explain: int = 0) -> Scores:
        """All heads; `explain` > 0 also returns that many features that carried P(incident)."""
        carriers: tuple[tuple[str, float], ...] = ()
        if explain:
            column = self.heads[INCIDENT].weights[vector.rows, 0] * vector.values
            order = np.argsort(-column)[:explain]
            carriers = tuple(
                (vector.names[i], round(float(column[i]), 4)) for i in order if column[i] > 0
            )
        return Scores(
            incident=self.incident(vector),
            category=self.heads["category"].probabilities(vector.rows, vector.values),
            subject=self.heads["subject"].probabilities(vector.rows, vector.values),
            act=self.heads["act"].probabilities(vector.rows, vector.values),
            carriers=carriers,
        )

    def threshold(self, mode: str) -> float:
        if mode not in self.thresholds:
            raise ModelFileError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
        return self.thresholds[mode]


def vectorize(counts: Counter[str], index: Mapping[str, int], idf: FloatArray) -> Vector:
    """Known features as vocabulary rows with sublinear TF x IDF weights, L2-normalised.

    Training builds its matrix with this same function, so a text scores as it was trained.
    """
    names = tuple(name for name in counts if name in index)
    rows = np.fromiter((index[name] for name in names), dtype=np.intp, count=len(names))
    tf = np.fromiter((counts[name] for name in names), dtype=np.float32, count=len(names))
    values = ((1.0 + np.log(tf)) * idf[rows]).astype(np.float32)
    # fsum is exact, so the norm does not depend on the order the features came in.
    norm = math.sqrt(math.fsum((values * values).tolist()))
    if norm:
        values /= norm
    return Vector(rows, values, names)


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
