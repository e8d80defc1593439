"""Deadlines from clocks: which state runs which clock, calendar vs working days, late reports."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from netra.procedure import (
    CaseState,
    DateOrderError,
    Deadline,
    DeadlineStatus,
    Regime,
    UnknownCodeError,
    WorkingCalendar,
    deadline_for,
    finding_lateness,
    report_lateness,
)
from netra.procedure.deadlines import CLOCK_RULES, FINDING_WINDOWS, REPORT_WINDOWS
from netra.rulebook import load_rulebook

S = CaseState
CAL = WorkingCalendar.default()


@dataclass(frozen=True)
class FakeClock:
    id: str
    days: int
    unit: str
    source: str
    certainty: str = "confirmed"


# The clocks the rulebook publishes (issue #3), written out here so these tests pin the counting,
# not the rulebook's data.
CLOCKS = {
    c.id: c
    for c in [
        FakeClock("pilkada.report_window", 7, "calendar", "UU 10/2016 Pasal 134 ayat (4)"),
        FakeClock("pilkada.decision", 3, "calendar", "UU 10/2016 Pasal 134 ayat (5)"),
        FakeClock("pilkada.decision_extension", 2, "calendar", "UU 10/2016 Pasal 134 ayat (6)"),
        FakeClock("pemilu.report_window", 7, "calendar", "UU 7/2017 Pasal 454 ayat (6)"),
        FakeClock("pemilu.finding_window", 7, "calendar", "UU 7/2017 Pasal 454 ayat (5)"),
        FakeClock("pemilu.kajian_awal", 2, "calendar", "Perbawaslu 7/2022 Pasal 15 ayat (1)"),
        FakeClock("pemilu.decision", 7, "calendar", "UU 7/2017 Pasal 454 ayat (7)"),
        FakeClock("pemilu.decision_extension", 14, "working", "UU 7/2017 Pasal 454 ayat (8)"),
        FakeClock("ppk.follow_up", 14, "working", "BKN 2023 (SKB 2022 practice)", "provisional"),
    ]
}


def clocks(clock_id: str) -> FakeClock:
    return CLOCKS[clock_id]


def due(state: CaseState, regime: Regime, started_on: date, *, extended: bool = False) -> date:
    deadline = deadline_for(
        state, regime=regime, started_on=started_on, calendar=CAL, extended=extended, clocks=clocks
    )
    assert deadline is not None
    return deadline.due_on


@pytest.mark.parametrize(
    ("state", "regime", "started_on", "extended", "expected", "why"),
    [
        (S.REGISTERED, Regime.PILKADA, date(2024, 11, 11), False, date(2024, 11, 14),
         "Pilkada: 3 days after registration"),
        (S.CLARIFICATION_STUDY, Regime.PILKADA, date(2024, 11, 11), False, date(2024, 11, 14),
         "the decision clock keeps running through clarification"),
        (S.REGISTERED, Regime.PILKADA, date(2024, 11, 11), True, date(2024, 11, 16),
         "Pilkada: 3 + 2 days with keterangan tambahan"),
        (S.REGISTERED, Regime.PILKADA, date(2024, 11, 25), False, date(2024, 11, 28),
         "hari are calendar days: voting day 27 Nov 2024 does not stop the clock"),
        (S.REGISTERED, Regime.PEMILU, date(2024, 1, 8), False, date(2024, 1, 15),
         "Pemilu: 7 days after registration"),
        (S.REGISTERED, Regime.PEMILU, date(2024, 1, 8), True, date(2024, 1, 26),
         "Pemilu: 14 hari kerja from registration replace the 7 days"),
        (S.CLARIFICATION_STUDY, Regime.PEMILU, date(2024, 4, 1), True, date(2024, 4, 29),
         "14 hari kerja across Idul Fitri 2024: 8-15 April are libur or cuti bersama"),
        (S.RECEIVED, Regime.PEMILU, date(2024, 1, 5), False, date(2024, 1, 7),
         "kajian awal within 2 days of the report"),
        (S.FORMAL_MATERIAL_CHECK, Regime.PEMILU, date(2024, 1, 5), False, date(2024, 1, 7),
         "the kajian awal clock keeps running during the check"),
        (S.INITIAL_INFORMATION, Regime.PEMILU, date(2024, 1, 5), False, date(2024, 1, 12),
         "a finding must be recorded within 7 days of discovery"),
        (S.AWAITING_PPK, Regime.PILKADA, date(2025, 3, 24), False, date(2025, 4, 23),
         "the PPK's 14 hari kerja skip Idul Fitri 2025 and Good Friday"),
        (S.PPK_EXAMINATION, Regime.PEMILU, date(2024, 9, 2), False, date(2024, 9, 23),
         "14 hari kerja from the recommendation (skipping Maulid, 16 Sep), also in examination"),
        (S.AWAITING_PPK, Regime.PEMILU, date(2024, 9, 2), True, date(2024, 9, 23),
         "the PPK clock has no extension"),
    ],
)  # fmt: skip
def test_state_runs_its_clock(
    state: CaseState,
    regime: Regime,
    started_on: date,
    extended: bool,
    expected: date,
    why: str,
) -> None:
    assert due(state, regime, started_on, extended=extended) == expected, why


@pytest.mark.parametrize(
    ("state", "regime"),
    [
        (S.RECEIVED, Regime.PILKADA),  # no kajian awal clock found for Pilkada (legal.md §8)
        (S.NEEDS_COMPLETION, Regime.PEMILU),  # the completion period is not verified
        (S.DECIDED_VIOLATION, Regime.PEMILU),
        (S.FORWARDED, Regime.PILKADA),
        (S.SANCTION_IMPOSED, Regime.PILKADA),
        (S.CLOSED, Regime.PEMILU),
    ],
)
def test_states_without_a_clock_have_no_deadline(state: CaseState, regime: Regime) -> None:
    assert (
        deadline_for(state, regime=regime, started_on=date(2024, 9, 2), calendar=CAL, clocks=clocks)
        is None
    )


def test_deadline_carries_the_clock_and_its_source() -> None:
    deadline = deadline_for(
        S.REGISTERED, regime=Regime.PILKADA, started_on=date(2024, 11, 11), calendar=CAL,
        clocks=clocks,
    )  # fmt: skip
    assert deadline == Deadline(
        clock_id="pilkada.decision",
        due_on=date(2024, 11, 14),
        unit="calendar",
        source="UU 10/2016 Pasal 134 ayat (5)",
        certainty="confirmed",
        started_on=date(2024, 11, 11),
    )


def test_an_extended_pilkada_deadline_cites_both_ayat() -> None:
    deadline = deadline_for(
        S.REGISTERED, regime=Regime.PILKADA, started_on=date(2024, 11, 11), calendar=CAL,
        extended=True, clocks=clocks,
    )  # fmt: skip
    assert deadline is not None
    assert deadline.clock_id == "pilkada.decision_extension"
    assert deadline.source == "UU 10/2016 Pasal 134 ayat (5); UU 10/2016 Pasal 134 ayat (6)"


def test_an_extended_pemilu_deadline_cites_only_the_extension() -> None:
    deadline = deadline_for(
        S.REGISTERED, regime=Regime.PEMILU, started_on=date(2024, 1, 8), calendar=CAL,
        extended=True, clocks=clocks,
    )  # fmt: skip
    assert deadline is not None
    assert (deadline.clock_id, deadline.unit) == ("pemilu.decision_extension", "working")
    assert deadline.source == "UU 7/2017 Pasal 454 ayat (8)"


def test_a_provisional_clock_gives_a_provisional_deadline() -> None:
    deadline = deadline_for(
        S.AWAITING_PPK, regime=Regime.PEMILU, started_on=date(2024, 9, 2), calendar=CAL,
        clocks=clocks,
    )  # fmt: skip
    assert deadline is not None
    assert deadline.certainty == "provisional"


def test_counting_across_a_provisional_holiday_makes_the_deadline_provisional() -> None:
    # 18 Aug 2025 (added cuti bersama) is provisional in our data.
    def certainty(started_on: date) -> str:
        deadline = deadline_for(
            S.REGISTERED, regime=Regime.PEMILU, started_on=started_on, calendar=CAL,
            extended=True, clocks=clocks,
        )  # fmt: skip
        assert deadline is not None
        return deadline.certainty

    assert certainty(date(2025, 8, 11)) == "provisional"
    assert certainty(date(2025, 9, 1)) == "confirmed"


def test_a_clock_with_an_unknown_unit_is_refused_naming_it() -> None:
    broken = {**CLOCKS, "pilkada.decision": replace(CLOCKS["pilkada.decision"], unit="hari")}
    with pytest.raises(UnknownCodeError, match=r"clock 'pilkada\.decision' has unit 'hari'"):
        deadline_for(
            S.REGISTERED, regime=Regime.PILKADA, started_on=date(2024, 11, 11), calendar=CAL,
            clocks=broken.__getitem__,
        )  # fmt: skip


def test_every_clock_rule_names_what_started_on_means() -> None:
    assert all(rule.started_on for rule in CLOCK_RULES.values())
    assert {rule.clock_id for rule in CLOCK_RULES.values()} <= set(CLOCKS)


# --- days_left and status ---------------------------------------------------------------------

DEADLINE = Deadline(
    clock_id="pilkada.decision",
    due_on=date(2024, 11, 14),
    unit="calendar",
    source="UU 10/2016 Pasal 134 ayat (5)",
    certainty="confirmed",
    started_on=date(2024, 11, 11),
)


@pytest.mark.parametrize(
    ("today", "left", "status"),
    [
        (date(2024, 11, 11), 3, DeadlineStatus.OK),
        (date(2024, 11, 12), 2, DeadlineStatus.OK),
        (date(2024, 11, 13), 1, DeadlineStatus.DUE_SOON),
        (date(2024, 11, 14), 0, DeadlineStatus.DUE_SOON),
        (date(2024, 11, 15), -1, DeadlineStatus.OVERDUE),
        (date(2024, 12, 14), -30, DeadlineStatus.OVERDUE),
    ],
)
def test_days_left_and_status(today: date, left: int, status: DeadlineStatus) -> None:
    assert DEADLINE.days_left(today) == left
    assert DEADLINE.status(today) is status


# --- late reports -----------------------------------------------------------------------------


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize(
    ("reported_on", "is_late", "days_over"),
    [
        (date(2024, 10, 1), False, 0),  # the same day
        (date(2024, 10, 8), False, 0),  # exactly 7 days: on time
        (date(2024, 10, 9), True, 1),  # 8 days: late
        (date(2024, 10, 20), True, 12),
    ],
)
def test_report_window_is_seven_days(
    regime: Regime, reported_on: date, is_late: bool, days_over: int
) -> None:
    lateness = report_lateness(
        regime=regime, known_on=date(2024, 10, 1), reported_on=reported_on, calendar=CAL,
        clocks=clocks,
    )  # fmt: skip
    assert (lateness.is_late, lateness.days_over) == (is_late, days_over)
    assert lateness.due_on == date(2024, 10, 8)


def test_a_late_report_cites_the_rule_it_broke() -> None:
    lateness = report_lateness(
        regime=Regime.PILKADA, known_on=date(2024, 10, 1), reported_on=date(2024, 10, 9),
        calendar=CAL, clocks=clocks,
    )  # fmt: skip
    assert lateness.is_late
    assert lateness.rule == "UU 10/2016 Pasal 134 ayat (4)"
    assert lateness.clock_id == "pilkada.report_window"


def test_a_working_day_report_window_skips_holidays() -> None:
    # UU 7/2017 Pasal 454(6) as scanned says "7 hari kerja"; if the rulebook settles on that,
    # a report known on Friday 5 April 2024 has until 24 April: 8-15 April are libur or cuti
    # bersama, then 16-24 April are the 7 hari kerja.
    working = {
        **CLOCKS,
        "pemilu.report_window": FakeClock(
            "pemilu.report_window", 7, "working", "UU 7/2017 Pasal 454 ayat (6)"
        ),
    }
    on_time = report_lateness(
        regime=Regime.PEMILU, known_on=date(2024, 4, 5), reported_on=date(2024, 4, 24),
        calendar=CAL, clocks=working.__getitem__,
    )  # fmt: skip
    late = report_lateness(
        regime=Regime.PEMILU, known_on=date(2024, 4, 5), reported_on=date(2024, 4, 25),
        calendar=CAL, clocks=working.__getitem__,
    )  # fmt: skip
    assert (on_time.is_late, on_time.due_on) == (False, date(2024, 4, 24))
    assert (late.is_late, late.days_over, late.unit) == (True, 1, "working")


def test_a_report_before_the_act_was_known_is_refused() -> None:
    with pytest.raises(DateOrderError, match="reported_on 2024-09-30 is before known_on") as e:
        report_lateness(
            regime=Regime.PILKADA, known_on=date(2024, 10, 1), reported_on=date(2024, 9, 30),
            calendar=CAL, clocks=clocks,
        )  # fmt: skip
    assert e.value.code == "date_order_invalid"


def test_a_pemilu_finding_set_after_its_window_is_late() -> None:
    # UU 7/2017 Pasal 454(5): set as a temuan at the latest 7 days after it was found.
    on_time = finding_lateness(
        regime=Regime.PEMILU, found_on=date(2024, 1, 2), recorded_on=date(2024, 1, 9),
        calendar=CAL, clocks=clocks,
    )  # fmt: skip
    late = finding_lateness(
        regime=Regime.PEMILU, found_on=date(2024, 1, 2), recorded_on=date(2024, 1, 10),
        calendar=CAL, clocks=clocks,
    )  # fmt: skip
    assert on_time is not None
    assert late is not None
    assert (on_time.is_late, late.is_late, late.days_over) == (False, True, 1)
    assert late.clock_id == "pemilu.finding_window"


def test_a_pilkada_finding_has_no_window_of_its_own() -> None:
    lateness = finding_lateness(
        regime=Regime.PILKADA, found_on=date(2024, 9, 2), recorded_on=date(2024, 10, 2),
        calendar=CAL, clocks=clocks,
    )  # fmt: skip
    assert lateness is None


def test_a_finding_recorded_before_it_was_found_is_refused() -> None:
    with pytest.raises(DateOrderError, match="recorded_on 2024-01-01 is before found_on"):
        finding_lateness(
            regime=Regime.PEMILU, found_on=date(2024, 1, 2), recorded_on=date(2024, 1, 1),
            calendar=CAL, clocks=clocks,
        )  # fmt: skip


# --- the shipped rulebook is the default source of clocks -----------------------------------


def test_default_clocks_come_from_the_rulebook() -> None:
    lateness = report_lateness(
        regime=Regime.PILKADA, known_on=date(2024, 10, 1), reported_on=date(2024, 10, 9),
        calendar=CAL,
    )  # fmt: skip
    assert lateness.is_late
    assert lateness.rule.startswith("UU 10/2016 Pasal 134 ayat (4)")
    deadline = deadline_for(
        S.AWAITING_PPK, regime=Regime.PILKADA, started_on=date(2024, 9, 2), calendar=CAL
    )
    assert deadline is not None
    assert (deadline.clock_id, deadline.due_on) == ("ppk.follow_up", date(2024, 9, 23))


USED_CLOCKS = sorted(
    {rule.clock_id for rule in CLOCK_RULES.values()}
    | {rule.extension_id for rule in CLOCK_RULES.values() if rule.extension_id}
    | set(REPORT_WINDOWS.values())
    | set(FINDING_WINDOWS.values())
)


@pytest.mark.parametrize("clock_id", USED_CLOCKS)
def test_every_clock_the_procedure_uses_exists_in_the_rulebook(clock_id: str) -> None:
    clock = load_rulebook().clock(clock_id)
    assert clock.days > 0
    assert clock.unit in {"calendar", "working"}
