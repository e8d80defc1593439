"""The recap dashboard's numbers, from netra.cases.selectors.recap (scope applied there)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats

from netra.accounts.models import User
from netra.cases.selectors import (
    Agreement,
    GroupBy,
    Recap,
    RecapRow,
    cases_visible_to,
    recap,
    suggestion_agreement,
)
from netra.procedure import CaseState
from netra.public import labels
from netra.regions.models import Region, RegionLevel

# States in which the PPK owes a follow-up (the 14 hari kerja clock of BKN 2023).
PPK_STATES = (CaseState.AWAITING_PPK.value, CaseState.PPK_EXAMINATION.value)


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


@dataclass(frozen=True, slots=True)
class Dashboard:
    total: int
    unclassified: int
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


def region_rows(viewer: User, *, election: str | None, region: Region | None) -> list[RecapRow]:
    return list(recap(viewer, election=election, region=region, group_by=GroupBy.REGION).rows)


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


def dashboard(
    viewer: User, *, election: str | None, province: Region | None, today: date
) -> Dashboard:
    by_category = recap(viewer, election=election, region=province, group_by=GroupBy.CATEGORY)
    category_items = [
        (str(n), f"{n}. {labels.category_label(n)}", by_category.totals[n], "")
        for n in range(1, 11)
    ]
    regency_rows = region_rows(viewer, election=election, region=province)
    if province is None:
        region_items, level = _provinces(regency_rows), "province"
    else:
        region_items = [(r.key, r.label, r.total, "") for r in regency_rows]
        level = "regency"
    subjects = recap(viewer, election=election, region=province, group_by=GroupBy.SUBJECT)
    months = recap(viewer, election=election, region=province, group_by=GroupBy.MONTH)
    stages = recap(viewer, election=election, region=province, group_by=GroupBy.STAGE)
    cases = cases_visible_to(viewer, election=election, region=province)
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
        categories=_bars(category_items),
        regions=_bars(region_items),
        region_level=level,
        subjects=_bars([(r.key, labels.subject_label(r.key), r.total, "") for r in subjects.rows]),
        months=_bars([(r.key, _month_label(r.key), r.total, "") for r in months.rows]),
        stages=_bars(_rows(stages)),
        follow_up=follow_up,
        agreement=suggestion_agreement(viewer, election=election, region=province),
    )
