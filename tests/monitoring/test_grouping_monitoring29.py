"""Monitoring-29: a verdict's formula (DKPP, the courts, Bawaslu) makes no run key, quote key or
quoted words, so two reports of two decisions of one body are not joined by its wording."""

from __future__ import annotations

import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    FORMULA_OWN_WORDS,
    FORMULA_RUN_WORDS,
    RUN_HASHED,
    Grouper,
    MemoryIndex,
    is_verdict_formula,
    normalise,
    quote_keys,
    quoted_words,
)

# Two made-up releases of an ethics council on two different decisions, each mostly the
# council's standard wording for a verdict read out, with a respondent, a regency and a count of
# its own.
FIRST_DECISION = (
    "Dewan Kehormatan Penyelenggara Pemilu menjatuhkan sanksi peringatan keras kepada Sumarni "
    "Lestari, anggota KPU Kabupaten Tanjung Mawar, dalam perkara nomor 41 tahun ini. Teradu "
    "terbukti mengubah rekapitulasi suara di dua kecamatan tanpa rapat pleno. DKPP menyatakan "
    "teradu terbukti melanggar kode etik penyelenggara pemilu karena terbukti melanggar kode etik "
    "penyelenggara pemilu KEPP. Sanksi tersebut dibacakan oleh Ketua Majelis Darmawan Lubis dalam "
    "sidang pembacaan putusan sebanyak tujuh perkara di Ruang Sidang DKPP Jakarta pada Senin."
)
SECOND_DECISION = (
    "DKPP memberhentikan Yoseph Manurung dari jabatan Ketua Bawaslu Kabupaten Danau Biru setelah "
    "terbukti menerima uang dari tim kampanye salah satu calon bupati. Pengadu dalam perkara "
    "nomor 77 adalah seorang pemantau pemilu setempat. Teradu dinyatakan terbukti melanggar kode "
    "etik karena terbukti melanggar kode etik penyelenggara pemilu KEPP. Sanksi tersebut "
    "dibacakan oleh Ketua Majelis Darmawan Lubis dalam sidang pembacaan putusan sebanyak sebelas "
    "perkara di Ruang Sidang DKPP Jakarta pada Kamis."
)
# The first release as another outlet printed it: its own lead and closing around the release.
FIRST_REPRINTED = (
    "JAKARTA - Kabar dari ibu kota untuk warga Tanjung Mawar. "
    + FIRST_DECISION
    + " Sumarni belum dapat dimintai tanggapan hingga berita ini diturunkan."
)


def _keys(text: str) -> grouping.ItemKeys:
    return Grouper(MemoryIndex()).keys_of(text)


def _joined(first: str, second: str) -> grouping.Assignment:
    grouper = Grouper(MemoryIndex())
    grouper.assign("first", grouper.keys_of(first))
    return grouper.assign("second", grouper.keys_of(second))


def test_two_decisions_share_no_run_key_through_the_formula():
    first, second = _keys(FIRST_DECISION), _keys(SECOND_DECISION)
    assert first.signature is not None
    assert second.signature is not None
    assert first.signature.run_keys
    assert second.signature.run_keys
    assert not set(first.signature.run_keys) & set(second.signature.run_keys)
    assert _joined(FIRST_DECISION, SECOND_DECISION).is_new


def test_without_the_formula_rule_the_formula_joins_them(monkeypatch: pytest.MonkeyPatch):
    """The test above fails without the change: the formula's runs are then shared run keys,
    and the two decisions (a third of their 4-grams in common) join by one."""
    monkeypatch.setattr(grouping, "FORMULA_RUN_WORDS", RUN_HASHED + 1)
    first, second = _keys(FIRST_DECISION), _keys(SECOND_DECISION)
    assert first.signature is not None
    assert second.signature is not None
    assert set(first.signature.run_keys) & set(second.signature.run_keys)
    joined = _joined(FIRST_DECISION, SECOND_DECISION)
    assert not joined.is_new
    assert joined.reason == "run"


def test_a_reprinted_decision_still_joins():
    joined = _joined(FIRST_DECISION, FIRST_REPRINTED)
    assert not joined.is_new
    assert joined.matched == "first"


def test_a_run_with_names_of_its_own_is_not_formula():
    # Every hashed word of the run a formula or common word but the chairman's two names: formula.
    formula = (
        "sanksi tersebut dibacakan oleh ketua majelis darmawan lubis dalam sidang pembacaan putusan"
    )
    assert len(formula.split()) == RUN_HASHED
    found = grouping._formula_runs(formula + " x y z", 1)
    assert found is not None
    assert found.tolist() == [True]
    # The same run with a third name of its own read out: the case's, not the formula's.
    own = formula.replace("ketua", "sumarni")
    assert FORMULA_OWN_WORDS == 2
    found = grouping._formula_runs(own + " x y z", 1)
    assert found is not None
    assert found.tolist() == [False]
    # Too few formula words in the text: not looked at.
    plain = (
        "bupati meminta seluruh aparatur sipil negara menjaga netralitas selama masa kampanye x y z"
    )
    assert grouping._formula_runs(plain, 1) is None
    assert FORMULA_RUN_WORDS == 4


AMAR = (
    "Menjatuhkan sanksi peringatan keras terakhir kepada Teradu Sumarni Lestari selaku anggota "
    "KPU Kabupaten Tanjung Mawar terhitung sejak putusan ini dibacakan"
)
PROMISE = "Kami akan menjatuhkan sanksi tegas kepada aparatur yang terbukti tidak netral di desa"


def test_a_quoted_verdict_makes_no_quote_key_nor_quoted_words():
    assert is_verdict_formula(normalise(AMAR))
    text = f'Dalam amar putusannya majelis menyatakan, "{AMAR}," ujar Darmawan di Jakarta.'
    assert quote_keys(text) == ()
    assert quoted_words(text) == ()


def test_an_official_promising_a_sanction_keeps_the_quote_keys():
    assert not is_verdict_formula(normalise(PROMISE))
    text = f'Bupati menegaskan, "{PROMISE}," katanya di pendopo kabupaten.'
    assert quote_keys(text)
    assert quoted_words(text)
