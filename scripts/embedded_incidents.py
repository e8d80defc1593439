"""How the analyzer reads an incident told inside a longer article.

The corpus holds excerpts of 1-12 sentences; feeds and pasted articles are whole pages, where the
incident is one paragraph among background. This sets each dev text among paragraphs of train
negatives (appeals, rule explanations, recaps, cleared cases: what such background says) and
reports how many dev incidents are still found and how many dev negatives become false alarms,
with the incident leading the article or in its middle. The background is real text, the
arrangement is not, so the figures compare window settings; they are not a quality figure.

    .venv/bin/python scripts/embedded_incidents.py [--windows 8 4] [--seed 2]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from netra.analysis import analyzer as analyzer_module
from netra.analysis.corpus import CorpusItem, read_corpus
from netra.analysis.learned import features
from netra.analysis.learned.scorer import read_scorer

CORPUS = Path(__file__).resolve().parents[1] / "corpus/real/corpus.jsonl"
MIN_BACKGROUND_CHARS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model",
        type=Path,
        help="a model trained without dev (`netra train --hold-out-dev --output FILE`): the "
        "shipped one learned from dev too",
    )
    parser.add_argument("--windows", nargs=2, type=int, metavar=("SIZE", "STRIDE"))
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    if args.windows:
        features.WINDOW_SENTENCES, features.WINDOW_STRIDE = args.windows
    analyzer = analyzer_module.Analyzer.default()
    if args.model is not None:
        analyzer = analyzer.with_scorer(read_scorer(args.model))
    items = read_corpus(CORPUS, analyzer.rulebook)
    background = [
        item.text
        for item in items
        if item.split == "train"
        and not item.is_violation
        and len(item.text) >= MIN_BACKGROUND_CHARS
    ]
    dev = [item for item in items if item.split == "dev"]
    print(
        f"windows of {features.WINDOW_SENTENCES} sentences, {features.WINDOW_STRIDE} apart, "
        f"for texts over {features.LONG_TEXT_SENTENCES} sentences; {len(dev)} dev texts"
    )
    arrangements: dict[str, Callable[[str, random.Random], str]] = {
        "as published": lambda text, _: text,
        "leading two paragraphs": lambda text, rng: " ".join([text, *rng.sample(background, 2)]),
        "between two paragraphs": lambda text, rng: " ".join(
            [rng.choice(background), text, rng.choice(background)]
        ),
    }
    for name, arrange in arrangements.items():
        found, alarms = _run(analyzer, dev, arrange, random.Random(args.seed))  # noqa: S311 (a sample, not a secret)
        print(f"{name:24s} incidents found {found:.3f}  false alarms {alarms:.3f}")


def _run(
    analyzer: analyzer_module.Analyzer,
    items: Sequence[CorpusItem],
    arrange: Callable[[str, random.Random], str],
    rng: random.Random,
) -> tuple[float, float]:
    flagged = [(item, analyzer.analyze(arrange(item.text, rng)).is_violation) for item in items]
    incidents = [hit for item, hit in flagged if item.is_violation]
    negatives = [hit for item, hit in flagged if not item.is_violation]
    return sum(incidents) / len(incidents), sum(negatives) / len(negatives)


if __name__ == "__main__":
    main()
