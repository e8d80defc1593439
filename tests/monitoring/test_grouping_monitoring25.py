"""Monitoring-25: the release rule's share of rare words lowered from 0.57 to 0.5."""

from __future__ import annotations

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    QUOTE_CONTAINMENT,
    RELEASE_CONTAINMENT,
    RELEASE_JACCARD,
    RELEASE_ORDER,
    RELEASE_SHARE,
)
from tests.monitoring.test_grouping_monitoring24 import (
    ANOTHER_OCCASION,
    RELEASE,
    _joined,
    _signed,
)

# A looser rewrite of monitoring-24's made-up release by a third outlet: it keeps the camat, the
# candidates, the supervisor and the secretary, leaves out several of the release's names and
# numbers and adds voices of its own (a resident, a watchdog, a councillor), so that it shares
# between half and 0.57 of the release's rare words, in much the release's order.
LOOSE_REWRITE = (
    "Camat Karangjati Sutrisno menjalani klarifikasi di kantor Bawaslu Wonosari "
    "pekan ini. Pemanggilan itu menyusul video pendek yang "
    "memperlihatkan dia membagi kalender pasangan Wibowo Santoso-Ratna Kusumawati kepada ketua RT "
    "di balai desa. Warga Dusun Krajan, Paiman, mengaku menerima kalender serupa dari "
    "perangkat desa sepekan sebelumnya, sementara Forum Pemantau Independen Gunungkidul mendesak "
    "Inspektorat turun tangan. Ketua Bawaslu Dwi Anggraeni mengatakan hasilnya dibahas "
    "dalam pleno minggu depan; bila terbukti, berkasnya dikirim ke BKN. Sekda Bambang "
    "mengaku sudah mengingatkan para camat agar netral menjelang pencoblosan 27 November, "
    "sedangkan Wakil Ketua DPRD Wonosari, Heru Prasetyanto, meminta Sutrisno dinonaktifkan."
)


def test_a_looser_rewrite_sharing_half_the_rare_words_joins_the_release():
    release, loose = _signed(RELEASE, LOOSE_REWRITE)
    share = loose.salient_share(release) or 0.0
    assert RELEASE_SHARE <= share < 0.57  # found since monitoring-25, missed with 0.57
    assert (loose.salient_similarity(release) or 0.0) >= RELEASE_ORDER
    assert loose.similarity(release) >= RELEASE_JACCARD
    assert (loose.containment(release) or 0.0) < min(QUOTE_CONTAINMENT, RELEASE_CONTAINMENT)
    for linked in (False, True):  # the fast path, and the general loop
        joined = _joined(RELEASE, LOOSE_REWRITE, linked=linked)
        assert (joined.group, joined.matched, joined.reason) == ("a", "a", "release")


def test_with_monitoring_24s_share_the_looser_rewrite_started_a_group_of_its_own(monkeypatch):
    monkeypatch.setattr(grouping, "RELEASE_SHARE", 0.57)
    assert _joined(RELEASE, LOOSE_REWRITE).is_new


def test_another_occasion_of_the_same_officials_still_stays_apart():
    release, other = _signed(RELEASE, ANOTHER_OCCASION)
    assert (other.salient_share(release) or 0.0) < RELEASE_SHARE
    assert _joined(RELEASE, ANOTHER_OCCASION).is_new
