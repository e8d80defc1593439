"""Reads for the public pages: choosing an election and a region without knowing their codes."""

from __future__ import annotations

from collections import defaultdict

from netra.cases.models import Election, Report
from netra.cases.reference import PEMILU_SERIES, PILKADA_SERIES, election_code
from netra.public.models import ReporterPreference
from netra.regions.models import Region, RegionLevel
from netra.regions.selectors import kecamatan_of

SERIES = (PILKADA_SERIES, PEMILU_SERIES)


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Kabupaten/kota grouped under their province, for a select with optgroups."""
    provinces = {r.code: r.name for r in Region.objects.filter(level=RegionLevel.PROVINCE)}
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for region in Region.objects.exclude(level=RegionLevel.PROVINCE).order_by("code"):
        grouped[region.code.split(".")[0]].append((region.code, region.name))
    return [(provinces.get(code, code), grouped[code]) for code in sorted(grouped)]


def kecamatan_names(region: Region) -> list[str]:
    """The kecamatan of a kabupaten/kota as people name them ("Cibinong"), for the picker."""
    return [
        name.removeprefix("Kecamatan ")
        for name in kecamatan_of(region).values_list("name", flat=True)
    ]


def election_for(series: str, region: Region) -> Election | None:
    """The election of `series` a report about `region` belongs to.

    For the Pilkada that is the bupati/wali kota election of the region (the one Bawaslu
    Kabupaten/Kota handles), else the province's; for the Pemilu the single nationwide election.
    """
    for candidate in (region, region.parent, None):
        if candidate is None and series == PILKADA_SERIES:
            break
        found = (
            Election.objects.filter(code=election_code(series, candidate))
            .select_related("region")
            .first()
        )
        if found is not None:
            return found
    return None


def preference_of(report: Report | None) -> ReporterPreference | None:
    if report is None:
        return None
    return ReporterPreference.objects.filter(report=report).first()
