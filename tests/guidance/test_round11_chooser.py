"""Round 11: choosing among acts that fit a question by what its main clause says."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import answer_label
from netra.guidance.reading import read_question

MAIN_CLAUSE = [
    # A candidacy after "yang" describes who runs; the main verb is what is asked.
    (
        "Bolehkah kepala sekolah dan guru ASN mendukung salah satu kandidat yang maju di Pilkada?",
        "candidate_support",
    ),
    (
        "Bolehkah bupati petahana yang mencalonkan diri lagi menggunakan fasilitas negara saat "
        "kampanye?",
        "state_facility_use",
    ),
    # What follows "sambil", "untuk", "melalui" says how or why.
    (
        "Bolehkah kades menyatakan dukungan kepada paslon capres sambil berpose dua jari?",
        "candidate_support",
    ),
    (
        "Bolehkah ASN hadir di kampanye lalu bertanya untuk mengarahkan dukungan ke salah satu "
        "paslon?",
        "campaign_attendance",
    ),
    # The verb with its object is wider than the verb's own reading.
    (
        "Bolehkah guru ASN menyebarkan konten dukungan capres di media sosial?",
        "social_media_campaign",
    ),
    (
        "Bolehkah ASN memposting atau membagikan konten pasangan calon di media sosial?",
        "social_media_campaign",
    ),
]

KEPT = [
    # Done while attending a campaign, the act is its own (round 9).
    (
        "Bolehkah ASN menghadiri kampanye calon bupati sambil memasang baliho calon?",
        "props_installation",
    ),
    # "yang" after the object is what the object is: a baliho promoting oneself.
    (
        "Apakah ASN boleh memasang baliho yang mempromosikan dirinya sebagai bakal calon?",
        "self_promotion",
    ),
    # No act before the modifier: the modifier's act is the question's.
    (
        "Bolehkah Babinsa mendata warga sambil mengarahkan mereka memilih capres tertentu?",
        "mobilization",
    ),
]


@pytest.mark.parametrize(("question", "act"), MAIN_CLAUSE)
def test_the_act_of_the_main_clause_is_read_first(question, act):
    assert read_question(question).acts[0] == act


@pytest.mark.parametrize(("question", "act"), KEPT)
def test_a_modifier_with_no_main_act_before_it_keeps_its_reading(question, act):
    assert read_question(question).acts[0] == act


@pytest.mark.parametrize(("question", "act"), MAIN_CLAUSE)
def test_without_the_chooser_the_other_act_came_first(monkeypatch, question, act):
    # The describing clause (below) also settles the petahana's candidacy: both off. Round 24's
    # reading of a clause about others ("kandidat yang maju") settles the same order: off too.
    monkeypatch.setattr(reading, "HEAD_VERB_CHOOSER", False)
    monkeypatch.setattr(reading, "DESCRIBING_CLAUSE", False)
    monkeypatch.setattr(reading, "OTHERS_CLAUSE", False)
    acts = read_question(question).acts
    assert acts[0] != act
    assert act in acts


def test_one_act_is_left_as_it_is():
    assert read_question("Bolehkah ASN ikut kampanye?").acts[:1] == ("campaign_attendance",)


# Reaching the FAQ when an act word is present but not the question's point.

DESCRIBED = [
    # A clause after "yang" that describes who asks, ended by the main verb.
    ("Bolehkah guru honorer yang digaji APBD terlibat politik praktis dalam pemilu?", ()),
    (
        "Bolehkah guru honor yang digaji dari APBD menjadi timses salah satu kandidat?",
        ("campaign_team",),
    ),
]


@pytest.mark.parametrize(("question", "acts"), DESCRIBED)
def test_a_clause_describing_who_asks_makes_no_act(question, acts):
    assert read_question(question).acts == acts


def test_without_the_describing_clause_its_facility_was_read(monkeypatch):
    monkeypatch.setattr(reading, "DESCRIBING_CLAUSE", False)
    acts = read_question(DESCRIBED[0][0]).acts
    assert "state_facility_use" in acts


@pytest.mark.parametrize(
    "question",
    [
        "Apakah ASN yang ikut kampanye bisa dipecat?",  # no main verb after: the clause is asked
        "Bolehkah ASN hadir di kampanye?",  # no "yang" at all
    ],
)
def test_a_clause_that_is_the_predicate_keeps_its_act(question):
    assert read_question(question).acts[:1] == ("campaign_attendance",)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Bolehkah guru honorer yang digaji APBD terlibat politik praktis dalam pemilu?",
            "honorary-staff",
        ),
        (
            "Bolehkah guru honor yang digaji dari APBD menjadi timses salah satu kandidat?",
            "honorary-staff",
        ),
        ("Apakah ASN punya hak untuk dipilih dalam pemilu?", "asn-runs-for-office"),
        (
            "Apakah pegawai pemerintah dengan perjanjian kerja termasuk aparatur sipil negara?",
            "pppk-is-asn",
        ),
        ("Apakah PNS boleh memilih dalam pemilu?", "asn-vote"),
    ],
)
def test_the_faq_entry_is_reached(consultant, question, entry):
    answer = consultant.ask(question)
    assert answer_label(answer) == f"faq:{entry}"
