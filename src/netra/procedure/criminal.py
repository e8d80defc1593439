"""The criminal track: a linked sub-case handled by Sentra Gakkumdu, not a state of the main case.

A neutrality case can also be an election crime (UU 10/2016 Pasal 188-190; UU 7/2017 Pasal 490,
493, 494, 547). Bawaslu, Polri and the Kejaksaan discuss it in Sentra Gakkumdu; Polri investigates,
the prosecutor charges and the district court decides (e.g. PN Solok 23/Pid.Sus/2024/PN Slk).
The disciplinary track of the main case runs on regardless, so the two are kept apart.
Each step of the track has a statutory clock (clocks `gakkumdu_pilkada.*` and `gakkumdu_pemilu.*`
in the rulebook); `criminal_deadline` counts them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from netra.procedure.calendar import WorkingCalendar
from netra.procedure.deadlines import (
    ClockLookup,
    Deadline,
    Regime,
    count_clock,
    deadline_certainty,
    rulebook_clock,
)
from netra.procedure.errors import TransitionNotAllowed
from netra.procedure.states import Labels


class CriminalStage(StrEnum):
    """Where the criminal sub-case stands."""

    GAKKUMDU_DISCUSSION = "gakkumdu_discussion"
    INVESTIGATION = "investigation"
    PROSECUTION = "prosecution"
    VERDICT = "verdict"
    DISCONTINUED = "discontinued"

    @property
    def label_id(self) -> str:
        """Indonesian label."""
        return _STAGE_LABELS[self].id

    @property
    def label_en(self) -> str:
        """English label."""
        return _STAGE_LABELS[self].en


_STAGE_LABELS: dict[CriminalStage, Labels] = {
    CriminalStage.GAKKUMDU_DISCUSSION: Labels("Pembahasan Sentra Gakkumdu", "Gakkumdu discussion"),
    CriminalStage.INVESTIGATION: Labels("Penyidikan", "Investigation"),
    CriminalStage.PROSECUTION: Labels("Penuntutan", "Prosecution"),
    CriminalStage.VERDICT: Labels("Putusan pengadilan", "Court verdict"),
    CriminalStage.DISCONTINUED: Labels("Dihentikan", "Discontinued"),
}

# Each stage moves to the next, or stops (e.g. Gakkumdu finds the elements of the offence unmet).
CRIMINAL_STEPS: dict[CriminalStage, frozenset[CriminalStage]] = {
    CriminalStage.GAKKUMDU_DISCUSSION: frozenset(
        {CriminalStage.INVESTIGATION, CriminalStage.DISCONTINUED}
    ),
    CriminalStage.INVESTIGATION: frozenset({CriminalStage.PROSECUTION, CriminalStage.DISCONTINUED}),
    CriminalStage.PROSECUTION: frozenset({CriminalStage.VERDICT, CriminalStage.DISCONTINUED}),
    CriminalStage.VERDICT: frozenset(),
    CriminalStage.DISCONTINUED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class CriminalTrack:
    """A criminal sub-case linked to a neutrality case by its reference."""

    case_ref: str
    article: str  # the offence considered, e.g. "UU 10/2016 Pasal 188 jo. Pasal 71(1)"
    stage: CriminalStage = CriminalStage.GAKKUMDU_DISCUSSION
    stage_since: date | None = None

    def advance(self, to: CriminalStage, *, on: date) -> CriminalTrack:
        """The track moved on to `to` on `on`; raises `TransitionNotAllowed` for a skipped step."""
        if to not in CRIMINAL_STEPS[self.stage]:
            raise TransitionNotAllowed(
                f"criminal track of case {self.case_ref!r} cannot move from "
                f"{self.stage.value!r} to {to.value!r}",
                source=self.stage.value,
                target=to.value,
            )
        return replace(self, stage=to, stage_since=on)


class CriminalStep(StrEnum):
    """A step of the Gakkumdu track that the law puts a time limit on."""

    FORWARD_TO_POLRI = "forward_to_polri"  # from Bawaslu's finding that the act is a crime
    INVESTIGATION = "investigation"  # from the day the report was received
    FILE_RETURN = "file_return"  # from the prosecutor's receipt of an incomplete file
    FILE_COMPLETION = "file_completion"  # from Polri's receipt of the returned file
    PROSECUTION = "prosecution"  # from the prosecutor's receipt of the complete file
    COURT_DECISION = "court_decision"  # from the pelimpahan to the district court
    APPEAL_FILING = "appeal_filing"  # from the day the verdict was read
    APPEAL_DECISION = "appeal_decision"  # from the high court's receipt of the appeal


# The stage of the track during which each step's clock runs.
STEP_STAGES: Mapping[CriminalStep, CriminalStage] = {
    CriminalStep.FORWARD_TO_POLRI: CriminalStage.GAKKUMDU_DISCUSSION,
    CriminalStep.INVESTIGATION: CriminalStage.INVESTIGATION,
    CriminalStep.FILE_RETURN: CriminalStage.INVESTIGATION,
    CriminalStep.FILE_COMPLETION: CriminalStage.INVESTIGATION,
    CriminalStep.PROSECUTION: CriminalStage.PROSECUTION,
    CriminalStep.COURT_DECISION: CriminalStage.PROSECUTION,
    CriminalStep.APPEAL_FILING: CriminalStage.VERDICT,
    CriminalStep.APPEAL_DECISION: CriminalStage.VERDICT,
}

# UU 1/2015 jo. UU 10/2016 sets every step for the Pilkada; for the Pemilu we have read only
# UU 7/2017 Pasal 476 (1x24 jam), the 14-day investigation and Pasal 482(1) (court, 7 hari).
_CLOCK_AREAS: Mapping[Regime, str] = {
    Regime.PILKADA: "gakkumdu_pilkada",
    Regime.PEMILU: "gakkumdu_pemilu",
}
_PEMILU_STEPS = frozenset(
    {CriminalStep.FORWARD_TO_POLRI, CriminalStep.INVESTIGATION, CriminalStep.COURT_DECISION}
)


def criminal_deadline(
    step: CriminalStep,
    *,
    regime: Regime,
    started_on: date,
    calendar: WorkingCalendar,
    clocks: ClockLookup = rulebook_clock,
) -> Deadline | None:
    """The last day for `step` of the criminal track; None where we have no clock for it.

    `started_on` is the event named beside the step in `CriminalStep`.
    """
    if regime is Regime.PEMILU and step not in _PEMILU_STEPS:
        return None
    clock = clocks(f"{_CLOCK_AREAS[regime]}.{step.value}")
    due_on = count_clock(clock, started_on, calendar)
    return Deadline(
        clock_id=clock.id,
        due_on=due_on,
        unit=clock.unit,
        source=clock.source,
        certainty=deadline_certainty([clock], started_on, due_on, calendar),
        started_on=started_on,
    )
