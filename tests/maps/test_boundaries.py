"""The shipped boundary shapes: every polygon has exactly one Kemendagri code, none is lost."""

from __future__ import annotations

import json
from pathlib import Path

import netra
from netra.maps.boundaries import (
    Place,
    SourceRegency,
    kemendagri_places,
    load_shapes,
    match_provinces,
    match_regencies,
    name_key,
    simplify,
    svg_path,
)

# The seven regions with no polygon in regencies-507 (see src/netra/maps/data/SOURCES.md): shown as
# "tanpa peta" with their counts.
UNMAPPED = [
    "12.73",  # Kota Sibolga
    "12.76",  # Kota Tebing Tinggi
    "13.74",  # Kota Padang Panjang
    "13.75",  # Kota Bukittinggi
    "31.01",  # Kabupaten Administrasi Kepulauan Seribu
    "33.71",  # Kota Magelang
    "35.76",  # Kota Mojokerto
]


def _places() -> list[Place]:
    return kemendagri_places()


def test_every_shipped_polygon_matched_exactly_one_code_and_the_gaps_are_listed():
    shapes = load_shapes()
    places = _places()
    regency_codes = {p.code for p in places if "." in p.code}
    # The shipped shapes keep the source's own names: match them again from scratch.
    provinces = {code: shape["name"] for code, shape in shapes["regencies"].items()}
    names = {p.code: p.name for p in places}
    sources = [
        SourceRegency(province=names[code.split(".")[0]], name=source_name)
        for code, source_name in provinces.items()
    ]
    matching = match_regencies(sources, places)
    assert matching.unmatched_sources == ()
    assert sorted(matching.matched.values()) == sorted(shapes["regencies"])
    assert len(set(matching.matched.values())) == len(sources) == 507
    assert list(matching.unmapped_codes) == UNMAPPED == shapes["unmapped"]
    assert set(shapes["regencies"]) | set(UNMAPPED) == regency_codes
    assert len(regency_codes) == 514


def test_the_source_spellings_that_differ_from_kemendagri_still_match():
    places = [
        Place("73", "Sulawesi Selatan", False, "73"),
        Place("73.10", "Kabupaten Pangkajene dan Kepulauan", False, "73"),
        Place("74", "Sulawesi Tenggara", False, "74"),
        Place("74.72", "Kota Baubau", True, "74"),
        Place("71", "Sulawesi Utara", False, "71"),
        Place("71.09", "Kabupaten Kep. Siau Tagulandang Biaro", False, "71"),
        Place("31", "Daerah Khusus Ibukota Jakarta", False, "31"),
        Place("31.71", "Kota Administrasi Jakarta Pusat", True, "31"),
    ]
    sources = [
        SourceRegency("Sulawesi Selatan", "Pangkajene Kepulauan"),
        SourceRegency("Sulawesi Tenggara", "Kota Bau Bau"),
        SourceRegency("Sulawesi Utara", "Kepulauan Siau Tagulandang Biaro"),
        SourceRegency("DKI Jakarta", "Kota Administrasi Jakarta Pusat"),
    ]
    matching = match_regencies(sources, places)
    assert matching.matched == {0: "73.10", 1: "74.72", 2: "71.09", 3: "31.71"}


def test_a_city_and_a_regency_of_the_same_name_get_their_own_codes():
    places = [
        Place("32", "Jawa Barat", False, "32"),
        Place("32.01", "Kabupaten Bogor", False, "32"),
        Place("32.71", "Kota Bogor", True, "32"),
    ]
    sources = [SourceRegency("Jawa Barat", "Kota Bogor"), SourceRegency("Jawa Barat", "Bogor")]
    assert match_regencies(sources, places).matched == {0: "32.71", 1: "32.01"}


def test_a_polygon_claiming_a_code_already_taken_is_left_unmatched_not_guessed():
    places = [
        Place("32", "Jawa Barat", False, "32"),
        Place("32.01", "Kabupaten Bogor", False, "32"),
    ]
    sources = [SourceRegency("Jawa Barat", "Bogor"), SourceRegency("Jawa Barat", "Bogor")]
    matching = match_regencies(sources, places)
    assert matching.matched == {0: "32.01"}
    assert matching.unmatched_sources == (1,)


def test_provinces_are_matched_by_name_because_the_source_codes_repeat():
    places = [Place("91", "Papua", False, "91"), Place("94", "Papua Tengah", False, "94")]
    assert match_provinces(["Papua Tengah", "Papua", "Atlantis"], places) == {0: "94", 1: "91"}
    assert set(load_shapes()["provinces"]) == {p.code for p in _places() if "." not in p.code}


def test_name_keys_ignore_spaces_case_and_the_kep_abbreviation():
    assert name_key("Bau Bau") == name_key("Baubau")
    assert name_key("Kep. Seribu") == name_key("Kepulauan Seribu")


def test_simplification_keeps_the_corners_and_drops_points_on_a_straight_edge():
    square = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    assert simplify(square, 0.5) == [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]


def test_a_region_of_only_small_islands_keeps_its_largest_one():
    tiny = [[(100.0, 0.0), (100.01, 0.0), (100.01, 0.01), (100.0, 0.0)]]
    smaller = [[(101.0, 0.0), (101.005, 0.0), (101.005, 0.005), (101.0, 0.0)]]
    path = svg_path([tiny, smaller], tolerance=0.1, min_area=1000)
    assert path.count("M") == 1


def test_the_shipped_shapes_stay_small_enough_for_a_phone_and_carry_their_attribution():
    data = Path(netra.__file__).parent / "maps" / "data"
    assert (data / "shapes.json").stat().st_size < 300_000
    shapes = json.loads((data / "shapes.json").read_text("utf-8"))
    assert any("CC BY 4.0" in line for line in shapes["attribution"])
    assert any("MIT" in line for line in shapes["attribution"])
    assert "Badan Informasi Geospasial" in (data / "SOURCES.md").read_text("utf-8")
    assert (data / "LICENSE-regencies-MIT.txt").exists()
