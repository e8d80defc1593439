"""Near-duplicate grouping in memory, and its quality on the labelled repost set."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.evaluate import (
    LabelledSetError,
    group_labelled,
    load_labelled_set,
    pair_scores,
)
from netra.monitoring.core.grouping import (
    DEFAULT_THRESHOLD,
    QUOTE_CONTAINMENT,
    RUN_CONTAINMENT,
    RUN_MIN_GRAMS,
    SALIENT_CONTAINMENT,
    SALIENT_MIN_GRAMS,
    SALIENT_MIN_SHARED,
    SIGNATURE_BYTES,
    VERIFY_MIN_WORDS,
    VERIFY_SIMILARITY,
    WORD_KEY_GROUPS,
    WORD_KEYS,
    WORD_SKETCH,
    Entry,
    Grouper,
    MemoryIndex,
    Signature,
    common_subsequence,
    common_words,
    normalise,
    normalise_url,
    quote_keys,
    salient_words,
    signature_of,
)

REPOSTS = Path(__file__).parent / "data" / "reposts.jsonl"
OBSERVED = Path(__file__).parent / "data" / "reposts_observed.jsonl"
HELD_OUT = Path(__file__).parent / "data" / "reposts_observed_heldout.jsonl"
# The later held-out sets, each pinned when it was gathered, before any change of its round was
# made or tuned: the SHA-256 of its labels and passage hashes (id, group, story, url, sha256 of
# the text, one line each, file order; re-signing with other keys keeps it, relabelling or
# swapping a passage does not), and its passages, true pairs and hard negatives. Keyed by number,
# with the round that gathered it.
FROZEN_HELD_OUT = {
    2: ("30040ee567d94c851c10cdecb4d5615a27f6e8c068fab7990b0110f5dfc56307", 124, 35, 80),  # mon-17
    3: ("3b2d5061434849880ecc6c78be28ecfafb2fa5620679e603721c587e8c1bb139", 123, 43, 74),  # mon-19
    4: ("ca0adbcfa24534cae8b6ff205249bdf1f7f13883ae02cacd8457655e087b6c8b", 109, 69, 52),  # mon-21
    5: ("d226d8ff65263fff0c3fa1ccbcb86cb7d749df163d003f65f8933b90ba4d8013", 82, 57, 25),  # mon-22
    6: ("2e3a83ec730e5a1634fbe55f248c0933351f82fcb808eb574e420c55d28588cf", 65, 44, 20),  # mon-23
    7: ("00abd107dd3ae3b2b42059efe248e9b5680ee4e16734833b24d66962dda60a06", 66, 35, 31),  # mon-24
    # heldout-8 (monitoring-26) was pinned before it was scored once with main's code.
    8: ("ed51620057708f573357b07dd9a97735a39c82b29a4aa83038cdda2eb813a1ec", 62, 18, 37),
    # heldout-9 (monitoring-27) was pinned before it was scored, once with the branch's code
    # and once with main's.
    9: ("cfe3ea0e24e3cafbd06586cdf1b44361df9ec9bd45cd42e52dc5787104a88356", 61, 25, 34),
    # heldout-10 (monitoring-28) was pinned before it was scored, once with the branch's code
    # and once with main's.
    10: ("c59f826e50a33460a5494a065988633e5aa40423d8028f2531fe88888ae8fa81", 42, 26, 20),
    # heldout-11 (monitoring-29) was pinned before it was scored, once with the branch's code
    # and once with main's.
    11: ("16de4ba2b098bbbbb9954fcf2bb8fcc895b732b07980795322fd23fce2d3f890", 26, 12, 10),
    # heldout-12 (monitoring-30) was pinned before any change of its round was made, and before
    # it was scored, once with the branch's code and once with main's.
    12: ("8ed687380530287f94a74459258033fb27b3092e35eb453ebdb639384495e832", 32, 15, 18),
    # heldout-13 (monitoring-32) was pinned before any change of its round was made, and before
    # it was scored, once with main's code and once with the branch's at the end.
    13: ("ceb96f06cc1c94ef9574cc3cb2e77363effdddc0c9aa36a061fbe6f6f83d0f0a", 44, 20, 21),
    # heldout-14 (monitoring-34) was pinned before any change of its round was made, and before
    # it was scored, once with main's code and once with the branch's at the end.
    14: ("a811adf497b6856be330df9669d3f48cee45f8e9b78b9834cdff03ac8c9357c6", 40, 13, 20),
    # heldout-15 (monitoring-35) was pinned before any change of its round was made, and before
    # it was scored once with main's code.
    15: ("ccfd7e035df8c98863d07d2c843c96ec36f58bb12fb2a92d29a3b693a5684f0f", 35, 25, 12),
}


def held_out(number: int) -> Path:
    return Path(__file__).parent / "data" / f"reposts_observed_heldout{number}.jsonl"


ORIGINAL = (
    "Camat Cibinong ikut kampanye pasangan calon nomor urut 2 di lapangan desa kemarin sore, "
    "videonya beredar di grup WhatsApp warga"
)


# An article's passage; the same passage stored with a site menu, "Baca juga" headlines and a
# footer inside (as Okezone, VIVA and TribunKaltim pages were captured); and another outlet's
# own report of the incident (same names, date and quote, its own wording).
ARTICLE = (
    "Bawaslu Kabupaten Cianjur memanggil Kepala Desa Sukamaju, Ahmad Fauzi, Senin (14/10/2024), "
    "setelah video dirinya mengajak warga memilih pasangan calon nomor urut 2 beredar di grup "
    "WhatsApp. Dalam video berdurasi 40 detik itu, Ahmad terlihat berbicara di depan puluhan warga "
    'di balai desa. "Kita semua harus kompak, pilih nomor dua," kata Ahmad dalam video tersebut. '
    "Ketua Bawaslu Cianjur, Rina Marlina, mengatakan pihaknya masih mengumpulkan keterangan saksi."
)
DILUTED = (
    "Beranda Berita Daerah Politik Pilkada 2024 Indeks. "
    + ARTICLE.replace(
        "di balai desa. ",
        "di balai desa. Baca juga: Ratusan Warga Antre Bantuan Pangan di Cianjur "
        "Baca juga: Harga Cabai Rawit Naik Jelang Akhir Tahun di Pasar Induk Cianjur ",
    )
    + " Baca juga: Jembatan Gantung Putus Diterjang Banjir Bandang"
    " Baca juga: Festival Kuliner Khas Sunda Digelar Akhir Pekan"
)
INDEPENDENT = (
    "Kepala Desa Sukamaju, Ahmad Fauzi, dipanggil Bawaslu Cianjur pada Senin (14/10/2024). "
    "Pemanggilan itu terkait rekaman yang memperlihatkan Ahmad meminta warganya mendukung "
    'pasangan nomor urut 2. "Kita semua harus kompak, pilih nomor dua," ucap Ahmad dalam rekaman. '
    "Rina Marlina selaku Ketua Bawaslu Cianjur menyebut klarifikasi akan dilanjutkan pekan depan."
)


def _assign(grouper: Grouper, item: str, text: str, **kwargs: object) -> str:
    return grouper.assign(item, grouper.keys_of(text, **kwargs)).group  # type: ignore[arg-type]


def _signatures(*texts):
    """The texts' signatures, each asserted to exist (a text too short has none)."""
    found = [signature_of(text) for text in texts]
    assert all(signature is not None for signature in found)
    return found


