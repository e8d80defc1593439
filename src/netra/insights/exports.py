"""Recap tables as CSV and XLSX: one row per group, one column per Bawaslu category."""

from __future__ import annotations

import csv
import io

import xlsxwriter

from netra.cases.selectors import Recap
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


def to_xlsx(result: Recap, *, sheet: str) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    worksheet.write_row(0, 0, header(), bold)
    for index, row in enumerate(table(result), start=1):
        worksheet.write_row(index, 0, row)
    worksheet.set_column(0, 0, 12)
    worksheet.set_column(1, 1, 32)
    worksheet.set_column(2, 12, 14)
    worksheet.freeze_panes(1, 2)
    workbook.close()
    return buffer.getvalue()
