"""`netra train` and `netra corpus`: rebuild the learned scorer and inspect the real-text corpus."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from netra.analysis import Analyzer
from netra.analysis.corpus import (
    SPLITS,
    CorpusError,
    CorpusItem,
    cohen_kappa,
    in_split,
    read_corpus,
)
from netra.analysis.evaluate import HEADLINE, Labelled, Report, evaluate, load_labelled
from netra.analysis.learned import Observation
from netra.analysis.learned.build import TrainingText, build, examples
from netra.analysis.learned.scorer import MODEL_FILE, LearnedScorer
from netra.analysis.learned.training import SEED
from netra.analysis.normalize import tokenize
from netra.errors import NetraError

DEFAULT_CORPUS = Path("corpus/real/corpus.jsonl")
# Our own rule cases: written in-house, so never evidence of quality, but they teach the heads
# the acts and categories that the real corpus has few examples of (measured on dev: see
# docs/analyzer-quality.md).
DEFAULT_EXTRA = [
    Path("tests/analysis/cases"),
    Path("tests/analysis/holdout"),
    Path("tests/analysis/hard"),
]
LABEL_FIELDS = ("is_violation", "bawaslu_category", "subject")

corpus_app = typer.Typer(help="Inspect the real-text corpus: figures and labeller agreement.")


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
    app.add_typer(corpus_app, name="corpus")


def default_model_path() -> Path:
    import netra.analysis

    return Path(netra.analysis.__file__).parent / "data" / MODEL_FILE


def train_command(
    corpus: Annotated[
        Path, typer.Option(help="The labelled real-text corpus (JSONL with splits).")
    ] = DEFAULT_CORPUS,
    extra: Annotated[
        list[Path] | None,
        typer.Option(
            help="More labelled texts for training: corpus-shaped JSONL (e.g. from `netra export "
            "training`), YAML rule cases, or a folder of them. Default: our own rule cases."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="Where to write the model (default: the package's).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the solvers.")] = SEED,
) -> None:
    """Train the learned scorer on the train split (plus --extra), choose the operating points
    on the dev split, and write the model. The same inputs and seed give the same file."""
    rules = Analyzer.rules_only()
    items = _read(corpus, rules)
    training = [_training_text(item) for item in in_split(items, "train")]
    dev = in_split(items, "dev")
    if not training or not dev:
        raise typer.BadParameter(f"{corpus}: needs items of both the train and the dev split")
    extra_paths = DEFAULT_EXTRA if extra is None else extra
    for path in extra_paths:
        added = _extra_texts(path, rules)
        training += added
        typer.echo(f"{path}: {len(added)} extra training texts")

    def observe(text: str) -> Observation:
        return rules.observe(text, tokenize(text))

    about = {
        "corpus": corpus.as_posix(),
        "extra": [path.as_posix() for path in extra_paths],
        "trained_on": len(training),
        "dev_items": len(dev),
    }
    artifact, scorer = build(
        examples(training, observe),
        [(observe(item.text), item.is_violation) for item in dev],
        seed=seed,
        about=about,
        assess=lambda candidate: dev_figures(rules, candidate, dev),
    )
    target = output or default_model_path()
    target.write_bytes(artifact)
    typer.echo(
        f"wrote {target} ({len(artifact) / 1024:.0f} KB, {len(scorer.index):,} features), "
        f"version {scorer.version}"
    )
    typer.echo("thresholds: " + ", ".join(f"{k} {v:.3f}" for k, v in scorer.thresholds.items()))
    for mode, figures in scorer.meta["figures"].items():
        typer.echo(f"dev, {mode}: " + ", ".join(f"{k} {figures[k]:.3f}" for k in HEADLINE))


def dev_figures(rules: Analyzer, scorer: LearnedScorer, dev: list[CorpusItem]) -> dict[str, object]:
    """The dev split's headline figures: the hybrid at each mode, and the rules alone."""
    reports = {f"hybrid {mode}": dev_report(rules, scorer, dev, mode) for mode in scorer.thresholds}
    reports["rules only"] = _evaluate(rules, dev)
    return {name: headline(report) for name, report in reports.items()}


def headline(report: Report) -> dict[str, float]:
    return {name: round(getattr(report, name), 4) for name in HEADLINE}


def dev_report(rules: Analyzer, scorer: LearnedScorer, dev: list[CorpusItem], mode: str) -> Report:
    """The hybrid with `scorer` at `mode`, scored on `dev`."""
    hybrid = replace(rules, scorer=scorer).configured(mode=mode)
    return _evaluate(hybrid, dev)


def _evaluate(analyzer: Analyzer, items: list[CorpusItem]) -> Report:
    return evaluate(map(as_labelled, items), lambda item: analyzer.analyze(item.text))