def _second_assigned(first, second):
    """How `second` is assigned in a fresh index that holds only `first` (as group "a")."""
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", first) == "a"
    return grouper.assign("b", grouper.keys_of(second))


def test_a_retweet_with_hashtags_joins_the_original_and_another_post_does_not():
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", ORIGINAL) == "a"
    assert _assign(grouper, "b", f"RT @warga: {ORIGINAL} #NetralitasASN 😡") == "a"
    other = "Kepala desa Sukamaju membagikan sembako atas nama caleg partai di balai desa"
    assert _assign(grouper, "c", other) == "c"


def test_posts_sharing_a_link_or_a_media_file_group_whatever_their_text():
    grouper = Grouper(MemoryIndex())
    _assign(grouper, "a", "lihat ini", links=["https://www.news.example/berita/1?utm_source=wa"])
    assert _assign(grouper, "b", "parah", links=["https://news.example/berita/1/"]) == "a"
    _assign(grouper, "c", "foto", media=["f" * 64])
    assert _assign(grouper, "d", "foto lagi", media=["f" * 64]) == "c"


def test_a_passage_diluted_by_inserted_lines_joins_and_another_outlets_report_does_not():
    article, diluted, independent = _signatures(ARTICLE, DILUTED, INDEPENDENT)
    # The inserted lines pull the 5-gram Jaccard below the former rule's 0.6; the article's own
    # word 4-grams are all still there.
    assert article.similarity(diluted) < 0.6
    assert (article.containment(diluted) or 0.0) > 0.95
    assert (article.containment(independent) or 0.0) < 0.2  # names, date and quote shared
    grouper = Grouper(MemoryIndex())
    # Candidates (a pair at 0.57 shares one of 21 bands of 6 rows about half the time; these do).
    assert set(grouper.keys_with(article).band_keys) & set(grouper.keys_with(diluted).band_keys)
    assert _assign(grouper, "a", ARTICLE) == "a"
    assert _assign(grouper, "b", DILUTED) == "a"
    assert _assign(grouper, "c", INDEPENDENT) == "c"


# Another site's version of ARTICLE: a paragraph of its own before the passage (as Tribun
# Lampung ran TribunSolo's Boyolali report), as long again as the passage itself.
LEAD = (
    "Viral di media sosial, sebuah video memperlihatkan seorang kepala desa di Kabupaten Cianjur "
    "mengajak warganya memilih salah satu pasangan calon bupati. Video itu diunggah akun TikTok "
    "warga setempat dan telah ditonton ratusan ribu kali. Warganet pun ramai mempertanyakan "
    "netralitas sang kepala desa. Keberadaan video itu membuat Bawaslu bereaksi. Kini Bawaslu "
    "tengah menelusuri video tersebut. Geger video viral itu kini menuai respons berbagai pihak, "
    "mulai dari camat hingga pengamat politik. Berikut selengkapnya dihimpun redaksi pada Selasa "
    "dari berbagai sumber."
)


def test_a_copy_behind_a_paragraph_of_its_own_is_a_candidate_by_its_word_keys():
    article, led, _independent = _signatures(ARTICLE, f"{LEAD} {ARTICLE}", INDEPENDENT)
    assert len(article.word_keys) == len(led.word_keys) == WORD_KEYS
    # The paragraph halves the 5-gram overlap: no LSH band is shared, but the passage's words
    # are all in the longer text and so are some of its smallest word 4-gram hashes.
    assert not set(article.band_keys) & set(led.band_keys)
    assert set(article.word_keys) & set(led.word_keys)
    assert article.containment(led) == 1.0
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", ARTICLE) == "a"
    assert _assign(grouper, "b", f"{LEAD} {ARTICLE}") == "a"
    assert _assign(grouper, "c", INDEPENDENT) == "c"  # the other outlet's report stays apart
    # Without its word keys (a signature read from the former format) it would stay apart.
    apart = Grouper(MemoryIndex())
    _assign(apart, "a", ARTICLE)
    assert apart.assign("b", apart.keys_with(Signature.from_bytes(led.values))).is_new


# A press release, and another outlet's story that prints one long passage of it (30 words in a
# row) between paragraphs of its own: the release's 4-grams in the story are under a third.
RUN = (
    "seluruh aparatur sipil negara di lingkungan pemerintah daerah agar tidak menghadiri "
    "kampanye, tidak memasang alat peraga, dan tidak mengunggah dukungan kepada pasangan calon "
    "di media sosial selama masa kampanye berlangsung."
)
RELEASE = (
    "Badan Pengawas Pemilihan Umum Kabupaten Garut menerbitkan imbauan kepada "
    f"{RUN} Imbauan tersebut disampaikan dalam rapat koordinasi bersama Sekretaris Daerah, para "
    "kepala dinas, dan camat se-Kabupaten Garut pada Rabu pagi. Bawaslu juga membuka "
    "posko pengaduan di setiap kecamatan agar warga dapat melaporkan dugaan pelanggaran netralitas "
    "yang mereka temukan di lapangan."
)
STORY = (
    "Menjelang hari pemungutan suara, suasana politik di Garut terus menghangat. Sejumlah "
    "relawan pasangan calon terlihat berkeliling kampung membagikan kalender dan stiker, "
    "sementara spanduk bermunculan di persimpangan jalan utama. Di tengah situasi itu, pengawas "
    f"pemilu mengingatkan {RUN} Menurut pengamat politik dari sebuah universitas swasta di "
    "Bandung, pengawasan terhadap pegawai daerah penting karena jejaring "
    "birokrasi kerap dimanfaatkan untuk menggalang suara di tingkat desa dan kelurahan."
)
# An independent report that quotes a shorter stretch (14 words) of the same release.
QUOTING = (
    "Para pegawai di Garut diminta tidak memasang alat peraga, dan tidak mengunggah dukungan "
    "kepada pasangan calon di media sosial, kata seorang komisioner. Ia menambahkan bahwa "
    "laporan warga akan ditindaklanjuti setelah bukti awal dikumpulkan oleh panitia pengawas "
    "kecamatan, dan hasil klarifikasi akan diumumkan kepada publik melalui situs resmi lembaga."
)


