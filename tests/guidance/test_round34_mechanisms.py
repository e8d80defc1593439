"""Round 34: a kepala daerah urging his own bureaucracy (docs/history/consultation-34.md).

Every question here was written for the test (none is taken from a question set). A kepala
daerah urging his own bureaucracy or staff mobilises officials (`reading.SUBORDINATES_URGED` and
the round-34 `mobilize_target` entry of the vocabulary). Round 34 also built readings of goods
marked with a candidate and of places the state owns; they did not raise the leave-one-check-out
figure and were removed (the write-up keeps them). Each test fails if its reading stops applying.
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
def without_subordinates() -> Iterator[None]:
    reading.SUBORDINATES_URGED = False
    try:
        yield
    finally:
        reading.SUBORDINATES_URGED = True


@pytest.fixture(scope="module")
def vocabulary_before_round_34() -> Vocabulary:
    return vocabulary_without_round(34)


def _act(consultant: Consultant, question: str) -> str | None:
    answer = consultant.ask(question)
    return answer.act if answer.is_answered else None


# A regional head urging his own bureaucracy mobilises officials.
SUBORDINATES = [
    "Bolehkah gubernur mengajak stafnya memilih calon presiden tertentu?",
    "Bolehkah wali kota mengajak jajaran birokrasi di pemkot mendukung pasangan calon gubernur "
    "tertentu?",
]


@pytest.mark.parametrize("question", SUBORDINATES)
def test_a_head_urging_his_subordinates_is_mobilisation(
    consultant: Consultant, question: str
) -> None:
    answer = consultant.ask(question)
    assert answer.act == "mobilization"
    assert answer.allowed is False


@pytest.mark.parametrize("question", SUBORDINATES)
def test_without_the_kind_his_subordinates_are_an_audience(
    consultant: Consultant, question: str, without_subordinates: None
) -> None:
    assert _act(consultant, question) == "campaign_attendance"


def test_a_head_urging_the_public_is_still_campaigning_on_conditions(
    consultant: Consultant,
) -> None:
    question = "Bolehkah bupati mengajak petani memilih calon presiden tertentu saat panen raya?"
    assert _act(consultant, question) == "campaign_attendance"


def test_the_group_of_his_bureaucrats_is_read_as_the_people_moved(
    vocabulary_before_round_34: Vocabulary,
) -> None:
    question = (
        "Bolehkah wali kota mengajak para birokrat di balai kota mendukung calon gubernur tertentu?"
    )
    assert read_question(question).acts[:1] == ("mobilization",)
    assert read_question(question, vocabulary=vocabulary_before_round_34).acts[:1] != (
        "mobilization",
    )
