"""Round 24: which act of two, read from the question's parts (questions written for these tests,
not taken from any set)."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question

DESCRIBED = "Bolehkah guru yang menjadi tim sukses memakai mobil dinas untuk mengangkut spanduk?"
OTHERS = "Bolehkah camat menghadiri syukuran caleg yang membagikan kaos partai?"


def test_the_clause_describing_who_acts_names_no_act_before_the_main_verb():
    assert read_question(DESCRIBED).acts[:2] == ("state_facility_use", "campaign_team")


def test_without_the_rule_the_described_team_came_first(monkeypatch):
    monkeypatch.setattr(reading, "DESCRIBED_NAMES_NOTHING", False)
    assert read_question(DESCRIBED).acts[0] == "campaign_team"


def test_a_clause_about_a_candidate_is_what_the_candidate_does():
    acts = read_question(OTHERS).acts
    assert acts[0] == "campaign_attendance"
    # The candidate's own act stays among the readings, after who acts' own.
    assert "props_installation" in acts[1:]


def test_without_the_rule_the_candidates_handout_came_first(monkeypatch):
    monkeypatch.setattr(reading, "OTHERS_CLAUSE", False)
    assert read_question(OTHERS).acts[0] != "campaign_attendance"


@pytest.mark.parametrize(
    "question",
    [
        # The clause says what the asker's own banner does: it is the act, not a circumstance.
        "Bolehkah ASN memasang baliho yang mempromosikan dirinya sebagai bakal calon?",
        # No candidate, party or team before "yang" and no passive verb after it: untouched.
        "Bolehkah ASN membagikan postingan yang berisi ajakan memilih calon?",
    ],
)
def test_a_clause_about_no_one_else_is_read_as_before(monkeypatch, question):
    now = read_question(question).acts
    monkeypatch.setattr(reading, "OTHERS_CLAUSE", False)
    assert read_question(question).acts == now


def test_a_candidates_celebration_is_an_event_attending_which_is_taking_part():
    answer = Consultant(use_fallback=False).ask("Bolehkah ASN menghadiri syukuran pasangan calon?")
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False
