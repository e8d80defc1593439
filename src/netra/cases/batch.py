"""Acting on many cases at once from the desk: assign, move, export.

Every case goes through the same service as a single one (`assign_case`, `move_case`), in its
own transaction, so each move is checked and audited on its own and one refusal does not undo
the others; the caller gets one outcome per case. Exports write the viewer's selection or
filtered view, with the reporter's identity only where the viewer may see it, and are audited.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from django.db import transaction
from django.utils.translation import get_language

from netra.accounts.models import User
from netra.audit.services import record
from netra.cases.bulk import (
    EXPORT_COLUMNS,
    SHEET_NAMES,
    ExportValue,
    rows_for_cases,
    write_csv,
    write_xlsx,
)
from netra.cases.models import Case, Report
from netra.cases.policy import procedure_policy
from netra.cases.scope import can_see_reporter
from netra.cases.selectors import cases_visible_to
from netra.cases.services import assign_case, move_case
from netra.errors import NetraError
from netra.procedure.roles import SUPERVISORS, Role
from netra.procedure.states import CaseState
from netra.procedure.transitions import allowed_transitions

MAX_SELECTION = 500  # more than any inbox page; a bigger batch is an export of the filtered view
IDENTITY_COLUMNS = ("reporter_kind", "reporter_name", "reporter_address", "reporter_contact")


class BatchInputError(NetraError):
    """The selection or the action cannot be applied as a whole (nothing was changed)."""

    code = "batch_input_invalid"


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    case_id: int
    number: str
    ok: bool
    message: str = ""  # why the service refused this case


def selected_cases(viewer: User, ids: Sequence[int]) -> list[Case]:
    """The selected cases the viewer may see, in the order given.

    Raises BatchInputError for an empty or oversized selection, or naming the ids that are not
    found (in or out of scope alike, as a single case's 404).
    """
    if not ids:
        raise BatchInputError("Select at least one case.", field="case")
    if len(ids) > MAX_SELECTION:
        raise BatchInputError(
            "%(n)s cases selected; at most %(max)s at once.",
            params={"n": len(ids), "max": MAX_SELECTION},
            field="case",
        )
    found = {case.pk: case for case in cases_visible_to(viewer).filter(pk__in=ids)}
    missing = [str(case_id) for case_id in ids if case_id not in found]
    if missing:
        raise BatchInputError(
            "Case(s) %(ids)s not found.", params={"ids": ", ".join(missing)}, field="case"
        )
    return [found[case_id] for case_id in dict.fromkeys(ids)]


def batch_targets(viewer: User, states: Iterable[str]) -> list[CaseState]:
    """The states the viewer may move cases of `states` to without filling in any field."""
    try:
        role = Role(viewer.role)
    except ValueError:
        return []
    targets: dict[CaseState, None] = {}
    for state in sorted(set(states)):
        for step in allowed_transitions(CaseState(state), role, procedure_policy()):
            if not step.requires:
                targets[step.target] = None
    return list(targets)


def move_cases(
    cases: Sequence[Case],
    *,
    target: CaseState,
    actor: User,
    note: str,
    now: datetime,
    today: date,
) -> list[CaseOutcome]:
    """Make the same transition on every case; all must be in one state for it to be the same."""
    states = sorted({case.state for case in cases})
    if len(states) > 1:
        indonesian = (get_language() or "id").startswith("id")
        labels = ", ".join(
            CaseState(state).label_id if indonesian else CaseState(state).label_en
            for state in states
        )
        raise BatchInputError(
            "The selected cases are in different states (%(states)s); select cases in one "
            "state to move them together.",
            params={"states": labels},
            field="target",
        )
    return _each(
        cases,
        lambda case: move_case(
            case, target=target, actor=actor, payload={}, note=note, now=now, today=today
        ),
    )


def assign_cases(cases: Sequence[Case], *, assignee: User | None, actor: User) -> list[CaseOutcome]:
    """Assign every case to `assignee` (None unassigns); a case outside their scope is refused."""
    return _each(cases, lambda case: assign_case(case, assignee=assignee, actor=actor))


def _each(cases: Sequence[Case], act: Callable[[Case], object]) -> list[CaseOutcome]:
    """Run `act` on each case (a service: its own transaction); a refusal is that case's outcome."""
    outcomes = []
    for case in cases:
        try:
            act(case)
        except NetraError as error:
            outcomes.append(CaseOutcome(case.pk, case.number, ok=False, message=error.message))
        else:
            outcomes.append(CaseOutcome(case.pk, case.number, ok=True))
    return outcomes


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def may_export_identity(viewer: User) -> bool:
    """Only supervisors ever see reporters (netra.cases.scope.can_see_reporter), so only they
    may ask for the identity columns; each row still checks the case's region."""
    try:
        return Role(viewer.role) in SUPERVISORS
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    count: int


@transaction.atomic
def export_cases(
    viewer: User,
    cases: Iterable[Case],
    *,
    fmt: ExportFormat,
    with_identity: bool,
    today: date,
    scope: str,
    language: str = "id",
) -> ExportFile:
    """The cases as a spreadsheet, audited with what was written (`scope` says which cases).

    With `with_identity` the reporter's kind, name, address and contact follow each laporan
    whose region the viewer supervises; other rows leave them empty. Raises BatchInputError if
    the viewer's role may not see reporters at all. The label columns follow `language` (the
    desk's reader's); the code columns do not.
    """
    if with_identity and not may_export_identity(viewer):
        raise BatchInputError(
            "Role %(role)s may not export reporter identities.",
            params={"role": viewer.role},
            field="identity",
        )
    chosen = list(cases)
    rows: Iterable[Sequence[ExportValue]] = rows_for_cases(chosen, today=today, language=language)
    columns: tuple[str, ...] = EXPORT_COLUMNS
    if with_identity:
        columns = EXPORT_COLUMNS + IDENTITY_COLUMNS
        rows = _with_identity(viewer, chosen, rows)
    if fmt is ExportFormat.CSV:
        buffer = io.StringIO()
        count = write_csv(rows, buffer, columns=columns, language=language)
        content = ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "kasus.xlsx"
            count = write_xlsx(rows, path, columns=columns, language=language)
            content = path.read_bytes()
    record(
        "case.export",
        actor=viewer,
        object_type="cases.export",
        after={
            "format": fmt.value,
            "scope": scope,
            "count": count,
            "with_identity": with_identity,
            "numbers": [case.number for case in chosen],
        },
    )
    return ExportFile(
        content=content,
        content_type=CONTENT_TYPES[fmt],
        filename=f"{SHEET_NAMES.get(language, 'kasus')}-netra-{today.isoformat()}.{fmt.value}",
        count=count,
    )


def _with_identity(
    viewer: User, cases: Sequence[Case], rows: Iterable[Sequence[ExportValue]]
) -> Iterable[Sequence[ExportValue]]:
    reports = {
        report.case_id: report for report in Report.objects.filter(case__in=[c.pk for c in cases])
    }
    for case, row in zip(cases, rows, strict=True):
        report = reports.get(case.pk)
        if report is None or not can_see_reporter(viewer, case.region):
            yield (*row, None, None, None, None)
        else:
            yield (
                *row,
                report.reporter_kind,
                report.reporter_name,
                report.reporter_address,
                report.reporter_contact,
            )
