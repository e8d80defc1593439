"""NIP (Nomor Induk Pegawai) of a civil servant: parse, validate and find in text.

An 18-digit NIP reads: birth date YYYYMMDD, TMT CPNS YYYYMM (the month the person became CPNS),
gender digit (1 male, 2 female), serial number of three digits. A PPPK NIP uses the same shape but
puts the appointment year in the TMT slot followed by "21" where a PNS NIP has the month, so it is
recognised rather than rejected. Reports often write the NIP in groups: "19820315 200801 1 004".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from netra.analysis.entities._text import digit_runs
from netra.analysis.spans import Span

NIP_LENGTH = 18
EARLIEST_BIRTH_YEAR = 1940
# Nobody is appointed CPNS before turning 17 (an adult by Indonesian civil-service age rules).
MINIMUM_AGE_AT_APPOINTMENT = 17
_MIN_AGE = MINIMUM_AGE_AT_APPOINTMENT
_PPPK_MARK = 21

_SEPARATORS = re.compile(r"[\s.\-]+")
# Contiguous or grouped 8-6-1-3; each group boundary may carry one separator. Matched only at the
# start of a digit run, so the text is not scanned position by position.
_NIP_IN_TEXT = re.compile(
    r"[0-9]{8}[ \u00a0.\-]?[0-9]{6}[ \u00a0.\-]?[0-9][ \u00a0.\-]?[0-9]{3}(?!\w|[.\-][0-9])"
)
_NIP_RUN_LENGTHS = (8, NIP_LENGTH)


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class NipKind(StrEnum):
    PNS = "pns"
    PPPK = "pppk"


@dataclass(frozen=True, slots=True)
class Nip:
    """A parsed NIP; ``reason`` says what is wrong when ``is_valid`` is false."""

    value: str
    is_valid: bool
    birth_date: date | None = None
    tmt: tuple[int, int] | None = None  # (year, month) of TMT CPNS; None for PPPK
    gender: Gender | None = None
    reason: str | None = None
    kind: NipKind | None = None
    appointment_year: int | None = None


@dataclass(frozen=True, slots=True)
class NipMention:
    nip: Nip
    span: Span


def parse_nip(digits: str, *, today: date | None = None) -> Nip:
    """Parse an 18-digit NIP, spaces, dots and dashes between groups allowed.

    ``today`` bounds the plausible years (defaults to the current date); pass it for
    reproducible results.
    """
    today = today or date.today()  # noqa: DTZ011 -- a calendar day is all that is needed
    value = digits if digits.isdigit() else _SEPARATORS.sub("", digits.strip())
    if value and not (value.isascii() and value.isdigit()):
        return _invalid(value, "a NIP has only digits")
    if len(value) != NIP_LENGTH:
        return _invalid(value, f"a NIP has {NIP_LENGTH} digits, got {len(value)}")

    birth_year, birth_month, birth_day = int(value[0:4]), int(value[4:6]), int(value[6:8])
    tmt_year, tmt_month = int(value[8:12]), int(value[12:14])
    gender_digit = value[14]

    if not 1 <= birth_month <= 12:
        return _invalid(value, f"invalid birth date: month {birth_month}")
    try:
        birth = date(birth_year, birth_month, birth_day)
    except ValueError:
        return _invalid(
            value, f"invalid birth date: day {birth_day} of {birth_year}-{birth_month:02d}"
        )
    latest_birth = today.year - MINIMUM_AGE_AT_APPOINTMENT
    if not EARLIEST_BIRTH_YEAR <= birth_year <= latest_birth:
        return _invalid(
            value,
            f"implausible birth year {birth_year} (expected {EARLIEST_BIRTH_YEAR}..{latest_birth})",
        )

    kind = NipKind.PPPK if tmt_month == _PPPK_MARK else NipKind.PNS
    if kind is NipKind.PNS and not 1 <= tmt_month <= 12:
        return _invalid(value, f"invalid TMT CPNS: month {tmt_month}")
    earliest_tmt = (birth_year + MINIMUM_AGE_AT_APPOINTMENT, birth_month)
    if kind is NipKind.PPPK:
        if tmt_year < earliest_tmt[0]:
            return _invalid(
                value,
                f"appointment year {tmt_year} is before the holder turned {_MIN_AGE}",
            )
    elif (tmt_year, tmt_month) < earliest_tmt:
        return _invalid(
            value,
            f"TMT CPNS {tmt_year}-{tmt_month:02d} is before the holder turned {_MIN_AGE}",
        )
    if (tmt_year, 1 if kind is NipKind.PPPK else tmt_month) > (today.year, today.month):
        return _invalid(value, f"TMT {tmt_year}-{tmt_month:02d} lies in the future")

    if gender_digit not in "12":
        return _invalid(value, f"invalid gender digit {gender_digit} (expected 1 male or 2 female)")

    return Nip(
        value=value,
        is_valid=True,
        birth_date=birth,
        tmt=(tmt_year, tmt_month) if kind is NipKind.PNS else None,
        gender=Gender.MALE if gender_digit == "1" else Gender.FEMALE,
        reason=None,
        kind=kind,
        appointment_year=tmt_year,
    )


def find_nips(
    text: str, *, today: date | None = None, runs: list[tuple[int, int]] | None = None
) -> tuple[NipMention, ...]:
    """Every 18-digit number shaped like a NIP, valid or not (an invalid one is still evidence).

    ``runs`` are the digit runs of ``text`` (``digit_runs``), when the caller already has them.
    """
    found = []
    for start, end in digit_runs(text) if runs is None else runs:
        if end - start not in _NIP_RUN_LENGTHS:
            continue
        if start >= 2 and text[start - 1] in ".-" and text[start - 2].isdigit():  # "1.19820315..."
            continue
        match = _NIP_IN_TEXT.match(text, start)
        if match is not None:
            nip = parse_nip(match.group(), today=today)
            found.append(NipMention(nip, Span(start, match.end(), match.group())))
    return tuple(found)


def _invalid(value: str, reason: str) -> Nip:
    return Nip(value=value, is_valid=False, reason=reason)
