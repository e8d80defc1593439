"""Rules only, model only (words alone, no rule signals) and the hybrid, side by side on dev.

The model-only column trains the same heads on word unigrams and bigrams alone, on the same
train split and rule cases as `netra train`, and takes its operating point on dev the same way;
its category and subject come from its heads. Prints a Markdown table for
docs/analyzer-quality.md. Run from the repository root:

    .venv/bin/python scripts/compare_engines.py [--split dev]
"""

from __future__ import annotations

import argparse
import io
from collections import Counter
from pathlib import Path

from netra.analysis import Analyzer
from netra.analysis.corpus import in_split, read_corpus
from netra.analysis.evaluate import HEADLINE, Report, evaluate
from netra.analysis.hybrid import _act, _subject
from netra.analysis.learned.build import operating_points
from netra.analysis.learned.features import BIGRAM, WORD, features
from netra.analysis.learned.scorer import read_scorer, save_scorer
from netra.analysis.learned.training import Example, train
from netra.analysis.model import Analysis, Subject
from netra.analysis.normalize import tokenize
from netra.cli.train import DEFAULT_EXTRA, _extra_texts, _training_text, as_labelled

CORPUS = Path("corpus/real/corpus.jsonl")


def words(counts: Counter[str]) -> Counter[str]:
    return Counter({k: v for k, v in counts.items() if k.startswith((WORD, BIGRAM))})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--model",
        type=Path,
        help="a model trained without dev (`netra train --hold-out-dev --output FILE`): the "
        "shipped one learned from dev too",
    )
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    rules = Analyzer.rules_only()
    hybrid = Analyzer.default()
    if args.model is not None:
        hybrid = hybrid.with_scorer(read_scorer(args.model))
    items = read_corpus(CORPUS, rules.rulebook)
    texts = [_training_text(i) for i in in_split(items, "train")]
    for path in DEFAULT_EXTRA:
        texts += _extra_texts(path, rules)

    def observe(text: str):  # type: ignore[no-untyped-def]
        return rules.observe(text, tokenize(text))

    examples = [
        Example(words(features(observe(t.text))), t.is_violation, t.category, t.subject, t.act)
        for t in texts
    ]
    trained = train(examples)
    buffer = io.BytesIO()
    save_scorer(buffer, trained.vocabulary, trained.idf, trained.heads, {"name": "words"})
    words_only = read_scorer(buffer)
    dev = in_split(items, "dev")
    dev_p = [
        words_only.incident(words_only.vectorize(words(features(observe(i.text))))) for i in dev
    ]
    threshold = operating_points(dev_p, [i.is_violation for i in dev])["balanced"]
    chosen = in_split(items, args.split)

    def model_only(text: str) -> Analysis:
        observation = observe(text)
        vector = words_only.vectorize(words(features(observation)))
        scores = words_only.score(vector)
        base = rules.analyze(text)
        if scores.incident < threshold:
            return Analysis(False, None, Subject("none"), (), base.entities, None, None, "", "")
        subject = _subject(observation.mentions, scores.subject)
        _, category = _act(
            scores.category, scores.act, subject, lambda a: rules.rulebook.act(a).category
        )
        return Analysis(True, category, Subject(subject), (), base.entities, None, None, "", "")

    columns: dict[str, Report] = {
        "rules only": evaluate(map(as_labelled, chosen), lambda i: rules.analyze(i.text)),
        "model only (words)": evaluate(map(as_labelled, chosen), lambda i: model_only(i.text)),
        "hybrid (balanced)": evaluate(map(as_labelled, chosen), lambda i: hybrid.analyze(i.text)),
    }
    print(f"| {args.split} split, {len(chosen)} texts | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name in HEADLINE:
        cells = []
        for report in columns.values():
            low, high = report.intervals(500)[name]
            cells.append(f"{getattr(report, name):.3f} ({low:.2f}-{high:.2f})")
        print(f"| {name.replace('_', ' ')} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
