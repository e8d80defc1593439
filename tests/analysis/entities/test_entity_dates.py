"""Dates in the formats of Indonesian news, reports and posts."""

from __future__ import annotations

from datetime import date

import pytest

from netra.analysis.entities import find_dates

# (text, [(date, span text)], why)
CASES = [
    ("Kejadian Selasa (17/9/2024) malam.", [(date(2024, 9, 17), "17/9/2024")], "news dateline"),
    ("diunggah pada 17-09-2024", [(date(2024, 9, 17), "17-09-2024")], "dashes, padded"),
    ("tgl 1.10.24 pukul 10.00", [(date(2024, 10, 1), "1.10.24")], "dots, two-digit year"),
    ("pada 17 September 2024 pagi", [(date(2024, 9, 17), "17 September 2024")], "full month"),
    ("Rabu, 17 Sept 2024", [(date(2024, 9, 17), "17 Sept 2024")], "Sept abbreviation"),
    ("17 Sep. 2024", [(date(2024, 9, 17), "17 Sep. 2024")], "abbreviation with a dot"),
    ("tanggal 12 Oktober 2024", [(date(2024, 10, 12), "12 Oktober 2024")], "tanggal ..."),
    ("pada 5 Oktober 2024.", [(date(2024, 10, 5), "5 Oktober 2024")], "pada ..."),
    ("5 Okt 2024 dan 3 Nop 2024",
     [(date(2024, 10, 5), "5 Okt 2024"), (date(2024, 11, 3), "3 Nop 2024")], "two short dates"),
    ("12 OKTOBER 2024", [(date(2024, 10, 12), "12 OKTOBER 2024")], "upper case"),
    ("1 Pebruari 2024", [(date(2024, 2, 1), "1 Pebruari 2024")], "old spelling of Februari"),
    ("22 Agt 2024", [(date(2024, 8, 22), "22 Agt 2024")], "Agt for Agustus"),
    ("dikirim 2024-10-12", [(date(2024, 10, 12), "2024-10-12")], "ISO from an export"),
    ("Minggu (6/10) malam", [], "no year: skipped rather than guessed"),
    ("HUT RI 17 Agustus", [], "month name without year"),
    ("31/9/2024", [], "September has 30 days"),
    ("29 Februari 2023", [], "2023 is not a leap year"),
    ("17/13/2024", [], "no 13th month"),
    ("versi v1.2.2024", [], "part of a version number"),
    ("skor 1/2/3/2024", [], "part of a longer slash sequence"),
    ("12345/9/2024", [], "day with too many digits"),
    ("17 Septembers 2024", [], "month name must end as a word"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_dates_are_found_with_exact_spans(
    text: str, expected: list[tuple[date, str]], why: str
) -> None:
    found = find_dates(text)
    assert [(m.date, m.span.text) for m in found] == expected, why
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.span.text
