"""Monitoring-24: one release told in other words joins by the share of its rare words."""

from __future__ import annotations

import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    QUOTE_CONTAINMENT,
    RELEASE_CONTAINMENT,
    RELEASE_JACCARD,
    RELEASE_ORDER,
    RELEASE_SHARE,
    VERIFY_SIMILARITY,
    Grouper,
    MemoryIndex,
    signatures_of,
)
from tests.monitoring.test_grouping import APEL, APEL_REPORT

# A district election supervisor's release on questioning a sub-district head (a made-up
# incident), and another outlet's rewrite of it: the same names, places, dates and numbers, the
# sentences reordered and reworded, no quotation, no run of words in common.
RELEASE = (
    "Badan Pengawas Pemilu Kabupaten Wonosari memeriksa Camat Karangjati, Sutrisno Hadiwijoyo, "
    "pada Selasa 14 Mei 2024 di kantor Bawaslu Jalan Merapi nomor 17. Pemeriksaan berlangsung "
    "sekitar dua jam setelah beredar rekaman ponsel berdurasi 48 detik. Dalam rekaman itu "
    "Sutrisno tampak membagikan kalender bergambar pasangan Wibowo Santoso dan Ratna Kusumawati "
    "kepada puluhan ketua RT di balai Desa Ngembesan. Ketua Bawaslu Wonosari, Dwi Anggraeni "
    "Puspitasari, menyebut hasil klarifikasi akan dibahas dalam rapat pleno pekan depan dan bila "
    "terbukti berkasnya diteruskan ke Badan Kepegawaian Negara. Sekretaris Daerah Wonosari, "
    "Bambang Kuncoro, menyatakan pemerintah kabupaten menghormati proses tersebut dan telah "
    "meminta seluruh camat menjaga netralitas menjelang pemungutan suara 27 November. Rekaman "
    "itu pertama kali diunggah akun Facebook Suara Karangjati dan dibagikan ratusan kali."
)
REWRITE = (
    "Sekda Wonosari Bambang Kuncoro mengaku menghormati langkah pengawas dan sudah mengingatkan "
    "semua camat agar netral jelang pencoblosan 27 November. Sebelumnya Camat Karangjati "
    "Sutrisno Hadiwijoyo dipanggil Bawaslu Wonosari ke kantornya di Jalan Merapi 17, Selasa "
    "(14/5/2024), kurang lebih dua jam. Ia diperiksa gara-gara video 48 detik dari ponsel warga "
    "yang menunjukkan dia membagi kalender pasangan calon Wibowo Santoso-Ratna Kusumawati kepada "
    "para ketua RT di Balai Desa Ngembesan. Menurut Dwi Anggraeni Puspitasari selaku ketua "
    "Bawaslu, hasilnya dibawa ke pleno minggu depan, dan jika terbukti perkaranya dikirim ke BKN. "
    "Video itu awalnya disebarkan akun Facebook Suara Karangjati hingga ratusan kali dibagikan."
)
# Another occasion of the same supervisor and the same secretary (its own incident): the names
# and the polling day are shared, the rest of its rare words are its own.
ANOTHER_OCCASION = (
    "Badan Pengawas Pemilu Kabupaten Wonosari meminta seluruh aparatur sipil negara menjaga "
    "netralitas selama masa kampanye yang dimulai 25 September 2024. Ketua Bawaslu Wonosari, Dwi "
    "Anggraeni Puspitasari, menyampaikan imbauan itu dalam sosialisasi di aula kantor bupati yang "
    "dihadiri para camat, lurah dan kepala dinas. Ia mengingatkan larangan memasang alat peraga, "
    "mengunggah dukungan di media sosial dan menghadiri deklarasi pasangan calon. Sekretaris "
    "Daerah Wonosari, Bambang Kuncoro, berjanji menindaklanjuti setiap laporan dan meminta camat "
    "menyebarkan surat edaran bupati ke semua desa sebelum pemungutan suara 27 November. "
    "Bawaslu juga membuka posko pengaduan di setiap kecamatan selama tahapan kampanye, termasuk "
    "layanan pesan singkat bagi warga Karangjati, Ngembesan dan Tegalrejo yang ingin melapor. "
    "Petugas posko di Sidomulyo, Kalibening, Watugajah dan Jatisari dipimpin Suharyanto, Lestari "
    "Wulandari dan Mujiono, yang dilatih dua hari di Hotel Graha Merapi bersama Panwascam."
)


