"""Round 30: the company named again names the company's means (questions written for these
tests, not taken from any set). A BUMN or BUMD employee whose question names the company again
after the act (its counter, its bills, its customers, its office) puts the company's means to a
candidate's use; people of the company named there are people acted on, and other officials'
material stays material."""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.consult import Consultant
from netra.guidance.reading import read_question

COMPANY_CARRIES = [
    "Bolehkah karyawan Bank Jatim menaruh kartu nama calon gubernur di meja teller Bank Jatim?",
    "Bolehkah staf PDAM menyelipkan kartu nama caleg di dalam tagihan PDAM?",
    "Bolehkah pegawai PLN membagikan kalender caleg kepada pelanggan PLN?",
    "Bolehkah karyawan Pertamina mendeklarasikan dukungan kepada capres di kantor Pertamina?",
]


def _reading_with(monkeypatch: pytest.MonkeyPatch, flag: bool, question: str) -> tuple[str, ...]:
    # Questions are read afresh on every call, so the flag takes effect at once.
    monkeypatch.setattr(reading, "OWN_BODY_CARRIES", flag)
    return read_question(question).acts


@pytest.mark.parametrize("question", COMPANY_CARRIES)
def test_the_companys_own_channel_carrying_material_is_the_use_of_its_facility(question):
    answer = Consultant(use_fallback=False).ask(question)
    assert answer.act == "state_facility_use"
    assert answer.allowed is False


@pytest.mark.parametrize("question", COMPANY_CARRIES)
def test_without_the_rule_the_material_alone_was_read(monkeypatch, question):
    acts = _reading_with(monkeypatch, False, question)
    assert acts
    assert acts[0] in {"props_installation", "self_promotion", "candidate_support"}
    assert _reading_with(monkeypatch, True, question)[0] == "state_facility_use"


def test_people_of_the_company_named_after_the_material_are_people_acted_on():
    # "pegawai PDAM" after the act are who is handed the stickers, not a thing of the company.
    question = "Bolehkah manajer PDAM membagikan stiker caleg kepada pegawai PDAM?"
    assert read_question(question).acts[0] == "props_installation"


def test_no_company_named_after_the_act_keeps_the_act():
    question = "Bolehkah karyawan BUMN membagikan stiker caleg kepada tetangganya?"
    assert read_question(question).acts[0] == "props_installation"
    question = "Bolehkah karyawan Pertamina mendeklarasikan dukungan kepada calon bupati?"
    assert read_question(question).acts[0] == "candidate_support"


def test_an_official_who_is_no_company_employee_is_not_this_rule():
    # A soldier's corps named after the material is no company's channel: TNI's own list of
    # prohibitions calls attributes stuck on TNI property putting up material (q26).
    question = "Bolehkah prajurit TNI menempel stiker caleg di peralatan milik TNI?"
    assert "state_facility_use" not in read_question(question).acts[:1]
