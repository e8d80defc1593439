"""Round 32: the reader follows the written label conventions (docs/consultation.md, "The label
conventions (round 32)"; the round itself in docs/history/consultation-rounds.md, "Round 32").

Every question here was written for the test (none is taken from a question set). Each
convention is checked with the reader following it and, where the reading differs, without it
(`conventions.FOLLOW_CONVENTIONS = False`), so a test fails if the convention stops applying.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netra.guidance import conventions
from netra.guidance.consult import Consultant


@pytest.fixture(scope="module")
def consultant() -> Consultant:
    return Consultant(use_fallback=False)


@pytest.fixture
def without_conventions() -> Iterator[None]:
    conventions.FOLLOW_CONVENTIONS = False
    try:
        yield
    finally:
        conventions.FOLLOW_CONVENTIONS = True


def _act(consultant: Consultant, question: str) -> str | None:
    answer = consultant.ask(question)
    assert answer.allowed is False, question
    return answer.act


# Convention 1: what is shared decides (SKB 2022 Lampiran II A4/B6 against A2/B2).
SHARED_MATERIAL = (
    "Bolehkah penyuluh KB PNS membagikan poster kampanye calon wali kota di grup WhatsApp RW?"
)
SHARED_POST = "Bolehkah guru PNS menyebarluaskan postingan calon bupati di Facebook?"


def test_spreading_a_candidates_material_is_campaigning(consultant: Consultant) -> None:
    assert _act(consultant, SHARED_MATERIAL) == "social_media_campaign"


def test_passing_on_a_candidates_post_is_the_interaction(consultant: Consultant) -> None:
    assert _act(consultant, SHARED_POST) == "social_media_engagement"
    unggahan = "Bolehkah guru PNS menyebarluaskan unggahan akun calon bupati di Facebook?"
    assert _act(consultant, unggahan) == "social_media_engagement"


def test_a_list_of_reactions_stays_the_interaction(consultant: Consultant) -> None:
    question = "Bolehkah bidan PNS menyukai dan membagikan poster calon gubernur di Instagram?"
    assert _act(consultant, question) == "social_media_engagement"


def test_without_the_convention_the_share_was_read_the_other_way(
    consultant: Consultant, without_conventions: None
) -> None:
    assert _act(consultant, SHARED_MATERIAL) == "social_media_engagement"
    assert _act(consultant, SHARED_POST) == "social_media_campaign"


# Convention 2: things handed out to people are gifts (PP 94/2021 Pasal 5 huruf n angka 6).
HANDED_CALENDARS = (
    "Bolehkah camat membagikan kalender bergambar calon bupati kepada pedagang pasar?"
)
HANDED_STICKERS = "Bolehkah lurah membagikan stiker calon wali kota kepada warga saat kerja bakti?"


def test_goods_handed_out_by_the_official_are_mobilisation(consultant: Consultant) -> None:
    assert _act(consultant, HANDED_CALENDARS) == "mobilization"
    assert _act(consultant, HANDED_STICKERS) == "mobilization"


def test_goods_handed_out_by_someone_else_at_an_event_stay_attendance(
    consultant: Consultant,
) -> None:
    question = (
        "Bolehkah kepala dinas menghadiri syukuran caleg yang membagikan kalender "
        "bergambar caleg itu?"
    )
    assert _act(consultant, question) == "campaign_attendance"


def test_without_the_convention_handing_out_was_read_as_props(
    consultant: Consultant, without_conventions: None
) -> None:
    assert _act(consultant, HANDED_CALENDARS) == "props_installation"
    assert _act(consultant, HANDED_STICKERS) == "props_installation"


# Convention 4: attending a team's meeting is attendance; a role in the team is the team.
ATTENDED_MEETING = "Bolehkah bidan PNS ikut rapat pembentukan koordinator desa tim relawan capres?"


def test_attending_a_teams_meeting_is_attendance(consultant: Consultant) -> None:
    assert _act(consultant, ATTENDED_MEETING) == "campaign_attendance"


def test_a_role_in_the_team_stays_the_team(consultant: Consultant) -> None:
    question = (
        "Bolehkah penyuluh pertanian PNS menjadi koordinator kecamatan tim pemenangan calon bupati?"
    )
    assert _act(consultant, question) == "campaign_team"


def test_without_the_convention_the_meeting_was_read_as_the_team(
    consultant: Consultant, without_conventions: None
) -> None:
    assert _act(consultant, ATTENDED_MEETING) == "campaign_team"


# Convention 5: material put on or in a thing or place of the state is facility use.
IN_A_STATE_PLACE = "Bolehkah perawat PNS menempelkan poster calon gubernur di puskesmas?"
AT_AN_OFFICE = "Bolehkah staf kelurahan menempelkan stiker calon wali kota di kantor kelurahan?"


def test_material_in_a_state_place_is_facility_use(consultant: Consultant) -> None:
    assert _act(consultant, IN_A_STATE_PLACE) == "state_facility_use"
    assert _act(consultant, AT_AN_OFFICE) == "state_facility_use"


def test_material_at_ones_own_house_or_a_party_office_stays_props(consultant: Consultant) -> None:
    own = "Bolehkah staf kelurahan menempelkan stiker calon wali kota di pagar rumahnya sendiri?"
    party = "Bolehkah staf kelurahan menempelkan stiker calon wali kota di kantor partai?"
    assert _act(consultant, own) == "props_installation"
    assert _act(consultant, party) == "props_installation"


def test_without_the_convention_the_state_place_was_not_read(
    consultant: Consultant, without_conventions: None
) -> None:
    assert _act(consultant, IN_A_STATE_PLACE) == "props_installation"


def test_a_convention_never_reads_an_act_into_a_question_with_none() -> None:
    words = "bolehkah camat membagikan kalender bergambar calon bupati".split()
    assert conventions.follow((), words) == ()
    assert conventions.follow(("props_installation",), words)[0] == "mobilization"
    assert conventions.follow(("campaign_team", "mobilization"), words) == (
        "campaign_team",
        "mobilization",
    )
