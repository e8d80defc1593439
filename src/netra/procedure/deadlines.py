"""Statutory deadlines of a case: which state starts which clock, and when it runs out.

The clocks themselves (length, unit, source) are law and live in the rulebook
(`load_rulebook().clock(id)`); this module only knows which clock a state runs and how to count it.
Time is always a parameter: nothing here reads today's date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from netra.procedure.calendar import WorkingCalendar
from netra.procedure.errors import DateOrderError, UnknownCodeError
from netra.procedure.states import CaseState
from netra.rulebook import Certainty, load_rulebook

# A deadline is "due soon" when at most this many calendar days are left (due today or tomorrow),
# so a supervisor sees it at least one day before it passes.
DUE_SOON_DAYS = 1

CALENDAR_UNIT = "calendar"
WORKING_UNIT = "working"


class Regime(StrEnum):
    """Which election law governs the case: UU 10/2016 (Pilkada) or UU 7/2017 (Pemilu)."""

    PILKADA = "pilkada"
    PEMILU = "pemilu"


class ClockLike(Protocol):
    """What a rulebook clock offers (netra.rulebook's `Clock` has this shape)."""

    @property
    def id(self) -> str: ...
    @property
    def days(self) -> int: ...
    @property
    def unit(self) -> str: ...  # "calendar" (hari) or "working" (hari kerja)
    @property
    def source(self) -> str: ...
    @property
    def certainty(self) -> str: ...


ClockLookup = Callable[[str], ClockLike]


class DeadlineStatus(StrEnum):
    """How close a deadline is on a given day."""

    OK = "ok"
    DUE_SOON = "due_soon"  # at most DUE_SOON_DAYS calendar days left, including the due day itself
    OVERDUE = "overdue"  # the due day has passed


@dataclass(frozen=True, slots=True)
class Deadline:
    """The last day on which a clock is still met, with the rule it comes from."""

    clock_id: str
    due_on: date
    unit: str
    source: str
    certainty: str  # provisional if the clock is, or if a provisional holiday was counted
    started_on: date

    def days_left(self, today: date) -> int:
        """Calendar days from `today` to the due day: 0 on the due day, negative once overdue."""
        return (self.due_on - today).days

    def status(self, today: date) -> DeadlineStatus:
        """`overdue` after the due day, `due_soon` on it and the day before, otherwise `ok`."""
        left = self.days_left(today)
        if left < 0:
            return DeadlineStatus.OVERDUE
        if left <= DUE_SOON_DAYS:
            return DeadlineStatus.DUE_SOON
        return DeadlineStatus.OK


@dataclass(frozen=True, slots=True)
class Lateness:
    """Whether a report (or a finding) came after its window; it is flagged, never dropped."""

    is_late: bool
    days_over: int  # calendar days after the last day of the window; 0 when on time
    rule: str  # the citation of the window, e.g. "UU 10/2016 Pasal 134 ayat (4)"
    clock_id: str
    due_on: date
    unit: str
    certainty: str


@dataclass(frozen=True, slots=True)
class ClockRule:
    """The clock a state runs, and how an extension for keterangan tambahan changes it."""

    clock_id: str
    extension_id: str | None = None
    # Pilkada adds the extension after the base period (3 + 2 days, UU 10/2016 Pasal 134(5)-(6));
    # Pemilu replaces it (14 hari kerja from registration, UU 7/2017 Pasal 454(8)).
    extension_adds: bool = False
    started_on: str = ""  # what `started_on` must be for this state, for callers and the docs


_FROM_REGISTRATION = "the date the report or finding was registered"
_FROM_RECEIPT = "the date the report was received (or the finding recorded)"
_FROM_REPORT = "the date the report was filed"
_FROM_DISCOVERY = "the date the supervisor discovered the alleged violation"
_FROM_RECOMMENDATION = "the date the PPK received the recommendation"

_PILKADA_DECISION = ClockRule(
    "pilkada.decision", "pilkada.decision_extension", extension_adds=True,
    started_on=_FROM_RECEIPT,
)  # fmt: skip
_PEMILU_DECISION = ClockRule(
    "pemilu.decision", "pemilu.decision_extension", extension_adds=False,
    started_on=_FROM_REGISTRATION,
)  # fmt: skip
_PPK = ClockRule("ppk.follow_up", started_on=_FROM_RECOMMENDATION)

CLOCK_RULES: Mapping[tuple[Regime, CaseState], ClockRule] = {
    # Pilkada: UU 10/2016 Pasal 134(5)-(6) count "setelah laporan diterima", so we count from
    # receipt. Bawaslu offices count from registration in practice (legal.md §4.1), which gives
    # a later day: the law's earlier day is the one a supervisor must not miss.
    (Regime.PILKADA, CaseState.REGISTERED): _PILKADA_DECISION,
    (Regime.PILKADA, CaseState.CLARIFICATION_STUDY): _PILKADA_DECISION,
    # Pemilu: kajian awal within 2 days of the report (Perbawaslu 7/2022 Pasal 15(1)); a finding
    # within 7 days of discovery (UU 7/2017 Pasal 454(5)); a decision within 7 days of
    # registration, or 14 hari kerja with keterangan tambahan (Pasal 454(7)-(8)).
    (Regime.PEMILU, CaseState.RECEIVED): ClockRule("pemilu.kajian_awal", started_on=_FROM_REPORT),
    (Regime.PEMILU, CaseState.FORMAL_MATERIAL_CHECK): ClockRule(
        "pemilu.kajian_awal", started_on=_FROM_REPORT
    ),
    (Regime.PEMILU, CaseState.INITIAL_INFORMATION): ClockRule(
        "pemilu.finding_window", started_on=_FROM_DISCOVERY
    ),
    (Regime.PEMILU, CaseState.REGISTERED): _PEMILU_DECISION,
    (Regime.PEMILU, CaseState.CLARIFICATION_STUDY): _PEMILU_DECISION,
    # Both regimes: the PPK has 14 hari kerja before BKN's control action (BKN 2023, legal.md §4.3).
    (Regime.PILKADA, CaseState.AWAITING_PPK): _PPK,
    (Regime.PILKADA, CaseState.PPK_EXAMINATION): _PPK,
    (Regime.PEMILU, CaseState.AWAITING_PPK): _PPK,
    (Regime.PEMILU, CaseState.PPK_EXAMINATION): _PPK,
}

REPORT_WINDOWS: Mapping[Regime, str] = {
    Regime.PILKADA: "pilkada.report_window",  # UU 10/2016 Pasal 134(4)
    Regime.PEMILU: "pemilu.report_window",  # UU 7/2017 Pasal 454(6); Perbawaslu 7/2022 Pasal 8(3)
}
# A supervisor's own finding is set as a temuan within 7 days of its discovery in the Pemilu (UU
# 7/2017 Pasal 454(5)). The Pilkada's law sets the window for reports (Pasal 134(4)) and none for
# a temuan that the rulebook holds, so a Pilkada finding is never flagged late.
FINDING_WINDOWS: Mapping[Regime, str] = {
    Regime.PEMILU: "pemilu.finding_window",
}


def rulebook_clock(clock_id: str) -> ClockLike:
    """The clock from the shipped rulebook (validated and cached); the default lookup."""
    return load_rulebook().clock(clock_id)


def deadline_for(
    state: CaseState,
    *,
    regime: Regime,
    started_on: date,
    calendar: WorkingCalendar,
    extended: bool = False,
    clocks: ClockLookup = rulebook_clock,
) -> Deadline | None:
    """The deadline of the clock `state` runs, counted from `started_on`; None if no clock runs.

    `started_on` is the day the clock started (see `CLOCK_RULES[...].started_on`): for the
    decision clock that is the registration date, also while the case is in clarification.
    `extended` applies the extension for keterangan tambahan where the law has one; for other
    clocks it changes nothing.
    """
    rule = CLOCK_RULES.get((regime, state))
    if rule is None:
        return None
    clock = clocks(rule.clock_id)
    due_on = count_clock(clock, started_on, calendar)
    used = [clock]
    if extended and rule.extension_id is not None:
        extension = clocks(rule.extension_id)
        due_on = count_clock(extension, due_on if rule.extension_adds else started_on, calendar)
        used = [clock, extension] if rule.extension_adds else [extension]
    final = used[-1]
    return Deadline(
        clock_id=final.id,
        due_on=due_on,
        unit=final.unit,
        source="; ".join(c.source for c in used),
        certainty=deadline_certainty(used, started_on, due_on, calendar),
        started_on=started_on,
    )


def report_lateness(
    *,
    regime: Regime,
    known_on: date,
    reported_on: date,
    calendar: WorkingCalendar,
    clocks: ClockLookup = rulebook_clock,
) -> Lateness:
    """Whether a report filed on `reported_on` is late for an act that became known on `known_on`.

    UU 10/2016 Pasal 134(4) and UU 7/2017 Pasal 454(6): a report is filed at the latest 7 days
    after the act became known; filed on day 7 it is on time, on day 8 it is late.
    """
    if reported_on < known_on:
        raise DateOrderError(
            "reported_on %(reported_on)s is before known_on %(known_on)s; "
            "a report cannot precede knowing of the act",
            known_on=known_on.isoformat(),
            reported_on=reported_on.isoformat(),
        )
    return _lateness(
        clocks(REPORT_WINDOWS[regime]), since=known_on, on=reported_on, calendar=calendar
    )


def finding_lateness(
    *,
    regime: Regime,
    found_on: date,
    recorded_on: date,
    calendar: WorkingCalendar,
    clocks: ClockLookup = rulebook_clock,
) -> Lateness | None:
    """Whether a finding recorded on `recorded_on` was set as a temuan after its window.

    None where the law sets no window for a temuan (`FINDING_WINDOWS`): the Pilkada.
    """
    if recorded_on < found_on:
        raise DateOrderError(
            "recorded_on %(recorded_on)s is before found_on %(found_on)s; "
            "a finding cannot be recorded before it was found",
            found_on=found_on.isoformat(),
            recorded_on=recorded_on.isoformat(),
        )
    clock_id = FINDING_WINDOWS.get(regime)
    if clock_id is None:
        return None
    return _lateness(clocks(clock_id), since=found_on, on=recorded_on, calendar=calendar)


def _lateness(clock: ClockLike, *, since: date, on: date, calendar: WorkingCalendar) -> Lateness:
    due_on = count_clock(clock, since, calendar)
    days_over = max(0, (on - due_on).days)
    return Lateness(
        is_late=days_over > 0,
        days_over=days_over,
        rule=clock.source,
        clock_id=clock.id,
        due_on=due_on,
        unit=clock.unit,
        certainty=deadline_certainty([clock], since, due_on, calendar),
    )


def count_clock(clock: ClockLike, start: date, calendar: WorkingCalendar) -> date:
    """The last day of `clock` from `start`: hari are calendar days, hari kerja skip days off."""
    if clock.unit == CALENDAR_UNIT:
        return start + timedelta(days=clock.days)
    if clock.unit == WORKING_UNIT:
        return calendar.add_working_days(start, clock.days)
    raise UnknownCodeError(
        "clock %(clock)r has unit %(unit)r; expected %(calendar_unit)r or %(working_unit)r",
        params={"unit": clock.unit, "calendar_unit": CALENDAR_UNIT, "working_unit": WORKING_UNIT},
        clock=clock.id,
        field="unit",
    )


def deadline_certainty(
    clocks: list[ClockLike], start: date, due_on: date, calendar: WorkingCalendar
) -> str:
    """Provisional if any clock is, or if a working-day count crossed a provisional holiday."""
    if any(str(c.certainty) != Certainty.CONFIRMED for c in clocks):
        return Certainty.PROVISIONAL.value
    if any(c.unit == WORKING_UNIT for c in clocks) and calendar.provisional_days(start, due_on):
        return Certainty.PROVISIONAL.value
    return Certainty.CONFIRMED.value
