"""Quoted-word keys and a statute's text told in runs (monitoring-21)."""

from __future__ import annotations

import numpy as np
import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    QUOTED_CONTAINMENT,
    QUOTED_KEYS,
    RUN_CONTAINMENT,
    Grouper,
    MemoryIndex,
    Signature,
    quoted_word_keys,
    signatures_of,
    statute_runs,
)
from tests.monitoring.test_grouping_quoted import alike_quotations

# A Bawaslu chairman's warning as one report gave it (an attributed sentence, no quotation
# marks: no quote key), and another report of the same warning: its own sentences around it, the
# warning transcribed with words changed. The two share no band, word, run, quote or salient key;
# only their quoted words in order tell them.
WARNING = (
    "Ketua Bawaslu Kabupaten Tanah Merah, Rendra Saputra, menemui wartawan di kantornya pada "
    "Kamis siang setelah rapat koordinasi dengan camat se-kabupaten. Kami ingatkan seluruh "
    "aparatur sipil negara agar tidak mengunggah foto bersama pasangan calon, tidak memberi "
    "tanda suka pada unggahan kampanye dan tidak hadir di acara deklarasi relawan, kata Rendra. "
    "Ia menyebut sudah ada empat laporan warga sejak awal bulan, dua di antaranya soal unggahan "
    "di media sosial."
)
WARNING_TRANSCRIBED = (
    "Setelah rapat koordinasi dengan camat se-kabupaten, pengawas pemilu Tanah Merah mengirim "
    "surat imbauan ke semua kantor dinas. Rendra berbicara singkat. Saya ingatkan seluruh "
    "pegawai agar tidak mengunggah foto bersama calon, tidak memberi jempol pada unggahan "
    "kampanye dan tidak hadir di acara deklarasi para relawan, ujarnya."
)
# Pasal 280 ayat (2) UU Pemilu printed as a list by one text and read out by another report
# (its first items run together): the two share runs of the statute's words and a third of
# their 4-grams, and nothing of their own.
STATUTE_LIST = (
    "Bawaslu Kabupaten Sungai Lestari membagikan selebaran tentang siapa saja yang tidak boleh "
    "ikut berkampanye kepada para camat, lurah dan kepala sekolah dalam rapat di aula kantor "
    "bupati pada Senin pagi. Selebaran itu memuat bunyi Pasal 280 ayat (2) Undang-Undang Pemilu:\n"
    "Pelaksana dan/atau tim kampanye dalam kegiatan Kampanye Pemilu dilarang mengikutsertakan:\n"
    "a. Ketua, wakil ketua, ketua muda, hakim agung pada Mahkamah Agung, dan hakim pada semua "
    "badan peradilan di bawah Mahkamah Agung, dan hakim konstitusi pada Mahkamah Konstitusi;\n"
    "b. Ketua, wakil ketua, dan anggota Badan Pemeriksa Keuangan;\n"
    "c. gubernur, deputi gubernur senior, dan deputi gubernur Bank Indonesia;\n"
    "d. direksi, komisaris, dewan pengawas dan karyawan badan usaha milik negara/badan usaha "
    "milik daerah;\n"
    "e. pejabat negara bukan anggota partai politik yang menjabat sebagai pimpinan di lembaga "
    "nonstruktural;"
)
STATUTE_READ_OUT = (
    "Ketua Bawaslu Hulu Raya, Sinta Dewi, menjelaskan dalam dialog di radio daerah bahwa banyak "
    "warga belum tahu larangan bagi pejabat dalam kampanye dan masih mengajak kepala desa ke "
    "panggung. Menurut dia, pihak yang dilarang diikutsertakan antara lain ketua, wakil ketua, "
    "ketua muda, hakim agung pada Mahkamah Agung, dan hakim pada semua badan peradilan di bawah "
    "Mahkamah Agung, dan hakim konstitusi pada Mahkamah Konstitusi, ketua, wakil ketua, dan "
    "anggota Badan Pemeriksa Keuangan, serta kepala desa dan perangkat desa. Ia meminta warga "
    "melapor ke posko pengaduan jika melihat pelanggaran semacam itu selama masa kampanye "
    "berlangsung."
)
KEYS = ("band_keys", "word_keys", "run_keys", "quote_keys", "salient_keys")


def _assign(grouper: Grouper, item: str, signature: Signature | None, **kwargs: object):
    return grouper.assign(item, grouper.keys_with(signature, **kwargs))  # type: ignore[arg-type]