def test_a_story_printing_a_long_run_of_a_release_joins_it_by_a_run_key():
    release, story, _quoting = _signatures(RELEASE, STORY, QUOTING)
    assert release.word_count >= RUN_MIN_GRAMS
    assert story.word_count >= RUN_MIN_GRAMS
    # The containment alone would miss it; with the shared run it is enough (RUN_CONTAINMENT).
    assert RUN_CONTAINMENT <= (release.containment(story) or 0.0) < 0.45
    assert set(release.run_keys) & set(story.run_keys)
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", RELEASE) == "a"
    joined = grouper.assign("b", grouper.keys_of(STORY))
    assert (joined.group, joined.matched, joined.reason) == ("a", "a", "run")
    assert _assign(grouper, "c", QUOTING) == "c"  # a 14-word quote shares no run key
    # Without run keys (a signature read back from its stored form keeps none) it stays apart.
    apart = Grouper(MemoryIndex())
    _assign(apart, "a", RELEASE)
    assert apart.assign("b", apart.keys_with(Signature.from_bytes(story.to_bytes()))).is_new


# An independent report that prints 25 words of the release's long sentence (a run key is
# shared) inside a longer text of its own: a sentence quoted, not a copy.
QUOTING_LONG = (
    "Rapat dengar pendapat di gedung dewan berlangsung hingga larut malam ketika anggota komisi "
    "mempersoalkan anggaran pengawasan yang dinilai terlalu kecil untuk menjangkau desa terpencil. "
    "Dalam surat edaran yang dibacakan di ruang sidang, pemerintah meminta "
    + " ".join(RUN.split()[:25])
    + " Sejumlah anggota dewan menilai surat edaran itu datang terlambat, sebab laporan "
    "pelanggaran sudah menumpuk sejak pendaftaran calon, dan meminta inspektorat turun langsung "
    "memeriksa kecamatan yang disebut warga."
)


def _shares_a_key_but_stays_apart(monkeypatch, first, second, keys, floor):
    """Asserts that `first` and `second` share a key of kind `keys` yet stay in groups of their
    own under the containment `floor`; returns the second's assignment once the floor is 0."""
    one, other = _signatures(first, second)
    assert set(getattr(one, keys)) & set(getattr(other, keys))
    assert (one.containment(other) or 0.0) < getattr(grouping, floor)
    assert _second_assigned(first, second).group == "b"
    monkeypatch.setattr(grouping, floor, 0.0)
    return _second_assigned(first, second)


def test_a_report_quoting_one_long_sentence_shares_a_run_key_but_stays_apart(monkeypatch):
    joined = _shares_a_key_but_stays_apart(
        monkeypatch, RELEASE, QUOTING_LONG, "run_keys", "RUN_CONTAINMENT"
    )
    # On the run alone (monitoring-14's rule) it would join the release.
    assert (joined.group, joined.reason) == ("a", "run")


# One statement as two reporters transcribed it (a word changed or dropped every few words),
# each after a sentence of their own: short items, as posts and quoted passages are.
SAID = (
    '"Kami sudah memeriksa tiga personel yang fotonya beredar, dan hasilnya mereka hanya '
    'bertugas mengamankan acara, bukan mendukung pasangan calon,"'
)
RESAID = (
    "\u201cKami telah memeriksa tiga personel yang fotonya beredar, hasilnya mereka cuma bertugas "
    "mengamankan acara, bukan untuk mendukung pasangan calon,\u201d"
)
TRANSCRIBED = (
    "Kapolres Garut AKBP Rina Susanti menegaskan tidak ada anggotanya yang terlibat politik "
    f"praktis. {SAID} kata Rina kepada wartawan di Mapolres Garut, Selasa."
)
RETRANSCRIBED = (
    "Kapolres Garut AKBP Rina Susanti memastikan anggotanya tidak terlibat politik praktis. "
    f"{RESAID} ujar Rina kepada wartawan, Selasa."
)
# Two reports of their own that each print the statement, one transcription each.
REPORT = (
    "Pilkada Garut memasuki pekan terakhir masa kampanye dengan tiga pasangan calon berebut suara "
    "di empat puluh dua kecamatan. Tim pemenangan masing-masing menggelar kampanye akbar di "
    "alun-alun, sementara relawan membagikan kalender dan stiker dari rumah ke rumah. Di tengah "
    f"suasana itu beredar foto sejumlah polisi berpose bersama salah satu pasangan calon. {SAID} "
    "kata Kapolres. Pengamat politik dari universitas negeri di Bandung menilai pengawasan "
    "netralitas aparat perlu diperkuat menjelang hari pemungutan suara, terutama di desa-desa yang "
    "jauh dari pusat kota dan minim pemantau independen."
)
OTHER_REPORT = (
    "Badan Pengawas Pemilu Kabupaten Garut mencatat tujuh laporan dugaan pelanggaran selama masa "
    "kampanye, sebagian besar soal alat peraga yang dipasang di pohon dan tiang listrik. Ketua "
    "Bawaslu mengatakan laporan tentang foto polisi bersama pasangan calon sudah diteruskan ke "
    f"kepolisian untuk ditindaklanjuti. {RESAID} demikian keterangan Kapolres yang dikutip Bawaslu "
    "dalam rapat evaluasi. Bawaslu juga mengingatkan aparatur sipil negara, kepala desa, dan "
    "perangkat desa agar tidak ikut berkampanye karena sanksinya bisa berupa pidana pemilihan."
)


def test_a_quote_transcribed_by_another_reporter_joins_by_a_quote_key():
    said, resaid = _signatures(TRANSCRIBED, RETRANSCRIBED)
    assert set(said.quote_keys) & set(resaid.quote_keys)
    # Too few 4-grams shared for the containment (a word changed every few), enough for a quote.
    assert QUOTE_CONTAINMENT <= (said.containment(resaid) or 0.0) < DEFAULT_THRESHOLD
    joined = _second_assigned(TRANSCRIBED, RETRANSCRIBED)
    assert (joined.group, joined.reason) == ("a", "quote")


def test_reports_that_each_print_one_statement_share_a_quote_key_but_stay_apart(monkeypatch):
    joined = _shares_a_key_but_stays_apart(
        monkeypatch, REPORT, OTHER_REPORT, "quote_keys", "QUOTE_CONTAINMENT"
    )
    # On the quotation alone they would join.
    assert (joined.group, joined.reason) == ("a", "quote")


