"""Monitoring-32: the quoted-words rule (and the release rule) read quotation by quotation, and a
release join refused between items published months apart.

The texts are written for these tests. PERNYATAAN is a regional civil-service head's statement
(two quotations); TRANSKRIPSI another reporter's transcription of it. LAPORAN_SENDIRI reports
another occasion (a teacher questioned by the sub-district panel) with three quotations of its own
speakers, and prints the head's two sentences as background, a few words changed: its quoted words
repeat most of the statement's, in order. RILIS is a Bawaslu release on a hearing of three
officials; TULIS_ULANG an outlet's rewrite of it, sentence by sentence (the names kept, the
words around them and the sentences' order changed), which only the release rule joins."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.evaluate import LabelledSetError, group_labelled, load_labelled_set
from netra.monitoring.core.grouping import (
    Grouper,
    MemoryIndex,
    a_quoted_report_of_its_own,
    common_subsequence,
    common_subsequence_marks,
    signature_of,
)
from netra.monitoring.models import Item

PERNYATAAN = (
    "Kepala Badan Kepegawaian Daerah Kabupaten Sukamaju, Rudi Hartono, meminta seluruh pegawai "
    'menjauhi kegiatan kampanye selama masa pemilihan. "Pegawai yang ikut berkampanye atau '
    "memasang foto bersama calon di media sosial akan kami periksa dan kami jatuhi hukuman "
    'disiplin sesuai aturan kepegawaian," kata Rudi di kantornya, Senin. Ia menambahkan bahwa '
    'laporan warga akan ditindaklanjuti dalam tiga hari kerja. "Kami sudah membentuk tim '
    "pemeriksa yang bekerja sama dengan pengawas pemilu di setiap kecamatan agar setiap laporan "
    'cepat diperiksa," ujarnya.'
)
TRANSKRIPSI = (
    "Rudi Hartono selaku Kepala BKD Sukamaju mengingatkan aparatur sipil negara agar tidak "
    'terlibat kampanye. "Pegawai yang ikut berkampanye atau memasang foto bersama calon di media '
    "sosial pasti akan kami periksa dan kami jatuhi hukuman disiplin sesuai aturan "
    'kepegawaian," tuturnya kepada wartawan. "Kami juga sudah membentuk tim pemeriksa yang '
    "bekerja sama dengan pengawas pemilu di setiap kecamatan supaya setiap laporan cepat "
    'diperiksa," kata Rudi.'
)
LAPORAN_SENDIRI = (
    "Panitia pengawas Kecamatan Sukamaju memeriksa seorang guru yang mengunggah foto bersama "
    'calon bupati. "Guru tersebut datang memenuhi panggilan dan mengakui foto itu diunggah dari '
    'akunnya sendiri pada malam hari," kata Ketua Panwascam, Dedi Kurniawan. Menurut Dedi, '
    'pemeriksaan berlangsung dua jam. "Kami masih menunggu keterangan kepala sekolah dan dua '
    'orang saksi yang melihat unggahan itu sebelum dihapus," ujarnya. Sebelumnya Kepala BKD '
    'mengatakan, "Pegawai yang ikut kampanye atau memasang foto bersama calon di akun media '
    "sosial tentu akan kami periksa dan nanti kami jatuhi hukuman disiplin menurut aturan "
    'kepegawaian." Ia juga menyebut, "Kami sudah bentuk tim pemeriksa yang bekerja bersama '
    'pengawas pemilu di tiap kecamatan agar semua laporan cepat diperiksa." Guru itu sendiri '
    'menyatakan menyesal. "Saya tidak tahu bahwa unggahan seperti itu dilarang bagi guru '
    'pegawai negeri, dan saya sudah menghapusnya keesokan harinya," katanya.'
)
RILIS = (
    "Bawaslu Kabupaten Sukamaju menggelar sidang pemeriksaan dugaan pelanggaran netralitas "
    "terhadap Camat Cibeureum Asep Saepudin, Lurah Sindangsari Wawan Hermawan dan Kepala Desa "
    "Margamulya Ujang Sobari di aula kantor Bawaslu. Ketiganya diadukan oleh Lembaga Pemantau "
    "Pemilu Sukamaju setelah video pertemuan relawan pasangan Haris Munandar dan Rina Kartika "
    "beredar di grup percakapan warga. Dalam video itu Asep terlihat membagikan stiker, Wawan "
    "memegang bendera relawan, dan Ujang menyampaikan ajakan memilih pasangan tersebut. Majelis "
    "pemeriksa dipimpin Ketua Bawaslu Sukamaju Nandang Suryana dengan anggota Lina Marlina dan "
    "Hendra Gunawan. Para teradu membantah mengetahui bahwa pertemuan itu acara kampanye dan "
    "menyebut undangan datang dari pengurus karang taruna. Sidang dilanjutkan pekan depan dengan "
    "mendengar keterangan saksi dari Panwascam Cibeureum dan pengurus karang taruna Margamulya."
)
TULIS_ULANG = (
    "Nandang Suryana, Ketua Bawaslu Sukamaju, memimpin majelis pemeriksa bersama Lina Marlina dan "
    "Hendra Gunawan. Majelis itu memeriksa Camat Cibeureum Asep Saepudin, Lurah Sindangsari Wawan "
    "Hermawan, serta Kepala Desa Margamulya Ujang Sobari di aula kantor Bawaslu Kabupaten "
    "Sukamaju. Rekaman yang tersebar memperlihatkan Asep membagikan stiker, Wawan memegang "
    "bendera relawan, sedangkan Ujang mengajak hadirin memilih pasangan itu. Pengadu mereka, "
    "Lembaga Pemantau Pemilu Sukamaju, melapor sesudah video pertemuan relawan Haris Munandar dan "
    "Rina Kartika tersebar di grup percakapan warga. Di hadapan majelis, teradu mengaku tidak tahu "
    "pertemuan tersebut adalah kampanye, sebab undangannya dari pengurus karang taruna. Pekan "
    "depan majelis akan mendengar saksi dari Panwascam Cibeureum dan pengurus karang taruna "
    "Margamulya."
)
HEARING = date(2025, 8, 15)


def _assign(*texts: tuple[str, str], published: dict[str, date] | None = None):
    grouper = Grouper(MemoryIndex())
    dates = published or {}
    return {
        item: grouper.assign(item, grouper.keys_of(text, published=dates.get(item)))
        for item, text in texts
    }


# The quoted words, quotation by quotation.


def test_the_longest_common_subsequence_marks_the_places_it_uses():
    first, second = [1, 2, 3, 4, 5, 6], [9, 2, 4, 8, 6]
    marks_first, marks_second = common_subsequence_marks(first, second)
    assert sum(marks_first) == sum(marks_second) == common_subsequence(first, second) == 3
    assert [value for value, used in zip(first, marks_first, strict=True) if used] == [2, 4, 6]
    assert [value for value, used in zip(second, marks_second, strict=True) if used] == [2, 4, 6]
    assert common_subsequence_marks([], [1]) == ([], [False])


def test_a_report_of_its_own_is_told_by_the_quotations_it_does_not_share():
    statement, other = signature_of(PERNYATAAN), signature_of(TRANSKRIPSI)
    own = signature_of(LAPORAN_SENDIRI)
    assert statement is not None
    assert other is not None
    assert own is not None
    assert len(own.quotation_keys) == 5  # its three, and the statement's two as background
    assert a_quoted_report_of_its_own(own, statement)
    assert a_quoted_report_of_its_own(statement, own)  # either side
    assert not a_quoted_report_of_its_own(other, statement)  # a transcription: two, both shared
    # A signature stored before monitoring-30 keeps no quotations: the rule cannot tell.
    former = signature_of(LAPORAN_SENDIRI)
    assert former is not None
    former = replace(former, quotations=None)
    assert not a_quoted_report_of_its_own(former, statement)


def test_a_report_of_its_own_does_not_join_the_statement_it_repeats_by_quoted_words():
    assigned = _assign(("p", PERNYATAAN), ("l", LAPORAN_SENDIRI), ("t", TRANSKRIPSI))
    assert assigned["l"].is_new
    assert assigned["t"].group == "p"  # the other reporter's transcription still joins


def test_without_the_per_quotation_view_it_joined_by_its_quoted_words(monkeypatch):
    monkeypatch.setattr(grouping, "QUOTE_OWN", 0)
    assigned = _assign(("p", PERNYATAAN), ("l", LAPORAN_SENDIRI))
    assert assigned["l"].group == "p"
    assert assigned["l"].reason == "quoted words"


# The release rule: the publication dates, and the same per-quotation view.


@pytest.mark.parametrize(
    "published",
    [{}, {"w": HEARING}, {"r": HEARING, "w": HEARING + timedelta(days=30)}],
    ids=["undated", "one dated", "30 days apart"],
)
def test_a_rewritten_release_joins_by_the_release_rule_within_the_days(published):
    assigned = _assign(("r", RILIS), ("w", TULIS_ULANG), published=published)
    assert assigned["w"].group == "r"
    assert assigned["w"].reason == "release"


def test_a_release_join_is_refused_between_items_dated_months_apart():
    later = {"r": HEARING, "w": HEARING + timedelta(days=grouping.RELEASE_DAYS + 1)}
    assert _assign(("r", RILIS), ("w", TULIS_ULANG), published=later)["w"].is_new
    earlier = {"r": HEARING, "w": HEARING - timedelta(days=60)}
    assert _assign(("r", RILIS), ("w", TULIS_ULANG), published=earlier)["w"].is_new


def test_a_release_join_is_refused_when_either_text_is_a_report_of_its_own(monkeypatch):
    monkeypatch.setattr(grouping, "a_quoted_report_of_its_own", lambda mine, other: True)
    assert _assign(("r", RILIS), ("w", TULIS_ULANG))["w"].is_new


def test_a_labelled_line_may_give_its_publication_date(tmp_path):
    lines = [
        {"id": "r", "group": "g", "text": RILIS, "published": "2025-08-15"},
        {"id": "w", "group": "h", "text": TULIS_ULANG, "published": "2025-10-06"},
        {"id": "x", "group": "x", "text": PERNYATAAN, "published": None},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    items = load_labelled_set(path)
    assert [item.published for item in items] == [date(2025, 8, 15), date(2025, 10, 6), None]
    grouped = group_labelled(items)
    assert grouped["w"] != grouped["r"]  # 52 days apart: no release join
    path.write_text(json.dumps({**lines[0], "published": "15/08/2025"}), encoding="utf-8")
    with pytest.raises(LabelledSetError, match="published"):
        load_labelled_set(path)


# The ingest: a post's time is its publication date, for new posts and for stored items alike.


@pytest.mark.django_db
@pytest.mark.parametrize("batch_size", [1, 2], ids=["a batch each", "one batch"])
@pytest.mark.parametrize(("days", "joined"), [(3, True), (60, False)])
def test_the_ingest_refuses_a_release_join_between_posts_months_apart(
    ingest, batch_size, days, joined
):
    later = (HEARING + timedelta(days=days)).isoformat()
    posts = [
        {"id": "1", "text": RILIS, "posted_at": f"{HEARING.isoformat()}T09:00:00+07:00"},
        {"id": "2", "text": TULIS_ULANG, "posted_at": f"{later}T10:00:00+07:00"},
    ]
    result = ingest(posts, batch_size=batch_size)
    groups = [outcome.group for outcome in result.outcomes]
    assert (groups[0] == groups[1]) is joined
    assert Item.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("posted", "joined"), [("2025-08-16", True), ("2025-10-06", False)])
def test_a_stored_item_read_back_carries_its_date(ingest, posted, joined):
    ingest([{"id": "1", "text": RILIS, "posted_at": "2025-08-15T09:00:00+07:00"}])
    later = ingest(
        [{"id": "2", "text": TULIS_ULANG, "posted_at": f"{posted}T10:00:00+07:00"}], source="lain"
    )
    first = Item.objects.get(text=RILIS).group.key
    assert (later.outcomes[0].group == first) is joined
