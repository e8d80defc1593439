"""The statutory clocks of a case, computed by netra.procedure on the holidays stored here.

This is the one place that turns the Holiday table into a `WorkingCalendar`, so every deadline the
system shows counts the same libur nasional and cuti bersama days.
"""

from __future__ import annotations

import logging
from datetime import date

from netra.cases.models import Holiday
from netra.procedure import (
    CalendarNotCoveredError,
    CaseState,
    Certainty,
    Deadline,
    HolidayKind,
    Regime,
    WorkingCalendar,
    deadline_for,
    report_lateness,
)
from netra.procedure import Holiday as CoreHoliday

logger = logging.getLogger(__name__)


def working_calendar() -> WorkingCalendar:
    """The calendar from the Holiday table, or the shipped one when the table is still empty."""
    rows = list(Holiday.objects.all())
    if not rows:
        return WorkingCalendar.default()
    holidays = [
        CoreHoliday(
            on=row.date,
            name=row.name,
            kind=HolidayKind(row.kind),
            source=row.source,
            certainty=Certainty.PROVISIONAL if row.is_provisional else Certainty.CONFIRMED,
        )
        for row in rows
    ]
    return WorkingCalendar(holidays, years={row.date.year for row in rows})


def deadline(
    state: CaseState, *, regime: str, started_on: date, extended: bool = False
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
            calendar=working_calendar(),
            extended=extended,
        )
    except CalendarNotCoveredError:
        logger.warning("no holiday data to count %s from %s", state.value, started_on)
        return None


def deadline_on(
    state: CaseState, *, regime: str, started_on: date, extended: bool = False
) -> date | None:
    found = deadline(state, regime=regime, started_on=started_on, extended=extended)
    return found.due_on if found is not None else None


def is_report_late(*, regime: str, known_on: date, reported_on: date) -> bool:
    """Whether a laporan is late (UU 10/2016 Pasal 134(4); UU 7/2017 Pasal 454(6))."""
    try:
        lateness = report_lateness(
            regime=Regime(regime),
            known_on=known_on,
            reported_on=reported_on,
            calendar=working_calendar(),
        )
    except CalendarNotCoveredError:
        logger.warning("no holiday data to check lateness from %s", known_on)
        return False
    return lateness.is_late
