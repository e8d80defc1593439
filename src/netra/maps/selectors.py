"""Reads for the maps: case counts per region under the viewer's scope and the map's filters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet

from netra.accounts.models import User
from netra.cases.models import Case
from netra.cases.selectors import cases_visible_to, elections_matching
from netra.errors import NetraError
from netra.maps import choropleth
from netra.maps.boundaries import load_shapes
from netra.procedure import CaseState
from netra.regions.models import Region, RegionLevel
from netra.rulebook import load_rulebook

DECEMBER = 12
PPK_STATES = (CaseState.AWAITING_PPK.value, CaseState.PPK_EXAMINATION.value)


class MapFilterError(NetraError):
    """A map filter names no month, stage or category; the message says which and why, and
    `details["reason"]` lets a page say it in the reader's language."""

    code = "map_filter_invalid"


@dataclass(frozen=True, slots=True)
class MapFilter:
    election: str | None = None  # election code or series ("pilkada-2024")
    category: int | None = None  # Bawaslu category 1-10
    month: str | None = None  # "2024-10"
    stage: str | None = None  # a stage code of the election's calendar; needs `election`


def _month_range(month: str) -> tuple[date, date]:
    try:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
        after = date(year + 1, 1, 1) if number == DECEMBER else date(year, number + 1, 1)
    except ValueError:
        raise MapFilterError(
            f"month '{month}' is not a month (YYYY-MM)", reason="month", month=month
        ) from None
    return first, after


def _stage_range(election: str | None, stage: str) -> tuple[date, date]:
    """The stage's first and last day, from the rulebook calendar of the election's series."""
    if not election:
        raise MapFilterError(
            "a stage filter needs an election", reason="stage_needs_election", stage=stage
        )
    found = elections_matching(election).values_list("series", flat=True).first()
    series = found or election
    rulebook = load_rulebook()
    if series not in rulebook.elections:
        raise MapFilterError(
            f"election '{election}' has no calendar", reason="no_calendar", election=election
        )
    for candidate in rulebook.election(series).stages:
        if candidate.code == stage:
            return candidate.start, candidate.end
    raise MapFilterError(
        f"stage '{stage}' is not in the calendar of {series}",
        reason="stage_not_in_calendar",
        stage=stage,
        series=series,
    )


def filtered_cases(viewer: User, *, region: Region | None, filters: MapFilter) -> QuerySet[Case]:
    """The cases `viewer` may see inside `region` that pass the map's filters."""
    cases = cases_visible_to(
        viewer,
        election=filters.election,
        region=region,
        category=filters.category,
        counts_only=True,  # counts per region, never a case's detail
    )
    if filters.month:
        first, after = _month_range(filters.month)
        cases = cases.filter(incident_on__gte=first, incident_on__lt=after)
    if filters.stage:
        start, end = _stage_range(filters.election, filters.stage)
        cases = cases.filter(incident_on__gte=start, incident_on__lte=end)
    return cases


def counts_by_region(
    viewer: User, *, province: Region | None, filters: MapFilter
) -> dict[str, int]:
    """Cases per province (national view) or per regency/city (inside `province`), by code."""
    rows = (
        filtered_cases(viewer, region=province, filters=filters)
        .values_list("region_id")
        # COUNT(*), not COUNT(id): PostgreSQL can then answer from an index alone (half the time
        # over a million cases, bench/vulnerability_index.py).
        .annotate(n=Count("*"))
        .order_by()
    )
    by_id = dict(rows)
    codes = dict(Region.objects.filter(id__in=by_id).values_list("id", "code"))
    counts: Counter[str] = Counter()
    for region_id, count in by_id.items():
        code = codes[region_id]
        # A case filed at province level stays on its province in the national view; inside a
        # province it has no regency to sit on and is reported beside the map.
        counts[code.split(".")[0] if province is None else code] += count
    return dict(counts)


def regions_of_view(province: Region | None) -> list[tuple[str, str]]:
    """(code, name) of every region drawn: the provinces, or one province's regencies/cities."""
    if province is None:
        found = Region.objects.filter(level=RegionLevel.PROVINCE)
    else:
        found = Region.objects.filter(parent=province)
    return list(found.order_by("code").values_list("code", "name"))


def provinces() -> list[tuple[str, str]]:
    return regions_of_view(None)


@dataclass(frozen=True, slots=True)
class RegionRecap:
    """One region's recap under the map's filters: what a click on the map shows."""

    region: Region
    total: int
    by_category: dict[int, int]  # 1-10; unclassified cases are in `total` only
    forwarded: int
    sanctioned: int
    ppk_overdue: int


def region_recap(viewer: User, *, region: Region, filters: MapFilter, today: date) -> RegionRecap:
    cases = filtered_cases(viewer, region=region, filters=filters)
    categories = dict(
        cases.filter(category__isnull=False)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return RegionRecap(
        region=region,
        total=cases.count(),
        by_category={n: categories.get(n, 0) for n in range(1, 11)},
        # Counted from the history, as the recap does: a closed case was forwarded all the same.
        forwarded=cases.filter(transitions__to_state=CaseState.FORWARDED.value).distinct().count(),
        sanctioned=cases.filter(transitions__to_state=CaseState.SANCTION_IMPOSED.value)
        .distinct()
        .count(),
        ppk_overdue=cases.filter(state__in=PPK_STATES, deadline_on__lt=today).count(),
    )


def case_map(
    viewer: User,
    *,
    province: Region | None,
    filters: MapFilter,
    href: Callable[[str], str] | None = None,
) -> tuple[choropleth.Choropleth, int]:
    """The choropleth of the view (provinces, or one province's regencies/cities) and the
    number of cases filed at province level inside `province` (they have no regency shape)."""
    counts = counts_by_region(viewer, province=province, filters=filters)
    shapes = load_shapes()
    drawn = shapes["provinces"] if province is None else shapes["regencies"]
    regions = regions_of_view(province)
    links = {code: href(code) for code, _ in regions} if href else {}
    chart = choropleth.build(regions, counts, drawn, href=links)
    return chart, counts.get(province.code, 0) if province else 0
