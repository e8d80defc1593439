"""The open data: CSV and JSON of the public aggregates, and their data dictionary."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TypedDict

from netra.transparency.selectors import OpenDataRow
from netra.transparency.suppression import SMALL_CELL, SUPPRESSED

SCHEMA_VERSION = "1"
COLUMNS = ("election", "region_code", "region_name", "category", "month", "proven_violations")


class Field(TypedDict):
    name: str
    type: str
    description: str


FIELDS: list[Field] = [
    {
        "name": "election",
        "type": "string",
        "description": "Election code or series as asked for in the URL, e.g. pilkada-2024.",
    },
    {
        "name": "region_code",
        "type": "string",
        "description": "Kemendagri code of the province (32) or regency/city (32.01) where the "
        "violation happened (Kepmendagri 300.2.2-2138/2025).",
    },
    {"name": "region_name", "type": "string", "description": "The region's Kemendagri name."},
    {
        "name": "category",
        "type": "integer",
        "description": "Bawaslu's recap category 1-10 (Rakornas 17 Sep 2024); empty if the case "
        "was not classified.",
    },
    {
        "name": "month",
        "type": "string",
        "description": "Month of the incident, YYYY-MM.",
    },
    {
        "name": "proven_violations",
        "type": "integer or string",
        "description": f"Cases Bawaslu decided were violations. Counts under {SMALL_CELL} are "
        f"published as the string '{SUPPRESSED}', and where a region has exactly one such row "
        f"its smallest other row is also '{SUPPRESSED}', so no count under {SMALL_CELL} can be "
        "recovered by subtraction. Combinations with no case have no row.",
    },
]


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_csv(rows: Sequence[OpenDataRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.election,
                row.region_code,
                _safe(row.region_name),
                "" if row.category is None else row.category,
                row.month,
                row.proven_violations,
            ]
        )
    return out.getvalue()


def to_json(rows: Sequence[OpenDataRow], *, election: str) -> str:
    payload = {
        "schema_version": SCHEMA_VERSION,
        "election": election,
        "suppression": {"below": SMALL_CELL, "shown_as": SUPPRESSED},
        "rows": [
            {
                "region_code": r.region_code,
                "region_name": r.region_name,
                "category": r.category,
                "month": r.month,
                "proven_violations": r.proven_violations,
            }
            for r in rows
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


def dictionary(*, base_url: str, series: Sequence[str]) -> str:
    """A Frictionless Data Package descriptor: the resources per election and their schema."""
    schema = {"fields": FIELDS, "missingValues": [""]}
    resources = [
        {
            "name": f"{code}-{fmt}",
            "path": f"{base_url}{code}.{fmt}",
            "format": fmt,
            "schema": schema,
        }
        for code in series
        for fmt in ("csv", "json")
    ]
    descriptor = {
        "name": "netra-proven-neutrality-violations",
        "title": "Proven neutrality violations of ASN, TNI, Polri and village officials",
        "version": SCHEMA_VERSION,
        "description": "Aggregates only: one row per region x category x month. Any election "
        "code (e.g. pilkada-2024-3201) or series (pilkada-2024, pemilu-2024) works in the path.",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=1)
