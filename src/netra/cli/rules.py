"""`netra rules ...` and `netra sanction`: read, check and query the rulebook from a shell.

Thin adapter: parsing and printing only; every answer comes from ``netra.rulebook``.
Exit codes: 0 ok, 1 the rulebook data is invalid, 2 bad input (unknown code, bad date).
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from netra.rulebook import (
    DEFAULT_ELECTION,
    Applicability,
    Rulebook,
    RulebookError,
    UnknownCodeError,
    load_rulebook,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EXIT_INVALID_DATA = 1
EXIT_BAD_INPUT = 2


class OutputFormat(StrEnum):
    """How `netra sanction` prints its answer."""

    TEXT = "text"
    JSON = "json"


class ListKind(StrEnum):
    """What `netra rules list` lists."""

    ALL = "all"
    ACTS = "acts"
    SUBJECTS = "subjects"
    CATEGORIES = "categories"
    SANCTIONS = "sanctions"
    ELECTIONS = "elections"
    CLOCKS = "clocks"


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _rulebook(path: Path | None = None) -> Rulebook:
    try:
        return load_rulebook(path)
    except RulebookError as exc:
        _fail(str(exc), EXIT_INVALID_DATA)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if not _ISO_DATE.match(value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except ValueError:
        _fail(f"invalid --date {value!r}: expected a real date as YYYY-MM-DD", EXIT_BAD_INPUT)


def list_rules(
    kind: Annotated[
        ListKind, typer.Option("--kind", "-k", help="What to list.", case_sensitive=False)
    ] = ListKind.ALL,
) -> None:
    """List act codes, subject types, recap categories, sanctions, elections or clocks."""
    book = _rulebook()
    show_all = kind is ListKind.ALL
    if show_all or kind is ListKind.ACTS:
        typer.echo("Acts (code, Bawaslu category, label):")
        for act in book.acts.values():
            typer.echo(f"  {act.code:<26} {act.category:>2}  {act.label_en}")
    if show_all or kind is ListKind.SUBJECTS:
        typer.echo("Subject types:")
        for subject in book.subjects.values():
            typer.echo(f"  {subject.code:<26} {subject.label_id}")
    if show_all or kind is ListKind.CATEGORIES:
        typer.echo("Bawaslu recap categories:")
        for category in book.categories.values():
            typer.echo(f"  {category.number:>2}  {category.label_id}")
    if show_all or kind is ListKind.SANCTIONS:
        typer.echo("Sanctions:")
        for sanction in book.sanctions.values():
            level = f"/{sanction.level}" if sanction.level else ""
            typer.echo(f"  {sanction.code:<26} {sanction.type}{level}  {sanction.label_id}")
    if show_all or kind is ListKind.ELECTIONS:
        typer.echo("Elections:")
        for election in book.elections.values():
            typer.echo(f"  {election.id:<26} {election.kind}  {election.label_id}")
    if show_all or kind is ListKind.CLOCKS:
        typer.echo("Procedure clocks:")
        for clock in book.clocks.values():
            typer.echo(f"  {clock.id:<26} {clock.days:>2} {clock.unit} days  [{clock.certainty}]")


def _show_act(book: Rulebook, code: str) -> None:
    act = book.acts[code]
    category = book.categories[act.category]
    typer.echo(f"act {act.code}: {act.label_en}")
    typer.echo(f"  label_id: {act.label_id}")
    typer.echo(f"  description: {act.description}")
    typer.echo(f"  Bawaslu category: {act.category} ({category.label_id})")
    if act.skb_rows:
        typer.echo(f"  SKB 2022 Lampiran II rows: {', '.join(act.skb_rows)}")
    if act.note:
        typer.echo(f"  note: {act.note}")
    typer.echo("  rules by subject (all elections and dates):")
    unbound: list[str] = []
    for subject in book.subjects:
        sanctions = [
            s for e in book.elections for s in book.applicability(code, subject, None, e).sanctions
        ]
        if not sanctions:
            unbound.append(subject)
            continue
        typer.echo(f"    {subject}:")
        seen: set[tuple[str, str | None, tuple[str, ...]]] = set()
        for sanction in sanctions:
            norms = tuple(norm.citation for norm in sanction.norms)
            key = (sanction.code, sanction.part, norms)
            if key in seen:
                continue
            seen.add(key)
            part = f"[{sanction.part}] " if sanction.part else ""
            typer.echo(
                f"      - {part}{sanction.label_id} [{sanction.certainty}]: {'; '.join(norms)}"
            )
    if unbound:
        typer.echo(f"    not bound: {', '.join(unbound)}")


def _show_subject(book: Rulebook, code: str) -> None:
    subject = book.subjects[code]
    typer.echo(f"subject {subject.code}: {subject.label_en}")
    typer.echo(f"  label_id: {subject.label_id}")
    typer.echo(f"  description: {subject.description}")
    if subject.rules_from:
        typer.echo(f"  takes rules from: {subject.rules_from}")
    if subject.category_override is not None:
        typer.echo(f"  every act counts in Bawaslu category {subject.category_override}")
    typer.echo(f"  certainty: {subject.certainty}")
    if subject.note:
        typer.echo(f"  note: {subject.note}")
    bound = [act for act in book.acts if book.rule_entries(act, code)[0]]
    typer.echo(f"  bound by acts: {', '.join(bound) if bound else '(none)'}")


def show(
    code: Annotated[
        str, typer.Argument(help="An act, subject type, sanction, election id or clock id.")
    ],
) -> None:
    """Show one act (with its rules per subject), subject type, sanction, election or clock."""
    book = _rulebook()
    if code in book.acts:
        _show_act(book, code)
    elif code in book.subjects:
        _show_subject(book, code)
    elif code in book.sanctions:
        sanction = book.sanctions[code]
        typer.echo(f"sanction {sanction.code}: {sanction.label_id} ({sanction.label_en})")
        typer.echo(f"  type: {sanction.type}  level: {sanction.level or '-'}")
        typer.echo(f"  norms: {'; '.join(n.citation for n in sanction.norms) or '-'}")
        for item in sanction.consists_of:
            typer.echo(f"  - {item}")
    elif code in book.elections:
        election = book.elections[code]
        typer.echo(f"election {election.id}: {election.label_id} ({election.kind})")
        typer.echo(f"  source: {election.source}")
        for stage in sorted(election.stages, key=lambda s: (s.start, s.end)):
            typer.echo(
                f"  {stage.start} .. {stage.end}  {stage.code:<30} [{stage.certainty}] "
                f"{stage.label_id}"
            )
    elif code in book.clocks:
        clock = book.clocks[code]
        typer.echo(f"clock {clock.id}: {clock.days} {clock.unit} days [{clock.certainty}]")
        typer.echo(f"  {clock.label_en}")
        typer.echo(f"  source: {clock.source}")
        if clock.note:
            typer.echo(f"  note: {clock.note}")
    else:
        _fail(
            f"unknown code {code!r}; acts: {', '.join(book.acts)}; "
            f"subjects: {', '.join(book.subjects)}; elections: {', '.join(book.elections)}; "
            f"clocks: {', '.join(book.clocks)}",
            EXIT_BAD_INPUT,
        )


def check(
    path: Annotated[
        Path | None,
        typer.Option(help="Data directory to check instead of the shipped rulebook."),
    ] = None,
) -> None:
    """Validate the rulebook data; exit 1 with the error (file, entry, field) if it is invalid."""
    book = _rulebook(path)
    typer.echo(
        f"rulebook {book.version} is valid: {len(book.acts)} acts, {len(book.subjects)} subject "
        f"types, {len(book.sanctions)} sanctions, {len(book.elections)} elections, "
        f"{len(book.clocks)} clocks"
    )


def _print_text(book: Rulebook, result: Applicability) -> None:
    when = result.date.isoformat() if result.date else "any date"
    stage = f", stage {result.stage}" if result.stage else ""
    kind = f", {result.candidate_kind} candidate" if result.candidate_kind else ""
    typer.echo(f"{result.act} by {result.subject} on {when} ({result.election}{stage}{kind})")
    category = book.category_for(result.act, result.subject)
    typer.echo(f"Bawaslu category: {category} ({book.categories[category].label_id})")
    if result.date is not None:
        recipient = book.recommendation_recipient(result.date)
        typer.echo(f"ASN recommendation recipient on that date: {recipient}")
    typer.echo(f"Applicable: {'yes' if result.applicable else 'no'}")
    if result.reason:
        typer.echo(f"  {result.reason}")
    for sanction in result.sanctions:
        part = f"[SKB part {sanction.part}] " if sanction.part else ""
        level = f", {sanction.level}" if sanction.level else ""
        flag = "PROVISIONAL" if sanction.is_provisional else "confirmed"
        typer.echo(f"- {part}{sanction.label_id} ({sanction.type}{level}) [{flag}]")
        if sanction.candidate_kinds:
            typer.echo(f"    only if the candidate is: {', '.join(sanction.candidate_kinds)}")
        typer.echo(f"    norms: {'; '.join(norm.citation for norm in sanction.norms)}")
        if sanction.consists_of:
            typer.echo(f"    consists of: {'; '.join(sanction.consists_of)}")
        if sanction.note:
            typer.echo(f"    note: {sanction.note}")
    if result.has_provisional:
        typer.echo(
            "PROVISIONAL: a reading marked so rests on a source that could not be read in full or "
            "on a derived reading; check it before relying on it (docs/rulebook.md, Known doubts)."
        )


def sanction(
    act: Annotated[str, typer.Option("--act", help="Act code (see `netra rules list`).")],
    subject: Annotated[str, typer.Option("--subject", help="Subject type code.")],
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Date of the act; omit to see SKB parts A and B side by side.",
        ),
    ] = None,
    election: Annotated[
        str, typer.Option("--election", help="Election id, e.g. pilkada-2024 or pemilu-2024.")
    ] = DEFAULT_ELECTION,
    candidate_kind: Annotated[
        str | None,
        typer.Option(
            "--candidate-kind",
            help="Kind of candidate supported (pemilu-2024: legislative or presidential); omit "
            "if unknown to see every reading.",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.", case_sensitive=False)
    ] = OutputFormat.TEXT,
) -> None:
    """Say which sanctions the law attaches to an act by a subject type on a date."""
    book = _rulebook()
    when = _parse_date(on)
    try:
        result = book.applicability(act, subject, when, election, candidate_kind=candidate_kind)
    except UnknownCodeError as exc:
        flag = {
            "act": "--act",
            "subject": "--subject",
            "election": "--election",
            "candidate kind": "--candidate-kind",
        }.get(exc.kind)
        prefix = f"invalid {flag} value: " if flag else ""
        _fail(f"{prefix}{exc}", EXIT_BAD_INPUT)
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_text(book, result)


def register(app: typer.Typer) -> None:
    """Add `netra rules ...` and `netra sanction` to the root app."""
    rules_app = typer.Typer(
        help="Inspect and check the rulebook: neutrality law as versioned data.",
        no_args_is_help=True,
    )
    rules_app.command("list")(list_rules)
    rules_app.command("show")(show)
    rules_app.command("check")(check)
    app.add_typer(rules_app, name="rules")
    app.command("sanction")(sanction)
