"""Round 11: choosing among acts that fit a question by what its main clause says."""

from __future__ import annotations

import pytest

from netra.guidance import reading
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
    monkeypatch.setattr(reading, "HEAD_VERB_CHOOSER", False)
    acts = read_question(question).acts
    assert acts[0] != act
    assert act in acts


def test_one_act_is_left_as_it_is():
    assert read_question("Bolehkah ASN ikut kampanye?").acts[:1] == ("campaign_attendance",)
