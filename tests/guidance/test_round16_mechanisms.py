"""Round 16: an ASN status stated after the honorary-staff words ("honorer yang sudah lulus
PPPK") is who asks, so the act is answered by that status's rules, not by the honorary-staff
entry."""

from __future__ import annotations

import pytest

from netra.guidance import consult
from netra.guidance.consult import Basis


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah tenaga honorer yang sudah diangkat menjadi PPPK ikut kampanye?",
        "Bolehkah guru honorer yang sudah menjadi PPPK menjadi tim sukses caleg?",
        "Bolehkah honorer yang kini berstatus PNS memasang baliho calon bupati?",
    ],
)
def test_a_status_held_after_honorary_words_is_who_asks(rules_consultant, text):
    answer = rules_consultant.ask(text)
    assert answer.basis is Basis.RULEBOOK
    assert answer.entry_id is None
    assert answer.allowed is False
    assert answer.subject in {"pppk", "pns"}


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah guru honorer ikut kampanye?",
        # A public school named after the honorary words is where they work, not a status held.
        "Bolehkah tenaga honorer yang mengajar di sekolah negeri ikut kampanye?",
    ],
)
def test_honorary_staff_without_a_status_stated_after_keep_their_entry(rules_consultant, text):
    answer = rules_consultant.ask(text)
    assert answer.entry_id == "faq:honorary-staff"


def test_the_status_rule_can_be_switched_off_to_measure_it(rules_consultant, monkeypatch):
    text = "Bolehkah tenaga honorer yang sudah diangkat menjadi PPPK ikut kampanye?"
    monkeypatch.setattr(consult, "STATUS_STATED_AFTER", False)
    assert rules_consultant.ask(text).entry_id == "faq:honorary-staff"
