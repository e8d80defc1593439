"""Public aggregates of proven violations: no names, NIPs, agencies or reporters, ever.

Only counts leave this module, and every count passes through `suppression` before a view or
export sees it. A case counts as a proven violation once Bawaslu decided it was one (a
`decided_violation` step in its history), whatever happened after. A filtered view is also
checked against its parent views (all elections; the whole country), so that two public views
cannot be subtracted into a count under five.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from netra.cases import reference
from netra.cases.models import Case, CaseTransition, Election
from netra.cases.selectors import elections_matching
from netra.errors import NetraError
from netra.procedure import CaseState
from netra.public import labels
from netra.regions.models import Region, RegionLevel
from netra.transparency.suppression import Cell, is_small, publish, publish_table

UNKNOWN = "unknown"
PPK_STATES = (CaseState.AWAITING_PPK.value, CaseState.PPK_EXAMINATION.value)


class UnknownElectionError(NetraError):
    code = "not_found"


def proven(election: str | None = None, province: Region | None = None) -> QuerySet[Case]:
    """Cases Bawaslu decided were violations, in an election (code or series) and province."""
    decided = CaseTransition.objects.filter(to_state=CaseState.DECIDED_VIOLATION.value)
    cases = Case.objects.filter(id__in=decided.values("case_id"))
    if election:
        ids = list(elections_matching(election).values_list("id", flat=True))
        if not ids:
            raise UnknownElectionError(f"election '{election}' not found", election=election)
        cases = cases.filter(election_id__in=ids)
    if province is not None:
        cases = cases.filter(
            Q(region__code=province.code) | Q(region__code__startswith=province.code + ".")
        )
    return cases.order_by()


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str
    count: Cell


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[Row, ...]
    total: Cell


Items = list[tuple[str, str, int]]  # (key, label, count) of one table's rows


def _table(items: Iterable[tuple[str, str, int]], parents: Sequence[Items] = ()) -> Table:
    """Published rows and total; `parents` are the same table in the parent views (a row the
    parent lacks, e.g. a regency against the provinces, is not compared)."""
    listed = sorted(items)
    counts = [count for _, _, count in listed]
    keyed = [{key: n for key, _, n in parent} for parent in parents]
    # A key missing from a parent compares with itself: no difference to hide.
    aligned = [[p.get(key, n) for key, _, n in listed] for p in keyed]
    cells = publish_table(counts, parents=aligned)
    total = sum(counts)
    return Table(
        rows=tuple(
            Row(key=key, label=label, count=cell)
            for (key, label, _n), cell in zip(listed, cells, strict=True)
        ),
        total=publish(total, parents=[sum(n for _, _, n in parent) for parent in parents]),
    )


@dataclass(frozen=True, slots=True)
class FollowUp:
    forwarded: Cell
    sanctioned: Cell
    overdue: Cell


@dataclass(frozen=True, slots=True)
class PublicRecap:
    total: Cell
    by_region: Table
    region_counts: dict[str, int]  # raw, for shading only: the map shows suppressed labels
    by_category: Table
    by_subject: Table
    by_month: Table
    by_stage: Table
    follow_up: FollowUp


def _region_items(cases: QuerySet[Case], province: Region | None) -> list[tuple[str, str, int]]:
    counted = dict(cases.values_list("region_id").annotate(n=Count("id")))
    codes = dict(Region.objects.filter(id__in=counted).values_list("id", "code"))
    totals: Counter[str] = Counter()
    for region_id, n in counted.items():
        code = codes[region_id]
        totals[code.split(".")[0] if province is None else code] += n
    if province is None:
        regions = Region.objects.filter(level=RegionLevel.PROVINCE)
    else:
        regions = Region.objects.filter(Q(parent=province) | Q(id=province.id))
    names = dict(regions.values_list("code", "name"))
    return [(code, names.get(code, code), totals[code]) for code in names if totals[code]]


def _stage_items(cases: QuerySet[Case]) -> list[tuple[str, str, int]]:
    series_of = dict(Election.objects.values_list("id", "series"))
    counted: Counter[tuple[str, str]] = Counter()
    stage_cache: dict[tuple[str, date], tuple[str, str] | None] = {}
    for election_id, incident_on, n in cases.values_list("election_id", "incident_on").annotate(
        n=Count("id")
    ):
        series = series_of.get(election_id, "")
        if (series, incident_on) not in stage_cache:
            stage_cache[series, incident_on] = reference.stage_on(series, incident_on)
        stage = stage_cache[series, incident_on] or (UNKNOWN, _("Outside the stages"))
        counted[stage] += n
    return [(key, labels.stage_label(str(label)), n) for (key, label), n in counted.items()]


@dataclass(frozen=True, slots=True)
class _Counts:
    """One view's raw counts, before suppression."""

    regions: Items
    categories: Items
    subjects: Items
    months: Items
    stages: Items
    forwarded: int
    sanctioned: int
    overdue: int


