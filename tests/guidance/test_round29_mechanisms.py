"""Round 29: two readings of who does what (questions written for these tests, not taken from any
set). A verb that itself means moving people in numbers is mobilisation without an addressee; an
official acted on in the passive by a candidate, a party or a team does nothing the rules bind."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question

MASSING = [
    "Bolehkah prajurit TNI mengerahkan ormas kepemudaan untuk calon presiden tertentu?",
    "Bolehkah anggota Polri menggalang komunitas ojek untuk partai tertentu?",
]
ACTED_ON = [
    "Apakah PNS boleh disebut namanya dalam pidato kampanye oleh calon bupati?",
    "Bolehkah camat ditandai di unggahan kampanye oleh relawan pasangan calon?",
]


@pytest.mark.parametrize("question", MASSING)
def test_a_massing_verb_for_a_candidate_is_mobilisation(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.act == "mobilization"
    assert answer.allowed is False


@pytest.mark.parametrize("question", MASSING)
def test_without_the_massing_rule_nothing_was_read(monkeypatch, question):
    monkeypatch.setattr(reading, "MASSING_VERBS", False)
    assert not Consultant(use_fallback=False).ask(question).is_answered


def test_a_massing_verb_as_the_purpose_of_another_act_is_not_read_as_its_own():
    # "bertemu ... untuk menggalang": meeting is what the official does; the massing verb is its
    # purpose, so this rule reads nothing (a first version that took any massing verb after the
    # official read mobilisation here).
    question = "Bolehkah lurah bertemu di kafe untuk menggalang kemenangan partai tertentu?"
    assert "mobilization" not in read_question(question).acts


def test_a_massing_verb_with_no_candidate_or_party_named_is_not_this_rule():
    question = "Bolehkah anggota Polri menggalang komunitas ojek untuk kerja bakti?"
    assert "mobilization" not in read_question(question).acts


@pytest.mark.parametrize("question", ACTED_ON)
def test_an_official_acted_on_by_a_candidate_or_team_is_out_of_scope(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert not answer.is_answered
    assert answer.allowed is None
    assert read_question(question).outside_reason is not None


@pytest.mark.parametrize("question", ACTED_ON)
def test_without_the_passive_rule_it_was_answered_as_the_officials_act(monkeypatch, question):
    monkeypatch.setattr(reading, "ACTED_ON_BY_OTHERS", False)
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.is_answered
    assert answer.allowed is False


@pytest.mark.parametrize(
    "question",
    [
        # the active voice: the official acts
        "Bolehkah camat menandai akun pasangan calon di unggahan kampanye?",
        # the question says the official joins in what is done to them
        "Bolehkah guru difoto bersama caleg oleh tim sukses lalu fotonya disebar?",
        "Bolehkah ASN diajak oleh tim sukses untuk ikut kampanye?",
    ],
)
def test_an_official_who_acts_or_joins_in_is_still_answered(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.is_answered
    assert answer.allowed is False


def test_a_passive_with_an_agent_who_is_no_candidate_is_not_this_rule():
    question = "Bolehkah kepala desa diundang oleh bupati ke rapat kerja pemerintahan?"
    assert read_question(question).outside_reason is None
