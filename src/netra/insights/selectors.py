"""The recap dashboard's numbers, from netra.cases.selectors.recap (scope applied there)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from django.utils import formats

from netra.accounts.models import User
from netra.cases.selectors import (
    PPK_STATES,
    UNKNOWN_KEY,
    Agreement,
    Funnel,
    GroupBy,
    Recap,
    RecapBasis,
    RecapRow,
    funnel,
    recap,
    recap_cases,
    suggestion_agreement,
)
from netra.maps import choropleth
from netra.maps.boundaries import load_shapes
from netra.maps.selectors import regions_of_view
from netra.procedure import CaseState
from netra.public import labels
from netra.regions.models import Agency, Region, RegionLevel

# States in which the PPK owes a follow-up (the 14 hari kerja clock of BKN 2023).


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    label: str
    count: int
    share: float  # 0-100, of the table's total
    drill: str = ""  # region code to drill into, for province rows


@dataclass(frozen=True, slots=True)
class FollowUp:
    forwarded: int
    sanctioned: int
    ppk_pending: int
    ppk_overdue: int

    @property
    def rate(self) -> float | None:
        return 100 * self.sanctioned / self.forwarded if self.forwarded else None


class RecapFilters(TypedDict):
    """The filters `recap` and `recap_cases` share, as their keyword arguments."""

    election: str | None
    region: Region | None
    state: str | None
    incident_from: date | None
    incident_to: date | None
    kecamatan: Agency | None


@dataclass(frozen=True, slots=True)
class RecapQuery:
    """The recap's filters; by default it counts proven violations only."""

    basis: RecapBasis = RecapBasis.PROVEN
    election: str | None = None
    province: Region | None = None
    state: str | None = None
    incident_from: date | None = None
    incident_to: date | None = None
    regency: Region | None = None  # a kabupaten/kota inside `province`
    kecamatan: Agency | None = None  # a kecamatan of `regency`

    @property
    def area(self) -> Region | None:
        """The narrowest region chosen: the regency, else the province, else None (all)."""
        return self.regency or self.province

    def case_filters(self) -> RecapFilters:
        """The filters every count of the recap applies, as `recap` and `recap_cases` take them:
        spelled once, so the charts, the totals, the funnel and the exports count alike."""
        return RecapFilters(
            election=self.election,
            region=self.area,
            state=self.state,
            incident_from=self.incident_from,
            incident_to=self.incident_to,
            kecamatan=self.kecamatan,
        )


@dataclass(frozen=True, slots=True)
class Dashboard:
    total: int
    unclassified: int  # cases counted nowhere in the categories: none confirmed yet
    funnel: Funnel
    categories: tuple[Bar, ...]
    regions: tuple[Bar, ...]
    region_level: str  # "province" (national view) or "regency" (inside one province)
    subjects: tuple[Bar, ...]
    months: tuple[Bar, ...]
    stages: tuple[Bar, ...]
    follow_up: FollowUp
    agreement: Agreement  # the analyzer's suggestions against staff's decisions


def _bars(items: list[tuple[str, str, int, str]]) -> tuple[Bar, ...]:
    total = sum(count for _, _, count, _ in items)
    return tuple(
        Bar(key=key, label=label, count=count, share=100 * count / total if total else 0, drill=d)
        for key, label, count, d in items
    )


def _rows(result: Recap) -> list[tuple[str, str, int, str]]:
    return [(row.key, row.label, row.total, "") for row in result.rows]


def _provinces(rows: list[RecapRow]) -> list[tuple[str, str, int, str]]:
    """Regency rows rolled up to their province (the code before the first dot)."""
    totals: dict[str, int] = {}
    for row in rows:
        code = row.key.split(".")[0]
        totals[code] = totals.get(code, 0) + row.total
    names = dict(
        Region.objects.filter(code__in=totals, level=RegionLevel.PROVINCE).values_list(
            "code", "name"
        )
    )
    return [(code, names.get(code, code), totals[code], code) for code in sorted(totals)]


def _month_label(key: str) -> str:
    """ "2024-10" as "Oktober 2024" (or "October 2024")."""
    try:
        year, month = (int(part) for part in key.split("-"))
        return formats.date_format(date(year, month, 1), "F Y")
    except ValueError:
        return key


def dashboard(viewer: User, query: RecapQuery, *, today: date) -> Dashboard:
    """The recap page's numbers: categories count confirmed classifications only."""
    election, area = query.election, query.area
    filters = query.case_filters()

    def grouped(group_by: GroupBy, *, confirmed_only: bool = False) -> Recap:
        # Only the category chart shows categories: it counts confirmed ones; the other charts
        # count cases (with any category) by region, subject, month and stage.
        return recap(
            viewer, group_by=group_by, basis=query.basis, confirmed_only=confirmed_only, **filters
        )

    by_category = grouped(GroupBy.CATEGORY, confirmed_only=True)
    category_items = [
        (str(n), f"{n}. {labels.category_label(n)}", by_category.totals[n], "")
        for n in range(1, 11)
    ]
    regency_rows = list(grouped(GroupBy.REGION).rows)
    if area is None:
        region_items, level = _provinces(regency_rows), "province"
    else:
        region_items = [(r.key, r.label, r.total, "") for r in regency_rows]
        level = "regency"
    subjects = grouped(GroupBy.SUBJECT)
    months = grouped(GroupBy.MONTH)
    stages = grouped(GroupBy.STAGE)
    cases = recap_cases(viewer, basis=query.basis, **filters)
    # The funnel follows every case the other filters keep, whatever the chosen basis.
    everything = recap_cases(viewer, basis=RecapBasis.ALL, **filters)
    follow_up = FollowUp(
        forwarded=cases.filter(transitions__to_state=CaseState.FORWARDED.value).distinct().count(),
        sanctioned=cases.filter(transitions__to_state=CaseState.SANCTION_IMPOSED.value)
        .distinct()
        .count(),
        ppk_pending=cases.filter(state__in=PPK_STATES).count(),
        ppk_overdue=cases.filter(state__in=PPK_STATES, deadline_on__lt=today).count(),
    )
    return Dashboard(
        total=cases.count(),
        unclassified=by_category.unclassified,
        funnel=funnel(everything),
        categories=_bars(category_items),
        regions=_bars(region_items),
        region_level=level,
        subjects=_bars([(r.key, _subject(r), r.total, "") for r in subjects.rows]),
        months=_bars([(r.key, _month_label(r.key), r.total, "") for r in months.rows]),
        stages=_bars([(r.key, labels.stage_label(r.label), r.total, "") for r in stages.rows]),
        follow_up=follow_up,
        agreement=suggestion_agreement(viewer, election=election, region=area),
    )


def _subject(row: RecapRow) -> str:
    return row.label if row.key == UNKNOWN_KEY else labels.subject_label(row.key)


def recap_map(data: Dashboard, *, province: Region | None) -> choropleth.Choropleth:
    """The recap's region counts as a choropleth (provinces, or `province`'s regencies/cities).

    Drawn from the same numbers as the table it heads, under every filter and the basis of the
    recap: the staff map counts every case received, and put beside a recap of proven
    violations it shaded regions the table counted none in (qa-3).
    """
    shapes = load_shapes()
    drawn = shapes["provinces"] if province is None else shapes["regencies"]
    counts = {bar.key: bar.count for bar in data.regions}
    return choropleth.build(regions_of_view(province), counts, drawn, href={})