def _counts(election: str | None, province: Region | None, today: date) -> _Counts:
    cases = proven(election, province)
    subjects: Counter[str] = Counter()
    for code, n in cases.values_list("subject_type").annotate(n=Count("id")):
        # An empty subject, or the analyzer's "none" (it recognised no one), is an unknown one:
        # the public reads one row for "who acted is not known", not two.
        subjects[UNKNOWN if code in ("", None, labels.NO_SUBJECT) else code] += n
    months: Counter[str] = Counter()
    for incident_on, n in cases.values_list("incident_on").annotate(n=Count("id")):
        months[incident_on.strftime("%Y-%m")] += n
    return _Counts(
        regions=_region_items(cases, province),
        categories=[
            (f"{number:02d}", f"{number}. {labels.category_label(number)}", n)
            for number, n in cases.filter(category__isnull=False)
            .values_list("category")
            .annotate(n=Count("id"))
        ],
        subjects=[(code, labels.subject_label(code), n) for code, n in subjects.items()],
        months=[(key, key, n) for key, n in months.items()],
        stages=_stage_items(cases),
        forwarded=cases.filter(transitions__to_state=CaseState.FORWARDED.value).distinct().count(),
        sanctioned=cases.filter(transitions__to_state=CaseState.SANCTION_IMPOSED.value)
        .distinct()
        .count(),
        overdue=cases.filter(state__in=PPK_STATES, deadline_on__lt=today).count(),
    )


def public_recap(*, election: str | None, province: Region | None, today: date) -> PublicRecap:
    """The page's aggregates; a filtered view is suppressed against its parent views too."""
    counts = _counts(election, province, today)
    parents = [_counts(None, province, today)] if election else []  # every election
    if province is not None:
        parents.append(_counts(election, None, today))  # the whole country

    def follow_up(field: str) -> Cell:
        return publish(getattr(counts, field), parents=[getattr(p, field) for p in parents])

    def table(field: str) -> Table:
        return _table(getattr(counts, field), [getattr(p, field) for p in parents])

    # The country's region rows are provinces and a province's are its regencies: rows without
    # a match in a parent are not compared, but the table's total (the headline) always is.
    by_region = table("regions")
    return PublicRecap(
        total=by_region.total,
        by_region=by_region,
        region_counts={code: n for code, _, n in counts.regions},
        by_category=table("categories"),
        by_subject=table("subjects"),
        by_month=table("months"),
        by_stage=table("stages"),
        follow_up=FollowUp(
            forwarded=follow_up("forwarded"),
            sanctioned=follow_up("sanctioned"),
            overdue=follow_up("overdue"),
        ),
    )


@dataclass(frozen=True, slots=True)
class OpenDataRow:
    election: str
    region_code: str
    region_name: str
    category: int | None
    month: str
    proven_violations: Cell


def open_data(election: str) -> list[OpenDataRow]:
    """One row per region x category x month with a proven violation; counts suppressed.

    Secondary suppression runs per region: its rows add up to the region's total on the public
    page, so one lone suppressed row would be recoverable. And where the region's total over
    every election (on the page) differs from this election's by 1 to 4, at least two of its
    rows are hidden, so the rows cannot be summed and subtracted from it.
    """
    every_election = dict(proven().values_list("region_id").annotate(n=Count("id")))
    cases = proven(election)
    grouped: dict[int, list[tuple[int | None, str, int]]] = defaultdict(list)
    by_day = cases.values_list("region_id", "category", "incident_on").annotate(n=Count("id"))
    folded: Counter[tuple[int, int | None, str]] = Counter()
    for region_id, category, incident_on, n in by_day:
        folded[region_id, category, incident_on.strftime("%Y-%m")] += n
    for (region_id, category, month), n in folded.items():
        grouped[region_id].append((category, month, n))
    regions = {r.id: r for r in Region.objects.filter(id__in=grouped).only("id", "code", "name")}
    rows: list[OpenDataRow] = []
    for region_id, cells in grouped.items():
        cells.sort(key=lambda c: (c[1], c[0] or 0))
        counts = [n for _, _, n in cells]
        published = publish_table(
            counts, hide_some=is_small(every_election.get(region_id, 0) - sum(counts))
        )
        region = regions[region_id]
        rows.extend(
            OpenDataRow(
                election=election,
                region_code=region.code,
                region_name=region.name,
                category=category,
                month=month,
                proven_violations=cell,
            )
            for (category, month, _), cell in zip(cells, published, strict=True)
        )
    rows.sort(key=lambda r: (r.region_code, r.month, r.category or 0))
    return rows
