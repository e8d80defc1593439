"""Working days: weekends, libur nasional and cuti bersama, and a loud failure outside the data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lokal import holidays as lokal_holidays

from netra.procedure import (
    CalendarNotCoveredError,
    Certainty,
    Holiday,
    HolidayDataError,
    HolidayKind,
    WorkingCalendar,
)
from netra.procedure.calendar import default_calendar

CAL = WorkingCalendar.default()


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (date(2025, 3, 26), True, "an ordinary Wednesday"),
        (date(2025, 3, 29), False, "Saturday (and Nyepi)"),
        (date(2025, 3, 30), False, "Sunday"),
        (date(2025, 3, 28), False, "cuti bersama Nyepi"),
        (date(2025, 3, 31), False, "Idul Fitri 1446 H"),
        (date(2025, 4, 7), False, "last cuti bersama of Idul Fitri 2025"),
        (date(2025, 4, 8), True, "first working day after Idul Fitri 2025"),
        (date(2024, 4, 15), False, "cuti bersama Idul Fitri 2024"),
        (date(2024, 4, 16), True, "back to work after Idul Fitri 2024"),
        (date(2024, 11, 27), False, "Pilkada 2024 voting day was a day off"),
        (date(2024, 2, 14), False, "Pemilu 2024 voting day was a day off"),
        (date(2024, 12, 26), False, "cuti bersama Natal 2024"),
        (date(2026, 3, 24), False, "cuti bersama Idul Fitri 2026"),
        (date(2026, 3, 25), True, "after Idul Fitri 2026"),
    ],
)
def test_working_days(day: date, working: bool, why: str) -> None:
    assert CAL.is_working_day(day) is working, why


def test_one_working_day_after_the_thursday_before_idul_fitri_2025_is_8_april() -> None:
    # 28 Mar cuti bersama, 29 Nyepi, 30 Sunday, 31 Mar-1 Apr Idul Fitri, 2-4 Apr cuti bersama,
    # 5-6 weekend, 7 Apr cuti bersama.
    assert CAL.add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)


def test_fourteen_working_days_across_idul_fitri_2025_take_thirty_calendar_days() -> None:
    # 25-27 Mar (3), Idul Fitri and cuti bersama 28 Mar-7 Apr, 8-17 Apr (8), Wafat Yesus Kristus
    # 18 Apr, 21-23 Apr (3).
    due = CAL.add_working_days(date(2025, 3, 24), 14)
    assert due == date(2025, 4, 23)
    assert (due - date(2025, 3, 24)).days == 30
    assert CAL.working_days_between(date(2025, 3, 24), due) == 14


def test_a_friday_plus_one_working_day_is_the_next_monday() -> None:
    assert CAL.add_working_days(date(2024, 9, 6), 1) == date(2024, 9, 9)


def test_counting_starts_after_a_holiday_start_day() -> None:
    # Started on Idul Fitri itself: the first hari kerja counted is 8 April.
    assert CAL.add_working_days(date(2025, 3, 31), 1) == date(2025, 4, 8)


def test_working_days_between_is_signed_and_excludes_the_start() -> None:
    assert CAL.working_days_between(date(2024, 9, 2), date(2024, 9, 2)) == 0
    assert CAL.working_days_between(date(2024, 9, 2), date(2024, 9, 9)) == 5
    assert CAL.working_days_between(date(2024, 9, 9), date(2024, 9, 2)) == -5


def test_adding_negative_working_days_goes_back() -> None:
    assert CAL.add_working_days(date(2025, 4, 8), -1) == date(2025, 3, 27)


def test_cuti_bersama_can_be_counted_as_working_days() -> None:
    lenient = WorkingCalendar(_holidays_in(2025), years=[2025], cuti_bersama_is_working=True)
    assert lenient.is_working_day(date(2025, 4, 2))
    assert not lenient.is_working_day(date(2025, 3, 31))  # libur nasional stays off
    assert lenient.add_working_days(date(2025, 3, 27), 1) == date(2025, 3, 28)


def test_a_year_without_data_is_refused_not_guessed() -> None:
    with pytest.raises(CalendarNotCoveredError, match="no holiday data for 2023") as raised:
        CAL.is_working_day(date(2023, 12, 29))
    assert raised.value.code == "calendar_not_covered"


def test_a_count_that_runs_into_an_uncovered_year_is_refused() -> None:
    cal = WorkingCalendar(_holidays_in(2026), years=[2026])
    with pytest.raises(CalendarNotCoveredError, match="2027"):
        cal.add_working_days(date(2026, 12, 28), 14)


def test_shipped_data_covers_2024_to_2026_and_lokal_adds_later_years_as_provisional() -> None:
    assert {2024, 2025, 2026} <= CAL.years
    for year in set(lokal_holidays.HOLIDAY_YEARS) - {2024, 2025, 2026}:
        first = _all_holidays(CAL, year)[0]
        assert first.certainty is Certainty.PROVISIONAL
        assert "lokal-id" in first.source


def test_our_2026_data_agrees_with_lokal_id_day_for_day() -> None:
    ours = {(h.on, h.kind.value) for h in _all_holidays(CAL, 2026)}
    theirs = {
        (date.fromisoformat(h.date), h.type) for h in lokal_holidays.get_holidays(2026).holidays
    }
    assert ours == theirs


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_year_cites_its_skb_and_has_the_fixed_holidays(year: int) -> None:
    holidays = _all_holidays(CAL, year)
    assert all("SKB" in h.source or "Keputusan Presiden" in h.source for h in holidays)
    fixed = {date(year, 1, 1), date(year, 5, 1), date(year, 6, 1), date(year, 8, 17)}
    assert fixed <= {h.on for h in holidays if h.kind is HolidayKind.LIBUR_NASIONAL}
    assert date(year, 12, 25) in {h.on for h in holidays}


def test_provisional_days_in_a_span_are_reported() -> None:
    found = CAL.provisional_days(date(2025, 8, 15), date(2025, 8, 20))
    assert [h.on for h in found] == [date(2025, 8, 18)]
    assert CAL.provisional_days(date(2025, 9, 1), date(2025, 9, 30)) == ()


def test_default_calendar_is_loaded_once() -> None:
    assert default_calendar() is default_calendar()


# --- the data file is checked on load ---------------------------------------------------------

GOOD_DAY = "{date: 2025-01-01, name: Tahun Baru, kind: libur_nasional}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("years: [2025]", "expected a mapping with a 'years' key"),
        ("years:\n  2025:\n    days: []", "year 2025: 'decree' (the SKB) is missing"),
        (
            "years:\n  2025:\n    decree: SKB\n    days:\n      - {date: 2024-12-31, name: x, "
            "kind: libur_nasional}",
            "year 2025, day #1: 'date' must be a date in 2025",
        ),
        (
            "years:\n  2025:\n    decree: SKB\n    days:\n      - {date: 2025-01-01, name: x, "
            "kind: libur}",
            "year 2025, day #1 (2025-01-01): 'kind' must be one of libur_nasional, cuti_bersama",
        ),
        (
            "years:\n  2025:\n    decree: SKB\n    days:\n      - {date: 2025-01-01, name: x, "
            "kind: cuti_bersama, certainty: maybe}",
            "'certainty' must be one of confirmed, provisional",
        ),
        (
            f"years:\n  2025:\n    decree: SKB\n    days:\n      - {GOOD_DAY}\n      - {GOOD_DAY}",
            "year 2025, day #2: 2025-01-01 listed twice as libur_nasional",
        ),
        ("years: {2025: {decree: SKB, days: [", "not valid YAML"),
    ],
)
def test_a_bad_holiday_file_is_refused_naming_the_entry(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(HolidayDataError, match=r"holidays\.yaml") as raised:
        WorkingCalendar.from_file(path)
    assert message in raised.value.message


def test_a_good_holiday_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text(f"years:\n  2025:\n    decree: SKB X\n    days:\n      - {GOOD_DAY}\n")
    cal = WorkingCalendar.from_file(path)
    assert not cal.is_working_day(date(2025, 1, 1))
    assert cal.holidays_on(date(2025, 1, 1))[0].source == "SKB X"


def _all_holidays(cal: WorkingCalendar, year: int) -> list[Holiday]:
    day, found = date(year, 1, 1), []
    while day.year == year:
        found.extend(cal.holidays_on(day))
        day = date.fromordinal(day.toordinal() + 1)
    return found


def _holidays_in(year: int) -> list[Holiday]:
    return _all_holidays(CAL, year)