def test_a_transcription_sharing_no_other_key_is_found_by_its_quoted_word_keys(monkeypatch):
    first, second = alike_quotations(WARNING, WARNING_TRANSCRIBED)
    for name in KEYS:  # nothing else makes them candidates of each other
        assert not set(getattr(first, name)) & set(getattr(second, name)), name
    assert set(first.quoted_keys) & set(second.quoted_keys)
    assert (second.containment(first) or 0.0) >= QUOTED_CONTAINMENT
    for linked in (False, True):  # the fast path, and the general loop (an item with a link)
        grouper = Grouper(MemoryIndex())
        assert _assign(grouper, "a", first).is_new
        links = ("https://contoh.id/imbauan-bawaslu",) if linked else ()
        joined = _assign(grouper, "b", second, links=links)
        assert (joined.group, joined.matched, joined.reason) == ("a", "a", "quoted words")
    # Without the quoted-word keys (monitoring-20) the transcription was never compared.
    monkeypatch.setattr(grouping, "QUOTED_KEYS", 0)
    again = signatures_of([WARNING, WARNING_TRANSCRIBED])
    before = Grouper(MemoryIndex())
    assert _assign(before, "a", again[0]).is_new
    assert _assign(before, "b", again[1]).group == "b"


def test_quoted_word_keys_are_the_smallest_hashes_of_consecutive_quoted_words():
    (signature,) = signatures_of([WARNING])
    assert signature is not None
    assert signature.quoted is not None
    keys = signature.quoted_keys
    assert len(keys) == QUOTED_KEYS == len(set(keys))
    assert list(keys) == sorted(keys, key=lambda key: key & (2**64 - 1))
    # Made from the stored words alone: a signature read back has the same keys.
    assert Signature.from_bytes(signature.to_bytes()).quoted_keys == keys
    # The same words in another order make other keys; a text without quoted words has none.
    words = np.frombuffer(signature.quoted, dtype="<u4")
    assert set(quoted_word_keys(words[::-1].tobytes())) != set(keys)
    (post,) = signatures_of(["Mantap pak, kampanye bersih tanpa politik uang di kampung kami"])
    assert post is not None
    assert post.quoted_keys == ()


def test_a_statute_read_out_and_printed_by_two_texts_makes_no_shared_run_key(monkeypatch):
    printed, read_out = signatures_of([STATUTE_LIST, STATUTE_READ_OUT])
    assert printed is not None
    assert read_out is not None
    assert not set(printed.run_keys) & set(read_out.run_keys)
    assert printed.run_keys  # their own words still make run keys
    assert read_out.run_keys
    assert (read_out.containment(printed) or 0.0) >= RUN_CONTAINMENT
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "x", printed).is_new
    assert _assign(grouper, "y", read_out).group == "y"
    # Without the statutes' runs (monitoring-20) the two joined by a run of the statute's words.
    monkeypatch.setattr(grouping, "statute_runs", lambda: np.empty(0, dtype=np.uint64))
    before_printed, before_read_out = signatures_of([STATUTE_LIST, STATUTE_READ_OUT])
    assert before_printed is not None
    assert before_read_out is not None
    assert set(before_printed.run_keys) & set(before_read_out.run_keys)
    before = Grouper(MemoryIndex())
    assert _assign(before, "x", before_printed).is_new
    joined = _assign(before, "y", before_read_out)
    assert (joined.group, joined.reason) == ("x", "run")


def test_the_statute_runs_cover_the_articles_as_printed_and_run_together():
    runs = statute_runs()
    assert len(runs) > 500
    assert np.all(runs[1:] > runs[:-1])  # sorted, distinct
    # A run of Pasal 490's penalty as an explainer prints it is one of them.
    (explainer,) = signatures_of(
        [
            "Dalam pasal itu disebutkan, setiap kepala desa atau sebutan lain yang dengan sengaja "
            "membuat keputusan dan/atau melakukan tindakan yang menguntungkan atau merugikan salah "
            "satu Peserta Pemilu dalam masa Kampanye, dipidana dengan pidana penjara paling lama "
            "1 (satu) tahun dan denda paling banyak Rp12.000.000,00 (dua belas juta rupiah). "
            "Bawaslu meminta semua kepala desa di kabupaten itu membaca aturan tersebut dengan "
            "teliti sebelum menghadiri acara apa pun yang digelar tim kampanye di desanya."
        ]
    )
    assert explainer is not None
    assert explainer.run_keys  # the explainer's own sentences
    assert not np.isin(np.array(explainer.run_keys, dtype=np.int64).view(np.uint64), runs).any()


@pytest.mark.django_db
@pytest.mark.parametrize("keyed", [True, False], ids=["with quoted-word keys", "without"])
def test_a_transcription_ingested_later_finds_the_statement_by_the_stored_quoted_word_keys(
    ingest, monkeypatch, keyed
):
    from netra.monitoring.models import GroupingKey

    if not keyed:  # as monitoring-20 stored and looked up items
        monkeypatch.setattr(grouping, "QUOTED_KEYS", 0)
    first = ingest([{"id": "1", "text": WARNING}], source="warning")
    later = ingest([{"id": "2", "text": WARNING_TRANSCRIBED}], source="transcription")  # a batch
    (signature,) = signatures_of([WARNING])
    assert signature is not None
    stored = set(GroupingKey.objects.values_list("key", flat=True))
    if keyed:
        assert later.outcomes[0].group == first.outcomes[0].group
        assert signature.quoted_keys
        assert set(signature.quoted_keys) <= stored
    else:
        assert later.outcomes[0].group != first.outcomes[0].group
        assert signature.quoted_keys == ()
