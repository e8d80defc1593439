"""Recaps in Bawaslu's ten categories, within the caller's scope."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from netra.api.auth import StaffToken, staff
from netra.api.errors import FieldError
from netra.api.reports import check_election_filter
from netra.cases import reference
from netra.cases.selectors import GroupBy, recap
from netra.public import labels
from netra.regions.selectors import region_by_code

router = Router(tags=["recap"], auth=StaffToken())


class RecapFilter(Schema):
    election: str | None = None
    region: str | None = None
    group_by: GroupBy = GroupBy.CATEGORY


class RecapRowOut(Schema):
    key: str
    label: str
    counts: dict[str, int]
    total: int


class RecapOut(Schema):
    election: str | None
    region: str | None
    group_by: str
    categories: dict[str, str]
    rows: list[RecapRowOut]
    totals: dict[str, int]
    unclassified: int


@router.get("/recap", response=RecapOut, summary="Counts in the ten Bawaslu categories")
def get_recap(request: HttpRequest, filters: Query[RecapFilter]) -> RecapOut:
    check_election_filter(filters.election)
    region = None
    if filters.region:
        region = region_by_code(filters.region)
        if region is None:
            raise FieldError("region", "unknown region code %(code)r", code=filters.region)
    result = recap(
        staff(request), election=filters.election, region=region, group_by=filters.group_by
    )
    return RecapOut(
        election=filters.election,
        region=region.code if region else None,
        group_by=result.group_by.value,
        categories={str(n): labels.category_label(n) for n in reference.category_labels()},
        rows=[
            RecapRowOut(
                key=row.key,
                label=row.label,
                counts={str(n): c for n, c in row.counts.items()},
                total=row.total,
            )
            for row in result.rows
        ],
        totals={str(n): c for n, c in result.totals.items()},
        unclassified=result.unclassified,
    )
