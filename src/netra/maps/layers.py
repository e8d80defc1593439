"""The staff map's layers: cases, cases per 10,000 ASN, and prevention coverage.

Each layer turns the view's regions into values for the choropleth (whole numbers: a rate is
kept in hundredths) with the label each region shows, and names the regions it has no data for,
which are drawn apart ("not known"), never as zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.formats import number_format

from netra.accounts.models import User
from netra.maps import choropleth
from netra.maps.boundaries import load_shapes
from netra.maps.selectors import MapFilter, counts_by_region, regions_of_view
from netra.prevention.selectors import Coverage, CoverageTotal, coverage_totals
from netra.regions.models import Region
from netra.vulnerability.index import PER_ASN, PREVENTION_MEASURES
from netra.vulnerability.selectors import asn_headcounts

RATE_SCALE = 100  # a rate is shaded in hundredths, so 0.25 per 10,000 ASN is not rounded to 0
# Prevention is "more is better": fixed classes of the share of measures taken, so a region
# with all three is always the darkest, whatever its neighbours did.
PREVENTION_STEPS = (
    choropleth.Step(shade=1, low=1, high=33, label="1–33 %"),
    choropleth.Step(shade=3, low=34, high=66, label="34–66 %"),
    choropleth.Step(shade=4, low=67, high=99, label="67–99 %"),
    choropleth.Step(shade=5, low=100, high=100, label="100 %"),
)


class Layer(StrEnum):
    CASES = "cases"
    PER_ASN = "per_asn"  # cases per 10,000 ASN, where the headcount is known
    PREVENTION = "prevention"  # share of prevention measures taken (declared, socialised, imbauan)


@dataclass(frozen=True, slots=True)
class RegionPrevention:
    """What a region (a regency, or a province's regencies together) did to prevent."""

    regencies: int
    declared: int
    socialised: int
    imbauan_sent: int
    last_meeting_on: date | None
    last_imbauan_on: date | None

    @property
    def share(self) -> int:
        return prevention_share(self)


def prevention_share(coverage: RegionPrevention | CoverageTotal) -> int:
    """Percentage of the measures the region's regencies/cities could take that were taken."""
    possible = PREVENTION_MEASURES * coverage.regencies
    done = coverage.declared + coverage.socialised + coverage.imbauan_sent
    return round(100 * done / possible) if possible else 0


def _latest(days: Sequence[date | None]) -> date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None


def prevention_by_region(rows: Sequence[Coverage], region: Region) -> RegionPrevention:
    """The prevention register summed over `region` (a regency, or a province's regencies)."""
    inside = [row for row in rows if region.covers(row.region)]
    return RegionPrevention(
        regencies=len(inside),
        declared=sum(row.is_declared for row in inside),
        socialised=sum(row.is_socialised for row in inside),
        imbauan_sent=sum(row.is_imbauan_sent for row in inside),
        last_meeting_on=_latest([row.last_meeting_on for row in inside]),
        last_imbauan_on=_latest([row.last_imbauan_on for row in inside]),
    )


def _rate(value: int) -> str:
    """A rate kept in hundredths, written in the reader's format (0,24 in Indonesian)."""
    return number_format(value / RATE_SCALE, 2)


def rate_per_asn(cases: int, headcount: int | None) -> float | None:
    return cases * PER_ASN / headcount if headcount else None


def layer_map(
    viewer: User,
    *,
    province: Region | None,
    filters: MapFilter,
    layer: Layer,
    today: date,
    href: Callable[[str], str] | None = None,
) -> tuple[choropleth.Choropleth, int]:
    """The choropleth of the view in `layer`, and the cases filed at province level inside
    `province` (they have no regency shape)."""
    counts = counts_by_region(viewer, province=province, filters=filters)
    regions = regions_of_view(province)
    shapes = load_shapes()
    drawn = shapes["provinces"] if province is None else shapes["regencies"]
    links = {code: href(code) for code, _ in regions} if href else {}
    at_province_level = counts.get(province.code, 0) if province else 0
    if layer is Layer.PER_ASN:
        headcounts = asn_headcounts(today)
        rates = {
            code: rate_per_asn(counts.get(code, 0), headcounts.get(code)) for code, _ in regions
        }
        values = {
            code: round(rate * RATE_SCALE) for code, rate in rates.items() if rate is not None
        }
        legend = [
            choropleth.Step(
                shade=step.shade,
                low=step.low,
                high=step.high,
                label=_rate(step.low)
                if step.low == step.high
                else f"{_rate(step.low)}–{_rate(step.high)}",
            )
            for step in choropleth.breaks(list(values.values()))
        ]
        chart = choropleth.build(
            regions,
            values,
            drawn,
            href=links,
            legend=legend,
            label=_rate,
            unknown={code for code, rate in rates.items() if rate is None},
        )
        return chart, at_province_level
    if layer is Layer.PREVENTION:
        # Per province nationally, per regency/city inside a province; a region the viewer's
        # scope does not reach has no row and is drawn as not known.
        totals = {total.code: total for total in coverage_totals(viewer, province)}
        chart = choropleth.build(
            regions,
            {code: prevention_share(total) for code, total in totals.items()},
            drawn,
            href=links,
            legend=PREVENTION_STEPS,
            label=lambda share: f"{share} %",
            unknown={code for code, _ in regions if code not in totals},
        )
        return chart, at_province_level
    return choropleth.build(regions, counts, drawn, href=links), at_province_level