# Two explainers of their own that each print the text of Pasal 490 UU Pemilu (a third source:
# the law), and an official who names an article in speech.
PASAL_490 = (
    '"Setiap kepala desa atau sebutan lain yang dengan sengaja membuat keputusan dan/atau '
    "melakukan tindakan yang menguntungkan atau merugikan salah satu peserta pemilu dalam masa "
    "kampanye, dipidana dengan pidana penjara paling lama 1 (satu) tahun dan denda paling banyak "
    'Rp12.000.000,00 (dua belas juta rupiah),"'
)
EXPLAINER = (
    "Bawaslu Banyumas mengingatkan kepala desa agar menjaga netralitas menjelang pemungutan "
    "suara. Pasal 490 UU Nomor 7 Tahun 2017 tentang Pemilu berbunyi, "
    f"{PASAL_490} demikian bunyi pasal itu. "
    "Ketua Bawaslu Banyumas meminta warga melapor bila melihat kades berkampanye, memasang alat "
    "peraga di balai desa, atau membagikan bantuan atas nama pasangan calon. Laporan dapat "
    "disampaikan ke posko pengaduan di setiap kecamatan atau lewat nomor aduan yang dibuka sampai "
    "hari pemungutan suara, ujarnya dalam sosialisasi di aula kantor kecamatan Sokaraja. "
    "Sepanjang bulan lalu Bawaslu Banyumas menerima empat laporan soal kepala desa, dua di "
    "antaranya sudah diteruskan ke sentra penegakan hukum terpadu, sementara dua lainnya "
    "dihentikan karena saksi tidak bersedia memberikan keterangan kepada pengawas."
)
OTHER_EXPLAINER = (
    "Sanksi bagi kepala desa yang tidak netral diatur tegas dalam undang-undang. Menurut "
    f"Pasal 490 UU Pemilu, {PASAL_490} Aturan ini berlaku sejak masa kampanye dimulai, kata "
    "seorang pengajar hukum tata negara di Sumenep. Ia menilai banyak kades belum paham bahwa "
    "menghadiri deklarasi, mengunggah foto bersama calon di Facebook, atau mengarahkan warga "
    "dalam musyawarah dusun bisa dianggap menguntungkan peserta pemilu, sehingga sosialisasi "
    "ke pulau-pulau kecil perlu diperluas sebelum masa tenang tiba. "
    "Kampus tempatnya mengajar membuka klinik hukum gratis bagi perangkat desa yang ragu apakah "
    "sebuah kegiatan termasuk kampanye, dan relawan mahasiswa berkeliling ke kecamatan Kalianget "
    "serta Talango setiap akhir pekan."
)


def test_quotations_of_a_statutes_text_make_no_quote_keys(monkeypatch):
    one, other = _signatures(EXPLAINER, OTHER_EXPLAINER)
    # The article is most of both texts: enough 4-grams shared for the quote keys' floor.
    assert QUOTE_CONTAINMENT <= (one.containment(other) or 0.0) < DEFAULT_THRESHOLD
    assert one.quote_keys == other.quote_keys == ()
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", EXPLAINER) == "a"
    assert _assign(grouper, "b", OTHER_EXPLAINER) == "b"
    # Without the rule (monitoring-15's quote keys) the law's text joined them.
    monkeypatch.setattr(grouping, "is_statute_text", lambda norm: False)
    assert set(quote_keys(EXPLAINER)) & set(quote_keys(OTHER_EXPLAINER))
    before = Grouper(MemoryIndex())
    assert _assign(before, "a", EXPLAINER) == "a"
    joined = before.assign("b", before.keys_of(OTHER_EXPLAINER))
    assert (joined.group, joined.reason) == ("a", "quote")


def test_statute_text_is_told_by_its_wording_not_by_an_article_named_in_speech():
    assert grouping.is_statute_text(normalise(PASAL_490))
    assert grouping.is_statute_text("pasal 280 ayat 1 pelaksana peserta dan tim kampanye dilarang")
    assert grouping.is_statute_text("sebagaimana dimaksud pada ayat 1 dikenai sanksi")
    # An official citing an article by number, and a transcribed statement: quote keys kept.
    cited = "koridor tni itu kan ada uu nomor 34 tahun 2004 pasal 39 bahwa kita tidak boleh"
    assert not grouping.is_statute_text(cited)
    assert not grouping.is_statute_text(normalise(SAID))
    assert quote_keys(f'Ia berkata, "{cited}," di gedung DPR.')


# A prohibitive article quoted whole (Pasal 282 UU Pemilu): a list of offices, "dilarang" and the
# drafting's "dan/atau", with no penal clause and no "Setiap"/"Pasal N" opening (monitoring-19).
PASAL_282 = (
    '"Pejabat negara, pejabat struktural, dan pejabat fungsional dalam jabatan negeri, serta '
    "kepala desa dilarang membuat keputusan dan/atau melakukan tindakan yang menguntungkan atau "
    'merugikan salah satu Peserta Pemilu selama masa Kampanye,"'
)


def test_a_prohibitive_article_quoted_whole_makes_no_quote_keys(monkeypatch):
    explainer = EXPLAINER.replace(PASAL_490, PASAL_282).replace("Pasal 490", "Pasal 282")
    other = OTHER_EXPLAINER.replace(PASAL_490, PASAL_282).replace("Pasal 490", "Pasal 282")
    one, two = _signatures(explainer, other)
    assert QUOTE_CONTAINMENT <= (one.containment(two) or 0.0) < DEFAULT_THRESHOLD
    assert one.quote_keys == two.quote_keys == ()
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", explainer) == "a"
    assert _assign(grouper, "b", other) == "b"
    # Without the prohibitive-article rule (monitoring-18's statute rule) the article joined them.
    former = re.compile(grouping._STATUTE_TEXT.pattern.split("|\\bdilarang\\b")[0])
    monkeypatch.setattr(grouping, "_STATUTE_TEXT", former)
    assert not grouping.is_statute_text(normalise(PASAL_282))
    before = Grouper(MemoryIndex())
    assert _assign(before, "a", explainer) == "a"
    joined = before.assign("b", before.keys_of(other))
    assert (joined.group, joined.reason) == ("a", "quote")


def test_a_prohibition_said_in_speech_keeps_its_quote_keys():
    # Officials tell the same rules in their own words, without the drafting's "dan/atau".
    for said in (
        "Kepala desa juga dilarang memberikan keputusan yang berpihak, yang merugikan atau "
        "menguntungkan salah satu peserta pemilu dalam masa kampanye",
        "ASN juga dilarang membuat posting, comment, like bergabung atau follow dalam grup "
        "pemenangan bakal calon",
        "Anggota Polri juga dilarang melakukan foto self picture di medsos dengan gaya "
        "mengacungkan jari telunjuk",
    ):
        assert not grouping.is_statute_text(normalise(said))
        assert quote_keys(f'Ia berkata, "{said}," kemarin.')


