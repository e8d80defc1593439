"""Round 34: readings by kinds of things (docs/history/consultation-34.md).

Every question here was written for the test (none is taken from a question set). Shipped: a
kepala daerah urging his own bureaucracy or staff mobilises officials (`reading.SUBORDINATES_URGED`
and the round-34 `mobilize_target` entry of the vocabulary). Built, measured and not kept (the
leave-one-check-out figure with the fallback did not rise): goods marked with a candidate and
places the state owns (`kinds.READ_KINDS`, off as shipped); their tests switch the flag on, and
check that the shipped reader (flag off) reads as round 33's did. Each test fails if its reading
stops applying.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

import pytest
import yaml

from netra.analysis.lexicon import load_lexicon
from netra.guidance import kinds, reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question
from netra.guidance.vocabulary import VOCABULARY_FILE, Vocabulary, parse_vocabulary
from netra.guidance.who_asks import extend_vocabulary, load_who_asks
from netra.rulebook import load_rulebook


@pytest.fixture(scope="module")
def consultant() -> Consultant:
    return Consultant(use_fallback=False)


@pytest.fixture
def with_kinds() -> Iterator[None]:
    kinds.READ_KINDS = True
    try:
        yield
    finally:
        kinds.READ_KINDS = False


@pytest.fixture
def without_subordinates() -> Iterator[None]:
    reading.SUBORDINATES_URGED = False
    try:
        yield
    finally:
        reading.SUBORDINATES_URGED = True


@pytest.fixture(scope="module")
def vocabulary_before_round_34() -> Vocabulary:
    """The shipped vocabulary without the entries round 34 added (their `why` says so)."""
    text = resources.files("netra.guidance").joinpath("data", VOCABULARY_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    data["cues"] = [e for e in data["cues"] if not e["why"].startswith("Round 34")]
    book = load_rulebook()
    parsed = parse_vocabulary(
        data,
        source=VOCABULARY_FILE,
        concepts=load_lexicon().phrases.keys(),
        acts=book.acts.keys(),
        subjects=book.subjects.keys(),
        sanctions=book.sanctions.keys(),
    )
    return extend_vocabulary(parsed, load_who_asks(book.subjects.keys()))


def _act(consultant: Consultant, question: str) -> str | None:
    answer = consultant.ask(question)
    return answer.act if answer.is_answered else None


# Kind 1: goods marked with a candidate, whatever the goods.
MARKED_GOODS = [
    "Bolehkah guru PNS membagikan gantungan kunci bergambar calon wali kota kepada murid?",
    "Bolehkah bidan PNS menyerahkan botol minum bersablon nomor urut pasangan calon bupati "
    "kepada ibu hamil?",
    "Bolehkah penyuluh pertanian berstatus ASN membagikan topi caping berlogo partai pengusung "
    "calon bupati kepada petani?",
]


@pytest.mark.parametrize("question", MARKED_GOODS)
def test_any_goods_marked_with_a_candidate_and_handed_out_are_mobilisation(
    consultant: Consultant, question: str, with_kinds: None
) -> None:
    answer = consultant.ask(question)
    assert answer.act == "mobilization"
    assert answer.allowed is False


@pytest.mark.parametrize("question", MARKED_GOODS)
def test_as_shipped_the_marked_goods_are_not_read_as_mobilisation(
    consultant: Consultant, question: str
) -> None:
    assert _act(consultant, question) != "mobilization"


def test_goods_marked_with_ones_own_face_stay_self_promotion(
    consultant: Consultant, with_kinds: None
) -> None:
    question = "Bolehkah camat membagikan kipas bergambar dirinya kepada warga menjelang pilkada?"
    assert _act(consultant, question) != "mobilization"


def test_goods_handed_out_by_someone_else_in_a_clause_are_not_the_officials(
    consultant: Consultant,
) -> None:
    assert not kinds.hands_out_marked_goods(
        "pns hadir di acara caleg yang membagikan kipas bergambar caleg itu".split()
    )
    assert kinds.hands_out_marked_goods(
        "pns membagikan kipas bergambar caleg itu kepada tetangga".split()
    )


# Kind 2: a place of the state by its nature or by its named owner.
STATE_PLACES = [
    "Bolehkah lurah memasang spanduk calon wali kota di posyandu?",
    "Bolehkah kepala desa memasang baliho caleg di lapangan milik desa?",
    "Bolehkah sekretaris desa menempel poster calon bupati di gedung serbaguna desa?",
]


@pytest.mark.parametrize("question", STATE_PLACES)
def test_material_in_a_place_of_the_state_is_facility_use(
    consultant: Consultant, question: str, with_kinds: None
) -> None:
    assert _act(consultant, question) == "state_facility_use"


@pytest.mark.parametrize("question", STATE_PLACES)
def test_as_shipped_the_place_leaves_it_props(consultant: Consultant, question: str) -> None:
    assert _act(consultant, question) == "props_installation"


def test_a_persons_house_is_not_the_states_place(consultant: Consultant, with_kinds: None) -> None:
    question = "Bolehkah kepala desa memasang baliho caleg di rumah kepala desa itu sendiri?"
    assert _act(consultant, question) == "props_installation"


def test_a_partys_post_is_not_the_states_place() -> None:
    assert not kinds.in_a_state_place("memasang baliho di gedung partai desa".split())
    assert kinds.in_a_state_place("memasang baliho di posyandu".split())


# Kind 3: a regional head urging his own bureaucracy mobilises officials.
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
