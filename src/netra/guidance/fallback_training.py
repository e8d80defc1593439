"""Training the fallback model, deterministically (scikit-learn is imported here only).

The examples are the labelled development questions (in scope: their act or FAQ entry; out of
scope: "none") plus what the law data says of itself: each rulebook act's Indonesian label and
each FAQ entry's question and phrasings. Features are sorted and the solver is deterministic, so
the same sets give the same file byte for byte (`tests/guidance/test_fallback.py`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from netra.errors import NetraError
from netra.guidance.evaluate import Labelled
from netra.guidance.fallback import NONE_LABEL, Fallback, question_features, tfidf
from netra.guidance.faq import FaqEntry
from netra.guidance.reading import read_question
from netra.rulebook import Rulebook

# Chosen by leave-one-set-out cross-validation over the seven development sets, never on a held-out
# check (docs/history/consultation-rounds.md, "Round 5"): C in {1, 2, 4, 8, 32}, features seen in 1
# or 2 texts, thresholds 0.1-0.5; the most questions right in and out of scope together (396 of 420,
# rules alone 392), ties to the one that guesses less out of scope, then the smaller C.
C = 2.0
MIN_DOCUMENTS = 1
THRESHOLD = 0.2
MAX_ITER = 5000


class FallbackTrainingError(NetraError):
    """The examples cannot make a model (none, or labels of one kind only)."""

    code = "fallback_training_failed"


@dataclass(frozen=True, slots=True)
class Example:
    """One training text and the label a right answer comes from."""

    text: str
    label: str


def item_label(item: Labelled) -> str:
    """`act:<code>`, `faq:<id>` or `none` (out of scope)."""
    if not item.is_in_scope:
        return NONE_LABEL
    return f"faq:{item.faq}" if item.faq is not None else f"act:{item.act}"


def law_examples(rulebook: Rulebook, faq: Sequence[FaqEntry]) -> list[Example]:
    """What the law data says of itself: act labels, FAQ questions and phrasings."""
    examples = [Example(act.label_id, f"act:{act.code}") for act in rulebook.acts.values()]
    for entry in faq:
        examples += [
            Example(text, f"faq:{entry.id}") for text in (entry.question, *entry.phrasings)
        ]
    return examples


def train(
    examples: Sequence[Example],
    *,
    c: float = C,
    min_documents: int = MIN_DOCUMENTS,
    threshold: float = THRESHOLD,
    trained_on: Sequence[str] = (),
) -> Fallback:
    """Fit the model on `examples`."""
    from sklearn.linear_model import LogisticRegression

    if len({example.label for example in examples}) < 2:
        raise FallbackTrainingError("the fallback needs examples of at least two labels")
    counts = [question_features(read_question(example.text)) for example in examples]
    documents: Counter[str] = Counter()
    for features in counts:
        documents.update(features.keys())
    vocabulary = tuple(sorted(f for f, n in documents.items() if n >= min_documents))
    index = {feature: column for column, feature in enumerate(vocabulary)}
    total = len(counts)
    idf = np.asarray(
        [np.log((1 + total) / (1 + documents[feature])) + 1.0 for feature in vocabulary]
    )
    matrix = np.vstack([tfidf(features, index, idf) for features in counts])
    labels = sorted({example.label for example in examples})
    target = np.asarray([labels.index(example.label) for example in examples])
    model = LogisticRegression(C=c, max_iter=MAX_ITER, solver="lbfgs")
    model.fit(matrix, target)
    weights = np.asarray(model.coef_, dtype=float)
    intercepts = np.asarray(model.intercept_, dtype=float)
    if len(labels) == 2:
        # Two labels: scikit-learn keeps one row z; the softmax of (-z/2, z/2) is its sigmoid.
        weights = np.vstack([-weights[0] / 2, weights[0] / 2])
        intercepts = np.asarray([-intercepts[0] / 2, intercepts[0] / 2])
    return Fallback(
        vocabulary=vocabulary,
        idf=idf,
        labels=tuple(labels),
        weights=weights,
        intercepts=intercepts,
        threshold=threshold,
        trained_on=tuple(trained_on),
    )


def examples_from(
    items: Sequence[Labelled], rulebook: Rulebook, faq: Sequence[FaqEntry]
) -> list[Example]:
    """The development questions and the law data, as training examples."""
    return [Example(item.question, item_label(item)) for item in items] + law_examples(
        rulebook, faq
    )