# A regency's release (monitoring-19); a rewrite in another outlet's words that keeps its names,
# numbers and rare nouns in the same order but sets other rare words between them (so it shares
# few pairs of them) and prints the same quotation; and the Bawaslu's own report of the same
# weeks, which quotes the same words and names the same people in another order.
_APEL_QUOTE = '"Kami minta seluruh aparatur menjaga jarak dari kegiatan pasangan calon mana pun,"'
APEL = (
    "Bupati Sumbawa Barat Amar Nurmansyah menggelar apel netralitas di halaman kantor bupati "
    "Taliwang, Senin 14 Oktober 2024, diikuti 1.250 pegawai dari 38 perangkat daerah. Sekretaris "
    "Daerah Andi Firmansyah membacakan ikrar bersama Kapolres AKBP Yasmara Harahap, Dandim 1628 "
    f"Letkol Inf Ricky Sudarto dan Ketua Bawaslu Sumbawa Barat Haerul Asmar. {_APEL_QUOTE} kata "
    "Amar. Ia mengingatkan Surat Edaran Nomor 800/412/BKPSDM tentang larangan mengunggah foto "
    "bersama kandidat di Facebook, Instagram dan TikTok. Inspektorat, BKPSDM dan Diskominfo "
    "membentuk tim pemantau berisi 24 anggota yang bekerja sampai pemungutan suara 27 November "
    "2024 di Kecamatan Brang Ene, Jereweh, Maluk, Sekongkang, Seteluk dan Poto Tano."
)
APEL_REWRITE = (
    "Apel digelar Pemkab KSB: Amar Nurmansyah, bupati, memimpin barisan di Taliwang pagi itu, "
    "Senin 14 Oktober 2024, dengan 1.250 abdi negara dari 38 dinas dan badan. Andi Firmansyah "
    "selaku sekda melafalkan ikrar, didampingi Kapolres AKBP Yasmara Harahap, Dandim 1628 Letkol "
    "Inf Ricky Sudarto serta pimpinan Bawaslu Sumbawa Barat Haerul Asmar. "
    f"{_APEL_QUOTE} tegas orang nomor satu itu. Surat Edaran Nomor 800/412/BKPSDM kembali "
    "disebut: tiada foto dengan kandidat di Facebook, Instagram maupun TikTok. Inspektorat "
    "bersama BKPSDM serta Diskominfo menurunkan 24 personel pemantau hingga coblosan 27 November "
    "2024 di Brang Ene, Jereweh, Maluk, Sekongkang, Seteluk juga Poto Tano."
)
APEL_REPORT = (
    "Ketua Bawaslu Sumbawa Barat Haerul Asmar menerima laporan warga Maluk soal pegawai "
    "Diskominfo yang hadir di posko pemenangan, Jumat 18 Oktober 2024. Laporan itu menyertakan "
    "foto dari Instagram dan TikTok. Menurut Haerul, apel di Taliwang yang dipimpin Bupati Amar "
    f"Nurmansyah dengan kalimat {_APEL_QUOTE} belum cukup. Bawaslu memanggil tiga pegawai dari "
    "Jereweh dan Sekongkang, sementara Kapolres AKBP Yasmara Harahap dan Dandim 1628 Letkol Inf "
    "Ricky Sudarto diminta membantu pengamanan posko di Poto Tano, Seteluk dan Brang Ene sampai "
    "27 November 2024; 1.250 pegawai dan 38 perangkat daerah diminta tidak menghadiri kampanye, "
    "kata Andi Firmansyah."
)


def test_a_rewrite_keeping_the_rare_words_in_order_joins_by_them(monkeypatch):
    release, rewrite, report = _signatures(APEL, APEL_REWRITE, APEL_REPORT)
    assert all(s.salient is not None for s in (release, rewrite, report))
    # Nothing else joins the rewrite: too few word 4-grams for the quotation's floor, too few
    # pairs of rare words for the salient keys.
    assert (rewrite.containment(release) or 0.0) < QUOTE_CONTAINMENT
    assert len(set(rewrite.salient_keys) & set(release.salient_keys)) < 0.6 * len(
        rewrite.salient_keys
    )
    assert (rewrite.salient_similarity(release) or 0.0) >= VERIFY_SIMILARITY
    assert (report.salient_similarity(release) or 0.0) < VERIFY_SIMILARITY
    for linked in (False, True):  # the fast path, and the general loop (an item with a link)
        grouper = Grouper(MemoryIndex())
        assert _assign(grouper, "a", APEL) == "a"
        links = ("https://contoh.id/apel-rewrite",) if linked else ()
        joined = grouper.assign("b", grouper.keys_of(APEL_REWRITE, links=links))
        assert (joined.group, joined.matched, joined.reason) == ("a", "a", "rare words")
        links = ("https://contoh.id/laporan",) if linked else ()
        assert _assign(grouper, "c", APEL_REPORT, links=links) == "c"
    # Without the rare words in order (monitoring-18, so without monitoring-24's release rule
    # and monitoring-27's retold rule, which would join this rewrite too: it keeps the release's
    # figures) the rewrite started a group of its own.
    monkeypatch.setattr(grouping, "VERIFY_SIMILARITY", 1.01)
    monkeypatch.setattr(grouping, "RELEASE_SHARE", 1.01)
    monkeypatch.setattr(grouping, "RETOLD_FIGURES", 10**6)
    before = Grouper(MemoryIndex())
    assert _assign(before, "a", APEL) == "a"
    assert _assign(before, "b", APEL_REWRITE) == "b"


def test_common_subsequence_is_the_longest_one():
    def slow(first, second):  # the textbook table
        previous = [0] * (len(second) + 1)
        for x in first:
            current = [0]
            for j, y in enumerate(second):
                current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
            previous = current
        return previous[-1]

    rng = random.Random(19)
    for _ in range(500):
        first = [rng.randrange(6) for _ in range(rng.randrange(40))]
        second = [rng.randrange(6) for _ in range(rng.randrange(40))]
        assert common_subsequence(first, second) == slow(first, second)
    assert common_subsequence([1, 2, 3, 4], [9, 1, 3, 9, 4]) == 3


def test_only_long_texts_store_their_rare_words_and_former_signatures_still_read():
    assert signature_of(ORIGINAL).salient is None  # type: ignore[union-attr]
    (release,) = _signatures(APEL)
    assert release.salient is not None
    assert len(release.salient) // 4 == len(salient_words(normalise(APEL))) >= VERIFY_MIN_WORDS
    stored = release.to_bytes()
    again = Signature.from_bytes(stored)
    assert (again.values, again.words, again.word_count, again.salient) == (
        release.values,
        release.words,
        release.word_count,
        release.salient,
    )
    # Stored before monitoring-19: no rare words, read as such (and never compared by them).
    former = Signature.from_bytes(stored[: len(stored) - len(release.salient)])
    assert former.salient is None
    assert former.words == release.words
    assert former.salient_similarity(release) is None
    # Bytes past the sketch of a post, or fewer rare words than are ever stored: not a signature.
    post = signature_of(ORIGINAL).to_bytes()  # type: ignore[union-attr]
    for blob in (post + bytes(4), stored[: len(stored) - len(release.salient)] + bytes(4)):
        with pytest.raises(ValueError, match="but sketches"):
            Signature.from_bytes(blob)


