"""Synthetic Indonesian posts for the screening benchmark, generated deterministically from a seed.

The mix mimics a social-media firehose during a Pilkada: mostly everyday chatter, some election
talk by ordinary people, a few posts that merely mention an official, and about 3% that tell of
an official doing something partisan. Every sentence here was written for this benchmark.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

TARGET_CHARS = 200
SHARE_ACTS = 0.15  # posts telling of an official's partisan act (the realistic stream)
SHARE_OFFICIAL_MENTIONS = 0.05  # posts naming an official without any act
SHARE_ELECTION_TALK = 0.12  # ordinary people talking about the election

CITIES = ["Bandung", "Garut", "Bekasi", "Bogor", "Solo", "Medan", "Makassar", "Kupang", "Jambi"]
FOODS = ["seblak", "bakso urat", "mie ayam", "nasi padang", "soto betawi", "martabak manis",
         "pecel lele", "gado-gado", "es cendol", "sate maranggi"]  # fmt: skip
ROADS = ["tol Cikampek", "jalan Pajajaran", "flyover Kuningan", "ring road utara",
         "jalan Sudirman", "simpang Jodoh"]  # fmt: skip
TEAMS = ["Persib", "Persija", "Arema", "PSM", "Bali United", "Timnas", "Persebaya"]
GOODS = ["cabai rawit", "bawang merah", "beras medium", "telur ayam", "minyak goreng", "gula pasir"]
LESSONS = ["matematika", "bahasa Inggris", "IPA", "sejarah", "PKN"]
WEATHER = ["hujan deras", "gerimis", "panas terik", "mendung", "angin kencang"]

CHATTER: list[str] = [
    "Baru nyobain {food} di dekat stasiun, enak banget tapi antrenya panjang.",
    "Ada yang tahu {food} paling enak di {city}? Lagi pengen banget nih wkwk.",
    "Macet total di {road} dari jam {hour} pagi, mending naik kereta aja besok.",
    "Perjalanan ke kantor yang biasanya 20 menit jadi satu jam gara-gara {road} ditutup.",
    "{team} menang {score} semalam, lini tengahnya main bagus banget gaes.",
    "Nonton bareng {team} di warung kopi rame banget, sampai ga kebagian kursi.",
    "Harga {good} naik lagi jadi Rp{price} per kilo, emak-emak pada ngeluh.",
    "Minggu ini {good} lagi murah, stok di warung sebelah melimpah.",
    "Anak saya besok ulangan {lesson}, semalam belajar sampai jam sebelas.",
    "PR {lesson} anak kelas lima susah juga ya, orang tua ikut pusing.",
    "Cuaca {city} hari ini {weather}, jangan lupa bawa payung kalau keluar.",
    "Sudah tiga hari {weather} terus, cucian nggak kering-kering.",
    "Selamat ulang tahun buat ibu tercinta, sehat selalu dan panjang umur ya.",
    "Ada info lowongan kerja admin gudang di {city}? Adik saya baru lulus.",
    "Motor mogok di tengah jalan, untung ada bengkel yang masih buka malam.",
    "Akhirnya gajian juga, langsung bayar listrik sama cicilan motor.",
    "Kucing tetangga melahirkan empat anak di teras rumah, lucu banget.",
    "Weekend ini enaknya ke pantai atau ke curug ya? Kasih saran dong.",
    "Paket dari toko online nyasar ke gang sebelah, kurirnya minta maaf.",
    "Sinyal di kampung nenek susah banget, mau video call aja putus-putus.",
]  # fmt: skip

ELECTION_TALK: list[str] = [
    "Debat paslon semalam seru, nomor urut {n} lebih siap soal {topic}.",
    "Jangan lupa datang ke TPS tanggal 27 November ya, satu suara sangat berarti.",
    "Survei terbaru bilang elektabilitas paslon {n} naik tipis di {city}.",
    "Tetangga saya relawan paslon {n}, tiap malam rapat di rumahnya sampai larut.",
    "Baliho calon bupati makin banyak di perempatan, jalan jadi semrawut.",
    "Semoga pilkada di {city} damai, siapa pun yang menang harus urus {topic}.",
    "Cek DPT online dulu biar tahu nyoblos di TPS mana, gampang kok.",
]  # fmt: skip
TOPICS = ["banjir", "harga pangan", "lapangan kerja", "jalan rusak", "air bersih", "sekolah gratis"]

OFFICIAL_MENTIONS: list[str] = [
    "Pak camat datang meresmikan jembatan baru di kampung kami, warga senang.",
    "Guru anak saya sabar banget ngajarin yang belum lancar membaca.",
    "Kepala desa kami memperbaiki jalan ke sawah pakai dana desa tahun ini.",
    "Antre di puskesmas sejak subuh, perawatnya ramah-ramah.",
    "Polisi mengatur lalu lintas di depan pasar pagi tadi, jadi lumayan lancar.",
    "Lurah mengajak warga kerja bakti membersihkan selokan hari Minggu.",
]  # fmt: skip

OFFICIALS = ["Camat {city}", "Kepala Desa Sukamaju", "Seorang guru PNS di {city}", "Lurah Cempaka",
             "Oknum anggota TNI", "Kades Mekarjaya", "Sekdes Karanganyar", "Kepala dinas PUPR",
             "Seorang ASN Pemkab {city}", "Bhabinkamtibmas desa itu"]  # fmt: skip
ACTS = [
    "mengunggah ajakan memilih paslon nomor urut {n} di akun Facebook pribadinya",
    "berfoto dengan pose {n} jari bersama paslon nomor urut {n} saat kampanye",
    "memasang baliho pasangan calon nomor urut {n} di depan kantornya",
    "hadir dalam deklarasi dukungan untuk bakal calon bupati di gedung serbaguna",
    "mengajak warga dalam rapat RT untuk memilih paslon nomor urut {n}",
    "membagikan stiker dan kalender paslon {n} kepada warga yang antre bantuan",
]
ACT_ENDINGS = [
    "Warga merekam kejadian itu dan melaporkannya ke Bawaslu.",
    "Videonya viral di grup WhatsApp warga sejak kemarin sore.",
    "Panwascam sudah meminta klarifikasi yang bersangkutan.",
    "Tangkapan layarnya beredar luas, banyak yang menyayangkan.",
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        food=rng.choice(FOODS),
        city=rng.choice(CITIES),
        road=rng.choice(ROADS),
        hour=rng.randint(5, 9),
        team=rng.choice(TEAMS),
        score=f"{rng.randint(1, 4)}-{rng.randint(0, 2)}",
        good=rng.choice(GOODS),
        price=f"{rng.randint(12, 90)}.000",
        lesson=rng.choice(LESSONS),
        weather=rng.choice(WEATHER),
        n=rng.randint(1, 4),
        topic=rng.choice(TOPICS),
    )


def _pad(first: str, rng: random.Random) -> str:
    """Add chatter sentences until the post is about TARGET_CHARS long."""
    parts = [first]
    length = len(first)
    while length < TARGET_CHARS - 40:
        sentence = _fill(rng.choice(CHATTER), rng)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def _act_post(rng: random.Random) -> str:
    official = _fill(rng.choice(OFFICIALS), rng)
    act = _fill(rng.choice(ACTS), rng)
    return f"{official} {act}. {rng.choice(ACT_ENDINGS)}"


def make_post(rng: random.Random, share_acts: float = SHARE_ACTS) -> tuple[str, str]:
    """One post and its kind: chatter, election, mention or act."""
    roll = rng.random()
    if roll < share_acts:
        return "act", _pad(_act_post(rng), rng)
    roll -= share_acts
    if roll < SHARE_OFFICIAL_MENTIONS:
        return "mention", _pad(rng.choice(OFFICIAL_MENTIONS), rng)
    roll -= SHARE_OFFICIAL_MENTIONS
    if roll < SHARE_ELECTION_TALK:
        return "election", _pad(_fill(rng.choice(ELECTION_TALK), rng), rng)
    return "chatter", _pad(_fill(rng.choice(CHATTER), rng), rng)


def posts(count: int, seed: int, share_acts: float = SHARE_ACTS) -> Iterator[dict[str, object]]:
    """Seeded posts; `share_acts` 1.0 makes the dense stream where every post tells an act."""
    rng = random.Random(seed)
    for number in range(count):
        kind, text = make_post(rng, share_acts)
        yield {"id": f"p{number:07d}", "text": text, "kind": kind}


def write_jsonl(path: Path, records: Iterator[dict[str, object]]) -> int:
    """Stream records to disk; returns the number written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
            written += 1
    return written


