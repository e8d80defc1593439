"""A deterministic demonstration dataset, built through the real services.

Every case is filed with `receive_report` or `record_finding` and moved with `move_case`, so its
history, audit events, analyzer suggestion and statutory deadlines are the ones the system would
produce. The season is the real one: Pilkada 2024 cases happen during the kampanye (25 Sep - 23 Nov
2024, PKPU 2/2024) and Pemilu 2024 cases during the 2024 part of its kampanye, so
Pemilu recommendations go to KASN and Pilkada ones to BKN (SE MenPANRB 4/2024). Cases still open
either moved recently (within their deadline) or not (overdue), as in a real backlog.

The texts are written for this module in several registers (a formal laporan, a hurried chat
message, a news-style account, a bare one-liner) and include accounts that are not violations.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from netra.accounts.models import User
from netra.accounts.services import create_staff
from netra.cases.models import Case, ReporterKind
from netra.cases.selectors import election_by_code, staff_member
from netra.cases.services import (
    IncidentData,
    PartyData,
    ReporterData,
    assign_case,
    confirm_classification,
    move_case,
    receive_report,
    record_finding,
)
from netra.errors import NetraError
from netra.procedure.roles import DECIDING_SUPERVISORS, SUPERVISORS, Role
from netra.procedure.states import CaseState, asn_authority_on, recipient_for
from netra.procedure.transitions import transition_between
from netra.regions.models import Agency, Region, RegionLevel
from netra.regions.selectors import kecamatan_by_code, kecamatan_of, region_by_code
from netra.regions.zones import MONTHS_ID

DEFAULT_SEED = 2024
DEFAULT_COUNT = 400
JAKARTA = ZoneInfo("Asia/Jakarta")
HOME_PROVINCE = "32"  # Jawa Barat: where the demo users sit
HOME_REGENCY = "32.01"  # Kabupaten Bogor
HOME_KECAMATAN = "32.01.01"  # Cibinong: where the kecamatan-scoped Panwascam login sits
KECAMATAN_IN_TURN = 4  # home cases are spread over its first kecamatan by code
OTHER_REGIONS = 36  # kabupaten/kota outside Jawa Barat that get cases
# PKPU 2/2024: Pilkada kampanye 25 Sep - 23 Nov 2024. PKPU 3/2022: Pemilu kampanye
# 28 Nov 2023 - 10 Feb 2024, of which the demo uses the part from 2 Jan 2024: the shipped holiday
# calendar starts in 2024, and a clock it cannot count has no deadline.
PILKADA_SEASON = (date(2024, 9, 25), date(2024, 11, 23))
PEMILU_SEASON = (date(2024, 1, 2), date(2024, 2, 10))
PEMILU_SHARE = 0.2
FINDING_SHARE = 0.1
RECENT_SHARE = 0.6  # open cases whose last step is recent, i.e. still within the deadline
LATE_SHARE = 0.08  # reports that reach Bawaslu after the 7-day window


class DemoError(NetraError):
    code = "demo_unavailable"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: Role
    region_code: str | None
    password: str
    kecamatan_code: str | None = None  # a Panwascam scoped to one kecamatan (if loaded)


# One login per role. The passwords are public on purpose: this is a demo on 127.0.0.1.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("demo_admin", Role.ADMIN, None, "netra-admin"),
    DemoUser("demo_ri", Role.BAWASLU_RI, None, "netra-ri"),
    DemoUser("demo_provinsi", Role.BAWASLU_PROVINSI, HOME_PROVINCE, "netra-provinsi"),
    DemoUser("demo_kabkota", Role.BAWASLU_KABKOTA, HOME_REGENCY, "netra-kabkota"),
    DemoUser("demo_kecamatan", Role.PANWASCAM, HOME_REGENCY, "netra-kecamatan", HOME_KECAMATAN),
    DemoUser("demo_bkn", Role.BKN_ANALYST, None, "netra-bkn"),
    DemoUser("demo_ppk", Role.PPK_OFFICER, HOME_REGENCY, "netra-ppk"),
    DemoUser("demo_viewer", Role.VIEWER, HOME_PROVINCE, "netra-viewer"),
)


@dataclass(frozen=True, slots=True)
class DemoLoad:
    is_new: bool  # False when the dataset was already there (nothing was added)
    users: tuple[DemoUser, ...]
    cases: int
    by_state: Mapping[str, int]
    overdue: int
    regions: int


# -- text ---------------------------------------------------------------------------------------

_FIRST = (
    "Agus", "Bambang", "Dedi", "Eko", "Hendra", "Iwan", "Joko", "Rudi", "Slamet", "Teguh",
    "Yusuf", "Wahyu", "Asep", "Ujang", "Made", "Ketut", "Andi", "Rahmat", "Sri", "Dewi",
    "Nur", "Rina", "Lestari", "Yuli", "Fitri", "Ratna", "Siti", "Wulan", "Ani", "Maria",
)  # fmt: skip
_LAST = (
    "Saputra", "Wijaya", "Santoso", "Hidayat", "Pratama", "Kurniawan", "Setiawan", "Nugroho",
    "Gunawan", "Susanto", "Hasibuan", "Siregar", "Nasution", "Lubis", "Simanjuntak", "Manurung",
    "Tanjung", "Rahayu", "Wati", "Handayani", "Permana", "Sulistyo", "Purba", "Tambunan",
)  # fmt: skip
_ASN_POSTS = (
    ("Camat", "Kecamatan {kec}"),
    ("Sekretaris Camat", "Kecamatan {kec}"),
    ("Lurah", "Kelurahan {desa}"),
    ("Kepala Dinas Pendidikan", "Pemerintah {kab}"),
    ("Kepala Bidang Bina Marga", "Dinas PUPR {kab}"),
    ("Kepala Seksi Pemberdayaan", "Dinas Sosial {kab}"),
    ("Guru SMP", "SMP Negeri {n} {kabshort}"),
    ("Kepala Puskesmas", "Puskesmas {kec}"),
    ("Staf Pelaksana", "BPBD {kab}"),
    ("Kepala Sekolah", "SD Negeri {n} {kec}"),
)
_PLACES = (
    "Lapangan {desa}", "Gedung Serbaguna {kec}", "Aula Kantor Kecamatan {kec}",
    "Rumah Makan Saung {desa}", "Masjid Jami {desa}", "Balai Desa {desa}", "Pasar {kec}",
    "GOR {kabshort}", "Alun-alun {kabshort}",
)  # fmt: skip
_PLACE_STEMS = (
    "Sukamaju", "Mekarsari", "Cibodas", "Sindangsari", "Karangrejo", "Sumberjaya", "Tanjungsari",
    "Margamulya", "Sukaraja", "Jatiwangi", "Wonosari", "Purwodadi", "Bojongsari", "Cikaret",
)  # fmt: skip
_PLATFORMS = ("Facebook", "Instagram", "TikTok", "status WhatsApp", "grup WhatsApp RT")
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@dataclass(frozen=True, slots=True)
class Scenario:
    subject_type: str  # netra.rulebook subject code of the terlapor
    post: str  # "asn" picks from _ASN_POSTS; otherwise the terlapor's position itself
    text: str
    is_violation: bool = True
    names_party: bool = True


_SCENARIOS: tuple[Scenario, ...] = (
    Scenario("pns", "asn",
        "Pada hari {hari_tgl}, Sdr. {nama} yang menjabat sebagai {jabatan} pada {instansi} "
        "terlihat hadir dalam kampanye terbuka pasangan calon nomor urut {nomor} di {tempat}. "
        "Yang bersangkutan berdiri di barisan depan dan ikut meneriakkan yel-yel pasangan calon "
        "tersebut."),
    Scenario("pns", "asn",
        "min mau lapor, {jabatan_kecil} di kantor kami ({nama}) tiap hari posting dukungan buat "
        "paslon {nomor} di {platform}nya, malah pake foto berseragam dinas. udah ditegur "
        "baik2 tapi makin sering"),
    Scenario("pns", "asn",
        "{nama}, seorang {jabatan} di lingkungan {instansi}, diduga mengarahkan para guru "
        "honorer untuk memilih pasangan calon nomor {nomor}. Dalam rapat yang digelar di "
        "{tempat}, ia disebut meminta peserta rapat mengumpulkan fotokopi KTP sebagai bentuk "
        "dukungan kepada calon tersebut."),
    Scenario("pns", "asn",
        "Kami melaporkan penggunaan mobil dinas berpelat merah oleh {jabatan} {instansi}, "
        "Sdr. {nama}, untuk mengangkut atribut kampanye pasangan calon nomor urut {nomor} ke "
        "{tempat}. Kejadian ini kami saksikan langsung dan sempat kami foto."),
    Scenario("pns", "asn",
        "{jabatan} {nama} memasang spanduk paslon no {nomor} di pagar kantor {instansi}."),
    Scenario("pns", "asn",
        "Sdr. {nama}, {jabatan} pada {instansi} yang masih berstatus PNS aktif, telah "
        "mendeklarasikan diri sebagai bakal calon wakil bupati dalam acara di {tempat} tanpa "
        "mengajukan pengunduran diri dari jabatannya."),
    Scenario("pns", "asn",
        "ada foto {jabatan_kecil} {nama} pose salam dua jari bareng calon bupati waktu acara "
        "di {tempat}, fotonya udah nyebar di {platform}. tolong ditindak"),
    Scenario("pns", "asn",
        "Sdr. {nama} ({jabatan}, {instansi}) diketahui hadir dan mendaftar sebagai anggota "
        "partai politik pada acara peresmian kantor cabang partai di {tempat}."),
    Scenario("pppk", "Guru PPPK",
        "Seorang guru PPPK bernama {nama} menyebarkan tautan video kampanye pasangan calon "
        "nomor {nomor} ke grup WhatsApp wali murid dan meminta para orang tua siswa ikut "
        "memilih calon tersebut."),
    Scenario("village_head", "Kepala Desa",
        "Kepala Desa {desa}, Sdr. {nama}, dalam musyawarah desa di {tempat} secara terbuka "
        "meminta seluruh ketua RT mengarahkan warganya memilih pasangan calon nomor urut "
        "{nomor}."),
    Scenario("village_head", "Kepala Desa",
        "pak kades {desa} kemarin bagi2 sembako sambil bilang jangan lupa coblos nomor {nomor}, "
        "banyak warga yg rekam videonya"),
    Scenario("village_official", "Sekretaris Desa",
        "Sekretaris Desa {desa}, {nama}, tercatat sebagai anggota tim kampanye pasangan calon "
        "nomor urut {nomor} dan aktif membagikan kalender bergambar calon di {tempat}."),
    Scenario("tni", "Anggota TNI",
        "Seorang anggota TNI berpakaian dinas, diketahui bernama {nama}, terlihat mengawal dan "
        "ikut berkampanye untuk pasangan calon nomor {nomor} di {tempat}."),
    Scenario("polri", "Anggota Polri",
        "Oknum anggota Polri, {nama}, diduga mengunggah ajakan memilih pasangan calon nomor "
        "{nomor} di akun {platform} pribadinya yang mencantumkan identitas kesatuannya."),
    Scenario("pns", "asn",
        "Saya melihat {jabatan} {nama} datang ke {tempat} ketika ada kampanye, tetapi setelah "
        "saya tanyakan ternyata beliau sedang mengantar anaknya berobat ke puskesmas di sebelah "
        "lokasi. Mohon diperiksa apakah hal ini termasuk pelanggaran.", is_violation=False),
    Scenario("pns", "asn",
        "Mohon penjelasan: apakah PNS boleh menonton debat publik pasangan calon yang disiarkan "
        "televisi? Di {instansi} ada yang mengajak nonton bareng di {tempat} sepulang kerja.",
        is_violation=False, names_party=False),
    Scenario("unknown", "",
        "tolong dicek, kayaknya ada pegawai kecamatan yang dukung salah satu calon, tp saya gak "
        "tau namanya. kejadiannya di {tempat}", is_violation=False, names_party=False),
)  # fmt: skip


# -- paths through the procedure ----------------------------------------------------------------

_S = CaseState
_INTAKE = (_S.FORMAL_MATERIAL_CHECK, _S.REGISTERED)
_DECIDED = (*_INTAKE, _S.CLARIFICATION_STUDY, _S.DECIDED_VIOLATION)
_FWD = (*_DECIDED, _S.FORWARDED)
_BKN_PPK = (*_FWD, _S.BKN_VERIFICATION, _S.AWAITING_PPK)
_KASN_PPK = (*_FWD, _S.AWAITING_PPK)
_SANCTIONED = (_S.PPK_EXAMINATION, _S.SANCTION_IMPOSED)

# (weight, steps after intake). Shared by every subject: intake and decision.
_COMMON_PATHS: tuple[tuple[int, tuple[CaseState, ...]], ...] = (
    (5, ()),
    (6, (_S.FORMAL_MATERIAL_CHECK,)),
    (4, (_S.FORMAL_MATERIAL_CHECK, _S.NEEDS_COMPLETION)),
    (2, (_S.FORMAL_MATERIAL_CHECK, _S.NEEDS_COMPLETION, _S.FORMAL_MATERIAL_CHECK, _S.REGISTERED)),
    (6, (_S.FORMAL_MATERIAL_CHECK, _S.NOT_REGISTERED)),
    (2, (_S.INITIAL_INFORMATION,)),
    (6, _INTAKE),
    (8, (*_INTAKE, _S.CLARIFICATION_STUDY)),
    (4, _DECIDED),
)
_NOT_VIOLATION = (8, (*_INTAKE, _S.CLARIFICATION_STUDY, _S.DECIDED_NOT_VIOLATION))
# After a violation decision, by who the terlapor is.
_ASN_BKN_PATHS: tuple[tuple[int, tuple[CaseState, ...]], ...] = (
    (3, _FWD),
    (5, (*_FWD, _S.BKN_VERIFICATION)),
    (3, (*_FWD, _S.BKN_VERIFICATION, _S.BKN_NOT_PROVEN)),
    (2, (*_FWD, _S.BKN_VERIFICATION, _S.BKN_REJECTED)),
    (1, (*_FWD, _S.BKN_VERIFICATION, _S.BKN_ANNULLED)),
    (1, (*_FWD, _S.BKN_VERIFICATION, _S.ASN_ALREADY_SEPARATED)),
    (5, _BKN_PPK),
    (3, (*_BKN_PPK, _S.BKN_CONTROL_ACTION)),
    (4, (*_BKN_PPK, _S.PPK_EXAMINATION)),
    (5, (*_BKN_PPK, *_SANCTIONED)),
    (5, (*_BKN_PPK, *_SANCTIONED, _S.CLOSED)),
    (2, (*_BKN_PPK, *_SANCTIONED, _S.APPEAL)),
    (1, (*_BKN_PPK, *_SANCTIONED, _S.APPEAL, _S.CLOSED)),
)
_ASN_KASN_PATHS: tuple[tuple[int, tuple[CaseState, ...]], ...] = (
    (3, _KASN_PPK),
    (2, (*_KASN_PPK, _S.PPK_EXAMINATION)),
    (4, (*_KASN_PPK, *_SANCTIONED)),
    (6, (*_KASN_PPK, *_SANCTIONED, _S.CLOSED)),
    (1, (*_KASN_PPK, _S.BKN_CONTROL_ACTION, _S.SANCTION_IMPOSED, _S.CLOSED)),
)
_OTHER_PATHS: tuple[tuple[int, tuple[CaseState, ...]], ...] = (
    (4, _FWD),
    (8, (*_FWD, _S.CLOSED)),
)


def _pick(
    rng: random.Random, weighted: Sequence[tuple[int, tuple[CaseState, ...]]]
) -> tuple[CaseState, ...]:
    weights = [weight for weight, _ in weighted]
    return rng.choices([path for _, path in weighted], weights=weights)[0]


def _path_for(
    rng: random.Random, scenario: Scenario, *, is_kasn_era: bool
) -> tuple[CaseState, ...]:
    if not scenario.is_violation:
        return _pick(rng, (*_COMMON_PATHS[:7], _NOT_VIOLATION, _NOT_VIOLATION))
    if scenario.subject_type in {"pns", "pppk"}:
        tail = _ASN_KASN_PATHS if is_kasn_era else _ASN_BKN_PATHS
    else:
        tail = _OTHER_PATHS
    return _pick(rng, (*_COMMON_PATHS, _NOT_VIOLATION, *tail))


# -- the cast that does the work ----------------------------------------------------------------


class _Staff:
    """Who acts for each region: the demo logins at home, a working account elsewhere."""

    def __init__(self, users: Mapping[str, User]) -> None:
        self._users = dict(users)

    def _worker(self, username: str, role: Role, region: Region) -> User:
        user = self._users.get(username) or staff_member(username)
        if user is None:
            user = create_staff(username, role=role, region=region, actor=None)
        self._users[username] = user
        return user

    def supervisor(self, region: Region, *, deciding: bool) -> User:
        if region.code == HOME_REGENCY:
            # Every Panwascam login has its kecamatan (least privilege): the kabupaten's own
            # office makes the home regency's steps, wherever in the regency the case lies.
            return self._users["demo_kabkota"]
        if region.code.startswith(HOME_PROVINCE + "."):
            return self._users["demo_provinsi"]
        province = region.code.split(".")[0]
        assert region.parent is not None  # noqa: S101 -- cases sit in a kabupaten/kota
        return self._worker(f"bawaslu_{province}", Role.BAWASLU_PROVINSI, region.parent)

    def ppk(self, region: Region) -> User:
        if region.code == HOME_REGENCY:
            return self._users["demo_ppk"]
        assert region.parent is not None  # noqa: S101 -- cases sit in a kabupaten/kota
        code = region.code.replace(".", "")
        return self._worker(f"ppk_{code}", Role.PPK_OFFICER, region)

    def bkn(self) -> User:
        return self._users["demo_bkn"]

    def for_move(self, source: CaseState, target: CaseState, region: Region) -> User:
        transition = transition_between(source, target)
        if transition is None:
            raise DemoError(f"demo path has no move {source.value} -> {target.value}")
        roles = transition.roles
        if roles & DECIDING_SUPERVISORS:
            deciding = not (roles & SUPERVISORS - DECIDING_SUPERVISORS) or target in {
                _S.REGISTERED,
                _S.NOT_REGISTERED,
            }
            return self.supervisor(region, deciding=deciding)
        if Role.PPK_OFFICER in roles:
            return self.ppk(region)
        return self.bkn()


# -- building one case --------------------------------------------------------------------------


def _roman(month: int) -> str:
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
    return numerals[month - 1]


def _payload(
    target: CaseState, *, on: date, case: Case, subject: str, rng: random.Random, seq: int
) -> dict[str, object]:
    tag = f"{seq:03d}"
    region = case.region.code
    month = _roman(on.month)
    if target is _S.FORMAL_MATERIAL_CHECK and case.state == _S.NEEDS_COMPLETION:
        return {"completion_note": "Pelapor melengkapi foto kejadian dan nama dua orang saksi."}
    payloads: dict[CaseState, Callable[[], dict[str, object]]] = {
        _S.NEEDS_COMPLETION: lambda: {
            "missing_items": "Bukti foto atau video kejadian serta identitas saksi yang melihat "
            "langsung."
        },
        _S.NOT_REGISTERED: lambda: {
            "reason": "Laporan disampaikan melewati 7 hari sejak peristiwa diketahui."
            if case.is_late
            else rng.choice(
                (
                    "Syarat materiel tidak terpenuhi: waktu dan tempat kejadian tidak jelas.",
                    "Terlapor tidak dapat diidentifikasi dari uraian dan bukti yang ada.",
                )
            )
        },
        _S.INITIAL_INFORMATION: lambda: {
            "reason": "Pelapor mencabut laporannya; uraiannya dicatat sebagai informasi awal."
        },
        _S.REGISTERED: lambda: {
            "registration_number": f"{tag}/Reg/{'LP' if case.origin == 'report' else 'TM'}/"
            f"PB/{region}/{month}/{on.year}"
        },
        _S.DECIDED_NOT_VIOLATION: lambda: {
            "study": "Klarifikasi terhadap pelapor, saksi dan terlapor tidak menemukan tindakan "
            "yang berpihak kepada peserta pemilihan.",
            "decision": "Rapat pleno memutuskan laporan bukan merupakan pelanggaran.",
        },
        _S.DECIDED_VIOLATION: lambda: {
            "study": "Keterangan saksi dan bukti foto menunjukkan terlapor berpihak kepada "
            "pasangan calon; unsur pelanggaran netralitas terpenuhi.",
            "decision": "Rapat pleno memutuskan terlapor melanggar ketentuan netralitas.",
            "violation_type": "peraturan_perundangan_lainnya",
        },
        _S.FORWARDED: lambda: {
            "recipient": recipient_for(subject, on).value,
            "letter_number": f"{tag}/PP.01.02/K.{region}/{month}/{on.year}",
            "letter_date": on,
        },
        _S.CLOSED: lambda: _closing(case.state, rng),
        _S.BKN_NOT_PROVEN: lambda: {"reason": "Hasil verifikasi: dugaan tidak terbukti."},
        _S.BKN_REJECTED: lambda: {"reason": "Rekomendasi tidak memuat bukti yang cukup."},
        _S.BKN_ANNULLED: lambda: {"reason": "Rekomendasi dibatalkan setelah verifikasi ulang."},
        _S.ASN_ALREADY_SEPARATED: lambda: {"reason": "Terlapor telah pensiun sebelum diperiksa."},
        _S.AWAITING_PPK: lambda: {
            "recommendation_number": f"R-{tag}/{on.year}",
            "recommendation_date": on,
        },
        _S.BKN_CONTROL_ACTION: lambda: {
            "control_action": rng.choice(("peringatan", "teguran", "blokir_data"))
        },
        _S.SANCTION_IMPOSED: lambda: {
            "sanction_level": rng.choice(("moral_terbuka", "ringan", "sedang", "berat")),
            "sk_number": f"800.1.6/{tag}/BKPSDM/{on.year}",
            "sk_date": on,
        },
        _S.APPEAL: lambda: {"appeal_kind": rng.choice(("keberatan", "banding"))},
    }
    build = payloads.get(target)
    return build() if build else {}


def _closing(state: str, rng: random.Random) -> dict[str, object]:
    if state == _S.FORWARDED:
        return {"outcome": "Atasan terlapor menjatuhkan teguran tertulis dan melapor balik."}
    if state == _S.APPEAL:
        return {"appeal_outcome": rng.choice(("Keberatan ditolak.", "Hukuman dikurangi."))}
    return {}


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _nip(rng: random.Random, on: date) -> str:
    born = date(rng.randint(1966, 1995), rng.randint(1, 12), rng.randint(1, 28))
    started = born.year + rng.randint(22, 30)
    return (
        f"{born:%Y%m%d}{min(started, on.year - 1)}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 2)}{rng.randint(1, 999):03d}"
    )


def _hari_tgl(on: date) -> str:
    return f"{_DAYS[on.weekday()]}, {on.day} {MONTHS_ID[on.month - 1]} {on.year}"


def _short(region: Region) -> str:
    return region.name.removeprefix("Kabupaten ").removeprefix("Kota ")


def _text(
    scenario: Scenario, rng: random.Random, *, region: Region, incident_on: date
) -> tuple[str, str, PartyData | None]:
    desa = rng.choice(_PLACE_STEMS)
    kec = rng.choice(_PLACE_STEMS)
    slots = {
        "desa": desa,
        "kec": kec,
        "kab": region.name,
        "kabshort": _short(region),
        "n": str(rng.randint(1, 12)),
    }
    position, agency = scenario.post, ""
    if scenario.post == "asn":
        position, agency_template = rng.choice(_ASN_POSTS)
        agency = agency_template.format(**slots)
    name = _name(rng)
    place = rng.choice(_PLACES).format(**slots)
    text = scenario.text.format(
        **slots,
        nama=name,
        jabatan=position,
        jabatan_kecil=position.lower(),
        instansi=agency or "kantor desa",
        nomor=rng.randint(1, 4),
        tempat=place,
        platform=rng.choice(_PLATFORMS),
        hari_tgl=_hari_tgl(incident_on),
    )
    party = None
    if scenario.names_party:
        party = PartyData(
            name=name,
            nip=_nip(rng, incident_on)
            if scenario.subject_type in {"pns", "pppk"} and rng.random() < 0.5
            else "",
            subject_type=scenario.subject_type,
            position=position,
            agency=agency,
            region=region,
        )
    return text, place, party


def _at(on: date, step: int) -> datetime:
    return datetime.combine(on, time(9), JAKARTA) + timedelta(minutes=7 * step)


@dataclass(frozen=True, slots=True)
class _Plan:
    region: Region
    election_code: str
    season: tuple[date, date]


def _regions(rng: random.Random) -> tuple[list[Region], list[Region], Region]:
    home = region_by_code(HOME_REGENCY)
    if home is None:
        raise DemoError("regions are not loaded: run `netra setup` first")
    locals_ = list(
        Region.objects.filter(code__startswith=HOME_PROVINCE + ".").exclude(code=HOME_REGENCY)
    )
    others = list(
        Region.objects.exclude(level=RegionLevel.PROVINCE)
        .exclude(code__startswith=HOME_PROVINCE + ".")
        .select_related("parent")
        .order_by("code")
    )
    return (
        rng.sample(locals_, min(10, len(locals_))),
        rng.sample(others, min(OTHER_REGIONS, len(others))),
        home,
    )


def _plan(rng: random.Random, home: Region, jabar: list[Region], others: list[Region]) -> _Plan:
    draw = rng.random()
    region = home if draw < 0.2 else rng.choice(jabar) if draw < 0.45 else rng.choice(others)
    if rng.random() < PEMILU_SHARE:
        return _Plan(region, "pemilu-2024", PEMILU_SEASON)
    return _Plan(region, f"pilkada-2024-{region.code.replace('.', '')}", PILKADA_SEASON)


def _random_day(rng: random.Random, season: tuple[date, date]) -> date:
    first, last = season
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _build_case(seq: int, rng: random.Random, plan: _Plan, staff: _Staff, *, today: date) -> Case:
    election = election_by_code(plan.election_code)
    if election is None:
        raise DemoError(f"election {plan.election_code} is missing: run `netra setup` first")
    scenario = rng.choice(_SCENARIOS)
    incident_on = _random_day(rng, plan.season)
    known_on = incident_on + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
    delay = rng.randint(8, 14) if rng.random() < LATE_SHARE else rng.randint(0, 6)
    received_on = min(known_on + timedelta(days=delay), today)
    text, place, party = _text(scenario, rng, region=plan.region, incident_on=incident_on)
    links = (f"https://contoh.netra.invalid/bukti/{seq:04d}",) if rng.random() < 0.3 else ()
    data = IncidentData(
        election=election,
        region=plan.region,
        incident_on=incident_on,
        known_on=known_on,
        place=place,
        description=text,
        parties=(party,) if party else (),
        links=links,
        kecamatan=_kecamatan_for(seq, plan.region),
    )
    is_finding = scenario.names_party and rng.random() < FINDING_SHARE
    if is_finding:
        finder = staff.supervisor(plan.region, deciding=True)
        case = record_finding(data, actor=finder, now=_at(received_on, 0), today=received_on).case
    else:
        reporter = ReporterData(
            kind=rng.choices(list(ReporterKind), weights=(8, 2, 1))[0],
            name=_name(rng),
            address=f"Jl. {rng.choice(_PLACE_STEMS)} No. {rng.randint(1, 120)}, "
            f"{_short(plan.region)}",
            contact=f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}",
        )
        case = receive_report(
            data, reporter=reporter, actor=None, now=_at(received_on, 0), today=received_on
        ).case
    path = _path_for(rng, scenario, is_kasn_era=plan.season is PEMILU_SEASON)
    if is_finding:  # a temuan is registered directly (UU 7/2017 Pasal 454(7))
        path = tuple(step for step in path if step is not _S.FORMAL_MATERIAL_CHECK)
        if path and path[0] is not _S.REGISTERED:
            path = ()  # left as recorded, waiting for registration
    _walk(case, path, rng, staff, scenario=scenario, start=received_on, today=today, seq=seq)
    return case


def _kecamatan_for(seq: int, region: Region) -> Agency | None:
    """Every other home case names a kecamatan, Cibinong among them, in turn (no draw from the
    random sequence, so the rest of the dataset is unchanged); none without `netra setup`'s
    kecamatan, or outside the home regency."""
    if region.code != HOME_REGENCY or seq % 2:
        return None
    found = list(kecamatan_of(region).order_by("code")[:KECAMATAN_IN_TURN])
    return found[(seq // 2) % len(found)] if found else None


def _walk(
    case: Case,
    path: Sequence[CaseState],
    rng: random.Random,
    staff: _Staff,
    *,
    scenario: Scenario,
    start: date,
    today: date,
    seq: int,
) -> None:
    on = start
    for index, target in enumerate(path, start=1):
        on = on + timedelta(days=rng.randint(1, 6))
        is_last = index == len(path)
        kasn_letter = target is _S.FORWARDED and asn_authority_on(on).value == "kasn"
        if is_last and not target.is_terminal and not kasn_letter and rng.random() < RECENT_SHARE:
            on = max(on, today - timedelta(days=rng.randint(0, 3)))
        on = min(on, today)
        source = CaseState(case.state)
        actor = staff.for_move(source, target, case.region)
        payload = _payload(
            target, on=on, case=case, subject=scenario.subject_type, rng=rng, seq=seq
        )
        move_case(case, target=target, actor=actor, payload=payload, now=_at(on, index), today=on)
        case.refresh_from_db()
        if target is _S.REGISTERED:
            _classify_and_assign(case, staff, subject=scenario.subject_type)


# What the demo supervisor confirms when the analyzer suggested no category: village officials
# in category 5, anyone else in the general category 9 ("melanggar asas netralitas").
_VILLAGE_CATEGORY = 5
_GENERAL_CATEGORY = 9


def _classify_and_assign(case: Case, staff: _Staff, *, subject: str) -> None:
    supervisor = staff.supervisor(case.region, deciding=True)
    # A violation is decided only on a confirmed classification (cases.services).
    fallback = _VILLAGE_CATEGORY if subject.startswith("village_") else _GENERAL_CATEGORY
    confirm_classification(
        case,
        category=case.category or fallback,
        acts=list(case.acts),
        # The supervisor confirms who the terlapor is (the scenario's subject), not the
        # analyzer's reading: a PNS the analyzer took for a regional head would otherwise be
        # forwarded to BKN as a regional head's case, which BKN does not see (cases.scope).
        subject_type=subject,
        actor=supervisor,
    )
    assign_case(case, assignee=supervisor, actor=supervisor)


# -- entry point --------------------------------------------------------------------------------


def _ensure_users() -> dict[str, User]:
    users: dict[str, User] = {}
    for demo in DEMO_USERS:
        user = staff_member(demo.username)
        if user is None:
            region = region_by_code(demo.region_code) if demo.region_code else None
            kecamatan = kecamatan_by_code(demo.kecamatan_code) if demo.kecamatan_code else None
            if demo.kecamatan_code and kecamatan is None:
                continue  # no kecamatan loaded (a test database): no such login
            # Published passwords: refused by netra.accounts.backends once NETRA_DEMO is off.
            # The administrator also gets Django's admin site.
            user = create_staff(
                demo.username,
                role=demo.role,
                region=region,
                actor=None,
                password=demo.password,
                site_admin=demo.role is Role.ADMIN,
                is_demo=True,
                kecamatan=kecamatan,
            )
        users[demo.username] = user
    return users


def demo_summary(*, is_new: bool, today: date) -> DemoLoad:
    """What the database holds now: cases per state, overdue open cases, regions with cases."""
    from django.db.models import Count

    states = dict(Case.objects.values_list("state").annotate(n=Count("id")).order_by())
    terminal = [state.value for state in CaseState if state.is_terminal]
    overdue = Case.objects.filter(deadline_on__lt=today).exclude(state__in=terminal).count()
    regions = Case.objects.values("region").distinct().count()
    return DemoLoad(
        is_new=is_new,
        users=DEMO_USERS,
        cases=sum(states.values()),
        by_state=states,
        overdue=overdue,
        regions=regions,
    )


def is_loaded() -> bool:
    """Whether the demo dataset is already in the database (its users are its marker)."""
    return staff_member(DEMO_USERS[0].username) is not None


def load_demo(*, today: date, seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT) -> DemoLoad:
    """Create the demo users and `count` cases, once; a second call adds nothing.

    All in one transaction, so an interrupted load leaves nothing half-made behind.
    """
    if is_loaded():
        return demo_summary(is_new=False, today=today)
    rng = random.Random(seed)  # noqa: S311 -- reproducible demo data, not secrets
    with transaction.atomic():
        staff = _Staff(_ensure_users())
        jabar, others, home = _regions(rng)
        for seq in range(1, count + 1):
            _build_case(seq, rng, _plan(rng, home, jabar, others), staff, today=today)
    return demo_summary(is_new=True, today=today)
