"""The criminal track: a linked sub-case handled by Sentra Gakkumdu, not a state of the main case.

A neutrality case can also be an election crime (UU 10/2016 Pasal 188-190; UU 7/2017 Pasal 490,
493, 494, 547). Bawaslu, Polri and the Kejaksaan discuss it in Sentra Gakkumdu; Polri investigates,
the prosecutor charges and the district court decides (e.g. PN Solok 23/Pid.Sus/2024/PN Slk).
The disciplinary track of the main case runs on regardless, so the two are kept apart.
The statutory clocks of this track are not modelled yet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

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
