"""Round 21: an act the law defines by the candidate it favours, asked with a candidate named and
no date, is answered for the time there is a candidate to favour (CV over checks 1-21).

The questions below are written for the test, not copied from a set.
"""

from __future__ import annotations

import pytest

from netra.guidance import consult


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Bolehkah gubernur membuat program yang menguntungkan salah satu pasangan calon?",
         "partisan_decision"),
        ("Bolehkah wali kota menyuruh pegawai dinas memilih kandidat tertentu?", "mobilization"),
    ],
)  # fmt: skip
def test_a_candidate_defined_act_is_forbidden_while_there_are_candidates(
    rules_consultant, monkeypatch, text, act
):
    answer = rules_consultant.ask(text)
    assert answer.act == act
    assert answer.allowed is False
    assert any("calon yang diuntungkan" in caveat for caveat in answer.caveats)
    # Switched off, the verdict is left to the date as before round 21.
    monkeypatch.setattr(consult, "CANDIDATE_DEFINED_TAIL", False)
    before = rules_consultant.ask(text)
    assert before.allowed is None
    assert any(item.startswith("tanggal:") for item in before.depends_on)


def test_no_candidate_named_leaves_the_date_to_decide(rules_consultant):
    answer = rules_consultant.ask("Bolehkah bupati membuat kebijakan baru di daerahnya?")
    assert not any("calon yang diuntungkan" in caveat for caveat in answer.caveats)


def test_a_rule_in_force_only_mid_election_still_depends_on_the_date(rules_consultant):
    # UU 7/2017 Pasal 282 binds only in the Pemilu's campaign period: allowed again after it.
    answer = rules_consultant.ask(
        "Bolehkah bupati membuat kebijakan yang menguntungkan salah satu capres?"
    )
    assert answer.act == "partisan_decision"
    assert answer.allowed is None


def test_a_transfer_is_not_a_candidate_defined_act(rules_consultant):
    answer = rules_consultant.ask(
        "Bolehkah bupati mengganti kepala dinas yang dekat dengan salah satu calon di Pilkada?"
    )
    assert not any("calon yang diuntungkan" in caveat for caveat in answer.caveats)
