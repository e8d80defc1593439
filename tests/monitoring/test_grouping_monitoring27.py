"""Monitoring-27: one occasion retold by several reporters, joined by the figures they share."""

from __future__ import annotations

import zlib

import pytest

from netra.monitoring.core import grouping
from netra.monitoring.core.grouping import (
    QUOTE_CONTAINMENT,
    RELEASE_SHARE,
    RETOLD_FIGURES,
    RETOLD_SHARE,
    figure_crcs,
)
from tests.monitoring.test_grouping import APEL, APEL_REPORT
from tests.monitoring.test_grouping_monitoring24 import _joined, _signed

# A made-up parade before a vote, as one reporter wrote it ...
PARADE = (
    "Polres Tanjung Lembayung menggelar apel pergeseran pasukan di lapangan Bhayangkara "
    "Mapolres, Senin pagi, menjelang pemungutan suara Pilkada. Kapolres AKBP Darmawan Sitepu "
    "memeriksa kesiapan 1.284 personel gabungan yang akan menjaga 2.617 tempat pemungutan suara "
    "di sembilan kecamatan. Dari jumlah itu, 36 TPS di pesisir Kuala Benua digolongkan sangat "
    "rawan dan mendapat dua petugas masing-masing. Darmawan meminta anak buahnya menjauhi politik "
    "praktis, tidak berfoto dengan pasangan calon, dan segera melapor bila ada intimidasi. "
    "Dandim Letkol Inf Hasudungan Purba menambahkan 417 prajurit untuk patroli perahu di muara "
    "Sungai Lembayung. Apel ditutup dengan simulasi pengawalan kotak suara menuju gudang PPK."
)
# ... and as another reporter retold it: hardly a phrase in common, no quotation, but the same
# officials, places and figures (1.284 personnel, 2.617 polling stations, 417 soldiers).
RETOLD = (
    "Sebanyak 1.284 polisi dan tentara disiagakan untuk mengamankan coblosan di Tanjung "
    "Lembayung. Mereka dilepas Kapolres Darmawan Sitepu seusai apel di halaman markas, dan "
    "akan disebar ke 2.617 TPS. Menurut Darmawan, 36 lokasi di Kuala Benua paling dikhawatirkan "
    "karena riwayat bentrokan pada pemilihan lalu. Ia menegaskan personel wajib netral, "
    "dilarang berswafoto bersama kandidat, dan harus melapor kepada atasan bila menemukan "
    "tekanan terhadap pemilih. Sementara itu Komandan Kodim Hasudungan Purba menyiapkan 417 "
    "anggota yang berpatroli dengan perahu karet menyusuri muara. Seusai apel, petugas "
    "berlatih mengawal logistik dari kantor kecamatan."
)
# The same retelling with only one of the figures left (the others told in words).
ONE_FIGURE = RETOLD.replace("2.617 TPS", "dua ribu lebih TPS").replace(
    "417 anggota", "empat ratus anggota"
)
# The same police and commanders at another occasion, with figures of its own.
OTHER_OCCASION = (
    "Polres Tanjung Lembayung kembali menggelar apel, kali ini untuk operasi ketupat menjelang "
    "Lebaran. Kapolres AKBP Darmawan Sitepu memeriksa 352 personel yang akan berjaga di 14 pos "
    "pengamanan dan pelayanan sepanjang jalur lintas Kuala Benua. Darmawan meminta anggotanya "
    "ramah kepada pemudik, mewaspadai balap liar, dan menindak truk bermuatan berlebih. Dandim "
    "Letkol Inf Hasudungan Purba mengirim 60 prajurit untuk membantu di pelabuhan penyeberangan "
    "Sungai Lembayung. Apel ditutup dengan pemeriksaan kendaraan patroli dan ambulans."
)


def _crc(word: str) -> int:
    return zlib.crc32(word.encode())


