"""Round 35: the question's frame (docs/history/consultation-35.md).

Every question here was written for the test (none is taken from a question set). A question
asks about one act, told by its main clause; a time, a reason, a condition, what is said
("bahwa") and a neutral setting are circumstances (`reading.MAIN_CLAUSE_FIRST`). A thing named
first and described by a stative ber- word names no one acting on it, so the act is asked of
whoever the rules bind (`reading.THING_FIRST_NAMES_NO_ONE`). Taking part or support told with the
social medium it went through is campaigning on social media (`reading.MEDIUM_CIRCUMSTANCE`).
Verbs of telling one's choice are showing support (the round-35 `support` entry of the
vocabulary, one of three verb-kind entries). Each test fails if its reading stops applying: the
flags switched off, or the vocabulary without the round-35 entries, give the older answer; the two
"still" tests guard the limits the measurement chose (a partisan setting, a doing ber- word).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question
from netra.guidance.vocabulary import Vocabulary
from tests.guidance.vocabularies import vocabulary_without_round


@pytest.fixture(scope="module")
def consultant() -> Consultant:
    return Consultant(use_fallback=False)


@pytest.fixture
def switched_off(request: pytest.FixtureRequest) -> Iterator[None]:
    flag = request.param
    setattr(reading, flag, False)
    try:
        yield
    finally:
        setattr(reading, flag, True)


def _act(consultant: Consultant, question: str) -> str | None:
    answer = consultant.ask(question)
    return answer.act if answer.is_answered else None


# The main clause's act, with a competing act read only in a circumstance after it.
MAIN_CLAUSE = [
    (
        "Bolehkah camat berfoto dengan pose jari dalam acara penyaluran bantuan sosial dari "
        "kementerian menjelang pemilu?",
        "partisan_photo",
        "partisan_decision",
    ),
    (
        "Bolehkah lurah berpose dua jari dalam acara pembagian bansos beras oleh wakil presiden?",
        "partisan_photo",
        "mobilization",
    ),
    (
        "Bolehkah operator sekolah PNS mengunggah di TikTok bahwa tetangganya akan maju sebagai "
        "bakal calon wali kota?",
        "social_media_campaign",
        "self_declaration",
    ),
]


@pytest.mark.parametrize(("question", "act", "_"), MAIN_CLAUSE)
def test_the_main_clause_tells_the_act(
    consultant: Consultant, question: str, act: str, _: str
) -> None:
    answer = consultant.ask(question)
    assert answer.act == act
    assert answer.allowed is False


@pytest.mark.parametrize("switched_off", ["MAIN_CLAUSE_FIRST"], indirect=True)
@pytest.mark.parametrize(("question", "_", "before"), MAIN_CLAUSE)
def test_without_the_frame_the_circumstance_led(
    consultant: Consultant, question: str, _: str, before: str, switched_off: None
) -> None:
    assert _act(consultant, question) == before


def test_a_partisan_setting_still_makes_the_act(consultant: Consultant) -> None:
    # A party's event is no neutral setting: speaking there is taking part in the campaign.
    question = "Bolehkah kepala bidang di dinas menjadi narasumber dalam acara partai politik?"
    assert _act(consultant, question) == "campaign_attendance"


# A thing of the state named first and described by a stative ber- word: no one is named.
THINGS = [
    "Bolehkah truk dinas berlogo pemkab dipakai mengangkut spanduk pasangan calon bupati?",
    "Bolehkah ambulans puskesmas bergambar calon bupati dipakai selama masa kampanye?",
]


@pytest.mark.parametrize("question", THINGS)
def test_a_described_thing_is_asked_of_whoever_the_rules_bind(
    consultant: Consultant, question: str
) -> None:
    answer = consultant.ask(question)
    assert answer.act == "state_facility_use"
    assert answer.allowed is False


@pytest.mark.parametrize("switched_off", ["THING_FIRST_NAMES_NO_ONE"], indirect=True)
@pytest.mark.parametrize("question", THINGS)
def test_without_the_frame_the_described_thing_got_no_answer(
    consultant: Consultant, question: str, switched_off: None
) -> None:
    assert _act(consultant, question) is None


def test_someone_posing_is_not_a_thing_described(consultant: Consultant) -> None:
    # "berpose" is a doing: the one named before it acts (a KPPS officer, no official).
    assert _act(consultant, "Bolehkah anggota KPPS berpose dua jari bersama caleg?") is None


# Taking part or support told with the social medium it went through.
MEDIA = [
    (
        "Bolehkah penyuluh pertanian PNS menyosialisasikan pasangan calon gubernur lewat akun "
        "Facebook pribadinya?",
        "campaign_attendance",
    ),
    (
        "Bolehkah bidan PNS mendukung calon bupati melalui akun Instagram miliknya?",
        "candidate_support",
    ),
]


@pytest.mark.parametrize(("question", "_"), MEDIA)
def test_the_medium_says_the_act_was_done_online(
    consultant: Consultant, question: str, _: str
) -> None:
    answer = consultant.ask(question)
    assert answer.act == "social_media_campaign"
    assert answer.allowed is False


@pytest.mark.parametrize("switched_off", ["MEDIUM_CIRCUMSTANCE"], indirect=True)
@pytest.mark.parametrize(("question", "before"), MEDIA)
def test_without_the_frame_the_medium_was_ignored(
    consultant: Consultant, question: str, before: str, switched_off: None
) -> None:
    assert _act(consultant, question) == before


@pytest.fixture(scope="module")
def vocabulary_before_round_35() -> Vocabulary:
    return vocabulary_without_round(35)


def test_telling_ones_choice_is_showing_support(
    consultant: Consultant, vocabulary_before_round_35: Vocabulary
) -> None:
    question = "Bolehkah guru PNS memberitahukan pasangan calon pilihannya kepada murid?"
    answer = consultant.ask(question)
    assert answer.act == "candidate_support"
    assert answer.allowed is False
    assert read_question(question, vocabulary=vocabulary_before_round_35).acts == ()
