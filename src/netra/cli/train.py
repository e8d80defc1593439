"""`netra train` and `netra corpus`: rebuild the learned scorer and inspect the real-text corpus."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
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
from netra.analysis.learned.build import (
    CrossValidation,
    TrainingText,
    build,
    cross_validate,
    examples,
    probability,
    training_digest,
)
from netra.analysis.learned.features import features
from netra.analysis.learned.scorer import MODEL_FILE, LearnedScorer
from netra.analysis.learned.training import SEED, Example
from netra.analysis.model import Analysis
from netra.analysis.normalize import tokenize
from netra.analysis.sisters import SisterSearchError, sister_candidates
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
    hold_out_dev: Annotated[
        bool,
        typer.Option(
            "--hold-out-dev",
            help="Learn from the train split only and choose the operating points on dev, to "
            "compare settings on one fixed split. By default the model learns from train and dev "
            "and its operating points and figures come from story-grouped cross-validation.",
        ),
    ] = False,
) -> None:
    """Train the learned scorer, choose its operating points on texts it did not learn from,
    and write the model. The same inputs and seed give the same file; test is never read."""
    rules = Analyzer.rules_only()
    items = _read(corpus, rules)
    train_items, dev = in_split(items, "train"), in_split(items, "dev")
    if not train_items or not dev:
        raise typer.BadParameter(f"{corpus}: needs items of both the train and the dev split")
    extra_paths = DEFAULT_EXTRA if extra is None else extra
    extra_texts: list[TrainingText] = []
    for path in extra_paths:
        added = _extra_texts(path, rules)
        extra_texts += added
        typer.echo(f"{path}: {len(added)} extra training texts")

    def observe(text: str) -> Observation:
        return rules.observe(text, tokenize(text))

    extra_examples = examples(extra_texts, observe)
    about: dict[str, object] = {
        "corpus": corpus.as_posix(),
        "extra": [path.as_posix() for path in extra_paths],
    }
    learn_from = train_items if hold_out_dev else train_items + dev
    observations = [observe(item.text) for item in learn_from]
    training = examples_of(learn_from, observations)
    if hold_out_dev:
        dev_observations = [observe(item.text) for item in dev]
        about |= {"figures_on": "dev split", "dev_items": len(dev)}

        def calibrate(draft: LearnedScorer) -> tuple[list[float], list[bool]]:
            return [probability(draft, o) for o in dev_observations], [i.is_violation for i in dev]

        def assess(candidate: LearnedScorer) -> dict[str, object]:
            return dev_figures(rules, candidate, dev)
    else:
        typer.echo(f"cross-validating over {len(learn_from)} train and dev texts ...")
        folds = cross_validate(
            training, observations, [item.story for item in learn_from], extra_examples, seed=seed
        )
        about |= {"figures_on": "story-grouped cross-validation over train and dev"}

        def calibrate(draft: LearnedScorer) -> tuple[list[float], list[bool]]:
            return list(folds.probabilities), [item.is_violation for item in learn_from]

        def assess(candidate: LearnedScorer) -> dict[str, object]:
            return cross_validated_figures(rules, folds, candidate.thresholds, learn_from)

    about["trained_on"] = len(training) + len(extra_examples)
    about["inputs_sha256"] = training_digest([*map(_training_text, learn_from), *extra_texts])
    artifact, scorer = build(
        [*training, *extra_examples], calibrate, seed=seed, about=about, assess=assess
    )
    target = output or default_model_path()
    target.write_bytes(artifact)
    typer.echo(
        f"wrote {target} ({len(artifact) / 1024:.0f} KB, {len(scorer.index):,} features), "
        f"version {scorer.version}"
    )
    typer.echo("thresholds: " + ", ".join(f"{k} {v:.3f}" for k, v in scorer.thresholds.items()))
    label = "dev" if hold_out_dev else "cross-validated"
    for mode, figures in scorer.meta["figures"].items():
        typer.echo(f"{label}, {mode}: " + ", ".join(f"{k} {figures[k]:.3f}" for k in HEADLINE))


def examples_of(items: list[CorpusItem], observations: list[Observation]) -> list[Example]:
    """Corpus items as training examples, from observations already made."""
    labelled = map(_training_text, items)
    return [
        Example(features(observation), text.is_violation, text.category, text.subject, text.act)
        for text, observation in zip(labelled, observations, strict=True)
    ]


def dev_figures(rules: Analyzer, scorer: LearnedScorer, dev: list[CorpusItem]) -> dict[str, object]:
    """The dev split's headline figures: the hybrid at each mode, and the rules alone."""
    reports = {f"hybrid {mode}": dev_report(rules, scorer, dev, mode) for mode in scorer.thresholds}
    reports["rules only"] = _evaluate(rules, dev)
    return {name: headline(report) for name, report in reports.items()}


