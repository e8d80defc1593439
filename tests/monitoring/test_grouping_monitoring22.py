"""Monitoring-22: no floor on the shared 4-grams for the quoted-words rule, and a court's
sentencing formula left out of the quoted words."""

from __future__ import annotations

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    Grouper,
    MemoryIndex,
    is_sentencing_formula,
    normalise,
    quoted_words,
    signatures_of,
)
from tests.monitoring.test_grouping import OTHER_REPORT, REPORT
from tests.monitoring.test_grouping_quoted import (
    alike_quotations,
    joins_by_quoted_words_but_not_under,
    keyed,
)

# Two reports of two trials (other courts, defendants, years and sentences), each quoting its
# verdict's sentencing formula -- the same words in every verdict.
VERDICT_2019 = (
    "Majelis hakim Pengadilan Negeri Tanjung Lestari memvonis Kepala Desa Sumber Makmur, "
    "Kecamatan Pantai Utara, dengan hukuman delapan bulan penjara karena terlibat kampanye "
    'calon anggota legislatif. "Menjatuhkan pidana terhadap terdakwa dengan pidana penjara '
    "delapan bulan dan denda sebesar lima juta rupiah dengan ketentuan apabila denda tersebut "
    'tidak dibayar maka diganti dengan pidana kurungan selama dua bulan," kata ketua majelis '
    "hakim pada Senin. Terdakwa menyatakan pikir-pikir atas putusan itu. Perkara bermula dari "
    "laporan warga yang merekam terdakwa membagikan kalender bergambar calon di balai desa "
    "menjelang hari pemungutan suara. Penyidik sentra penegakan hukum terpadu kemudian "
    "memeriksa tujuh saksi, termasuk dua perangkat desa dan seorang pengurus karang taruna, "
    "sebelum berkas dilimpahkan ke kejaksaan negeri setempat awal bulan lalu."
)
VERDICT_2024 = (
    "Pengadilan Negeri Larantuka Barat menjatuhkan vonis tiga bulan kepada seorang kepala "
    "desa di pesisir timur lantaran menyatakan dukungan kepada calon wakil presiden di media "
    'sosial. "Menjatuhkan pidana terhadap terdakwa oleh karena itu dengan pidana penjara '
    "selama tiga bulan dan denda sebesar dua belas juta rupiah dengan ketentuan apabila denda "
    'tersebut tidak dibayar maka diganti dengan pidana kurungan selama tiga bulan," bunyi '
    "amar putusan yang dibacakan Selasa. Jaksa penuntut umum belum menentukan sikap. Kasus "
    "itu mencuat setelah tangkapan layar komentar terdakwa di Facebook beredar di grup "
    "percakapan warga dan dilaporkan seorang relawan ke pengawas kecamatan. Dalam persidangan "
    "terdakwa mengaku tidak mengetahui larangan tersebut dan meminta keringanan karena masih "
    "menanggung tiga anak yang bersekolah di ibu kota kabupaten."
)

# A minister's answer at a hearing as two reporters transcribed it: their own sentences share
# almost nothing (under 0.15 of the 4-grams, the floor of monitoring-20 and -21).
HEARING = (
    "Menteri Dalam Negeri menjawab pertanyaan anggota Komisi II dalam rapat kerja di gedung "
    'parlemen, Selasa (12/11/2024). "Setahu kami bupati definitif boleh mendukung pasangan '
    "calon karena dia kader partai, tetapi dia harus cuti pada saat berkampanye dan tidak "
    'boleh memakai fasilitas negara," kata Menteri. Ia menambahkan bahwa Bawaslu akan '
    "menindak kepala daerah yang berkampanye tanpa cuti."
)
HEARING_TRANSCRIBED = (
    "Persoalan kepala daerah yang ikut berkampanye kembali mengemuka di Senayan. Mendagri "
    'menegaskan, "Setahu kami bupati definitif itu boleh untuk mendukung paslon karena dia '
    "kader partai, tapi dia harus cuti saat berkampanye dan tidak boleh memakai fasilitas "
    'negara," ujarnya di hadapan para legislator. Sejumlah pegiat pemilu menilai aturan cuti '
    "itu sulit diawasi di daerah terpencil."
)


def test_a_sentencing_formula_gives_no_quoted_words():
    formula = (
        "Menjatuhkan pidana terhadap terdakwa dengan pidana penjara delapan bulan dan denda "
        "sebesar lima juta rupiah dengan ketentuan apabila denda tersebut tidak dibayar maka "
        "diganti dengan pidana kurungan selama dua bulan"
    )
    assert is_sentencing_formula(normalise(formula))
    assert is_sentencing_formula(normalise("apabila denda itu tidak dibayar diganti kurungan"))
    assert not is_sentencing_formula(normalise("Saya minta setiap anggota menjaga netralitas"))
    assert quoted_words(f'Hakim membacakan putusan. "{formula}," kata hakim.') == ()
    speech = "saya minta setiap anggota menjauhi kegiatan politik praktis dan jangan berfoto "
    speech += "dengan calon"
    both = f'"{formula}," kata hakim. "{speech.capitalize()}," kata Kapolres.'
    assert quoted_words(both) == tuple(grouping.zlib.crc32(w.encode()) for w in speech.split())


def test_two_trials_that_quote_the_sentencing_formula_stay_apart(monkeypatch):
    grouper = Grouper(MemoryIndex())
    assert keyed(grouper, "v2019", VERDICT_2019).is_new
    assert keyed(grouper, "v2024", VERDICT_2024).group == "v2024"
    # Without the rule the two verdicts' formulas are one statement to the quoted-words rule
    # (monitoring-29's verdict-formula rule, which also leaves out a quotation opening with
    # "Menjatuhkan", switched off with it).
    monkeypatch.setattr(grouping, "is_sentencing_formula", lambda norm: False)
    monkeypatch.setattr(grouping, "is_verdict_formula", lambda norm: False)
    alike_quotations(VERDICT_2019, VERDICT_2024)
    without = Grouper(MemoryIndex())
    assert keyed(without, "v2019", VERDICT_2019).is_new
    joined = keyed(without, "v2024", VERDICT_2024)
    assert (joined.group, joined.reason) == ("v2019", "quoted words")


def test_a_transcription_that_shares_little_else_joins_without_a_floor(monkeypatch):
    first, second = signatures_of([HEARING, HEARING_TRANSCRIBED])
    assert first is not None
    assert second is not None
    assert (second.containment(first) or 0.0) < 0.15
    # With monitoring-20's floor the transcription started a group of its own.
    joins_by_quoted_words_but_not_under(
        monkeypatch, "QUOTED_CONTAINMENT", 0.15, HEARING, HEARING_TRANSCRIBED
    )


def test_two_reports_that_share_no_word_gram_but_a_statement_stay_apart(monkeypatch):
    # Two reports of their own that each transcribe one statement (test_grouping's pair for the
    # quote keys): their quoted words are alike, but they share no word 4-gram at all, under the
    # floor of 0.01.
    first, second = alike_quotations(REPORT, OTHER_REPORT)
    assert (second.containment(first) or 0.0) < grouping.QUOTED_CONTAINMENT
    grouper = Grouper(MemoryIndex())
    assert keyed(grouper, "a", REPORT).is_new
    assert keyed(grouper, "b", OTHER_REPORT).group == "b"
    # With no floor at all they would join by their quoted words.
    monkeypatch.setattr(grouping, "QUOTED_CONTAINMENT", 0.0)
    without = Grouper(MemoryIndex())
    assert keyed(without, "a", REPORT).is_new
    assert keyed(without, "b", OTHER_REPORT).reason == "quoted words"
