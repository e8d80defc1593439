"""Word lists the tokenizer needs: informal spellings, verb roots worth stemming to, abbreviations.

Our own small lists, not a general stemmer: general Indonesian stemmers merge words this domain
must keep apart ("pasangan calon" is not "pasang calon", "pemilih" is not "pilih").
"""

from __future__ import annotations

from typing import Final

# Informal spelling -> canonical words (space-separated when one token stands for several).
SLANG: Final[dict[str, str]] = {
    # function words of chat and posts
    "yg": "yang",
    "yng": "yang",
    "utk": "untuk",
    "untk": "untuk",
    "dgn": "dengan",
    "dg": "dengan",
    "dngn": "dengan",
    "dr": "dari",
    "dri": "dari",
    "krn": "karena",
    "karna": "karena",
    "krna": "karena",
    "gk": "tidak",
    "ga": "tidak",
    "gak": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "g": "tidak",
    "udh": "sudah",
    "udah": "sudah",
    "sdh": "sudah",
    "dah": "sudah",
    "blm": "belum",
    "blom": "belum",
    "bgt": "banget",
    "bngt": "banget",
    "jgn": "jangan",
    "jngn": "jangan",
    "tgl": "tanggal",
    "sm": "sama",
    "ama": "sama",
    "org": "orang",
    "sy": "saya",
    "gw": "saya",
    "gue": "saya",
    "aku": "saya",
    "kmrn": "kemarin",
    "kmren": "kemarin",
    "skrg": "sekarang",
    "lg": "lagi",
    "aja": "saja",
    "tp": "tapi",
    "tpi": "tapi",
    "pd": "pada",
    "kpd": "kepada",
    "thd": "terhadap",
    "spt": "seperti",
    "kl": "kalau",
    "kalo": "kalau",
    "klo": "kalau",
    "jd": "jadi",
    "jdi": "jadi",
    "dlm": "dalam",
    "sbg": "sebagai",
    "sbgai": "sebagai",
    "trus": "terus",
    "emg": "memang",
    "emang": "memang",
    "bpk": "bapak",
    "pk": "pak",
    "ibu2": "ibu",
    "bapak2": "bapak",
    "nyuruh": "suruh",
    "ngajak": "ajak",
    "ngumpulin": "kumpul",
    "dikumpulin": "kumpul",
    "nyoblos": "coblos",
    "nyobos": "coblos",
    "milih": "pilih",
    "dipilih": "pilih",
    "ngeshare": "share",
    "dishare": "share",
    "ngelike": "like",
    "dilike": "like",
    "ngepost": "posting",
    "ngepos": "posting",
    "diposting": "posting",
    "dipost": "posting",
    "upload": "unggah",
    "diupload": "unggah",
    "ngupload": "unggah",
    "pasang2": "pasang",
    "makasih": "terima kasih",
    # offices and people
    "asn": "asn",
    "pns": "pns",
    "pppk": "pppk",
    "p3k": "pppk",
    "cpns": "cpns",
    "kades": "kepala desa",
    "kadis": "kepala dinas",
    "kabid": "kepala bidang",
    "kasubag": "kepala subbagian",
    "kaban": "kepala badan",
    "kakan": "kepala kantor",
    "kasubbag": "kepala subbagian",
    "kabag": "kepala bagian",
    "sekdes": "sekretaris desa",
    "sekcam": "sekretaris kecamatan",
    "sekda": "sekretaris daerah",
    "sekkab": "sekretaris daerah",
    "sekkot": "sekretaris daerah",
    "sekdaprov": "sekretaris daerah",
    "sekdakab": "sekretaris daerah",
    "sekdakot": "sekretaris daerah",
    "kepsek": "kepala sekolah",
    "kapus": "kepala puskesmas",
    "kadus": "kepala dusun",
    "kaur": "kaur",
    "wabup": "wakil bupati",
    "wagub": "wakil gubernur",
    "walkot": "wali kota",
    "walikota": "wali kota",
    "wawali": "wakil wali kota",
    "wawalkot": "wakil wali kota",
    "pj": "penjabat",
    "pjs": "penjabat",
    "plt": "pelaksana tugas",
    "babinsa": "babinsa",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "pemda": "pemerintah daerah",
    "opd": "opd",
    "skpd": "opd",
    "tni": "tni",
    "polri": "polri",
    "bumdes": "bumdes",
    # elections
    "paslon": "pasangan calon",
    "cabup": "calon bupati",
    "cawabup": "calon wakil bupati",
    "cagub": "calon gubernur",
    "cawagub": "calon wakil gubernur",
    "cawalkot": "calon wali kota",
    "cawawalkot": "calon wakil wali kota",
    "cawali": "calon wali kota",
    "bacalon": "bakal calon",
    "bacabup": "bakal calon bupati",
    "bacagub": "bakal calon gubernur",
    "bacawalkot": "bakal calon wali kota",
    "bapaslon": "bakal pasangan calon",
    "capres": "calon presiden",
    "cawapres": "calon wakil presiden",
    "caleg": "calon legislatif",
    "timses": "tim sukses",
    "jurkam": "juru kampanye",
    "medsos": "media sosial",
    "sosmed": "media sosial",
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "wa": "whatsapp",
    "wag": "whatsapp grup",
    "yt": "youtube",
    "tweet": "twitter",
    "parpol": "partai politik",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "pilbup": "pilkada",
    "pilwalkot": "pilkada",
    "pilgub": "pilkada",
    "pilwali": "pilkada",
    "pilkada2024": "pilkada",
    "pemilu2024": "pemilu",
    "apk": "alat peraga kampanye",
    "ktp": "ktp",
    "e-ktp": "ktp",
    "ektp": "ktp",
    "bukannya": "bukannya",  # rhetorical "isn't it", not a denial
    # the reported person of a laporan; kept whole, it refers back to who was named
    "terlapor": "terlapor",
}

# Verb roots that affixed forms are reduced to ("mengunggah", "diunggah" -> "unggah").
ROOTS: Final[frozenset[str]] = frozenset(
    """
    unggah posting post share like suka komentar follow ikut hadir pasang tempel sebar bagi
    ajak arah kumpul dukung daftar coblos pilih kampanye deklarasi promosi intimidasi ancam
    instruksi perintah minta imbau himbau larang lantik ganti mutasi rotasi nyata umum
    angkut guna pakai tampil pose acung rekam unggah siar gabung rangkap catat temu lapor
    panggil periksa klarifikasi duga sosialisasi kenal aku tunjuk libat kerah paksa tekan
    janji beri serah galang  tetap jabat daftar ambil sambut orasi hadiah kirim sebut
    tulis buat undang arahkan pesan program luncur salur lihat tangkap amankan terbit jatuh
    sanksi cabut tegas ingat himpun ajar bantu datang hibah kunjung tandatangan ucap dorong
    sampai dampingi antar umum cair coret kondisi wajib pindah edar kasih
    """.split()
)

# Words after which a full stop does not end a sentence.
ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    """
    kab kec kel ds jl no nomor drs dr ir h hj st sh se mm mh mpd spd sip sos ssos msi kom
    prof pol kompol kombes akp iptu ipda aiptu bripka brigpol bripda kapt mayor letkol kol
    pd si ag kes ked kep sp mpd spd mkes sag sstp ma mba mt mkom amd serka sertu pelda koptu
    praka prada tgl sdr sdri bpk ybs dkk dll dsb ttg kota prov
    """.split()
)
