"""Recap tables as CSV and XLSX: one row per group, one column per Bawaslu category; and the
prevention coverage (declared / socialised / imbauan sent) per region, as its own table and as a
second sheet of every XLSX recap."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from django.utils.translation import gettext

from netra.cases.selectors import Recap
from netra.prevention.selectors import CoverageTotal
from netra.public import labels


def header() -> list[str]:
    return ["key", "label", *[f"{n}. {labels.category_label(n)}" for n in range(1, 11)], "total"]


def table(result: Recap) -> list[list[object]]:
    rows: list[list[object]] = [
        [row.key, row.label, *[row.counts[n] for n in range(1, 11)], row.total]
        for row in result.rows
    ]
    rows.append(
        ["total", "", *[result.totals[n] for n in range(1, 11)], sum(result.totals.values())]
    )
    return rows


def to_csv(result: Recap) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    writer.writerows(table(result))
    # A BOM so spreadsheet programs open the Indonesian labels as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def coverage_header(level: str) -> list[str]:
    """Columns of the coverage table; `level` is "province" or "regency" (the rows' regions)."""
    region = gettext("Province") if level == "province" else gettext("Regency or city")
    return [
        "key",
        region,
        gettext("Regencies and cities"),
        gettext("Declared"),
        gettext("Socialised"),
        gettext("Imbauan sent"),
    ]


def coverage_table(rows: Sequence[CoverageTotal]) -> list[list[object]]:
    """One row per region, then the total over them."""
    table_rows: list[list[object]] = [
        [row.code, row.name, row.regencies, row.declared, row.socialised, row.imbauan_sent]
        for row in rows
    ]
    table_rows.append(
        [
            "total",
            "",
            sum(row.regencies for row in rows),
            sum(row.declared for row in rows),
            sum(row.socialised for row in rows),
            sum(row.imbauan_sent for row in rows),
        ]
    )
    return table_rows


def coverage_to_csv(rows: Sequence[CoverageTotal], *, level: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(coverage_header(level))
    writer.writerows(coverage_table(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(
    result: Recap | None,
    *,
    sheet: str,
    coverage: Sequence[CoverageTotal] | None = None,
    level: str = "province",
) -> bytes:
    """The recap (if any) on its sheet and, when given, the prevention coverage on its own."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    if result is not None:
        _sheet(workbook.add_worksheet(sheet[:31]), header(), table(result), bold, last_column=12)
    if coverage is not None:
        _sheet(
            workbook.add_worksheet(COVERAGE_SHEET),
            coverage_header(level),
            coverage_table(coverage),
            bold,
            last_column=5,
        )
    workbook.close()
    return buffer.getvalue()


def _sheet(
    worksheet: Any,
    head: Sequence[object],
    rows: Iterable[Sequence[object]],
    bold: Any,
    *,
    last_column: int,
) -> None:
    """A header row in bold, the rows, code and name columns sized, the first two kept in view."""
    worksheet.write_row(0, 0, head, bold)
    for index, row in enumerate(rows, start=1):
        worksheet.write_row(index, 0, row)
    worksheet.set_column(0, 0, 12)
    worksheet.set_column(1, 1, 32)
    worksheet.set_column(2, last_column, 14)
    worksheet.freeze_panes(1, 2)


# The sheet name is a fixed code, like the recap sheets' (category, region, ...).
COVERAGE_SHEET = "coverage"
