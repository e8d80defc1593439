"""Round 21: the earlier elections a question can be dated in (Pilkada 2020, Pemilu 2019), their
sourced calendars, their Pasal 71 windows, and which election a date belongs to."""

from __future__ import annotations

from datetime import date

import pytest

from netra.rulebook import Rulebook
from netra.rulebook.types import ElectionKind


@pytest.mark.parametrize(
    ("election", "on", "stage"),
    [
        ("pilkada-2020", date(2020, 9, 5), "pendaftaran_paslon"),
        ("pilkada-2020", date(2020, 9, 23), "penetapan_paslon"),
        ("pilkada-2020", date(2020, 9, 24), "pengundian_nomor_urut"),
        ("pilkada-2020", date(2020, 9, 26), "kampanye"),
        ("pilkada-2020", date(2020, 12, 5), "kampanye"),
        ("pilkada-2020", date(2020, 12, 7), "masa_tenang"),
        ("pilkada-2020", date(2020, 12, 9), "pemungutan_suara"),
        ("pilkada-2020", date(2020, 9, 25), None),
        ("pemilu-2019", date(2018, 8, 10), "pendaftaran_paslon"),
        ("pemilu-2019", date(2018, 9, 21), "pengundian_nomor_urut"),
        ("pemilu-2019", date(2018, 9, 23), "kampanye"),
        ("pemilu-2019", date(2019, 4, 13), "kampanye"),
        ("pemilu-2019", date(2019, 4, 15), "masa_tenang"),
        ("pemilu-2019", date(2019, 4, 17), "pemungutan_suara"),
    ],
)
def test_the_earlier_calendars_hold_their_sourced_stages(
    book: Rulebook, election: str, on: date, stage: str | None
) -> None:
    found = book.stage_on(election, on)
    assert (found.code if found else None) == stage


def test_every_stage_of_an_earlier_election_has_a_source_and_a_caveat(book: Rulebook) -> None:
    for election_id in ("pilkada-2020", "pemilu-2019"):
        election = book.election(election_id)
        assert all(stage.source for stage in election.stages)
        assert election.note_id is not None
        assert "PP 53/2010" in election.note_id


def test_penetapan_of_the_earlier_elections(book: Rulebook) -> None:
    assert book.election("pilkada-2020").penetapan_paslon == date(2020, 9, 23)
    pemilu = book.election("pemilu-2019")
    assert pemilu.penetapan_for("legislative") == pemilu.penetapan_for("presidential")
    assert pemilu.penetapan_for("presidential") == date(2018, 9, 20)
    assert pemilu.voting_day == date(2019, 4, 17)


@pytest.mark.parametrize(
    ("on", "applicable"),
    [
        (date(2020, 1, 7), False),  # the day before the Pilkada 2020 window
        (date(2020, 1, 8), True),  # six months before the penetapan first set (8 Jul 2020)
        (date(2020, 4, 22), True),
    ],
)
def test_the_pilkada_2020_transfer_window_starts_8_january_2020(
    book: Rulebook, on: date, applicable: bool
) -> None:
    result = book.applicability("official_rotation", "regional_head", on, "pilkada-2020")
    assert result.applicable is applicable


def test_the_2024_window_is_not_moved_by_the_2020_one(book: Rulebook) -> None:
    before = book.applicability("official_rotation", "regional_head", date(2024, 3, 21))
    inside = book.applicability("official_rotation", "regional_head", date(2024, 3, 22))
    assert not before.applicable
    assert inside.applicable
    # The 2024 window does not reach into the Pilkada 2020, nor the 2020 one into 2024.
    assert not book.applicability(
        "official_rotation", "regional_head", date(2020, 1, 8), "pilkada-2024"
    ).applicable
    assert book.window_for("pasal_71_2", "pilkada-2020").start == date(2020, 1, 8)
    assert book.window_for("pasal_71_2", "pilkada-2024").start == date(2024, 3, 22)
    assert book.window_for("pasal_71_2", "pemilu-2024") is None


@pytest.mark.parametrize(
    ("kind", "on", "election"),
    [
        (ElectionKind.PILKADA, date(2019, 11, 1), "pilkada-2020"),
        (ElectionKind.PILKADA, date(2020, 1, 8), "pilkada-2020"),
        (ElectionKind.PILKADA, date(2020, 12, 9), "pilkada-2020"),
        (ElectionKind.PILKADA, date(2020, 12, 10), "pilkada-2024"),  # no Pilkada 2021-2023
        (ElectionKind.PILKADA, date(2022, 5, 12), "pilkada-2024"),
        (ElectionKind.PILKADA, date(2024, 9, 1), "pilkada-2024"),
        (ElectionKind.PILKADA, date(2025, 3, 1), "pilkada-2024"),  # the latest one after it
        (ElectionKind.PILKADA, date(2018, 5, 1), None),  # Pilkada 2018: no calendar
        (ElectionKind.PILKADA, date(2015, 12, 9), None),
        (ElectionKind.PEMILU, date(2018, 10, 1), "pemilu-2019"),
        (ElectionKind.PEMILU, date(2019, 4, 17), "pemilu-2019"),
        (ElectionKind.PEMILU, date(2021, 6, 1), "pemilu-2024"),
        (ElectionKind.PEMILU, date(2024, 2, 14), "pemilu-2024"),
        (ElectionKind.PEMILU, date(2017, 5, 1), None),  # before the Pemilu 2019's run-up
    ],
)
def test_a_date_belongs_to_the_election_of_its_kind_it_leads_to(
    book: Rulebook, kind: ElectionKind, on: date, election: str | None
) -> None:
    assert book.election_for(kind, on) == election
