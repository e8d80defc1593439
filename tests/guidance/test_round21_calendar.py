"""Round 21: a question dated in an earlier election is answered by that election's calendar, the
election picked by the question's date or the year it writes after an election word or a month;
a date before every calendar the rulebook holds gets no answer, never the 2024 calendar's.

The questions are written for the test, not copied from a set.
"""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance.consult import Basis
from netra.guidance.dates import stated_year

TRANSFER = "Bolehkah bupati memutasi pejabat eselon III tanpa persetujuan tertulis Mendagri"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Bolehkah bupati memutasi pejabat menjelang Pilkada 2020?", 2020),
        ("Bolehkah ASN like status caleg di Pemilu 2019?", 2019),
        ("Bolehkah bupati memutasi pejabat sejak Maret 2020?", 2020),
        ("Bolehkah ASN kampanye pada pilkada serentak 2024?", 2024),
        ("Bolehkah ASN ikut kampanye menurut UU Nomor 7 Tahun 2017?", None),  # a law's year
        ("Apakah SKB 2022 melarang ASN memberi like?", None),
        ("Bolehkah ASN di Pemilu 2019 dan Pilkada 2020 ikut kampanye?", None),  # two years
    ],
)
def test_the_year_a_question_writes_is_read_only_after_an_election_word_or_a_month(text, year):
    assert stated_year(text) == year


def test_a_2020_date_is_answered_by_the_pilkada_2020_calendar(rules_consultant):
    in_2020 = rules_consultant.ask(f"{TRANSFER} pada 3 Februari 2020?")
    assert in_2020.election == "pilkada-2020"
    assert in_2020.allowed is False  # inside the window from 8 Jan 2020
    assert any("Pemilihan Serentak 2020" in caveat for caveat in in_2020.caveats)
    assert any("PP 53/2010" in caveat for caveat in in_2020.caveats)
    # The same day of 2024 is before the 2024 window (22 Mar 2024): the calendar decides.
    in_2024 = rules_consultant.ask(f"{TRANSFER} pada 3 Februari 2024?")
    assert in_2024.election == "pilkada-2024"
    assert in_2024.allowed is True
    assert not any("kalender" in caveat for caveat in in_2024.caveats)


def test_the_date_given_with_the_question_picks_the_election_too(rules_consultant):
    answer = rules_consultant.ask(f"{TRANSFER}?", on=date(2020, 2, 3))
    assert answer.election == "pilkada-2020"
    assert answer.allowed is False


def test_a_written_year_picks_the_election_without_a_date(rules_consultant):
    answer = rules_consultant.ask(f"{TRANSFER} menjelang Pilkada 2020?")
    assert answer.election == "pilkada-2020"
    assert any("dipilih dari tahun" in caveat for caveat in answer.caveats)


def test_a_pemilu_2019_date_uses_its_own_penetapan(rules_consultant):
    # 1 Oct 2018 is after the 2019 tickets were set (20 Sep 2018): SKB part B, in the Pemilu 2019.
    answer = rules_consultant.ask("Bolehkah ASN like postingan capres pada 1 Oktober 2018?")
    assert answer.election == "pemilu-2019"
    assert answer.allowed is False


def test_a_date_before_every_calendar_gets_no_answer_not_the_2024_one(rules_consultant):
    answer = rules_consultant.ask(f"{TRANSFER} pada 3 Maret 2018?")
    assert answer.basis is Basis.NONE
    assert answer.allowed is None
    assert "kalender Pilkada untuk tahun 2018" in answer.text
    assert answer.act == "official_rotation"


def test_a_faq_answer_needs_no_calendar(rules_consultant):
    answer = rules_consultant.ask("Apakah ASN boleh memilih di Pilkada 2018?")
    assert answer.basis is Basis.FAQ
    assert answer.allowed is True


def test_an_election_given_with_the_question_wins(rules_consultant):
    answer = rules_consultant.ask(f"{TRANSFER} pada 3 Februari 2020?", election="pilkada-2024")
    assert answer.election == "pilkada-2024"
    assert answer.allowed is True
