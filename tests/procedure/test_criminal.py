"""The criminal track is a linked sub-case that moves one stage at a time."""

from __future__ import annotations

from datetime import date

import pytest

from netra.procedure import CriminalStage, CriminalTrack, TransitionNotAllowed

TRACK = CriminalTrack(case_ref="001/Reg/LP/PW/Kab/2024", article="UU 10/2016 Pasal 188 jo. 71(1)")


def test_a_track_starts_in_gakkumdu_discussion_and_moves_to_a_verdict() -> None:
    track = TRACK
    assert track.stage is CriminalStage.GAKKUMDU_DISCUSSION
    for stage, on in [
        (CriminalStage.INVESTIGATION, date(2024, 11, 20)),
        (CriminalStage.PROSECUTION, date(2024, 12, 4)),
        (CriminalStage.VERDICT, date(2024, 12, 18)),
    ]:
        track = track.advance(stage, on=on)
    assert (track.stage, track.stage_since) == (CriminalStage.VERDICT, date(2024, 12, 18))
    assert TRACK.stage is CriminalStage.GAKKUMDU_DISCUSSION  # the original is unchanged


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (CriminalStage.GAKKUMDU_DISCUSSION, CriminalStage.PROSECUTION),  # no skipping penyidikan
        (CriminalStage.INVESTIGATION, CriminalStage.VERDICT),
        (CriminalStage.VERDICT, CriminalStage.DISCONTINUED),  # a verdict is final
        (CriminalStage.DISCONTINUED, CriminalStage.INVESTIGATION),
    ],
)
def test_a_track_cannot_skip_or_leave_a_final_stage(
    start: CriminalStage, to: CriminalStage
) -> None:
    track = CriminalTrack(case_ref="x", article="UU 7/2017 Pasal 494", stage=start)
    with pytest.raises(TransitionNotAllowed, match=f"from '{start.value}' to '{to.value}'"):
        track.advance(to, on=date(2024, 1, 10))


@pytest.mark.parametrize(
    "start",
    [CriminalStage.GAKKUMDU_DISCUSSION, CriminalStage.INVESTIGATION, CriminalStage.PROSECUTION],
)
def test_a_track_can_be_discontinued_before_the_verdict(start: CriminalStage) -> None:
    track = CriminalTrack(case_ref="x", article="UU 7/2017 Pasal 494", stage=start)
    assert track.advance(CriminalStage.DISCONTINUED, on=date(2024, 1, 10)).stage is (
        CriminalStage.DISCONTINUED
    )


@pytest.mark.parametrize("stage", list(CriminalStage))
def test_every_stage_has_labels(stage: CriminalStage) -> None:
    assert stage.label_id.strip()
    assert stage.label_en.strip()