def test_a_retelling_sharing_the_occasions_figures_joins_as_retold():
    parade, retold = _signed(PARADE, RETOLD)
    # No earlier rule takes it: hardly any shared 4-gram, under half the rare words shared.
    assert (retold.containment(parade) or 0.0) < QUOTE_CONTAINMENT
    assert RETOLD_SHARE <= (retold.salient_share(parade) or 0.0) < RELEASE_SHARE
    assert len(retold.figures & parade.figures) >= RETOLD_FIGURES
    for linked in (False, True):  # the fast path, and the general loop
        joined = _joined(PARADE, RETOLD, linked=linked)
        assert (joined.group, joined.matched, joined.reason) == ("a", "a", "retold")


def test_without_the_retold_rule_the_retelling_started_a_group_of_its_own(monkeypatch):
    monkeypatch.setattr(grouping, "RETOLD_FIGURES", 10**6)
    for linked in (False, True):
        assert _joined(PARADE, RETOLD, linked=linked).is_new


def test_one_shared_figure_is_not_enough():
    parade, one = _signed(PARADE, ONE_FIGURE)
    assert len(one.figures & parade.figures) == 1
    assert (one.salient_share(parade) or 0.0) >= RETOLD_SHARE
    assert _joined(PARADE, ONE_FIGURE).is_new


def test_another_occasion_of_the_same_officials_stays_apart():
    parade, other = _signed(PARADE, OTHER_OCCASION)
    assert (other.salient_share(parade) or 0.0) >= RETOLD_SHARE  # the same names and places
    assert not other.figures & parade.figures
    for linked in (False, True):
        assert _joined(PARADE, OTHER_OCCASION, linked=linked).is_new


def test_the_share_floor_keeps_texts_that_share_figures_but_little_else_apart(monkeypatch):
    parade, retold = _signed(PARADE, RETOLD)
    monkeypatch.setattr(grouping, "RETOLD_SHARE", (retold.salient_share(parade) or 0.0) + 0.01)
    assert _joined(PARADE, RETOLD).is_new


@pytest.mark.parametrize(
    ("word", "figure"),
    [
        ("284", True),
        ("2617", True),
        ("0023", True),  # "0,023" is normalised to "0 023"
        ("99999", True),
        ("2100", True),
        ("2024", False),  # a year is shared by every report and statute of it
        ("1945", False),
        ("17", False),  # too short to be salient
        ("123456", False),
        ("lembayung", False),
    ],
)
def test_figures_are_numbers_of_three_to_five_digits_but_not_years(word, figure):
    known = figure_crcs()
    place = int(known.searchsorted(_crc(word)))
    assert (place < len(known) and int(known[place]) == _crc(word)) is figure


def test_a_number_naming_a_military_unit_is_not_a_figure():
    # The same sentence with the number as a count and as the name of a unit (Kodim 1628).
    as_count, as_unit = _signed(
        PARADE.replace("417 prajurit", "1628 prajurit"),
        PARADE.replace("Dandim Letkol", "Dandim 1628 Letkol"),
    )
    assert _crc("1628") in as_count.figures
    assert _crc("1628") not in as_unit.figures
    assert _crc("284") in as_unit.figures


def test_a_later_report_naming_the_same_unit_and_one_figure_stays_apart():
    # test_grouping's APEL_REPORT repeats the apel's 1.250 staff and names Dandim 1628: one
    # figure, the unit's number not counted.
    apel, report = _signed(APEL, APEL_REPORT)
    assert (report.salient_share(apel) or 0.0) >= RETOLD_SHARE
    assert len(report.figures & apel.figures) == 1
    assert _joined(APEL, APEL_REPORT).is_new


def test_a_signature_without_salient_words_has_no_figures():
    (short,) = _signed("Apel 1.284 personel di 2.617 TPS Tanjung Lembayung menjelang pencoblosan")
    assert short.salient is None
    assert short.figures == frozenset()
