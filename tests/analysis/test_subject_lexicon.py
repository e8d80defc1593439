"""Who the rules take for an official: job titles as Indonesian news writes them."""

from __future__ import annotations

import pytest

from netra.analysis import Analyzer
from netra.analysis.normalize import tokenize

# (sentence, the subject types named in it, why)
MENTION_CASES = [
    ("Kepala SMP 12 itu hadir di deklarasi.", {"asn"}, "a school head, the school's status untold"),
    ("Seorang guru SMA Negeri 3 mengunggah foto.", {"asn"}, "a state school employs PNS and PPPK"),
    ("Oknum guru itu menjadi tim sukses.", {"asn"}, "an errant teacher, as the news says"),
    ("Anggota Satpol PP itu mendukung cawapres.", {"asn"}, "a public-order officer"),
    ("Kepala Sekolah SMPN 15 membagikan kalender.", {"pns"}, "the head of a state school"),
    ("Kadisdik Sinjai meminta guru hadir.", {"pns"}, "the abbreviated head of a dinas"),
    ("Petahana melantik pejabat baru.", {"regional_head"}, "the incumbent regional head"),
    ("Guru itu mengajar matematika.", set(), "a teacher alone is not taken for an ASN"),
    ("Akun Instagram Dinas Kominfo mengunggah poster paslon.", {"asn"}, "an agency's account"),
    ("Akun resmi desa itu membagikan poster paslon.", {"village_official"}, "a village's account"),
    ("Akun milik warga itu membagikan poster paslon.", set(), "a citizen's account"),
    ("Guru SD 115 itu berkampanye di Facebook.", {"asn"}, "a primary-school teacher"),
    ("Guru SD Negeri 3 itu hadir.", {"asn"}, "a state primary-school teacher: PNS or PPPK"),
    ("Mobil dinas itu berstiker wajah paslon.", {"unknown"}, "a state car: some official"),
    ("Tenaga honorer di dinas itu menjadi tim sukses.", {"other"}, "honorary staff"),
    ("Sejumlah THL Pemkab diduga menjadi tim sukses.", {"other"}, "daily contract staff"),
    ("Guru di SMA Negeri 5 mengajak siswa.", {"asn"}, "a state-school teacher: PNS or PPPK?"),
    ("Kepala sekolah di SMP Negeri 2 mengajak guru.", {"pns"}, "a state school head, and where"),
    ("Dokter di RSUD itu berfoto dengan paslon.", {"asn"}, "a doctor where the state employs"),
    ("Petugas dari kelurahan mendata pemilih paslon.", {"asn"}, "staff of a kelurahan"),
    ("Guru di sekolah swasta itu hadir.", set(), "a teacher at a private school"),
    ("Warga di kelurahan itu hadir.", set(), "a resident, not staff"),
    ("Satuan Polisi Pamong Praja memasang baliho.", {"asn"}, "public-order officers, not police"),
    ("Polisi itu memasang baliho paslon.", {"polri"}, "the police"),
    ("Kapolda itu diduga mengarahkan warga.", {"polri"}, "a regional police chief by his office"),
    ("Irjen Pol Budi hadir di deklarasi.", {"polri"}, "a police general by his rank"),
    ("Pangdam itu menghadiri deklarasi paslon.", {"tni"}, "a regional army commander"),
    ("Sangadi itu mengajak warga memilih paslon.", {"village_head"}, "a village head in Bolmong"),
    ("Pamong kalurahan itu memasang baliho.", {"village_official"}, "Yogyakarta's village staff"),
    ("Pegawai Rumah Sakit Umum Daerah itu berkampanye.", {"asn"}, "hospital staff, spelled out"),
    ("Ketua Bumdes itu mengkampanyekan paslon.", set(), "a village-owned enterprise: no official"),
    ("Pejabat Kota Samarinda mengundang ketua RT.", {"pns"}, "a city's official, by the city"),
    ("Oknum kepolisian itu menghambat kampanye.", {"polri"}, "the police, as an institution"),
    ("Korwil Pendidikan itu mengajak guru memilih.", {"pns"}, "a district education coordinator"),
    ("Rektor UIN itu berkampanye di kampus.", {"pns"}, "a state Islamic university's rector"),
    ("Bidan desa itu membagikan stiker paslon.", {"asn"}, "a village midwife of the health office"),
    ("Pegawai Suku Dinas itu hadir di kampanye.", {"asn"}, "staff of a Jakarta agency"),
    ("Kakam Harapanrejo mengampanyekan paslon.", {"village_head"}, "a kepala kampung in Lampung"),
    ("Akun Instagram Polres Malang mengunggah foto paslon.", {"polri"}, "a police account"),
    ("Asisten I Setda itu hadir di deklarasi.", {"pns"}, "a sekda's numbered assistant"),
    ("Penyuluh agama itu mengajak jemaah memilih paslon.", {"asn"}, "a religious extension worker"),
    ("Kepala Pustu itu mengajak warga memilih paslon.", {"asn"}, "a village health post's head"),
    ("Kordinator Pendidikan itu mengajak guru memilih.", {"pns"}, "korwil as often misspelt"),
    ("Tenaga honor di dinas itu menjadi tim sukses.", {"other"}, "honorary staff, short form"),
    ("Kepling itu mengadakan kampanye di rumahnya.", {"other"}, "a Medan neighbourhood head"),
    ("Penyuluh di kebun itu menanam jagung.", set(), "an extension worker's field: no office"),
    ("Kepala Ohoi Sathean hadir di kampanye paslon.", {"village_head"}, "a Kei village's head"),
    ("Pangkostrad itu mengambil formulir partai.", {"tni"}, "the army's strategic commander"),
    ("Oknum pejabat itu mengerahkan ketua RT.", {"unknown"}, "an official, office not given"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kinds", "why"), MENTION_CASES, ids=[case[2] for case in MENTION_CASES]
)
def test_job_titles_name_the_kind_of_official(text: str, kinds: set[str], why: str) -> None:
    observation = Analyzer.rules_only().observe(text, tokenize(text))
    assert {mention.type for mention in observation.mentions} == kinds, why


# (sentence, whether the ASN named in it acts, why)
ACTING_CASES = [
    ("ASN yang bersangkutan sudah mengakui unggahan itu.", True, "the one in question"),
    ("Ada 2 orang ASN yang mendaftar ke partai politik.", True, "a counted group"),
    ("Ada dua orang ASN yang mendaftar ke partai politik.", True, "a counted group, in words"),
    ("ASN yang terbukti melanggar dikenai sanksi.", False, "a class under a rule"),
    ("1.200 orang ASN yang hadir menandatangani ikrar.", False, "a crowd at a pledge"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "acts", "why"), ACTING_CASES, ids=[c[2] for c in ACTING_CASES])
def test_an_asn_followed_by_yang_acts_only_when_pointed_at(text: str, acts: bool, why: str) -> None:
    observation = Analyzer.rules_only().observe(text, tokenize(text))
    assert [mention.is_actor for mention in observation.mentions] == [acts], why
