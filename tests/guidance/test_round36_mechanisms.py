"""Round 36: legal fidelity of check 35's misses (docs/history/consultation-36.md).

Every question here was written for the test (none is taken from a question set). A kepala
daerah needs campaign leave on working days only (PP 53/2023 Pasal 36 ayat (2): a holiday is free
for campaigning outside the leave rule), so a question that places the campaigning on a holiday or
a weekend does not break the leave condition by lacking cuti; the other conditions still apply
(vocabulary.yaml, the regional head's `free_days`). With `consult.FREE_DAYS` off the older answer
returns (not allowed), which the parametrised pair asserts so that it fails without the change;
the other tests guard the limits (facilities of office, a working day, an incumbent running) and
the validation of the data on load.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from netra.guidance import consult, conventions
from netra.guidance.consult import Consultant
from netra.guidance.vocabulary import VOCABULARY_FILE, VocabularyError
from tests.guidance.vocabularies import parse_shipped

LEAVE = "cuti di luar tanggungan negara (Pemilihan: dengan izin kampanye)"


@pytest.fixture(scope="module")
def consultant() -> Consultant:
    return Consultant(use_fallback=False)


@pytest.fixture
def free_days_off() -> Iterator[None]:
    consult.FREE_DAYS = False
    try:
        yield
    finally:
        consult.FREE_DAYS = True


HOLIDAY_QUESTIONS = [
    "Apakah bupati boleh berkampanye untuk calon gubernur di hari libur nasional tanpa cuti?",
    "Bolehkah wali kota ikut kampanye partainya pada akhir pekan walau tidak cuti?",
    "Bolehkah gubernur menghadiri kampanye capres hari Minggu tanpa mengajukan cuti?",
    "Wakil bupati ikut kampanye saat tanggal merah tanpa izin, boleh?",
]


@pytest.mark.parametrize("question", HOLIDAY_QUESTIONS)
def test_on_a_holiday_no_leave_is_needed(consultant: Consultant, question: str) -> None:
    answer = consultant.ask(question)
    assert answer.subject == "regional_head"
    assert answer.allowed is True
    assert "PP 53/2023 Pasal 36 ayat (2)" in answer.norms
    # The conditions left are named; the leave condition is not.
    assert "tidak menggunakan fasilitas" in answer.text
    assert "cuti di luar tanggungan negara" not in answer.text
    assert any("hari libur" in caveat for caveat in answer.caveats)


@pytest.mark.parametrize("question", HOLIDAY_QUESTIONS)
def test_without_free_days_lacking_leave_was_a_breach(
    consultant: Consultant, question: str, free_days_off: None
) -> None:
    assert consultant.ask(question).allowed is False


def test_a_holiday_does_not_free_the_facilities_of_office(consultant: Consultant) -> None:
    question = "Bolehkah bupati ikut kampanye di hari libur tanpa cuti dengan fasilitas negara?"
    # A guard of the limit: the holiday lifts the leave condition only.
    assert consultant.ask(question).allowed is False


def test_a_working_day_keeps_the_leave_condition(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah wali kota ikut kampanye hari Rabu tanpa cuti?")
    assert answer.allowed is False
    assert "cuti di luar tanggungan negara" in answer.text


def test_an_incumbent_running_keeps_the_leave_condition(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah bupati petahana ikut kampanye pada akhir pekan tanpa cuti?")
    assert answer.allowed is not True


def _raw() -> dict[str, Any]:
    text = resources.files("netra.guidance").joinpath("data", VOCABULARY_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _free_days(data: dict[str, Any]) -> dict[str, Any]:
    entry = next(e for e in data["conditional"] if "free_days" in e)
    free: dict[str, Any] = entry["free_days"]
    assert free["condition"] == LEAVE
    return free


def test_free_days_must_name_one_of_the_entrys_conditions() -> None:
    data = copy.deepcopy(_raw())
    _free_days(data)["condition"] = "cuti tahunan"
    with pytest.raises(VocabularyError, match="condition"):
        parse_shipped(data)


def test_free_days_may_waive_only_the_entrys_breaches() -> None:
    data = copy.deepcopy(_raw())
    _free_days(data)["waives"].append("tanpa surat tugas")
    with pytest.raises(VocabularyError, match="waives"):
        parse_shipped(data)


# Conventions 2 and 3 meet: the state's aid handed out with a candidate named and nothing asked
# of the recipients is convention 3's decision of office (conventions.STATE_AID_PRECEDES_GOODS).
STATE_AID_QUESTIONS = [
    "Bolehkah kepala desa menyerahkan bantuan beras dari dinas sosial kepada warga sambil "
    "memakai kaus calon bupati?",
    "Bolehkah sekretaris desa membagikan bantuan dari BPBD kepada korban banjir sambil "
    "mengenakan kaos caleg?",
    "Bolehkah perangkat desa menyerahkan bantuan pupuk dari dinas pertanian sambil memakai topi "
    "pasangan calon?",
]


@pytest.fixture
def state_aid_off() -> Iterator[None]:
    conventions.STATE_AID_PRECEDES_GOODS = False
    try:
        yield
    finally:
        conventions.STATE_AID_PRECEDES_GOODS = True


@pytest.mark.parametrize("question", STATE_AID_QUESTIONS)
def test_state_aid_for_a_candidate_is_a_decision_of_office(
    consultant: Consultant, question: str
) -> None:
    answer = consultant.ask(question)
    assert answer.act == "partisan_decision"
    assert answer.allowed is False


@pytest.mark.parametrize("question", STATE_AID_QUESTIONS)
def test_without_the_precedence_it_was_mobilisation(
    consultant: Consultant, question: str, state_aid_off: None
) -> None:
    assert consultant.ask(question).act == "mobilization"


def test_aid_with_a_demand_on_the_recipients_stays_mobilisation(consultant: Consultant) -> None:
    # A guard of the limit: asking the recipients to vote is convention 3's mobilisation.
    question = (
        "Bolehkah kepala desa membagikan bantuan sosial sambil mengajak warga memilih calon bupati?"
    )
    assert consultant.ask(question).act == "mobilization"


def test_ones_own_goods_handed_out_stay_mobilisation(consultant: Consultant) -> None:
    # A guard: no state aid named, so convention 2 stands.
    question = "Bolehkah lurah membagikan sembako kepada warga dengan stiker calon wali kota?"
    assert consultant.ask(question).act == "mobilization"
