"""`netra analyze`, `netra screen` and `netra eval`: the analyzer from the command line."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Annotated, TypeVar

import typer

from netra.analysis import Analysis, Analyzer, Span
from netra.analysis.corpus import SPLITS
from netra.analysis.entities import CandidateRegistry, load_candidates
from netra.analysis.evaluate import Report, evaluate, load_labelled
from netra.analysis.learned.scorer import read_scorer
from netra.analysis.screen import (
    ScreenedLine,
    screen_chunk,
    screen_record_chunk,
    screening_with,
)
from netra.errors import NetraError

CHUNK_LINES = 2000  # lines a worker screens per task: large enough to amortise pickling
IN_FLIGHT_PER_WORKER = 4  # bounded prefetch keeps memory flat on huge inputs
PROGRESS_EVERY_S = 0.5


class OutputFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


class Engine(StrEnum):
    HYBRID = "hybrid"
    RULES = "rules"


class Executor(StrEnum):
    LOCAL = "local"
    DASK = "dask"


class Mode(StrEnum):
    BALANCED = "balanced"
    REVIEW = "review"
    ALERT = "alert"


EngineOption = Annotated[
    Engine,
    typer.Option(help="hybrid: the learned scorer decides, rules explain; rules: rules alone."),
]
ModeOption = Annotated[
    Mode,
    typer.Option(
        help="Operating point chosen in cross-validation: balanced (near-best F1 with the "
        "fewest false alarms), review (recall >= 0.95, for a review queue) or alert (precision "
        ">= 0.95)."
    ),
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(min=0.0, max=1.0, help="P(incident) threshold; overrides --mode."),
]


def _analyzer(
    engine: Engine, mode: Mode, threshold: float | None, model: Path | None = None
) -> Analyzer:
    try:
        analyzer = Analyzer.default()
        if model is not None:
            analyzer = analyzer.with_scorer(read_scorer(model))
        return analyzer.configured(engine=engine.value, mode=mode.value, threshold=threshold)
    except OSError as error:
        raise typer.BadParameter(f"cannot read {model}: {error.strerror}") from None
    except NetraError as error:
        raise typer.BadParameter(str(error)) from None


def register(app: typer.Typer) -> None:
    """Add the analyzer commands to the root app."""
    app.command("analyze")(analyze_command)
    app.command("screen")(screen_command)
    app.command("eval")(eval_command)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _load_registry(path: Path | None) -> CandidateRegistry | None:
    if path is None:
        return None
    try:
        return load_candidates(path)
    except NetraError as error:
        raise typer.BadParameter(str(error), param_hint="--candidates") from None


def analyze_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Text files to analyze; '-' or nothing reads standard input."),
    ] = None,
    texts: Annotated[
        list[str] | None,
        typer.Option(
            "--text",
            "-t",
            help="A text to analyze itself rather than a file (repeatable); after the files.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json (one object per input) or text.")
    ] = OutputFormat.TEXT,
    on: Annotated[
        str | None,
        typer.Option("--date", help="Incident date YYYY-MM-DD when the text states none."),
    ] = None,
    candidates: Annotated[
        Path | None,
        typer.Option(help="Candidate registry CSV (region_code, nomor_urut, names, ...)."),
    ] = None,
    engine: EngineOption = Engine.HYBRID,
    mode: ModeOption = Mode.BALANCED,
    threshold: ThresholdOption = None,
) -> None:
    """Say whether each text describes an alleged neutrality violation, and why."""
    incident_on = _parse_date(on)
    registry = _load_registry(candidates)
    analyzer = _analyzer(engine, mode, threshold)
    failed = False
    # Standard input is read only when neither a file nor a --text is given.
    inputs = _read_inputs(files or ([] if texts else ["-"]))
    given = list(texts or [])
    named = (
        [("text", given[0])]
        if len(given) == 1
        else [(f"text {number}", text) for number, text in enumerate(given, start=1)]
    )
    for name, text in itertools.chain(inputs, named):
        if text is None:
            failed = True
            continue
        if not text.strip():
            # A verdict on nothing ("no violation described") would read as a reading of a
            # report; an empty file is a slip (the wrong file, an export that failed).
            typer.echo(f"error: {name}: the text is empty, nothing to analyze", err=True)
            failed = True
            continue
        try:
            analysis = analyzer.analyze(text, date=incident_on, candidates=registry)
        except Exception as error:  # name the input, not a traceback
            typer.echo(f"error: {name}: the analyzer failed on this text: {error!r}", err=True)
            failed = True
            continue
        if output_format is OutputFormat.JSON:
            payload = {"input": name, **analysis.to_dict()}
            typer.echo(json.dumps(payload, ensure_ascii=False))
        else:
            typer.echo(render_text(name, text, analysis))
    if failed:
        raise typer.Exit(1)


def _read_inputs(names: list[str]) -> Iterator[tuple[str, str | None]]:
    for name in names:
        if not name:  # Path("") is the current directory: "Is a directory" would puzzle
            typer.echo("error: an empty file name; give a file, '-' or --text TEXT", err=True)
            yield name, None
            continue
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as error:
            # A sentence given where a file name goes is the likely slip: say how to give it.
            hint = " (to analyze a text itself: --text TEXT)" if " " in name.strip() else ""
            typer.echo(f"error: cannot read {name}: {error.strerror}{hint}", err=True)
            yield name, None
            continue
        text = raw.decode("utf-8", errors="replace")
        if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
            typer.echo(f"warning: {name}: bytes that are not UTF-8 were replaced", err=True)
        yield name, text


def render_text(name: str, text: str, analysis: Analysis) -> str:
    """The verdict for people: evidence marked in the text, the norms and sanction."""
    lines = [f"== {name}"]
    likelihood = (
        ""
        if analysis.incident_probability is None
        else f"; P(incident) {analysis.incident_probability:.2f}"
    )
    if not analysis.is_violation:
        lines.append(f"Verdict: no alleged neutrality violation described{likelihood}.")
        lines.extend(f"note: {note}" for note in analysis.notes)
        return "\n".join(lines)
    subject = analysis.subject
    lines.append(
        f"Verdict: ALLEGED VIOLATION (Bawaslu category {analysis.bawaslu_category}{likelihood})"
    )
    who = ", ".join(
        part
        for part in (
            subject.name,
            subject.position,
            subject.agency,
            subject.nip and f"NIP {subject.nip}",
        )
        if part
    )
    lines.append(f"Subject: {subject.type}" + (f" ({who})" if who else ""))
    when = analysis.date.isoformat() if analysis.date else "unknown"
    lines.append(
        f"Date: {when} ({analysis.date_source or 'not stated'}); election {analysis.election}"
    )
    for finding in analysis.findings:
        found_by = ", read by the learned scorer" if finding.source == "model" else ""
        lines.append(
            f"- {finding.act} (category {finding.bawaslu_category}, score {finding.score:.2f}"
            f"{found_by})"
        )
        lines.append("  evidence: " + _highlight(text, finding.evidence))
        if finding.carriers:
            carried = ", ".join(name for name, _ in finding.carriers)
            lines.append(f"  carried by: {carried}")
        law = finding.applicability
        if law is None:
            continue
        if not law.applicable:
            lines.append(f"  law: not applicable ({law.reason})")
        for sanction in law.sanctions:
            level = f" {sanction.level}" if sanction.level else ""
            part = f" [SKB part {sanction.part}]" if sanction.part else ""
            flag = " (provisional)" if str(sanction.certainty) == "provisional" else ""
            lines.append(f"  sanction: {sanction.type}{level}{part}{flag}")
            lines.append("    norms: " + "; ".join(str(norm) for norm in sanction.norms))
    lines.extend(f"note: {note}" for note in analysis.notes)
    return "\n".join(lines)


def _highlight(text: str, spans: Iterable[Span]) -> str:
    ordered = sorted(spans, key=lambda span: (span.start, span.end))
    if not ordered:
        return ""
    start = max(0, ordered[0].start - 40)
    end = min(len(text), ordered[-1].end + 40)
    # Widen to whole words so the context does not begin or end mid-word.
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    pieces: list[str] = []
    cursor = start
    for span in ordered:
        if span.start < cursor:
            continue
        pieces.append(text[cursor : span.start])
        pieces.append(f"[{text[span.start : span.end]}]")
        cursor = span.end
    pieces.append(text[cursor:end])
    return " ".join("".join(pieces).split())


def screen_command(
    source: Annotated[Path, typer.Argument(help="JSONL (objects with id and text) or CSV.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSONL here (default stdout).")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Processes screening in parallel.")
    ] = 1,
    engine: EngineOption = Engine.HYBRID,
    mode: ModeOption = Mode.BALANCED,
    threshold: ThresholdOption = None,
    executor: Annotated[
        Executor,
        typer.Option(help="local: this machine's processes; dask: partitions on a Dask cluster."),
    ] = Executor.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(help="With --executor dask: tcp://HOST:PORT (default: a local cluster)."),
    ] = None,
) -> None:
    """Screen a large file of posts; one JSONL line out per good input line, in order.

    With --executor dask the input may also be Parquet and the output Parquet (.parquet)."""
    if not source.is_file():
        raise typer.BadParameter(f"{source} is not a readable file", param_hint="SOURCE")
    analyzer = _analyzer(engine, mode, threshold)
    if executor is Executor.DASK:
        from netra.cli.dask_screen import screen_on_cluster

        screen_on_cluster(
            source, output, scheduler=scheduler, workers=workers, engine=engine.value,
            mode=mode.value, threshold=threshold,
        )  # fmt: skip
        return
    is_csv = source.suffix.lower() == ".csv"
    if is_csv and not _starts_as_text(source):
        # A CSV is read with replacement characters (a bad byte deep in the file costs one
        # line), so a binary file would otherwise be told only that its header lacks columns.
        typer.echo(f"SOURCE: {source} is not a text file (a CSV must be UTF-8 text)", err=True)
        raise typer.Exit(2)
    sink: IO[str]
    try:
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as error:
        typer.echo(f"--output: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    progress = _Progress(enabled=sys.stderr.isatty())
    try:
        with source.open("rb") as handle, screening_with(analyzer):
            if is_csv:
                chunks: Iterator[list[object]] = _chunks(_csv_rows(handle))
                worker: Callable[[list[object]], list[ScreenedLine]] = screen_record_chunk  # type: ignore[assignment]
            else:
                chunks = _chunks(enumerate(handle, start=1))
                worker = screen_chunk  # type: ignore[assignment]
            for result in _run(worker, chunks, workers):
                if result.error:
                    # The file named in every line: `netra screen a.jsonl; netra screen b.jsonl
                    # 2>>errors.txt` leaves lines a reader can still place.
                    progress.error(f"{source}: {result.error}")
                    continue
                sink.write(result.as_json() + "\n")  # one write a line: a run writes millions
                progress.count(result.is_violation)
    except _CsvHeaderError as error:
        raise typer.BadParameter(str(error), param_hint="SOURCE") from None
    finally:
        if output:
            sink.close()
    progress.finish()
    if progress.errors and not progress.read:
        # Bad lines among good ones are reported and the run succeeds; a file of which no line
        # could be screened (a binary file, the wrong format) is a failed run.
        raise typer.Exit(1)


class _CsvHeaderError(Exception):
    pass


TEXT_PROBE_BYTES = 8192


def _starts_as_text(source: Path) -> bool:
    """Whether the file's first bytes read as text: no NUL byte, and a header line that is
    UTF-8 (an empty file is text: its missing header is reported as such)."""
    try:
        with source.open("rb") as handle:
            head = handle.read(TEXT_PROBE_BYTES)
    except OSError:
        return True  # the open below reports it
    if b"\x00" in head:
        return False
    header, newline, _ = head.partition(b"\n")
    try:
        # A header cut by the probe may end inside a character: only the bytes seen are judged.
        codecs.getincrementaldecoder("utf-8")().decode(header, final=bool(newline))
    except UnicodeDecodeError:
        return False
    return True


def _csv_rows(handle: IO[bytes]) -> Iterator[tuple[int, object]]:
    text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
    reader = csv.DictReader(text)
    missing = {"id", "text"} - set(reader.fieldnames or ())
    if missing:
        raise _CsvHeaderError(f"CSV header lacks column(s): {', '.join(sorted(missing))}")
    for row in reader:
        yield reader.line_num, dict(row)


T = TypeVar("T")


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK_LINES:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run(
    worker: Callable[[list[object]], list[ScreenedLine]],
    chunks: Iterator[list[object]],
    workers: int,
) -> Iterator[ScreenedLine]:
    """Results in input order; at most workers x IN_FLIGHT_PER_WORKER chunks held at once."""
    if workers == 1:
        for chunk in chunks:
            yield from worker(chunk)
        return
    with get_context("fork").Pool(workers) as pool:
        pending = []
        for chunk in chunks:
            pending.append(pool.apply_async(worker, (chunk,)))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.pop(0).get()
        for task in pending:
            yield from task.get()


class _Progress:
    """Throughput on a terminal while running; the summary always, on standard error."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self.last_shown = self.started
        self.read = self.flagged = self.errors = 0

    def count(self, flagged: bool) -> None:
        self.read += 1
        self.flagged += flagged
        if self.enabled and self.read % 1000 == 0:
            now = time.perf_counter()
            if now - self.last_shown >= PROGRESS_EVERY_S:
                self.last_shown = now
                rate = self.read / (now - self.started)
                sys.stderr.write(
                    f"\rscreened {self.read:,} ({rate:,.0f} posts/s), flagged {self.flagged:,}"
                )
                sys.stderr.flush()

    def error(self, message: str) -> None:
        self.errors += 1
        sys.stderr.write(("\n" if self.enabled else "") + message + "\n")

    def finish(self) -> None:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        if self.enabled:
            sys.stderr.write("\n")
        sys.stderr.write(
            f"read {self.read + self.errors:,}, screened {self.read:,}, flagged {self.flagged:,}, "
            f"errors {self.errors:,} in {elapsed:.1f} s ({self.read / elapsed:,.0f} posts/s)\n"
        )


