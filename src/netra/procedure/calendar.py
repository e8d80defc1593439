"""Working days for statutory clocks: weekends, libur nasional and cuti bersama.

Hari kerja clocks (UU 7/2017 Pasal 454(8); BKN's 14 hari kerja for the PPK) skip Saturdays,
Sundays, national holidays and, by default, cuti bersama: government offices close on cuti bersama
and ASN take it from their annual leave. A year without data raises instead of being counted as
if it had no holidays, because that would silently bring deadlines forward.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path

import yaml

from netra.procedure.errors import CalendarNotCoveredError, HolidayDataError
from netra.rulebook import Certainty  # one scale for laws and dates: deadlines inherit it

# Monday is 0; Saturday (5) and Sunday (6) are not hari kerja.
WEEKEND: frozenset[int] = frozenset({5, 6})

HOLIDAY_FILE = "holidays.yaml"


class HolidayKind(StrEnum):
    """A day off for everyone (libur nasional) or a collective leave day for ASN (cuti bersama)."""

    LIBUR_NASIONAL = "libur_nasional"
    CUTI_BERSAMA = "cuti_bersama"


@dataclass(frozen=True, slots=True)
class Holiday:
    """One day off, with the decree that declared it."""

    on: date
    name: str
    kind: HolidayKind
    source: str
    certainty: Certainty = Certainty.CONFIRMED


class WorkingCalendar:
    """Counts hari kerja over the years it has holiday data for; immutable once built."""

    __slots__ = ("_by_day", "_cuti_bersama_is_working", "_years")

    def __init__(
        self,
        holidays: Iterable[Holiday],
        *,
        years: Iterable[int],
        cuti_bersama_is_working: bool = False,
    ) -> None:
        by_day: dict[date, tuple[Holiday, ...]] = {}
        for holiday in holidays:
            by_day[holiday.on] = (*by_day.get(holiday.on, ()), holiday)
        self._by_day: Mapping[date, tuple[Holiday, ...]] = by_day
        self._years = frozenset(years)
        self._cuti_bersama_is_working = cuti_bersama_is_working

    @classmethod
    def default(cls) -> WorkingCalendar:
        """The shipped calendar (2024-2026 from our data file, later years from lokal-id)."""
        return default_calendar()

    @classmethod
    def from_file(cls, path: Path) -> WorkingCalendar:
        """A calendar from a holiday file in our YAML format; errors name the file and the entry."""
        holidays, years = _parse_holiday_file(path.read_text(encoding="utf-8"), path.name)
        return cls(holidays, years=years)

    @property
    def years(self) -> frozenset[int]:
        """The years this calendar can count in."""
        return self._years

    def holidays_on(self, day: date) -> tuple[Holiday, ...]:
        """The holidays declared on `day` (usually none, rarely two)."""
        self._ensure_covered(day)
        return self._by_day.get(day, ())

    def is_working_day(self, day: date) -> bool:
        """True on a weekday that is neither a national holiday nor (by default) cuti bersama."""
        if day.weekday() in WEEKEND:
            self._ensure_covered(day)
            return False
        return not any(self._is_day_off(h) for h in self.holidays_on(day))

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th hari kerja after `start` (before it if negative); `start` is not counted.

        "Paling lama 14 hari kerja sejak" a date: counting starts the next working day, so a
        recommendation received on a Friday with 1 hari kerja is due the following Monday.
        """
        step = timedelta(days=1 if days >= 0 else -1)
        day = start
        left = abs(days)
        while left > 0:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """The hari kerja after `start` up to and including `end`; negative if `end` is earlier."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for day in _days_after(start, end) if self.is_working_day(day))

    def provisional_days(self, start: date, end: date) -> tuple[Holiday, ...]:
        """The provisional holidays after `start` up to and including `end`."""
        low, high = min(start, end), max(start, end)
        return tuple(
            holiday
            for day in _days_after(low, high)
            for holiday in self.holidays_on(day)
            if holiday.certainty is Certainty.PROVISIONAL
        )

    def _is_day_off(self, holiday: Holiday) -> bool:
        return holiday.kind is HolidayKind.LIBUR_NASIONAL or not self._cuti_bersama_is_working

    def _ensure_covered(self, day: date) -> None:
        if day.year not in self._years:
            covered = ", ".join(str(year) for year in sorted(self._years)) or "none"
            raise CalendarNotCoveredError(
                f"no holiday data for {day.year} (needed for {day.isoformat()}; covered: "
                f"{covered}); add that year's SKB 3 Menteri to "
                f"netra/procedure/data/{HOLIDAY_FILE}",
                year=day.year,
            )


def _days_after(start: date, end: date) -> Iterable[date]:
    """The dates after `start` up to and including `end`."""
    for offset in range(1, (end - start).days + 1):
        yield start + timedelta(days=offset)


@functools.cache
def default_calendar() -> WorkingCalendar:
    """The shipped calendar, loaded and checked once per process."""
    text = resources.files("netra.procedure").joinpath("data", HOLIDAY_FILE).read_text("utf-8")
    holidays, years = _parse_holiday_file(text, HOLIDAY_FILE)
    extra_holidays, extra_years = _lokal_years(exclude=years)
    return WorkingCalendar([*holidays, *extra_holidays], years=years | extra_years)


def _lokal_years(*, exclude: frozenset[int]) -> tuple[list[Holiday], frozenset[int]]:
    """Years lokal-id has and our file lacks; provisional, because we have not checked them."""
    try:
        from lokal import holidays as lokal_holidays
    except ImportError:
        return [], frozenset()
    found: list[Holiday] = []
    years: set[int] = set()
    for year in lokal_holidays.HOLIDAY_YEARS:
        if year in exclude:
            continue
        data = lokal_holidays.get_holidays(year)
        years.add(year)
        found.extend(
            Holiday(
                on=date.fromisoformat(item.date),
                name=item.name,
                kind=HolidayKind(item.type),
                source=f"{data.decree} (via lokal-id, not checked by us)",
                certainty=Certainty.PROVISIONAL,
            )
            for item in data.holidays
        )
    return found, frozenset(years)


def _parse_holiday_file(text: str, name: str) -> tuple[list[Holiday], frozenset[int]]:
    """Holidays and covered years from our YAML; a bad entry raises naming file, year and field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise HolidayDataError(f"{name}: not valid YAML: {exc}", file=name) from None
    if not isinstance(data, dict) or not isinstance(data.get("years"), dict):
        raise HolidayDataError(f"{name}: expected a mapping with a 'years' key", file=name)
    holidays: list[Holiday] = []
    years: set[int] = set()
    for year, entry in data["years"].items():
        where = f"{name}: year {year}"
        if not isinstance(year, int) or not isinstance(entry, dict):
            raise HolidayDataError(f"{where}: expected 'YYYY: {{decree, days}}'", file=name)
        decree = entry.get("decree")
        days = entry.get("days")
        if not isinstance(decree, str) or not decree.strip():
            raise HolidayDataError(f"{where}: 'decree' (the SKB) is missing", file=name)
        if not isinstance(days, list):
            raise HolidayDataError(f"{where}: 'days' must be a list", file=name)
        seen: set[tuple[date, HolidayKind]] = set()
        for index, raw in enumerate(days, start=1):
            holiday = _parse_day(raw, year=year, decree=decree, where=f"{where}, day #{index}")
            key = (holiday.on, holiday.kind)
            if key in seen:
                raise HolidayDataError(
                    f"{where}, day #{index}: {holiday.on.isoformat()} listed twice as "
                    f"{holiday.kind.value}",
                    file=name,
                )
            seen.add(key)
            holidays.append(holiday)
        years.add(year)
    return holidays, frozenset(years)


