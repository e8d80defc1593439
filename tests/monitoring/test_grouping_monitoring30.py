"""Monitoring-30: a quote join is refused when one text is a report of its own around the shared
quotation (`a_report_of_its_own`), which the stored signature's quotations tell. Every text here
was written for these tests."""

from __future__ import annotations

import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    Grouper,
    MemoryIndex,
    Signature,
    a_report_of_its_own,
    quote_keys,
    signature_of,
)

# One newsroom's closing lines, printed under every report it files.
TEMPLATE = (
    "Simak terus kabar terbaru seputar pemilihan kepala daerah serentak hanya di kanal berita "
    "kami setiap hari."
)
# A minister's doorstop on Monday: one sentence quoted.
MINISTER = (
    "Menteri Koordinator Arga Wicaksana meminta seluruh pegawai negeri menjaga jarak dari "
    "kampanye menjelang pemungutan suara. Permintaan itu ia sampaikan kepada wartawan di "
    'kantornya pada Senin pagi. "Jangan sampai pemerintahan baru ini tercoreng pegawai yang '
    'berpihak," kata Arga. Ia menyebut pengawasan akan dilakukan bersama inspektorat di setiap '
    "provinsi, dan daftar pejabat yang diperiksa akan diumumkan setelah pemeriksaan selesai. "
    "Menurut Arga, laporan yang masuk sejauh ini sebagian besar menyangkut unggahan di media "
    "sosial dan kehadiran camat dalam acara relawan pasangan calon di beberapa kabupaten. "
) + TEMPLATE
# A deputy minister at a hearing on Tuesday, with three quotations of her own, printing the
# minister's sentence of the day before as background.
DEPUTY = (
    "Wakil Menteri Dalam Negeri Sekar Ayuningtyas memaparkan langkah kementeriannya dalam rapat "
    'dengar pendapat dengan komisi di parlemen pada Selasa siang. "Kami sudah mengirim surat '
    'edaran kepada seluruh kepala daerah sejak pekan lalu," ujar Sekar. "Setiap laporan warga '
    'akan kami periksa paling lambat tiga hari kerja," katanya. "Inspektorat daerah wajib '
    'mengirim laporan kepada kami setiap akhir bulan tanpa kecuali," lanjutnya. Sehari '
    'sebelumnya Menteri Koordinator Arga Wicaksana mengingatkan, "Jangan sampai pemerintahan '
    'baru ini tercoreng pegawai yang berpihak." '
) + TEMPLATE
# Another reporter of the minister's doorstop: the same sentence and one more of his.
MINISTER_AGAIN = (
    "Arga Wicaksana, Menteri Koordinator, mengingatkan pegawai negeri agar tidak ikut berkampanye "
    'di hari-hari terakhir sebelum pencoblosan. "Jangan sampai pemerintahan baru ini tercoreng '
    'pegawai yang berpihak," ucapnya di kantor kementerian, Senin. "Inspektorat akan turun ke '
    'daerah mulai pekan depan bersama pengawas pemilu," tambah Arga. '
) + TEMPLATE


def _group(texts: list[tuple[str, str]]) -> dict[str, grouping.Assignment]:
    grouper = Grouper(MemoryIndex())
    return {item: grouper.assign(item, grouper.keys_of(text)) for item, text in texts}


def test_a_report_that_prints_another_occasion_s_quotation_stays_apart() -> None:
    out = _group([("minister", MINISTER), ("deputy", DEPUTY)])
    assert out["deputy"].is_new


def test_without_the_rule_the_same_report_joins_by_the_quotation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(grouping, "QUOTE_OWN", 0)
    out = _group([("minister", MINISTER), ("deputy", DEPUTY)])
    assert (out["deputy"].group, out["deputy"].reason) == ("minister", "quote")


def test_two_transcriptions_of_one_doorstop_still_join_by_the_quotation() -> None:
    out = _group([("minister", MINISTER), ("again", MINISTER_AGAIN)])
    assert (out["again"].group, out["again"].reason) == ("minister", "quote")


def test_the_rule_reads_the_quotations_each_side_does_not_share() -> None:
    minister, deputy = signature_of(MINISTER), signature_of(DEPUTY)
    again = signature_of(MINISTER_AGAIN)
    assert minister is not None
    assert deputy is not None
    assert again is not None
    assert [words for words, _ in deputy.quotation_keys] == [12, 11, 12, 9]
    assert a_report_of_its_own(minister, deputy)
    assert a_report_of_its_own(deputy, minister)
    assert not a_report_of_its_own(minister, again)


def test_the_stored_form_keeps_the_quotations_and_their_keys() -> None:
    signature = signature_of(DEPUTY)
    assert signature is not None
    assert signature.quotations is not None
    stored = signature.to_bytes()
    assert len(stored) <= grouping.MAX_SIGNATURE_BYTES
    read = Signature.from_bytes(stored)
    assert read.quotations == signature.quotations
    assert read.quoted == signature.quoted
    assert read.salient == signature.salient
    assert read.to_bytes() == stored
    keys = frozenset().union(*(keys for _, keys in read.quotation_keys))
    assert keys == frozenset(quote_keys(DEPUTY))


def test_a_signature_stored_before_keeps_the_former_quote_join() -> None:
    # Stored before monitoring-30: no quotations, so the rule cannot tell and does not refuse.
    before = Signature.from_bytes(_without_quotations(signature_of(DEPUTY)))
    assert before.quotations is None
    assert not before.quotation_keys
    minister = signature_of(MINISTER)
    assert minister is not None
    assert not a_report_of_its_own(minister, before)
    grouper = Grouper(MemoryIndex())
    grouper.assign("minister", grouper.keys_with(minister))
    keys = grouper.keys_with(before)
    keys = grouping.ItemKeys(
        before, keys.band_keys, keys.exact_keys, quote_keys=tuple(quote_keys(DEPUTY))
    )
    out = grouper.assign("deputy", keys)
    assert (out.group, out.reason) == ("minister", "quote")


def test_a_stored_form_that_flags_quotations_it_does_not_hold_is_refused() -> None:
    signature = signature_of(MINISTER)  # quotations, no quoted words (one short quotation)
    assert signature is not None
    assert signature.quotations is not None
    assert signature.quoted is None
    stored = signature.to_bytes()
    start = len(stored) - len(signature.salient or b"") - len(signature.quotations) - 4
    with pytest.raises(ValueError, match="quotations"):
        Signature.from_bytes(stored[:start])
    with pytest.raises(ValueError, match="quotations"):
        Signature.from_bytes(stored[:start] + (0).to_bytes(4, "little"))


def _without_quotations(signature: Signature | None) -> bytes:
    assert signature is not None
    return Signature(
        signature.values,
        signature.words,
        signature.word_count,
        signature.salient,
        signature.quoted,
    ).to_bytes()
