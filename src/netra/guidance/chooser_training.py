"""Training the chooser between readings, deterministically (scikit-learn is imported here only).

The chooser is scored on the fallback's probabilities, so it must learn them as they are on
questions the fallback was not trained on: for each development set, a fallback is trained on
the other sets (and the law data) and the set's questions are described with it (leave one set
out). Every question the chooser would be asked about (the rules read an act; a permission
question, not outside the scope, not about a relative) gives one row per candidate, marked 1
when the candidate is the labelled act or FAQ entry. Rows are built in the sets' order and the
solver is deterministic, so the same sets give the same file byte for byte
(`tests/guidance/test_chooser.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from netra.guidance.chooser import (
    FEATURES,
    Chooser,
    candidate_features,
    candidates,
    model_probabilities,
)
from netra.guidance.consult import Consultant, answer_label
from netra.guidance.evaluate import Labelled
from netra.guidance.fallback import Fallback
from netra.guidance.fallback_training import examples_from, item_label, train
from netra.guidance.faq import FaqEntry
from netra.guidance.reading import read_question
from netra.rulebook import Rulebook

# Measured by leave-one-set-out cross-validation over the eight development sets, never on a
# held-out check (docs/history/consultation-rounds.md, "Round 6"): C in {0.3, 1, 4}, balanced
# classes or not, thresholds 0.2-0.9. No setting answered more questions right than the rules'
# reading (the unbalanced model never overrode it above 0.3; the balanced one lost up to 172 of
# 412), so no chooser is shipped; these are the values `netra ask-train-chooser` uses.
C = 1.0
THRESHOLD = 0.6
BALANCED = False
MAX_ITER = 5000


@dataclass(frozen=True, slots=True)
class Rows:
    """The chooser's training rows: features and whether each candidate is the right one."""

    features: list[list[float]]
    targets: list[int]


def rows_for(items: Sequence[Labelled], fallback: Fallback) -> Rows:
    """One row per other candidate of each question the chooser would be asked about: the rules read
    an act in it and the answer (rules, FAQ and this fallback) was given from a reading."""
    consultant = Consultant(fallback=fallback)
    features: list[list[float]] = []
    targets: list[int] = []
    for item in items:
        reading = read_question(item.question)
        acts = reading.acts if reading.is_permission_question else ()
        if not acts or reading.outside_reason is not None or reading.relative_of is not None:
            continue
        kept = answer_label(consultant.ask(item.question, on=item.on))
        if kept is None:
            continue
        probabilities = model_probabilities(fallback, reading)
        right = item_label(item)
        own = candidate_features(kept, kept, reading, acts, probabilities)
        for label in candidates(kept, acts, probabilities)[1:]:
            row = candidate_features(label, kept, reading, acts, probabilities)
            features.append([value - base for value, base in zip(row, own, strict=True)])
            targets.append(int(label == right and kept != right))
    return Rows(features, targets)


def held_out_rows(
    sets: Mapping[str, Sequence[Labelled]], rulebook: Rulebook, faq: Sequence[FaqEntry]
) -> Rows:
    """Rows of every set, each described by a fallback trained on the other sets."""
    features: list[list[float]] = []
    targets: list[int] = []
    for name, items in sets.items():
        rest = [item for other, group in sets.items() if other != name for item in group]
        fallback = train(examples_from(rest, rulebook, faq))
        rows = rows_for(items, fallback)
        features += rows.features
        targets += rows.targets
    return Rows(features, targets)


def train_chooser(
    rows: Rows,
    *,
    c: float = C,
    threshold: float = THRESHOLD,
    balanced: bool = BALANCED,
    trained_on: Sequence[str] = (),
) -> Chooser:
    """Fit the chooser on `rows` (a logistic regression, one weight per feature)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(rows.targets)) < 2:
        # No question with a competing reading, or none right: keep the rules' reading always.
        return Chooser(
            weights=np.zeros(len(FEATURES)),
            intercept=-10.0,
            threshold=threshold,
            trained_on=tuple(trained_on),
        )
    model = LogisticRegression(
        C=c, max_iter=MAX_ITER, solver="lbfgs", class_weight="balanced" if balanced else None
    )
    model.fit(np.asarray(rows.features, dtype=float), np.asarray(rows.targets))
    return Chooser(
        weights=np.asarray(model.coef_[0], dtype=float),
        intercept=float(model.intercept_[0]),
        threshold=threshold,
        trained_on=tuple(trained_on),
    )