# A regency's circular as its release told it; a site's rewrite of it (common words swapped or
# dropped, "Pemerintah Kabupaten" made "Pemkab", sentences merged: its names, numbers and rare
# nouns in the same order); and the Bawaslu's own report of the same weeks (the same regency,
# Sekda, circular number, platforms and BKN office, its own story).
CIRCULAR = (
    "Pemerintah Kabupaten Tanjungwangi menerbitkan Surat Edaran Bupati Nomor 17 Tahun 2024 "
    "tentang netralitas aparatur sipil negara menjelang pemilihan kepala daerah pada 27 November "
    "2024. Sekretaris Daerah Tanjungwangi, Hendra Wibisono, mengatakan edaran itu melarang "
    "pegawai memakai seragam dinas Korpri saat menghadiri kampanye pasangan calon. Pegawai juga "
    "dilarang mengunggah, membagikan, atau mengomentari konten kampanye di Facebook, Instagram "
    "dan TikTok. Hendra menambahkan, mobil dinas dan gedung Pendopo Tanjungwangi tidak boleh "
    "dipakai untuk kegiatan politik. Pelanggar akan dilaporkan kepada Badan Kepegawaian Negara "
    "Regional XIV Manokwari untuk dijatuhi hukuman disiplin."
)
REWRITTEN = (
    "TANJUNGWANGI - Pemkab Tanjungwangi menerbitkan Surat Edaran Bupati Nomor 17 Tahun 2024 "
    "soal netralitas ASN jelang pilkada tanggal 27 November 2024. Sekda Tanjungwangi Hendra "
    "Wibisono menyebut edaran tersebut melarang para pegawai memakai seragam dinas Korpri saat "
    "menghadiri kampanye paslon. Pegawai juga dilarang mengunggah, membagikan, atau mengomentari "
    "konten kampanye di Facebook, Instagram maupun TikTok. Hendra menambahkan, mobil dinas serta "
    "gedung Pendopo Tanjungwangi tak boleh dipakai untuk kegiatan politik. Pelanggar bakal "
    "dilaporkan ke BKN Regional XIV Manokwari agar dijatuhi hukuman disiplin."
)
SAME_WEEKS = (
    "Badan Pengawas Pemilu Tanjungwangi meminta pegawai pemerintah kabupaten menjaga netralitas "
    "selama masa kampanye pilkada. Ketua Bawaslu Tanjungwangi, Siti Rahmawati, menyebut pihaknya "
    "sudah menerima dua laporan tentang pegawai yang mengunggah foto bersama pasangan calon di "
    "Facebook dan TikTok. Laporan itu masih dikaji bersama Sekretaris Daerah Hendra Wibisono, "
    "yang sebelumnya menerbitkan Surat Edaran Bupati Nomor 17 Tahun 2024. Siti mengingatkan "
    "bahwa pelanggaran netralitas bisa dilaporkan ke Badan Kepegawaian Negara Regional XIV "
    "Manokwari dan pegawai yang terbukti bisa dijatuhi hukuman disiplin berat."
)


def test_a_rewrite_in_other_words_joins_by_its_salient_keys():
    source, rewrite = _signatures(CIRCULAR, REWRITTEN)
    # Too few 4-grams for the containment, no shared run of 15 words, no quotation: only the
    # rare words' pairs, in the same order, are left of the source.
    assert SALIENT_CONTAINMENT <= (source.containment(rewrite) or 0.0) < DEFAULT_THRESHOLD
    assert not set(source.run_keys) & set(rewrite.run_keys)
    assert not source.quote_keys
    assert len(set(source.salient_keys) & set(rewrite.salient_keys)) >= SALIENT_MIN_SHARED
    joined = _second_assigned(CIRCULAR, REWRITTEN)
    assert (joined.group, joined.matched, joined.reason) == ("a", "a", "salient")


def test_a_report_of_the_same_weeks_shares_salient_names_but_stays_apart(monkeypatch):
    source, other = _signatures(CIRCULAR, SAME_WEEKS)
    shared = set(source.salient_keys) & set(other.salient_keys)
    assert 0 < len(shared) < SALIENT_MIN_SHARED  # the same names, seldom in the same pairs
    grouper = Grouper(MemoryIndex())
    assert _assign(grouper, "a", CIRCULAR) == "a"
    assert _assign(grouper, "b", SAME_WEEKS) == "b"
    # One shared pair at any containment would join it.
    monkeypatch.setattr(grouping, "SALIENT_MIN_SHARED", 1)
    monkeypatch.setattr(grouping, "SALIENT_SHARE", 0.0)
    monkeypatch.setattr(grouping, "SALIENT_CONTAINMENT", 0.0)
    alone = Grouper(MemoryIndex())
    assert _assign(alone, "a", CIRCULAR) == "a"
    joined = alone.assign("b", alone.keys_of(SAME_WEEKS))
    assert (joined.group, joined.reason) == ("a", "salient")


def test_salient_words_are_the_rare_ones_and_hashtags_are_not_among_them():
    common = common_words()
    assert {"yang", "bawaslu", "kampanye", "netralitas"} <= common
    assert "tanjungwangi" not in common
    assert salient_words(normalise("Bawaslu memanggil Kades Tanjungwangi di Manokwari")) == [
        "tanjungwangi",
        "manokwari",
    ]
    tagged = signature_of(CIRCULAR + " #PendopoTanjungwangi #HukumanDisiplinXIV #Korpri2024")
    plain = signature_of(CIRCULAR)
    assert tagged is not None
    assert plain is not None
    assert tagged.salient_keys == plain.salient_keys


def test_only_texts_of_at_least_salient_min_grams_word_4grams_have_salient_keys():
    long = signature_of(CIRCULAR)
    short = signature_of(" ".join(CIRCULAR.split()[:40]))
    assert long is not None
    assert short is not None
    assert long.word_count >= SALIENT_MIN_GRAMS > short.word_count
    assert long.salient_keys
    assert len(set(long.salient_keys)) == len(long.salient_keys) <= grouping.SALIENT_KEYS
    assert short.salient_keys == ()


