"""Monitoring-28: retellings that share figures but no other key meet under a figure key."""

from __future__ import annotations

from itertools import combinations

import pytest

from netra.monitoring import services
from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    FIGURE_KEY_FIGURES,
    RETOLD_FIGURES,
    RETOLD_SHARE,
    Grouper,
    MemoryIndex,
    figure_pair_keys,
)
from netra.monitoring.models import GroupingKey
from tests.monitoring.test_grouping_monitoring24 import _joined, _signed

# A made-up press conference of a regency's Bawaslu, as one reporter wrote it ...
BRIEFING = (
    "Bawaslu Kabupaten Rantau Serindit membeberkan hasil pengawasan tahapan kampanye dalam "
    "konferensi pers di aula kantornya, Kamis sore. Ketua Bawaslu setempat, Marlina Tambunan, "
    "menyebut lembaganya menerima 214 laporan masyarakat sejak masa kampanye dibuka. Sebanyak 37 "
    "di antaranya menyangkut aparatur sipil negara yang diduga memihak calon bupati, mulai dari "
    "unggahan di media sosial hingga kehadiran camat dalam pertemuan relawan. Seluruh berkas itu "
    "sudah diteruskan kepada Badan Kepegawaian Negara untuk ditindaklanjuti. Marlina juga "
    "memaparkan bahwa 1.136 pengawas tempat pemungutan suara telah dilantik dan dibekali "
    "bimbingan teknis di Gedung Serbaguna Pangkalan Jambi. Ia mengingatkan kepala desa, lurah, "
    "guru honorer, dan pendamping program keluarga harapan agar menjaga jarak dari tim sukses. "
    "Koordinator divisi penanganan pelanggaran, Yohanes Silalahi, menambahkan patroli siber "
    "menelusuri akun-akun anonim yang menyebarkan fitnah terhadap penyelenggara."
)
# ... and as another reporter retold it: no sentence, name pair or phrase in the same words, so
# the two share no band, word, run, quote or salient key; what they share is the occasion's
# figures (214 reports, 1.136 polling-station supervisors) and a third of their rare words.
RETOLD = (
    "Sepanjang masa kampanye pilkada, warga Rantau Serindit rajin melapor. Tercatat 214 aduan "
    "masuk ke meja pengawas pemilu, ungkap Marlina, perempuan bermarga Tambunan yang memimpin "
    "Bawaslu kabupaten itu saat jumpa wartawan. Yang paling menonjol adalah 37 kasus pegawai "
    "pemerintah daerah: ada yang menyukai postingan kandidat, ada pula camat yang terekam hadir "
    "di acara tim pemenangan. Semua kasus pegawai tersebut kini ditangani BKN. Selain itu, "
    "menurut Marlina, 1.136 petugas pengawas TPS sudah diambil sumpahnya dan mengikuti pelatihan "
    "di Kecamatan Jambi, tepatnya kawasan Pangkalan, sebagai bekal menjelang hari pencoblosan "
    "bulan depan. Perangkat desa, pendamping bansos, hingga tenaga honorer sekolah diminta tidak "
    "ikut berkampanye. Yohanes Silalahi, anggota Bawaslu yang membidangi penindakan, mengatakan "
    "tim siber memantau akun palsu penyebar hoaks tentang panitia pemilihan."
)
# The retelling with one figure told in words: no pair of figures is left to share.
ONE_FIGURE = RETOLD.replace("1.136 petugas", "seribu lebih petugas")


def _keys(text: str, **kwargs: object) -> grouping.ItemKeys:
    return Grouper(MemoryIndex()).keys_of(text, **kwargs)  # type: ignore[arg-type]


def test_the_retelling_shares_no_key_but_a_figure_key():
    briefing, retold = _keys(BRIEFING), _keys(RETOLD)
    for kind in ("band_keys", "word_keys", "run_keys", "quote_keys", "salient_keys", "quoted_keys"):
        assert not set(getattr(briefing, kind)) & set(getattr(retold, kind)), kind
    assert set(briefing.figure_keys) & set(retold.figure_keys)
    first, second = _signed(BRIEFING, RETOLD)
    assert len(first.figures & second.figures) >= RETOLD_FIGURES
    assert (second.salient_share(first) or 0.0) >= RETOLD_SHARE


def test_a_retelling_found_only_by_a_figure_key_joins_as_retold():
    for linked in (False, True):  # the fast path, and the general loop (an item with a link)
        joined = _joined(BRIEFING, RETOLD, linked=linked)
        assert (joined.group, joined.matched, joined.reason) == ("a", "a", "retold")


def test_without_figure_keys_the_retelling_is_never_compared(monkeypatch):
    monkeypatch.setattr(grouping, "figure_pair_keys", lambda figures: ())
    for linked in (False, True):
        assert _joined(BRIEFING, RETOLD, linked=linked).is_new


def test_one_figure_makes_no_figure_key_and_the_retelling_stays_apart():
    assert _keys(ONE_FIGURE).figure_keys == ()
    for linked in (False, True):
        assert _joined(BRIEFING, ONE_FIGURE, linked=linked).is_new


def test_figure_keys_are_one_per_pair_of_the_smallest_figures_whatever_their_order():
    figures = [0x9000 + step * 7919 for step in range(FIGURE_KEY_FIGURES + 4)]
    keys = figure_pair_keys(figures)
    assert len(set(keys)) == FIGURE_KEY_FIGURES * (FIGURE_KEY_FIGURES - 1) // 2
    assert set(figure_pair_keys(list(reversed(figures)))) == set(keys)
    # Two texts that share two of their smallest figures share one key, and only that one.
    shared = figure_pair_keys(figures[:2])
    assert len(shared) == 1
    assert shared[0] in keys
    assert not set(figure_pair_keys([figures[0], 0x7FFF_FFFF])) & set(keys)
    assert figure_pair_keys(figures[:1]) == ()


def test_figure_keys_are_capped_like_word_keys():
    keys = _keys(BRIEFING)
    assert keys.figure_keys
    assert set(keys.figure_keys) <= set(keys.capped) <= set(keys.all)


def _stored() -> set[tuple[int, int, int]]:
    return set(GroupingKey.objects.values_list("key", "group_id", "item_id"))


@pytest.mark.django_db
def test_a_retelling_ingested_later_finds_the_briefing_by_its_stored_figure_keys(ingest):
    first = ingest([{"id": "1", "text": BRIEFING}], source="briefing")
    later = ingest([{"id": "2", "text": RETOLD}], source="retold")  # another batch
    assert later.outcomes[0].group == first.outcomes[0].group
    figure_keys = _keys(BRIEFING).figure_keys
    assert set(figure_keys) <= {key for key, _, _ in _stored()}


@pytest.mark.django_db
def test_rekey_writes_the_figure_keys_of_items_stored_before_them(ingest):
    ingest([{"id": "1", "text": BRIEFING}, {"id": "2", "text": RETOLD}], source="retold")
    stored = _stored()
    figure_keys = set(_keys(BRIEFING).figure_keys) | set(_keys(RETOLD).figure_keys)
    assert figure_keys <= {key for key, _, _ in stored}
    GroupingKey.objects.filter(key__in=figure_keys).delete()  # as monitoring-27 left them
    assert _stored() != stored
    services.resign_items(batch_size=1)
    assert _stored() == stored


def test_pairs_are_counted_once():
    figures = [11, 22, 33]
    assert len(figure_pair_keys(figures)) == len(list(combinations(figures, 2)))