def _parse_day(raw: object, *, year: int, decree: str, where: str) -> Holiday:
    if not isinstance(raw, dict):
        raise HolidayDataError(f"{where}: expected a mapping with date, name and kind")
    on = raw.get("date")
    if not isinstance(on, date) or on.year != year:
        raise HolidayDataError(f"{where}: 'date' must be a date in {year}, got {on!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise HolidayDataError(f"{where} ({on.isoformat()}): 'name' is missing")
    kinds = ", ".join(kind.value for kind in HolidayKind)
    try:
        kind = HolidayKind(str(raw.get("kind")))
    except ValueError:
        raise HolidayDataError(
            f"{where} ({on.isoformat()}): 'kind' must be one of {kinds}, got {raw.get('kind')!r}"
        ) from None
    certainties = ", ".join(c.value for c in Certainty)
    try:
        certainty = Certainty(str(raw.get("certainty", Certainty.CONFIRMED)))
    except ValueError:
        raise HolidayDataError(
            f"{where} ({on.isoformat()}): 'certainty' must be one of {certainties}, "
            f"got {raw.get('certainty')!r}"
        ) from None
    source = raw.get("source", decree)
    if not isinstance(source, str) or not source.strip():
        raise HolidayDataError(f"{where} ({on.isoformat()}): 'source' must be text")
    return Holiday(on=on, name=name, kind=kind, source=source, certainty=certainty)