def as_labelled(item: CorpusItem) -> Labelled:
    return Labelled(
        id=item.id,
        text=item.text,
        is_incident=item.is_violation,
        subject=item.subject or "none",
        acts=item.acts,
        category=item.category,
        register=item.register,
        split=item.split,
    )


def _training_text(item: CorpusItem) -> TrainingText:
    return TrainingText(
        item.text,
        item.is_violation,
        item.category,
        item.subject,
        item.acts[0] if item.acts else None,
    )


def _extra_texts(path: Path, analyzer: Analyzer) -> list[TrainingText]:
    """Training texts from a corpus-shaped JSONL, a YAML file of rule cases, or a folder."""
    if path.is_dir():
        files = sorted(path.glob("*.yaml"))
        if not files:
            raise typer.BadParameter(f"{path}: no YAML case files in this folder")
        return [text for file in files for text in _extra_texts(file, analyzer)]
    if path.suffix in {".yaml", ".yml"}:
        try:
            cases = load_labelled(path)
        except OSError as error:
            raise typer.BadParameter(f"cannot read {path}: {error.strerror}") from None
        except NetraError as error:
            raise typer.BadParameter(str(error)) from None
        return [
            TrainingText(
                case.text,
                case.is_incident,
                case.category if case.is_incident else None,
                case.subject if case.is_incident else None,
                case.acts[0] if case.acts else None,
            )
            for case in cases
        ]
    return [_training_text(item) for item in _read(path, analyzer)]


def _read(path: Path, analyzer: Analyzer) -> list[CorpusItem]:
    try:
        return read_corpus(path, analyzer.rulebook)
    except OSError as error:
        raise typer.BadParameter(f"cannot read {path}: {error.strerror}") from None
    except CorpusError as error:
        raise typer.BadParameter(str(error)) from None


@corpus_app.command("stats")
def stats_command(
    corpus: Annotated[Path, typer.Argument(help="The corpus JSONL.")] = DEFAULT_CORPUS,
) -> None:
    """Items, outlets, registers, categories and subjects, per split: the datasheet's figures."""
    items = _read(corpus, Analyzer.rules_only())
    typer.echo(
        f"{len(items)} items, {len({i.outlet for i in items})} outlets, "
        f"{len({i.story for i in items})} stories"
    )
    for split in (*SPLITS, None):
        chosen = in_split(items, split) if split else [i for i in items if i.split is None]
        if not chosen:
            continue
        positives = [i for i in chosen if i.is_violation]
        typer.echo(
            f"{split or 'unsplit'}: {len(chosen)} items ({len(positives)} violations), "
            f"{len({i.story for i in chosen})} stories"
        )
    _table("register", Counter(i.register for i in items))
    _table("category", Counter(str(i.category) for i in items if i.is_violation))
    _table("subject", Counter(str(i.subject) for i in items if i.is_violation))
    _table("year", Counter(str(i.published.year) if i.published else "?" for i in items))


def _table(name: str, counts: Counter[str]) -> None:
    cells = ", ".join(f"{key} {count}" for key, count in sorted(counts.items()))
    typer.echo(f"by {name}: {cells}")


@corpus_app.command("agreement")
def agreement_command(
    first: Annotated[Path, typer.Argument(help="First labelling pass (JSONL with id + labels).")],
    second: Annotated[Path, typer.Argument(help="Second, independent pass.")],
) -> None:
    """Cohen's kappa per field between two labelling passes, on the ids both labelled."""
    left, right = _labels(first), _labels(second)
    shared = sorted(left.keys() & right.keys())
    if not shared:
        raise typer.BadParameter("the two passes share no id")
    typer.echo(f"{len(shared)} items labelled in both passes")
    for field in LABEL_FIELDS:
        a = [left[i].get(field) for i in shared]
        b = [right[i].get(field) for i in shared]
        same = sum(1 for x, y in zip(a, b, strict=True) if x == y)
        typer.echo(
            f"{field}: kappa {cohen_kappa(a, b):.3f}, raw agreement {same / len(shared):.3f}"
        )
    both = [i for i in shared if left[i].get("is_violation") and right[i].get("is_violation")]
    for field in ("bawaslu_category", "subject"):
        if both:
            a = [left[i].get(field) for i in both]
            b = [right[i].get(field) for i in both]
            typer.echo(
                f"{field} where both say violation ({len(both)}): kappa {cohen_kappa(a, b):.3f}"
            )


def _labels(path: Path) -> dict[str, dict[str, object]]:
    labels: dict[str, dict[str, object]] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    labels[str(record["id"])] = record
                except (ValueError, KeyError, TypeError) as error:
                    raise typer.BadParameter(f"{path}: line {number}: {error}") from None
    except OSError as error:
        raise typer.BadParameter(f"cannot read {path}: {error.strerror}") from None
    return labels