def repeated(source: Path, times: int) -> Iterator[dict[str, object]]:
    """The source's posts `times` over, each copy with new ids (read line by line)."""
    for copy in range(times):
        with source.open("rb") as handle:
            for raw in handle:
                record = json.loads(raw)
                record["id"] = f"r{copy}-{record['id']}"
                yield record


def news_article(paragraphs: int, seed: int) -> str:
    """A long news-style text: a dateline, the incident, reactions and background paragraphs."""
    rng = random.Random(seed)
    city = rng.choice(CITIES).upper()
    body = [
        f"{city}, Netra.test - {_act_post(rng)} Peristiwa itu terjadi pada Sabtu (12/10/2024).",
    ]
    fillers: list[Callable[[], str]] = [
        lambda: _fill(rng.choice(ELECTION_TALK), rng),
        lambda: _fill(rng.choice(CHATTER), rng),
        lambda: (
            "Ketua Bawaslu setempat mengatakan pihaknya masih mengumpulkan keterangan saksi "
            "dan bukti sebelum memutuskan apakah laporan itu memenuhi syarat formal dan materiel."
        ),
        lambda: (
            "Pengamat politik menilai netralitas aparatur menjadi kunci kepercayaan publik "
            "terhadap penyelenggaraan pemilihan kepala daerah serentak tahun ini."
        ),
    ]
    body.extend(" ".join(rng.choice(fillers)() for _ in range(4)) for _ in range(paragraphs))
    return "\n\n".join(body)
