"""The statutory clocks of a case, computed by netra.procedure on the holidays stored here.

This is the one place that turns the Holiday table into a `WorkingCalendar`, so every deadline the
system shows counts the same libur nasional and cuti bersama days.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from django.db.models import Count, Max, Min

from netra.cases.models import Holiday
from netra.procedure import (
    CalendarNotCoveredError,
    CaseState,
    Certainty,
    Deadline,
    HolidayKind,
    Lateness,
    Regime,
    WorkingCalendar,
    deadline_for,
    finding_lateness,
    report_lateness,
)
from netra.procedure import Holiday as CoreHoliday

logger = logging.getLogger(__name__)


# (fingerprint of the Holiday table, calendar built from it): building the calendar costs more
# than the rest of a report's intake, and the table changes only when `netra setup` loads a year.
_cache: tuple[tuple[object, ...], WorkingCalendar] | None = None


def working_calendar() -> WorkingCalendar:
    """The calendar from the Holiday table, or the shipped one when the table is still empty.

    Rebuilt whenever the table's row count, highest id or date range changes (one aggregate
    query), so a process never counts on a calendar older than the table it reads.
    """
    global _cache  # a per-process memo of immutable data
    stats = Holiday.objects.aggregate(
        n=Count("id"), last=Max("id"), first_on=Min("date"), last_on=Max("date")
    )
    fingerprint = (stats["n"], stats["last"], stats["first_on"], stats["last_on"])
    if _cache is not None and _cache[0] == fingerprint:
        return _cache[1]
    rows = list(Holiday.objects.values_list("date", "name", "kind", "source", "is_provisional"))
    if not rows:
        calendar = WorkingCalendar.default()
    else:
        holidays = [
            CoreHoliday(
                on=on,
                name=name,
                kind=HolidayKind(kind),
                source=source,
                certainty=Certainty.PROVISIONAL if is_provisional else Certainty.CONFIRMED,
            )
            for on, name, kind, source, is_provisional in rows
        ]
        calendar = WorkingCalendar(holidays, years={row[0].year for row in rows})
    _cache = (fingerprint, calendar)
    return calendar


def deadline(
    state: CaseState,
    *,
    regime: str,
    started_on: date,
    extended: bool = False,
    calendar: WorkingCalendar | None = None,
) -> Deadline | None:
    """The deadline of the clock `state` runs from `started_on`, or None.

    None also when the calendar has no holiday data for the years the count crosses: a guessed
    deadline would be worse than none, and the case must still be able to move.
    """
    try:
        return deadline_for(
            state,
            regime=Regime(regime),
            started_on=started_on,
            calendar=calendar or working_calendar(),
            extended=extended,
        )
    except CalendarNotCoveredError:
        logger.warning("no holiday data to count %s from %s", state.value, started_on)
        return None


def deadline_on(
    state: CaseState,
    *,
    regime: str,
    started_on: date,
    extended: bool = False,
    calendar: WorkingCalendar | None = None,
) -> date | None:
    found = deadline(
        state, regime=regime, started_on=started_on, extended=extended, calendar=calendar
    )
    return found.due_on if found is not None else None


def is_report_late(
    *, regime: str, known_on: date, reported_on: date, calendar: WorkingCalendar | None = None
) -> bool:
    """Whether a laporan is late (UU 10/2016 Pasal 134(4); UU 7/2017 Pasal 454(6))."""
    return _flagged_late(
        lambda days: report_lateness(
            regime=Regime(regime), known_on=known_on, reported_on=reported_on, calendar=days
        ),
        since=known_on,
        calendar=calendar,
    )


def is_finding_late(
    *, regime: str, found_on: date, recorded_on: date, calendar: WorkingCalendar | None = None
) -> bool:
    """Whether a temuan was set after its window (UU 7/2017 Pasal 454(5); none in the Pilkada)."""
    return _flagged_late(
        lambda days: finding_lateness(
            regime=Regime(regime), found_on=found_on, recorded_on=recorded_on, calendar=days
        ),
        since=found_on,
        calendar=calendar,
    )


def _flagged_late(
    lateness: Callable[[WorkingCalendar], Lateness | None],
    *,
    since: date,
    calendar: WorkingCalendar | None,
) -> bool:
    """Not flagged when the year has no holiday data: a guessed window could flag in error."""
    try:
        found = lateness(calendar or working_calendar())
    except CalendarNotCoveredError:
        logger.warning("no holiday data to check lateness from %s", since)
        return False
    return found is not None and found.is_late