def _signed(*texts: str) -> list[grouping.Signature]:
    signatures = signatures_of(list(texts))
    assert all(signature is not None for signature in signatures)
    return [signature for signature in signatures if signature is not None]


def _joined(first: str, second: str, *, linked: bool = False) -> grouping.Assignment:
    grouper = Grouper(MemoryIndex())
    grouper.assign("a", grouper.keys_of(first))
    links = ("https://contoh.id/berita-kedua",) if linked else ()
    return grouper.assign("b", grouper.keys_of(second, links=links))


def test_a_rewrite_of_one_release_joins_by_the_share_of_its_rare_words():
    release, rewrite, other = _signed(RELEASE, REWRITE, ANOTHER_OCCASION)
    assert all(s.salient is not None for s in (release, rewrite, other))
    # No earlier rule joins the rewrite: few shared 4-grams, the rare words in another order.
    assert (rewrite.containment(release) or 0.0) < QUOTE_CONTAINMENT
    assert RELEASE_ORDER <= (rewrite.salient_similarity(release) or 0.0) < VERIFY_SIMILARITY
    assert (rewrite.salient_share(release) or 0.0) >= RELEASE_SHARE
    assert rewrite.similarity(release) >= RELEASE_JACCARD
    assert (other.salient_share(release) or 0.0) < RELEASE_SHARE
    for linked in (False, True):  # the fast path, and the general loop (an item with a link)
        joined = _joined(RELEASE, REWRITE, linked=linked)
        assert (joined.group, joined.matched, joined.reason) == ("a", "a", "release")
        assert _joined(RELEASE, ANOTHER_OCCASION, linked=linked).is_new


def test_without_the_release_rule_the_rewrite_started_a_group_of_its_own(monkeypatch):
    monkeypatch.setattr(grouping, "RELEASE_SHARE", 1.01)
    assert _joined(RELEASE, REWRITE).is_new


def test_texts_sharing_more_wording_than_the_bound_do_not_join_by_rare_words(monkeypatch):
    # The rewrite shares 0.03 of the release's 4-grams; with the bound under that, the same pair
    # counts as two texts that share a passage (a statute's list read by two explainers), whose
    # rare words come from the passage rather than from one incident.
    release, rewrite = _signed(RELEASE, REWRITE)
    shared = rewrite.containment(release) or 0.0
    assert 0.0 < shared < RELEASE_CONTAINMENT
    assert _joined(RELEASE, REWRITE).reason == "release"
    monkeypatch.setattr(grouping, "RELEASE_CONTAINMENT", shared)
    assert _joined(RELEASE, REWRITE).is_new


@pytest.mark.parametrize("text", [RELEASE, REWRITE])
def test_the_salient_share_is_symmetric_and_needs_stored_salient_words(text):
    release, rewrite, mine = _signed(RELEASE, REWRITE, text)
    (short,) = _signed("Camat Karangjati diperiksa Bawaslu Wonosari soal kalender pasangan calon")
    assert release.salient_share(rewrite) == rewrite.salient_share(release)
    assert mine.salient_share(mine) == 1.0
    assert short.salient is None
    assert short.salient_share(release) is None
    assert release.salient_share(short) is None


def test_an_independent_report_naming_the_same_people_stays_apart_by_the_order_floor(monkeypatch):
    # test_grouping's designed negative (monitoring-19): a report of a complaint after the apel
    # that names nearly every person, office and place of the apel's release, in its own order.
    apel, report = _signed(APEL, APEL_REPORT)
    assert (report.salient_share(apel) or 0.0) >= RELEASE_SHARE
    assert (report.salient_similarity(apel) or 0.0) < RELEASE_ORDER
    assert _joined(APEL, APEL_REPORT).is_new
    # Without the floor on the rare words' order, the shared names alone would join it.
    monkeypatch.setattr(grouping, "RELEASE_ORDER", 0.0)
    joined = _joined(APEL, APEL_REPORT)
    assert (joined.group, joined.reason) == ("a", "release")
