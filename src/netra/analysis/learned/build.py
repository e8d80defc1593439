"""From a labelled corpus to a shipped model: features, training, operating points, the file.

The operating points are chosen on the dev split, never on test: `balanced` maximises incident
F1, `review` is the highest threshold that keeps recall at 0.95 or more (for a human review
queue) and `alert` the lowest that reaches precision 0.95 (for alerts sent without review).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from netra.analysis.learned.features import Observation, features
from netra.analysis.learned.scorer import LearnedScorer, read_scorer, save_scorer
from netra.analysis.learned.training import SEED, Example, Trained, train

REVIEW_RECALL = 0.95
ALERT_PRECISION = 0.95
MODEL_NAME = "model"


@dataclass(frozen=True, slots=True)
class TrainingText:
    """A text and its gold labels, whatever file it came from."""

    text: str
    is_violation: bool
    category: int | None
    subject: str | None
    act: str | None


def examples(items: Iterable[TrainingText], observe: Callable[[str], Observation]) -> list[Example]:
    """Each text as the rules see it, turned into features, with its gold labels."""
    return [
        Example(
            features(observe(item.text)),
            item.is_violation,
            item.category,
            item.subject,
            item.act,
        )
        for item in items
    ]


def build(
    training: Sequence[Example],
    dev: Sequence[tuple[Observation, bool]],
    *,
    seed: int = SEED,
    about: dict[str, object] | None = None,
    assess: Callable[[LearnedScorer], dict[str, object]] | None = None,
) -> tuple[bytes, LearnedScorer]:
    """Train, choose the operating points on dev, and return the artifact and its scorer.

    `assess`, given the scorer with its thresholds, returns figures to record in the file (the
    dev figures a retrained model must reproduce).
    """
    trained = train(training, seed=seed)
    meta: dict[str, object] = {"name": MODEL_NAME, "seed": seed, **(about or {})}
    draft = _write(trained, {**meta, "thresholds": {}})
    scorer = read_scorer(io.BytesIO(draft))
    readings = [scorer.read(observation) for observation, _ in dev]
    probabilities = [reading[0] if reading else 0.0 for reading in readings]
    thresholds = operating_points(probabilities, [gold for _, gold in dev])
    meta["thresholds"] = thresholds
    if assess is not None:
        meta["figures"] = assess(read_scorer(io.BytesIO(_write(trained, meta))))
    final = _write(trained, meta)
    return final, read_scorer(io.BytesIO(final))


def _write(trained: Trained, meta: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    save_scorer(buffer, trained.vocabulary, trained.idf, trained.heads, meta)
    return buffer.getvalue()


def operating_points(probabilities: Sequence[float], gold: Sequence[bool]) -> dict[str, float]:
    """Thresholds halfway between neighbouring dev scores, for each mode."""
    ranked = sorted(set(probabilities))
    cuts = [0.0] + [(a + b) / 2 for a, b in pairwise(ranked)] + [1.0]
    positives = sum(gold)
    rows = []
    for cut in cuts:
        tp = sum(1 for p, g in zip(probabilities, gold, strict=True) if p >= cut and g)
        flagged = sum(1 for p in probabilities if p >= cut)
        precision = tp / flagged if flagged else 1.0
        recall = tp / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((cut, precision, recall, f1))
    balanced = max(rows, key=lambda row: (round(row[3], 6), row[0]))[0]
    review = max((row[0] for row in rows if row[2] >= REVIEW_RECALL), default=0.0)
    reaching = [row for row in rows if row[1] >= ALERT_PRECISION and row[2] > 0]
    alert = (
        min(row[0] for row in reaching)
        if reaching
        else max(rows, key=lambda row: (row[1], row[2]))[0]
    )
    return {"balanced": round(balanced, 4), "review": round(review, 4), "alert": round(alert, 4)}
