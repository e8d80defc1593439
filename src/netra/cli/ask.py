"""`netra ask "Bolehkah ASN ...?"`: the Tanya Aturan answer from the rulebook and the FAQ.

Thin adapter: parse, call `netra.guidance.consult`, print. Needs no database; answers published
from the desk are served by the web page (`/tanya/`). Exit codes: 0 answered, 1 not answered
(out of scope: the question can go to Bawaslu's desk), 2 bad input.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netra.errors import NetraError
from netra.rulebook import UnknownCodeError

if TYPE_CHECKING:
    from netra.guidance.consult import Answer
    from netra.guidance.evaluate import Labelled

# The guidance modules are imported by the commands that use them: every `netra` command loads
# this module, and `netra screen` would otherwise spend some 0.1 s of its start importing them.

EXIT_NOT_ANSWERED = 1
# The fallback's confidence threshold, netra.guidance.fallback_training.THRESHOLD (a test keeps
# the two equal): the option's default is read when the command is registered.
FALLBACK_THRESHOLD = 0.2


class AskFormat(StrEnum):
    """How `netra ask` prints its answer."""

    TEXT = "text"
    JSON = "json"


_VERDICT = {True: "BOLEH", False: "TIDAK BOLEH", None: "TERGANTUNG / BELUM DIKETAHUI"}


def register(app: typer.Typer) -> None:
    """Add `netra ask`, `ask-eval`, `ask-train` and `ask-generalise` to the root app."""
    app.command("ask")(ask_command)
    app.command("ask-eval")(ask_eval_command)
    app.command("ask-train")(ask_train_command)
    app.command("ask-generalise")(ask_generalise_command)
    app.command("ask-train-chooser")(ask_train_chooser_command)


def _load_sets(paths: list[Path]) -> dict[str, list[Labelled]]:
    from netra.guidance.evaluate import load_questions

    sets = {}
    for path in paths:
        try:
            sets[path.name] = load_questions(path)
        except OSError as error:
            raise typer.BadParameter(
                f"cannot read {path}: {error.strerror}", param_hint="LABELLED"
            ) from None
        except NetraError as error:
            raise typer.BadParameter(str(error), param_hint="LABELLED") from None
    return sets


def _load_folds(paths: list[Path]) -> dict[str, list[Labelled]]:
    """Development sets as folds; "a.yaml+b.yaml" joins sets into one fold (checks 3-5 are one
    fold in docs/consultation.md), named after its files."""
    folds: dict[str, list[Labelled]] = {}
    for path in paths:
        parts = [Path(part) for part in str(path).split("+")]
        if len(parts) > 1:
            parts = [parts[0], *(parts[0].parent / part.name for part in parts[1:])]
        loaded = _load_sets(parts)
        folds["+".join(loaded)] = [item for items in loaded.values() for item in items]
    return folds


def ask_train_command(
    labelled: Annotated[
        list[Path], typer.Argument(help="The development sets to train on (YAML, `questions:`).")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the model (fallback.json).")
    ],
) -> None:
    """Rebuild the fallback model from development sets (the same sets give the same bytes)."""
    from netra.guidance.consult import Consultant
    from netra.guidance.fallback_training import examples_from, train

    sets = _load_sets(labelled)
    consultant = Consultant(use_fallback=False)
    items = [item for items in sets.values() for item in items]
    model = train(examples_from(items, consultant.rulebook, consultant.faq), trained_on=list(sets))
    output.write_text(model.to_json(), encoding="utf-8")
    typer.echo(f"{output}: {len(model.labels)} labels, {len(model.vocabulary)} features")


def ask_train_chooser_command(
    labelled: Annotated[
        list[Path], typer.Argument(help="The development sets to train on (YAML, `questions:`).")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the chooser (JSON).")
    ],
) -> None:
    """Build the chooser between readings from development sets (the same sets give the same
    bytes); each set is described by a fallback trained on the others. Not used by `netra ask`:
    it did not improve cross-validation (docs/history/consultation-rounds.md, "Round 6")."""
    from netra.guidance.chooser_training import held_out_rows, train_chooser
    from netra.guidance.consult import Consultant

    sets = _load_sets(labelled)
    consultant = Consultant(use_fallback=False)
    rows = held_out_rows(sets, consultant.rulebook, consultant.faq)
    chooser = train_chooser(rows, trained_on=list(sets))
    output.write_text(chooser.to_json(), encoding="utf-8")
    typer.echo(f"{output}: {len(rows.targets)} candidate rows, {sum(rows.targets)} overrides")


def ask_generalise_command(
    labelled: Annotated[
        list[Path],
        typer.Argument(
            help="Development sets; each is held out once (never a check); 'a.yaml+b.yaml' holds "
            "out two sets together as one fold."
        ),
    ],
    threshold: Annotated[float, typer.Option(help="The fallback's confidence threshold.")] = (
        FALLBACK_THRESHOLD
    ),
    chooser_threshold: Annotated[
        float | None,
        typer.Option(help="Also train the chooser between readings per fold, at this threshold."),
    ] = None,
) -> None:
    """Leave-one-set-out cross-validation of the fallback (and, with --chooser-threshold, of the
    chooser between readings) and the unseen-words check."""
    from netra.guidance.generalise import TEMPLATES, cross_validate, totals, unseen_words

    sets = _load_folds(labelled)
    if chooser_threshold is not None and not 0 < chooser_threshold <= 1:
        raise typer.BadParameter("must be in (0, 1]", param_hint="--chooser-threshold")
    folds = cross_validate(sets, threshold=threshold, chooser_threshold=chooser_threshold)
    head = "held out                    rules in / out       with fallback in / out"
    typer.echo(head + ("   with chooser in / out" if chooser_threshold is not None else ""))
    for fold in folds:
        rules, learned = totals([fold.rules]), totals([fold.with_fallback])
        chosen = f"   {_pair(totals([fold.with_chooser]))}" if fold.with_chooser else ""
        typer.echo(f"{fold.name:27} {_pair(rules)}   {_pair(learned)}{chosen}")
    rules = totals([fold.rules for fold in folds])
    learned = totals([fold.with_fallback for fold in folds])
    chosen_reports = [fold.with_chooser for fold in folds if fold.with_chooser is not None]
    pooled = f"   {_pair(totals(chosen_reports))}" if chosen_reports else ""
    typer.echo(f"{'pooled':27} {_pair(rules)}   {_pair(learned)}{pooled}")
    typer.echo("unseen words: act, cue phrases, read as the act per template")
    checks = unseen_words()
    for check in checks:
        reads = "  ".join(f"{hit}/{check.phrases}" for hit in check.read)
        typer.echo(f"{check.act:36} {reads}")
    phrases = sum(check.phrases for check in checks)
    for position, template in enumerate(TEMPLATES):
        hits = sum(check.read[position] for check in checks)
        typer.echo(f"{template!r}: {hits}/{phrases} ({hits / phrases:.1%})")


def _pair(counts: tuple[int, int, int, int]) -> str:
    return f"{counts[0]:3}/{counts[1]:3} {counts[2]:2}/{counts[3]:2}"


def ask_eval_command(
    labelled: Annotated[Path, typer.Argument(help="Labelled questions (YAML, `questions:`).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every wrong answer.")] = False,
) -> None:
    """Score the answers on labelled questions: verdict, norm, abstention out of scope."""
    from netra.guidance.evaluate import evaluate, load_questions

    try:
        items = load_questions(labelled)
    except OSError as error:
        raise typer.BadParameter(
            f"cannot read {labelled}: {error.strerror}", param_hint="LABELLED"
        ) from None
    except NetraError as error:
        raise typer.BadParameter(str(error), param_hint="LABELLED") from None
    report = evaluate(items)
    inside, outside = report.in_scope, report.out_of_scope
    typer.echo(f"questions: {len(items)} ({len(inside)} in scope, {len(outside)} out of scope)")
    typer.echo(f"verdict right (in scope):             {report.verdict_accuracy:.1%}")
    typer.echo(f"answered from the right act/FAQ/norm: {report.norm_accuracy:.1%}")
    typer.echo(f"correct with the right norm:          {report.accuracy:.1%}")
    typer.echo(f"out of scope, said so:                {report.abstention:.1%}")
    if errors:
        for outcome in report.outcomes:
            if not outcome.is_correct:
                typer.echo(f"{outcome.item.id}: {outcome.item.question} | {outcome.reason()}")


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--date"
        ) from None


def ask_command(
    question: Annotated[str, typer.Argument(help='The question, e.g. "Bolehkah ASN ...?"')],
    subject: Annotated[
        str | None,
        typer.Option(help="Subject type (pns, pppk, asn, tni, polri, village_head, ...)."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--date", help="The date the question is about, YYYY-MM-DD."),
    ] = None,
    election: Annotated[
        str | None, typer.Option(help="Election id (pilkada-2024, pemilu-2024).")
    ] = None,
    output_format: Annotated[
        AskFormat, typer.Option("--format", "-f", help="text or json.")
    ] = AskFormat.TEXT,
) -> None:
    """Answer a question about what an ASN, TNI, Polri or village official may do."""
    from netra.guidance.consult import Consultant, QuestionError

    day = _parse_date(on)
    try:
        answer = Consultant().ask(question, subject=subject, on=day, election=election)
    except UnknownCodeError as error:
        hint = "--subject" if error.kind == "subject" else "--election"
        raise typer.BadParameter(str(error), param_hint=hint) from None
    except QuestionError as error:
        raise typer.BadParameter(str(error), param_hint="QUESTION") from None
    if output_format is AskFormat.JSON:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(answer))
    if not answer.is_answered:
        raise typer.Exit(EXIT_NOT_ANSWERED)


def _headline(answer: Answer) -> str:
    """The verdict in capitals, then the answer; an answer that opens with the verdict's own
    words ("Tidak boleh pada ...") has them capitalised rather than said twice."""
    verdict = _VERDICT[answer.allowed]
    if answer.text.casefold().startswith(verdict.casefold()):
        return verdict + answer.text[len(verdict) :]
    return f"{verdict}: {answer.text}"


def render_text(answer: Answer) -> str:
    """The answer as a few readable lines."""
    lines = [_headline(answer)]
    if answer.act:
        lines.append(f"perbuatan: {answer.act_label} ({answer.act})")
    if answer.subject_label:
        lines.append(f"subjek: {answer.subject_label} ({answer.subject})")
    for sanction in answer.sanctions:
        part = f" [SKB bagian {sanction.part.value}]" if sanction.part else ""
        norms = "; ".join(norm.citation for norm in sanction.norms)
        lines.append(f"sanksi{part}: {sanction.label_id} — {norms}")
    if not answer.sanctions and answer.norms:
        lines.append("dasar: " + "; ".join(answer.norms))
    lines.extend(f"tergantung: {item}" for item in answer.depends_on)
    lines.extend(f"catatan: {item}" for item in answer.caveats)
    lines.extend(f"sumber: {item}" for item in answer.sources)
    lines.extend(f"lihat juga: {item.title} [{item.key}]" for item in answer.related)
    return "\n".join(lines)
