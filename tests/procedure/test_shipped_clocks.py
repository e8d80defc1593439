"""Issue 8: the shipped rulebook clocks counted on the shipped calendar, each row with its source.

Unlike test_deadlines.py, which pins the counting with fake clocks, these rows fail when the
rulebook's data reads the law wrongly (a unit, a length, a starting event).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netra.procedure import (
    CaseState,
    CriminalStage,
    CriminalStep,
    Regime,
    WorkingCalendar,
    criminal_deadline,
    deadline_for,
    report_lateness,
)
from netra.procedure.criminal import STEP_STAGES
from netra.procedure.deadlines import CLOCK_RULES
from netra.rulebook import load_rulebook

CAL = WorkingCalendar.default()


# -- item 3: the Pemilu report window is 7 hari kerja --------------------------------------------


@pytest.mark.parametrize(
    ("known_on", "reported_on", "is_late", "due_on", "source"),
    [
        (date(2024, 1, 5), date(2024, 1, 15), False, date(2024, 1, 16),
         "UU 7/2017 Pasal 454(6): known Fri 5 Jan 2024, the 7th hari kerja is Tue 16 Jan"),
        (date(2024, 1, 5), date(2024, 1, 16), False, date(2024, 1, 16),
         "filed on the last hari kerja is on time"),
        (date(2024, 1, 5), date(2024, 1, 17), True, date(2024, 1, 16),
         "filed the day after the 7th hari kerja is late"),
        (date(2024, 2, 7), date(2024, 2, 21), False, date(2024, 2, 21),
         "8 Feb (Isra Mikraj), 9 Feb (cuti bersama Imlek), 10 Feb (Imlek) and 14 Feb (voting "
         "day) are no hari kerja"),
    ],
)  # fmt: skip
def test_the_pemilu_report_window_counts_hari_kerja(
    known_on: date, reported_on: date, is_late: bool, due_on: date, source: str
) -> None:
    lateness = report_lateness(
        regime=Regime.PEMILU, known_on=known_on, reported_on=reported_on, calendar=CAL
    )
    assert (lateness.is_late, lateness.due_on) == (is_late, due_on), source
    assert lateness.unit == "working", source
    assert "Pasal 454 ayat (6)" in lateness.rule, source


def test_the_pilkada_report_window_stays_seven_calendar_days() -> None:
    # UU 10/2016 Pasal 134(4): "paling lama 7 (tujuh) hari sejak diketahui" (Perpu text).
    lateness = report_lateness(
        regime=Regime.PILKADA, known_on=date(2024, 10, 4), reported_on=date(2024, 10, 11),
        calendar=CAL,
    )  # fmt: skip
    assert (lateness.is_late, lateness.due_on) == (False, date(2024, 10, 11))


# -- item 6: Pemilu "hari" clocks are never shown earlier than the hari-kerja reading -----------


@pytest.mark.parametrize(
    ("state", "started_on", "due_on", "source"),
    [
        (CaseState.RECEIVED, date(2024, 1, 5), date(2024, 1, 9),
         "Perbawaslu 7/2022 Pasal 15(1): kajian awal 2 hari from Fri 5 Jan, as hari kerja"),
        (CaseState.REGISTERED, date(2024, 1, 8), date(2024, 1, 17),
         "UU 7/2017 Pasal 454(7): 7 hari from registration on Mon 8 Jan, as hari kerja"),
        (CaseState.INITIAL_INFORMATION, date(2024, 1, 5), date(2024, 1, 16),
         "UU 7/2017 Pasal 454(5): a finding within 7 hari of discovery, as hari kerja"),
    ],
)  # fmt: skip
def test_pemilu_hari_clocks_use_the_later_working_day_reading(
    state: CaseState, started_on: date, due_on: date, source: str
) -> None:
    deadline = deadline_for(state, regime=Regime.PEMILU, started_on=started_on, calendar=CAL)
    assert deadline is not None
    assert deadline.due_on == due_on, source
    clock = load_rulebook().clock(deadline.clock_id)
    assert deadline.due_on >= started_on + timedelta(days=clock.days), source
    assert deadline.certainty == "provisional", source


def test_the_extended_pemilu_handling_is_fourteen_hari_kerja_from_registration() -> None:
    # UU 7/2017 Pasal 454(8): "paling lama 14 (empat belas) hari kerja setelah ... diregistrasi".
    deadline = deadline_for(
        CaseState.CLARIFICATION_STUDY, regime=Regime.PEMILU, started_on=date(2024, 1, 8),
        calendar=CAL, extended=True,
    )  # fmt: skip
    assert deadline is not None
    assert (deadline.due_on, deadline.unit) == (date(2024, 1, 26), "working")


# -- item 7: the Pilkada decision clock runs from receipt -----------------------------------------


@pytest.mark.parametrize("state", [CaseState.REGISTERED, CaseState.CLARIFICATION_STUDY])
def test_the_pilkada_decision_clock_starts_at_receipt(state: CaseState) -> None:
    # UU 10/2016 Pasal 134(5): "paling lama 3 (tiga) hari setelah laporan diterima".
    assert "received" in CLOCK_RULES[(Regime.PILKADA, state)].started_on
    assert "registered" in CLOCK_RULES[(Regime.PEMILU, state)].started_on


# -- item 8: the Sentra Gakkumdu clocks -----------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "regime", "started_on", "due_on", "source"),
    [
        (CriminalStep.FORWARD_TO_POLRI, Regime.PILKADA, date(2024, 10, 4), date(2024, 10, 5),
         "UU 1/2015 Pasal 135: to Polri within 1x24 jam of Bawaslu's decision"),
        (CriminalStep.INVESTIGATION, Regime.PILKADA, date(2024, 10, 1), date(2024, 10, 21),
         "investigation file to the prosecutor within 14 hari kerja of the report"),
        (CriminalStep.FILE_RETURN, Regime.PILKADA, date(2024, 10, 4), date(2024, 10, 9),
         "an incomplete file goes back within 3 hari kerja (Fri 4 Oct -> Wed 9 Oct)"),
        (CriminalStep.FILE_COMPLETION, Regime.PILKADA, date(2024, 10, 9), date(2024, 10, 14),
         "Polri returns the completed file within 3 hari kerja"),
        (CriminalStep.PROSECUTION, Regime.PILKADA, date(2024, 10, 14), date(2024, 10, 21),
         "the prosecutor brings the case to court within 5 hari kerja"),
        (CriminalStep.COURT_DECISION, Regime.PILKADA, date(2024, 10, 21), date(2024, 10, 28),
         "the district court decides within 7 hari of the pelimpahan"),
        (CriminalStep.APPEAL_FILING, Regime.PILKADA, date(2024, 10, 28), date(2024, 10, 31),
         "an appeal within 3 hari of the verdict"),
        (CriminalStep.APPEAL_DECISION, Regime.PILKADA, date(2024, 10, 31), date(2024, 11, 7),
         "the high court decides within 7 hari"),
        (CriminalStep.FORWARD_TO_POLRI, Regime.PEMILU, date(2024, 1, 29), date(2024, 1, 30),
         "UU 7/2017 Pasal 476(1): 1x24 jam"),
        (CriminalStep.INVESTIGATION, Regime.PEMILU, date(2024, 1, 29), date(2024, 2, 12),
         "UU 7/2017: 14 hari investigation from the report"),
        (CriminalStep.COURT_DECISION, Regime.PEMILU, date(2024, 3, 8), date(2024, 3, 15),
         "UU 7/2017 Pasal 482(1): the district court decides within 7 hari"),
    ],
)  # fmt: skip
def test_criminal_track_deadlines(
    step: CriminalStep, regime: Regime, started_on: date, due_on: date, source: str
) -> None:
    deadline = criminal_deadline(step, regime=regime, started_on=started_on, calendar=CAL)
    assert deadline is not None, source
    assert deadline.due_on == due_on, source
    assert deadline.source, source


def test_only_the_read_1x24_jam_rule_of_the_pilkada_track_is_confirmed() -> None:
    confirmed = {
        step
        for step in CriminalStep
        if (d := criminal_deadline(step, regime=Regime.PILKADA, started_on=date(2024, 10, 1),
                                   calendar=CAL)) and d.certainty == "confirmed"
    }  # fmt: skip
    assert confirmed == {CriminalStep.FORWARD_TO_POLRI}


def test_pemilu_steps_without_a_read_clock_have_no_deadline() -> None:
    assert (
        criminal_deadline(
            CriminalStep.FILE_RETURN, regime=Regime.PEMILU, started_on=date(2024, 1, 29),
            calendar=CAL,
        )
        is None
    )  # fmt: skip


def test_every_step_runs_in_a_stage_of_the_track() -> None:
    assert set(STEP_STAGES) == set(CriminalStep)
    assert CriminalStage.DISCONTINUED not in STEP_STAGES.values()