def cross_validated_figures(
    rules: Analyzer,
    folds: CrossValidation,
    thresholds: Mapping[str, float],
    items: list[CorpusItem],
) -> dict[str, object]:
    """The headline figures of each text read by the fold scorer that did not learn from it,
    at the final model's operating points, and the rules alone on the same texts."""
    fold_of_item = {item.id: fold for item, fold in zip(items, folds.folds, strict=True)}
    scorers = folds.with_thresholds(dict(thresholds))
    reports: dict[str, Report] = {}
    for mode in thresholds:
        readers = [rules.with_scorer(scorer).configured(mode=mode) for scorer in scorers]

        def analyze(item: Labelled, readers: list[Analyzer] = readers) -> Analysis:
            return readers[fold_of_item[item.id]].analyze(item.text)

        reports[f"hybrid {mode}"] = evaluate(map(as_labelled, items), analyze)
    reports["rules only"] = _evaluate(rules, items)
    return {name: headline(report) for name, report in reports.items()}


def headline(report: Report) -> dict[str, float]:
    return {name: round(getattr(report, name), 4) for name in HEADLINE}


def dev_report(rules: Analyzer, scorer: LearnedScorer, dev: list[CorpusItem], mode: str) -> Report:
    """The hybrid with `scorer` at `mode`, scored on `dev`."""
    hybrid = rules.with_scorer(scorer).configured(mode=mode)
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


@corpus_app.command("sisters")
def sisters_command(
    corpus: Annotated[Path, typer.Argument(help="The corpus JSONL.")] = DEFAULT_CORPUS,
    split: Annotated[str, typer.Option(help="The split whose texts are checked.")] = "test",
    against: Annotated[
        list[str] | None, typer.Option(help="Splits to check it against (repeat the option).")
    ] = None,
    min_cosine: Annotated[
        float, typer.Option(help="List pairs at or above this TF-IDF cosine.")
    ] = 0.10,
    output: Annotated[
        Path | None, typer.Option(help="Write the pairs here as JSONL, to be read.")
    ] = None,
) -> None:
    """Pairs of texts across splits that may tell one story under two story keys.

    The pairs are candidates for a reader, most similar first; nothing is decided or changed.
    """
    others = against or [name for name in SPLITS if name != split]
    for name in (split, *others):
        if name not in SPLITS:
            raise typer.BadParameter(f"unknown split {name!r}; splits are {', '.join(SPLITS)}")
    items = _read(corpus, Analyzer.rules_only())
    try:
        pairs = sister_candidates(items, split, others, min_cosine)
    except SisterSearchError as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(
        f"{len(pairs)} pairs at cosine >= {min_cosine} between {split} and "
        f"{'+'.join(others)}, {len({pair.checked.id for pair in pairs})} {split} texts"
    )
    if output is None:
        for pair in pairs:
            typer.echo(
                f"{pair.cosine:.3f}  {pair.checked.id} {pair.checked.story}  "
                f"{pair.other.id} ({pair.other.split}) {pair.other.story}"
            )
        return
    with output.open("w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair.to_dict(), ensure_ascii=False) + "\n")
    typer.echo(f"wrote {output}")


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
