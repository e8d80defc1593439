"""Round 25: the setting stands for the act (questions written for these tests, not taken from any
set)."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question

ROLE_AT_A_PARTY_EVENT = "Bolehkah camat menjadi pembawa acara dalam kegiatan partai politik?"
HELD_BY_A_TEAM = "Bolehkah bidan PNS melayani cek kesehatan gratis yang diadakan tim pemenangan?"


@pytest.mark.parametrize(
    "question",
    [
        ROLE_AT_A_PARTY_EVENT,
        "Bolehkah guru PNS membaca puisi di panggung kampanye calon bupati?",
        "Bolehkah anggota TNI terlibat kampanye pemilihan gubernur?",
        HELD_BY_A_TEAM,
    ],
)
def test_an_official_at_an_event_of_others_takes_part_in_it(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False


@pytest.mark.parametrize("question", [ROLE_AT_A_PARTY_EVENT, HELD_BY_A_TEAM])
def test_without_the_rule_nothing_was_read(monkeypatch, question):
    monkeypatch.setattr(reading, "PRESENCE_AT_EVENT", False)
    assert read_question(question).acts == ()


PERIOD = "Apa sanksi bagi camat yang tidak netral selama kampanye pemilihan?"


def test_a_campaign_named_as_a_period_is_no_event_attended(monkeypatch):
    assert read_question(PERIOD).acts == ()
    # Without the period words the campaign would be read as an event attended.
    monkeypatch.setattr(reading, "_PERIOD_WORDS", frozenset())
    assert read_question(PERIOD).acts == ("campaign_attendance",)


def test_a_denied_event_sets_no_act():
    assert read_question("Bolehkah lurah tidak ikut kampanye partai politik?").acts == ()


def test_an_act_read_is_not_displaced_by_the_setting():
    # "Memasang baliho ... di acara partai": the act is read; the event is only where.
    acts = read_question("Bolehkah ASN memasang baliho caleg di acara partai politik?").acts
    assert acts[0] == "props_installation"


URGED = (
    "Bolehkah lurah membagikan kalender bergambar caleg kepada warga sambil mengajak mereka "
    "mencoblos caleg itu?"
)


def test_a_vote_urged_leads_over_what_is_handed_out():
    assert read_question(URGED).acts[0] == "mobilization"


def test_without_the_rule_the_handout_came_first(monkeypatch):
    monkeypatch.setattr(reading, "VOTE_URGED_LEADS", False)
    assert read_question(URGED).acts[0] != "mobilization"


def test_a_kepala_daerah_urging_an_audience_stays_campaigning():
    # Round 19: a kepala daerah may campaign on conditions; urging an audience is taking part.
    question = (
        "Bolehkah bupati mengajak hadirin memilih caleg partainya saat acara peresmian pasar?"
    )
    assert read_question(question).acts[0] == "campaign_attendance"
