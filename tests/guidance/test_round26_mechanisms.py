"""Round 26: what is done to people for whom they back; "hak suara" is the vote (questions
written for these tests, not taken from any set)."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question

DENIED_SERVICE = (
    "Bolehkah camat mengurangi jatah pupuk bagi kelompok tani yang desanya dimenangkan calon lain?"
)
DISMISSED = "Bolehkah kepala dinas memecat pegawai kontrak yang diketahui memilih caleg lain?"
THREATENED = (
    "Bolehkah kepala desa mengancam mencoret penerima bantuan yang tidak memilih calon gubernur "
    "pilihannya?"
)


@pytest.mark.parametrize("question", [DENIED_SERVICE, DISMISSED])
def test_an_act_on_people_described_by_their_choice_is_a_partisan_decision(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.act == "partisan_decision"
    assert answer.allowed is False


@pytest.mark.parametrize("question", [DENIED_SERVICE, DISMISSED])
def test_without_the_rule_no_decision_was_read(monkeypatch, question):
    monkeypatch.setattr(reading, "TREATED_FOR_CHOICE", False)
    # Nothing, or only the support the others' clause names.
    assert set(read_question(question).acts) <= {"candidate_support"}


def test_a_threat_over_a_vote_is_mobilisation_over_what_it_names(monkeypatch):
    assert read_question(THREATENED).acts[0] == "mobilization"
    monkeypatch.setattr(reading, "TREATED_FOR_CHOICE", False)
    assert read_question(THREATENED).acts[:1] != ("mobilization",)


def test_pressure_toward_support_is_mobilisation():
    question = "Bolehkah sekda menekan para kepala dinas agar mendukung calon wali kota tertentu?"
    assert read_question(question).acts[0] == "mobilization"


def test_the_support_of_who_acts_is_not_a_choice_of_others():
    # The clause describes who acts, not people acted on: no treatment is read from it.
    acts = read_question("Bolehkah PNS yang mendukung caleg memasang baliho di rumahnya?").acts
    assert acts[0] == "props_installation"


def test_an_act_read_is_not_displaced_without_a_threat():
    # "Membagikan sembako yang disertai ajakan memilih": the act read stands.
    acts = read_question(
        "Bolehkah lurah membagikan sembako yang disertai ajakan memilih calon tertentu?"
    ).acts
    assert "partisan_decision" not in acts[:1]


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Apakah prajurit TNI punya hak suara di pilkada?", "faq:tni-polri-vote"),
        ("Bolehkah PPPK memberikan hak suara di TPS?", "faq:asn-vote"),
    ],
)
def test_hak_suara_asks_for_the_vote(question, entry):
    assert Consultant(use_fallback=False).ask(question).entry_id == entry


LETS_A_CAMPAIGN = "Bolehkah kepala puskesmas mempersilakan caleg berkampanye di depan para pasien?"
LETS_MATERIAL = (
    "Bolehkah penyuluh PNS membiarkan posko relawan caleg berdiri di halaman rumahnya dengan "
    "baliho caleg terpajang?"
)


def test_letting_others_campaign_lends_the_place(monkeypatch):
    assert read_question(LETS_A_CAMPAIGN).acts[0] == "state_facility_use"
    monkeypatch.setattr(reading, "LETTING_LENDS", False)
    assert read_question(LETS_A_CAMPAIGN).acts[0] == "campaign_attendance"


def test_letting_others_put_up_material_lends_it_a_place(monkeypatch):
    assert read_question(LETS_MATERIAL).acts[0] == "props_installation"
    monkeypatch.setattr(reading, "LETTING_LENDS", False)
    assert read_question(LETS_MATERIAL).acts[0] != "props_installation"


def test_taking_part_without_letting_stays_taking_part():
    acts = read_question(
        "Bolehkah kepala puskesmas ikut berkampanye bersama caleg di depan para pasien?"
    ).acts
    assert acts[0] == "campaign_attendance"