def eval_command(
    labelled: Annotated[
        Path, typer.Argument(help="Labelled JSONL (the real-text corpus) or YAML rule cases.")
    ],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TEXT,
    show_errors: Annotated[
        bool, typer.Option("--errors", help="List each wrong answer with its reason.")
    ] = False,
    split: Annotated[
        str | None, typer.Option(help="Only this split of the corpus: train, dev or test.")
    ] = None,
    engine: EngineOption = Engine.HYBRID,
    mode: ModeOption = Mode.BALANCED,
    threshold: ThresholdOption = None,
    bootstrap: Annotated[
        int, typer.Option(min=0, max=100_000, help="Bootstrap rounds for 95% intervals (0: none).")
    ] = 1000,
    model: Annotated[
        Path | None,
        typer.Option(
            help="Another model file, e.g. from `netra train --hold-out-dev --output FILE`: the "
            "shipped model learned from train and dev, so only such a model scores dev fairly."
        ),
    ] = None,
) -> None:
    """Score the analyzer: incident P/R/F1, category and subject accuracy, with 95% intervals,
    per category, subject and register, and the confusion table."""
    if split is not None and split not in SPLITS:
        raise typer.BadParameter(
            f"{split!r}: choose one of {', '.join(SPLITS)}", param_hint="--split"
        )
    try:
        items = load_labelled(labelled, split=split)
    except OSError as error:
        raise typer.BadParameter(f"cannot read {labelled}: {error.strerror}") from None
    except NetraError as error:
        raise typer.BadParameter(str(error)) from None
    if not items:
        # Scores over nothing would print empty tables and exit 0, which reads as a result.
        where = f" in split {split!r}" if split else ""
        raise typer.BadParameter(f"{labelled}: no labelled items{where}")
    analyzer = _analyzer(engine, mode, threshold, model)
    report = evaluate(items, lambda item: analyzer.analyze(item.text, date=item.date))
    intervals = report.intervals(bootstrap) if bootstrap else {}
    tables = {
        "category": report.breakdown(lambda item: item.category if item.is_incident else "-"),
        "subject": report.breakdown(lambda item: item.subject),
        "register": report.breakdown(lambda item: item.register or "?"),
    }
    if output_format is OutputFormat.JSON:
        payload = {
            **report.to_dict(),
            "analyzer_version": analyzer.version,
            "threshold": analyzer.threshold if analyzer.scorer else None,
            "intervals": {
                name: [round(lo, 4), round(hi, 4)] for name, (lo, hi) in intervals.items()
            },
            "by": {
                name: {value: _brief(part) for value, part in table.items()}
                for name, table in tables.items()
            },
        }
        if show_errors:
            payload["errors"] = [
                {"id": o.item.id, "reason": o.reason, "acts": list(o.acts)} for o in report.errors()
            ]
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    typer.echo(f"items {len(report.outcomes)}  analyzer {analyzer.version}")
    _echo_confusion(report)
    for name, table in tables.items():
        typer.echo(f"by gold {name}:")
        for value, part in table.items():
            brief = _brief(part)
            typer.echo(
                f"  {value:<16} n {brief['n']:>4}  incidents {brief['incidents']:>4}  "
                f"found {brief['found']:>4}  false alarms {brief['false_alarms']:>3}  "
                f"category ok {brief['category_ok']:>4}  subject ok {brief['subject_ok']:>4}"
            )
    if show_errors:
        typer.echo("errors:")
        for outcome in report.errors():
            typer.echo(f"  {outcome.item.id}: {outcome.reason}")
    figures = (
        ("incident precision", report.precision, "precision"),
        ("incident recall", report.recall, "recall"),
        ("incident F1", report.f1, "f1"),
        ("category accuracy (on true incidents)", report.category_accuracy, "category_accuracy"),
        ("subject accuracy (on true incidents)", report.subject_accuracy, "subject_accuracy"),
        ("false-alarm rate (on negatives)", report.false_alarm_rate, "false_alarm_rate"),
    )
    for label, figure, key in figures:
        interval = intervals.get(key)
        bounds = f"  [95% {interval[0]:.3f}-{interval[1]:.3f}]" if interval else ""
        typer.echo(f"{label} {figure:.3f}{bounds}")
    typer.echo(
        f"(tp {report.true_positives}, fp {report.false_positives}, "
        f"fn {report.false_negatives}, tn {report.true_negatives})"
    )


def _brief(part: Report) -> dict[str, int]:
    incidents = [o for o in part.outcomes if o.item.is_incident]
    return {
        "n": len(part.outcomes),
        "incidents": len(incidents),
        "found": sum(1 for o in incidents if o.predicted),
        "false_alarms": part.false_positives,
        "category_ok": sum(1 for o in incidents if o.predicted and o.category == o.item.category),
        "subject_ok": sum(1 for o in incidents if o.predicted and o.subject == o.item.subject),
    }


def _echo_confusion(report: Report) -> None:
    confusion = report.category_confusion()
    labels = sorted({label for pair in confusion for label in pair}, key=_category_order)
    typer.echo("category confusion (rows gold, columns predicted; '-' = no incident):")
    typer.echo("      " + "".join(f"{label:>5}" for label in labels))
    for gold in labels:
        cells = "".join(f"{confusion.get((gold, predicted), 0):>5}" for predicted in labels)
        typer.echo(f"{gold:>5} {cells}")


def _category_order(label: str) -> tuple[int, int]:
    return (1, 0) if label == "-" else (0, int(label))


# Keep the worker count sane when the caller passes more than the machine has.
os.environ.setdefault("OMP_NUM_THREADS", "1")
