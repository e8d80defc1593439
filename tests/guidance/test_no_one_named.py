"""A question about an act that names no one who acts ("Bolehkah mobil dinas dipakai untuk
kampanye?") is answered for the kinds of official the rulebook binds, led by ASN (round 8).
The questions are written for the tests, not taken from any labelled set."""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance.consult import Basis, Consultant
from netra.guidance.reading import read_question


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah mobil dinas dipakai untuk kampanye?",  # a thing in the passive
        "Apakah boleh ikut kampanye calon bupati?",  # opens with the act
        "Bolehkah berfoto dengan calon bupati sambil salam dua jari?",  # an unstemmed ber- verb
        "Bolehkah menjadi anggota partai politik?",  # the copula
        "Bolehkah memasang baliho calon di kantor?",  # a derived verb
    ],
)
def test_a_question_that_opens_with_the_act_names_no_one(question: str) -> None:
    assert read_question(question).names_no_one


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah ASN ikut kampanye calon bupati?",  # an official named
        "Bolehkah caleg berkampanye di sekolah?",  # a candidate acts
        "Bolehkah partai mengkampanyekan calon bupati?",  # a party acts
        "Apakah kampanye di kampus diperbolehkan?",  # a venue: the campaign is asked about
        "Bolehkah gedung pemda dipakai oleh partai untuk kampanye?",  # the passive's agent named
        "Bolehkah menteri berkampanye untuk capres?",  # a noun that looks like a me- verb
        "Siapa yang boleh menjadi saksi partai di TPS?",  # asks who, not whether
        "Bolehkah istri kepala desa ikut kampanye?",  # a relative named
    ],
)
def test_a_question_that_names_someone_is_not_one_that_names_no_one(question: str) -> None:
    assert not read_question(question).names_no_one


def test_the_act_is_answered_for_asn_with_every_other_kind_listed(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah mobil dinas dipakai untuk kampanye?")
    assert answer.basis is Basis.RULEBOOK
    assert (answer.act, answer.subject, answer.allowed) == ("state_facility_use", "asn", False)
    kinds = [verdict.subject for verdict in answer.by_subject]
    assert kinds[0] == "asn"
    assert {"tni", "polri", "village_head", "village_official"} <= set(kinds)
    assert "tidak menyebut siapa pelakunya: dijawab untuk ASN" in answer.caveats[0]
    assert "Bagi pelaku lain: Anggota TNI: tidak boleh" in answer.text


def test_sanctions_that_read_alike_are_named_once_and_kept_apart_in_the_data(
    consultant: Consultant,
) -> None:
    """With no date, the rows of both periods apply: two read "Hukuman disiplin berat" and
    differ in their norms (PP 94/2021 Pasal 5 huruf n angka 4 and 5)."""
    answer = consultant.ask("Bolehkah mobil dinas dipakai untuk kampanye?")
    heavy = [s for s in answer.sanctions if s.label_id == "Hukuman disiplin berat"]
    assert len(heavy) == 2
    assert heavy[0].norms != heavy[1].norms
    named = answer.text.split("Sanksi: ", 1)[1].split(". ", 1)[0].split("; ")
    assert len(named) == len(set(named))


def test_where_the_rule_differs_by_kind_the_list_says_so(consultant: Consultant) -> None:
    answer = consultant.ask("Apakah boleh ikut kampanye calon bupati?")
    verdicts = {verdict.subject: verdict for verdict in answer.by_subject}
    assert answer.allowed is False
    assert verdicts["asn"].summary == "tidak boleh"
    # A kepala daerah may campaign on leave without the facilities of office (Pasal 70(2)-(3)).
    assert verdicts["regional_head"].allowed is True
    assert verdicts["regional_head"].summary == "boleh dengan syarat"
    assert "berbeda bagi pelaku lain" in answer.caveats[0]
    assert answer.to_dict()["by_subject"][0] == verdicts["asn"].to_dict()


def test_a_kind_the_rulebook_does_not_bind_for_the_act_is_not_listed(
    consultant: Consultant,
) -> None:
    answer = consultant.ask("Bolehkah memasang baliho calon di kantor?")
    # The rulebook holds no props rule for a kepala daerah: no verdict is made up for one.
    assert "regional_head" not in {verdict.subject for verdict in answer.by_subject}
    assert "sama bagi pelaku lain" in answer.caveats[0]


def test_the_verdict_follows_the_date_asked_about(consultant: Consultant) -> None:
    before = consultant.ask("Bolehkah like postingan calon bupati?", on=date(2024, 9, 1))
    after = consultant.ask("Bolehkah like postingan calon bupati?", on=date(2024, 10, 1))
    assert before.allowed is False
    assert after.allowed is False
    assert before.sanctions != after.sanctions  # SKB part A before penetapan, part B after it


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah ASN memakai mobil dinas untuk kampanye?",
        "Bolehkah caleg berkampanye di sekolah?",
        "Apakah kampanye di kampus diperbolehkan?",
    ],
)
def test_a_question_that_names_someone_gets_no_list(consultant: Consultant, question: str) -> None:
    assert consultant.ask(question).by_subject == ()


def test_a_named_subject_given_by_the_caller_answers_for_that_subject_only(
    consultant: Consultant,
) -> None:
    answer = consultant.ask("Bolehkah mobil dinas dipakai untuk kampanye?", subject="tni")
    assert (answer.subject, answer.allowed, answer.by_subject) == ("tni", False, ())
