"""A date written in a question ("sejak 22 Maret 2024", "pada 1 Oktober 2024").

The sanction an act carries changes on the election calendar's dates (SKB 2022 part A before the
penetapan, part B from it; the Pasal 71 windows), so a question that names the day it is about is
answered for that day, as if it had been given with `--date`. Only a whole date is read: a day, an
Indonesian month name (or its usual short form) and a four-digit year, or a day and a month in a
question that names the election's year elsewhere. "sebelum <date>" is the day before it; "sejak",
"mulai", "pada", "tanggal" or nothing is the day itself. Two different dates make the question
ambiguous: none is read. Imports no framework (the import-linter contract of `netra.guidance`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from netra.analysis.entities.dates import MONTH_ALTERNATION, MONTHS  # the analyzer's month names

_DATE = re.compile(
    rf"(?:\b(?P<before>sebelum|sebelumnya)\s+(?:tanggal\s+|tgl\.?\s+)?)?"
    rf"\b(?P<day>[0-3]?\d)\s+(?P<month>{MONTH_ALTERNATION})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(20\d\d)\b")


@dataclass(frozen=True, slots=True)
class StatedDate:
    """The day a question is about, and the words it was read from."""

    day: date
    words: str


def stated_date(text: str) -> StatedDate | None:
    """The one date `text` names, or None (no date, an impossible one, or two different ones)."""
    years = {int(year) for year in _YEAR.findall(text)}
    found: dict[date, str] = {}
    for match in _DATE.finditer(text):
        year_text = match.group("year")
        if year_text is not None:
            year = int(year_text)
        elif len(years) == 1:
            year = next(iter(years))
        else:
            continue
        try:
            day = date(year, MONTHS[match.group("month").lower()], int(match.group("day")))
        except ValueError:
            continue
        if match.group("before"):
            day -= timedelta(days=1)
        found[day] = match.group(0).strip()
    if len(found) != 1:
        return None
    day, words = next(iter(found.items()))
    return StatedDate(day, words)


# An election word or a month name right before a four-digit year: the year a question is about
# ("Pilkada 2020", "Pemilu 2019", "sejak Maret 2020"). A year alone is not read: "UU Nomor 7
# Tahun 2017" and "SKB 2022" name laws, not the election asked about.
_ELECTION_WORDS = "pilkada|pemilu|pilpres|pileg|pemilihan|pilgub|pilbup|pilwalkot|pilwali"
_WRITTEN_YEAR = re.compile(
    rf"\b(?:{_ELECTION_WORDS}|{MONTH_ALTERNATION})\.?(?:\s+serentak)?\s+(?:tahun\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def stated_year(text: str) -> int | None:
    """The one year `text` places its election or its act in, or None (none, or two)."""
    years = {int(match.group("year")) for match in _WRITTEN_YEAR.finditer(text)}
    return next(iter(years)) if len(years) == 1 else None