def test_only_quotations_of_at_least_quote_words_words_have_quote_keys():
    assert quote_keys("Tanpa kutipan apa pun, hanya kalimat biasa tentang kampanye.") == ()
    assert quote_keys('Ia menjawab "tidak benar itu" lalu pergi meninggalkan kantor desa.') == ()
    keys = quote_keys(TRANSCRIBED)
    assert len(keys) == len(set(keys)) > 0
    assert quote_keys(TRANSCRIBED.replace('"', "\u201c", 1)) == keys  # any double mark


def test_only_texts_of_at_least_run_min_grams_word_4grams_have_run_keys():
    words = RELEASE.split()
    long, short = _signatures(RELEASE, " ".join(words[:40]))
    assert long.run_keys
    assert short.word_count < RUN_MIN_GRAMS
    assert short.run_keys == ()
    assert signature_of(" ".join(words[: RUN_MIN_GRAMS + 3])).run_keys  # type: ignore[union-attr]


def test_a_word_key_names_at_most_its_cap_of_groups_and_then_answers_nothing():
    index, key, other = MemoryIndex(), 12345, 678
    entries = [Entry(f"i{n}", f"g{n}", None) for n in range(WORD_KEY_GROUPS + 3)]
    for entry in entries[: WORD_KEY_GROUPS - 1]:
        index.add(entry, [key, other], capped=[key])
    assert len(list(index.lookup([key], capped=[key]))) == WORD_KEY_GROUPS - 1  # still answers
    index.add(entries[WORD_KEY_GROUPS - 1], [key, other], capped=[key])
    # Full: it answers nothing as a word key, and takes no further group (the band key does).
    assert list(index.lookup([key], capped=[key])) == []
    assert len(list(index.lookup([key]))) == WORD_KEY_GROUPS
    index.add(entries[WORD_KEY_GROUPS], [key, other], capped=[key])
    assert len(index.entries[key]) == WORD_KEY_GROUPS
    assert len(index.entries[other]) == WORD_KEY_GROUPS + 1
    assert not index.holds(key, f"g{WORD_KEY_GROUPS}", f"i{WORD_KEY_GROUPS}")
    assert index.refused == [(key, f"g{WORD_KEY_GROUPS}")]  # the row a database must not write
    # A group it already names keeps its place, with its latest item.
    index.add(Entry("later", "g0", None), [key], capped=[key])
    assert index.holds(key, "g0", "later")
    assert index.text_candidates("x", [], [key]) == []


def test_containment_is_exact_for_texts_of_at_most_the_sketch_size():
    words = [f"kata{n}" for n in range(80)]  # 80 distinct words, nothing for normalise to split
    short, long = " ".join(words[:30]), " ".join(words[:30] + ["tambahan"] * 5 + words[40:60])
    mine, theirs = _signatures(short, long)
    assert mine.word_count == 27
    assert theirs.word_count <= WORD_SKETCH
    assert mine.containment(theirs) == theirs.containment(mine) == 1.0
    half = signature_of(" ".join(words[:15] + ["lain"] * 3 + words[60:75]))
    assert half is not None
    # 12 of the short text's 27 4-grams are shared (those of its first 15 words), of 30 in the
    # other: the share of the smaller set.
    assert mine.containment(half) == pytest.approx(12 / 27)


def test_a_signature_round_trips_and_one_of_the_former_format_is_compared_by_jaccard():
    copy = f"Viral di grup WA warga: {ARTICLE}"
    article, reposted = _signatures(ARTICLE, copy)
    assert Signature.from_bytes(article.to_bytes()) == article
    # Band keys made for a batch equal those of a signature read back from the database.
    assert Signature.from_bytes(article.to_bytes()).band_keys == article.band_keys
    assert len(set(article.band_keys)) == 21
    # Its one quotation is stored after the sketch (monitoring-30): its number, then 17 values.
    assert article.quotations is not None
    assert len(article.quotations) == 17 * 4
    assert len(article.to_bytes()) == SIGNATURE_BYTES + 4 + 4 * min(article.word_count, 64) + 72
    former = Signature.from_bytes(article.values)  # as stored before the word sketch
    assert former.words is None
    assert former.containment(reposted) is None
    grouper = Grouper(MemoryIndex())
    assert grouper.text_similarity(former, reposted) == former.similarity(reposted)
    assert grouper.text_similarity(article, reposted) == article.containment(reposted) == 1.0
    with pytest.raises(ValueError, match="got 300"):
        Signature.from_bytes(bytes(300))


def test_short_texts_are_not_grouped_by_text():
    grouper = Grouper(MemoryIndex())
    _assign(grouper, "a", "mantap pak")
    assert _assign(grouper, "b", "mantap pak!") == "b"


def test_a_threshold_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        Grouper(MemoryIndex(), threshold=1.5)
    with pytest.raises(ValueError, match="Jaccard threshold 0"):
        Grouper(MemoryIndex(), jaccard=0.0)


def test_normalisation_drops_retweet_prefix_links_handles_and_case():
    assert normalise("RT @a: Camat IKUT https://t.co/x kampanyeee!!! @b") == "camat ikut kampanyee"
    assert normalise_url("https://news.example") is None
    assert normalise_url("http://m.facebook.com/p/1?fbclid=x#c") == "https://facebook.com/p/1"


def test_pair_scores_count_pairs_within_groups():
    truth = {"a": "1", "b": "1", "c": "1", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}
    scores = pair_scores(truth, predicted)
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (3, 2, 1)
    assert scores.precision == 0.5
    assert scores.recall == pytest.approx(1 / 3)


def test_grouping_meets_the_targets_on_the_labelled_repost_set():
    # Targets of issue #11: precision >= 0.95 and recall >= 0.90 (docs/monitoring.md).
    items = [json.loads(line) for line in REPOSTS.read_text(encoding="utf-8").splitlines()]
    grouper = Grouper(MemoryIndex(), threshold=DEFAULT_THRESHOLD)
    predicted = {item["id"]: _assign(grouper, item["id"], item["text"]) for item in items}
    scores = pair_scores({item["id"]: item["group"] for item in items}, predicted)
    assert scores.true_pairs > 400  # the set really holds reposts
    assert scores.precision >= 0.95
    assert scores.recall >= 0.90
    # Measured at 0.45 (docs/monitoring.md): precision 0.969, recall 1.000 since the run keys
    # (monitoring-14; 0.989 before: DKPP rulings' 25-word boilerplate opening and one quote two
    # outlets printed alike now share a run key).
    assert scores.precision >= 0.965
    assert scores.recall >= 0.995


