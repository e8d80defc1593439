"""Pairwise precision and recall of a grouping against labelled groups (docs/monitoring.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PairScores:
    """Over all pairs of items: how many the grouping put together, and how many truly belong."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pair_scores(truth: Mapping[str, str], predicted: Mapping[str, str]) -> PairScores:
    """Compare two item -> group maps over the items of `truth` (counting pairs, not items, so a
    viral group of fifty weighs what it costs a reviewer)."""
    items = list(truth)
    missing = [item for item in items if item not in predicted]
    if missing:
        raise ValueError(f"no predicted group for {len(missing)} item(s), e.g. {missing[0]!r}")
    true_sizes = Counter(truth[item] for item in items)
    predicted_sizes = Counter(predicted[item] for item in items)
    both = Counter((truth[item], predicted[item]) for item in items)
    return PairScores(
        _pairs(true_sizes.values()), _pairs(predicted_sizes.values()), _pairs(both.values())
    )
