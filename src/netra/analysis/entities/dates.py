"""Dates written the Indonesian way: "17/9/2024", "17-09-2024", "17 Sept 2024", "12 Oktober 2024".

News datelines put the weekday first ("Selasa (17/9/2024)"); reports write "tanggal 12 Oktober 2024"
or "pada 5 Oktober 2024". Only the date itself is the span. A date without a year ("(17/9)",
"17 Agustus") is skipped: guessing the year would put an act on the wrong side of penetapan paslon.
Impossible dates ("31/9/2024") are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from netra.analysis.entities._text import digit_runs
from netra.analysis.spans import Span

EARLIEST_YEAR = 1945
LATEST_YEAR = 2100
_CENTURY = 2000  # two-digit years ("17/9/24") are this century's

MONTHS: dict[str, int] = {
    # Indonesian names, their usual abbreviations and the English spellings that appear in news.
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "febr": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

# The month names as one regex alternation, longest first so "sept" is not read as "sep".
MONTH_ALTERNATION = "|".join(sorted(MONTHS, key=len, reverse=True))
# All three are matched only at the start of a digit run (see ``find_dates``).
# Day, month name, four-digit year: "17 September 2024", "17 Sept. 2024", "5-Okt-2024".
_TEXTUAL = re.compile(
    rf"([0-9]{{1,2}})[ \-]{{1,3}}({MONTH_ALTERNATION})(?![^\W\d_])"
    rf"\.?[ ,\-]{{1,3}}([0-9]{{4}})(?!\w)",
    re.IGNORECASE,
)
# Day, month number, year with one separator used twice: "17/9/2024", "17-09-2024", "17.09.24".
_NUMERIC = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})(?!\w|[/.\-][0-9])")
# ISO dates from exports and forms: "2024-09-17".
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?!\w|[/.\-][0-9])")
_ISO_YEAR_LENGTH = 4
_DAY_LENGTH = 2


@dataclass(frozen=True, slots=True)
class DateMention:
    date: date
    span: Span


def find_dates(text: str, runs: list[tuple[int, int]] | None = None) -> tuple[DateMention, ...]:
    """Every valid, fully specified date in ``text``, in order of appearance.

    ``runs`` are the digit runs of ``text`` (``digit_runs``), when the caller already has them.
    """
    found: list[DateMention] = []
    for start, end in digit_runs(text) if runs is None else runs:
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_/.-"):
            continue  # inside a longer number, code or word
        length = end - start
        if length <= _DAY_LENGTH:
            match = _NUMERIC.match(text, start)
            if match is not None:
                year = int(match.group(4))
                if len(match.group(4)) == _DAY_LENGTH:
                    year += _CENTURY
                _add(found, text, match, year, int(match.group(3)), int(match.group(1)))
                continue
            match = _TEXTUAL.match(text, start)
            if match is not None:
                month = MONTHS[match.group(2).lower()]
                _add(found, text, match, int(match.group(3)), month, int(match.group(1)))
        elif length == _ISO_YEAR_LENGTH:
            match = _ISO.match(text, start)
            if match is not None:
                _add(
                    found,
                    text,
                    match,
                    int(match.group(1)),
                    int(match.group(2)),
                    int(match.group(3)),
                )
    return tuple(found)


def _add(
    found: list[DateMention], text: str, match: re.Match[str], year: int, month: int, day: int
) -> None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return
    try:
        value = date(year, month, day)
    except ValueError:
        return
    found.append(
        DateMention(value, Span(match.start(), match.end(), text[match.start() : match.end()]))
    )