def test_grouping_on_copies_observed_in_the_wild_keeps_its_measured_quality():
    # Measured at the default threshold 0.45 (docs/history/monitoring-rounds.md, "Copies observed in
    # the wild") on the set enlarged in monitoring-13 (253 passages, 117 true pairs): precision
    # 1.000, recall 0.821 with the salient keys (monitoring-17: 96 pairs), 0.803 with runs of 15
    # words, quote keys and their containment floors (monitoring-15: 94 pairs; 0.744 with the runs
    # alone, 0.709 with runs of 20 words alone, 0.632 with the word keys alone, 0.547 without them).
    # The recall floor was 0.80 before monitoring-17. Real copies are edited more than the generated
    # ones (spun sentences, one quote transcribed by five reporters), so recall misses the issue's
    # 0.90; these floors keep it from getting worse unnoticed.
    items = load_labelled_set(OBSERVED)
    scores = pair_scores({i.id: i.group for i in items}, group_labelled(items, DEFAULT_THRESHOLD))
    assert scores.true_pairs >= 115  # the set really holds copies
    assert scores.precision >= 0.97
    # 0.872 since monitoring-24 (the release rule), 0.863 with monitoring-22, 0.846 with -21.
    assert scores.recall >= 0.87


def test_the_held_out_observed_set_is_readable_and_holds_copies_and_negatives():
    # Measured only at the end of a round (docs/monitoring.md): no quality floor here, so that
    # tuning on the development set never looks at it; only that the file is whole.
    items = load_labelled_set(HELD_OUT)
    sizes = Counter(item.group for item in items)
    assert len(items) == len({item.id for item in items}) >= 150
    assert sum(1 for size in sizes.values() if size > 1) >= 25  # copy groups
    assert sum(1 for size in sizes.values() if size == 1) >= 40  # hard negatives
    assert all(item.signature is not None for item in items)


@pytest.mark.parametrize(
    ("path", "labels_sha256", "passages", "true_pairs", "hard_negatives"),
    [
        # Each gathered and labelled before any change of its round and scored a few times since
        # (docs/monitoring.md); no quality floor, only that each is the frozen set: the same
        # passages under the same labels.
        (held_out(number), *frozen)
        for number, frozen in FROZEN_HELD_OUT.items()
    ],
    ids=[f"heldout-{number}" for number in FROZEN_HELD_OUT],
)
def test_a_later_held_out_set_is_frozen_and_holds_copies_and_negatives(
    path: Path, labels_sha256: str, passages: int, true_pairs: int, hard_negatives: int
) -> None:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    labels = "".join(
        f"{row['id']}\t{row['group']}\t{row['story']}\t{row['url']}\t{row['sha256']}\n"
        for row in rows
    )
    assert hashlib.sha256(labels.encode("utf-8")).hexdigest() == labels_sha256
    items = load_labelled_set(path)
    sizes = Counter(item.group for item in items)
    assert len(items) == len({item.id for item in items}) == passages
    assert sum(size * (size - 1) // 2 for size in sizes.values()) == true_pairs
    assert sum(1 for size in sizes.values() if size == 1) == hard_negatives
    assert all(item.signature is not None for item in items)


def test_a_labelled_item_given_by_signature_groups_as_its_text_does(tmp_path):
    copy = f"Viral di grup WA warga: {ORIGINAL}"
    lines = [
        {"id": "a", "group": "g", "text": ORIGINAL},
        {"id": "b", "group": "g", "signature": signature_of(copy).to_bytes().hex()},  # type: ignore[union-attr]
        {"id": "c", "group": "h", "signature": None},
        # A signature of the former format (no word sketch) is compared by 5-gram Jaccard.
        {"id": "d", "group": "g", "signature": signature_of(copy).values.hex()},  # type: ignore[union-attr]
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    items = load_labelled_set(path)
    assert group_labelled(items, DEFAULT_THRESHOLD) == {"a": "a", "b": "a", "c": "c", "d": "a"}


_SIGNED = signature_of(ORIGINAL).to_bytes().hex()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1]", "line 2: expected an object"),
        ('{"id": "x", "group": "g"}', "line 2: no `text` and no `signature`"),
        ('{"id": "a", "group": "g", "text": "t"}', "line 2: id 'a' appears twice"),
        ('{"id": "x", "group": "g", "signature": "ab"}', "line 2: `signature`: a signature is 512"),
        ('{"id": "x", "group": "g", "signature": "abc"}', "line 2: `signature` must be lowercase"),
        ('{"id": "x", "group": "g", "signature": "' + "00" * 520 + '"}', "counts 0 word 4-grams"),
        ('{"id": "x", "group": "", "text": "t"}', "line 2: `id` and `group` must be"),
        (f'{{"id": "x", "group": "g", "signature": "{_SIGNED}", "runs": [1.5]}}', "`runs` must be"),
        (f'{{"id": "x", "group": "g", "signature": "{_SIGNED}", "quotes": "k"}}', "`quotes` must"),
        (f'{{"id": "x", "group": "g", "signature": "{_SIGNED}", "salient": [true]}}', "`salient`"),
        ("{oops", "line 2: not JSON"),
    ],
)
def test_a_bad_labelled_set_line_is_named(tmp_path, line, message):
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "a", "group": "g", "text": "t"}\n' + line, encoding="utf-8")
    with pytest.raises(LabelledSetError, match=message.replace("(", r"\(")):
        load_labelled_set(path)


def _datasketch_signature(text: str) -> bytes | None:
    """The reference: datasketch fed the shingles one text at a time (the former code path)."""
    import zlib

    import numpy as np
    from datasketch import MinHash

    from netra.monitoring.core.grouping import MIN_SHINGLES, NUM_PERM, SEED, shingles

    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    minhash.update_batch(sorted(grams))
    return bytes(minhash.hashvalues.astype(np.uint32).tobytes())


def test_batch_signatures_equal_datasketchs_one_text_at_a_time():
    from netra.monitoring.core.grouping import signatures_of

    texts = [
        ORIGINAL,
        f"RT @warga: {ORIGINAL} #NetralitasASN 😡",
        "Lurah ñame café über Bupati Bogor dan kampanye di kantor desa",  # non-ASCII shingles
        "haha " * 40,  # long but only 5 distinct shingles: too short to compare
        "mantap pak",
        "",
        "ab" + "abcdefghijklmnopq",  # exactly at the shingle minimum
    ]
    texts += [line["text"] for line in map(json.loads, REPOSTS.read_text("utf-8").splitlines())]
    batch = signatures_of(texts)
    for text, signature in zip(texts, batch, strict=True):
        assert (signature.values if signature else None) == _datasketch_signature(text), text


def test_a_key_keeps_the_latest_item_of_each_group():
    from netra.monitoring.core.grouping import Entry

    index = MemoryIndex()
    index.add(Entry("a", "g1", None), [1, 2])
    index.add(Entry("b", "g1", None), [1])
    index.add(Entry("c", "g2", None), [1])
    assert sorted((key, entry.item) for key, entry in index.lookup([1, 2])) == [
        (1, "b"),
        (1, "c"),
        (2, "a"),
    ]
