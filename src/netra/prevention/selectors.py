"""Reads of the prevention register, scoped to the viewer's regions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from netra.accounts.models import User
from netra.cases.scope import can_act_on, is_staff_role
from netra.prevention.models import Declaration, ImbauanBatch, Meeting, MeetingKind
from netra.regions.models import Agency, Region, RegionLevel
from netra.regions.selectors import region_by_code, regions_within


class RegionNotFoundError(LookupError):
    """No such region in the viewer's scope (a 404)."""


@dataclass(frozen=True, slots=True)
class Coverage:
    """What one kabupaten/kota has done to prevent violations."""

    region: Region
    is_declared: bool
    agencies: int
    agencies_declared: int
    socialisations: int
    mappings: int
    last_meeting_on: date | None
    last_imbauan_on: date | None

    @property
    def is_socialised(self) -> bool:
        return self.socialisations > 0

    @property
    def is_imbauan_sent(self) -> bool:
        return self.last_imbauan_on is not None


def regencies_for(user: User) -> QuerySet[Region]:
    """The kabupaten/kota the viewer's scope covers."""
    if not is_staff_role(user):
        return Region.objects.none()
    regions = Region.objects.exclude(level=RegionLevel.PROVINCE)
    if user.region is not None:
        regions = regions.filter(pk__in=regions_within(user.region).values("pk"))
    return regions.order_by("code")


def region_for(user: User, code: str) -> Region:
    """A kabupaten/kota in the viewer's scope, or RegionNotFoundError."""
    region = region_by_code(code)
    if region is None or region.level == RegionLevel.PROVINCE or not can_act_on(user, region):
        raise RegionNotFoundError(code)
    return region


def coverage_for(user: User) -> list[Coverage]:
    """Declared / socialised / imbauan sent, per kabupaten/kota in the viewer's scope."""
    regions = list(regencies_for(user))
    ids = [region.pk for region in regions]
    region_declared = set(
        Declaration.objects.filter(region_id__in=ids, agency__isnull=True).values_list(
            "region_id", flat=True
        )
    )
    agency_declarations = dict(
        Declaration.objects.filter(region_id__in=ids, agency__isnull=False)
        .values_list("region_id")
        .annotate(n=Count("pk"))
    )
    agencies = dict(
        Agency.objects.filter(region_id__in=ids)
        .exclude(kind="kecamatan")
        .values_list("region_id")
        .annotate(n=Count("pk"))
    )
    meetings = {
        row["region_id"]: row
        for row in Meeting.objects.filter(region_id__in=ids)
        .values("region_id")
        .annotate(
            socialisations=Count("pk", filter=Q(kind=MeetingKind.SOCIALISATION)),
            mappings=Count("pk", filter=Q(kind=MeetingKind.MAPPING)),
            last=Max("held_on"),
        )
    }
    imbauan = dict(
        ImbauanBatch.objects.filter(region_id__in=ids)
        .values_list("region_id")
        .annotate(last=Max("sent_on"))
    )
    rows = []
    for region in regions:
        met = meetings.get(region.pk, {})
        rows.append(
            Coverage(
                region=region,
                is_declared=region.pk in region_declared,
                agencies=agencies.get(region.pk, 0),
                agencies_declared=agency_declarations.get(region.pk, 0),
                socialisations=met.get("socialisations", 0),
                mappings=met.get("mappings", 0),
                last_meeting_on=met.get("last"),
                last_imbauan_on=imbauan.get(region.pk),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class CoverageTotal:
    """Prevention coverage of a province (its kabupaten/kota in scope) or of one kabupaten/kota."""

    code: str
    name: str
    regencies: int
    declared: int
    socialised: int
    imbauan_sent: int


def coverage_totals(user: User, province: Region | None = None) -> list[CoverageTotal]:
    """Declared / socialised / imbauan sent for the recap: per province of the viewer's scope,
    or per kabupaten/kota inside `province` (a province outside the scope gives nothing)."""
    rows = coverage_for(user)
    if province is not None:
        rows = [row for row in rows if province.covers(row.region)]
        return [
            CoverageTotal(
                row.region.code,
                row.region.name,
                1,
                int(row.is_declared),
                int(row.is_socialised),
                int(row.is_imbauan_sent),
            )
            for row in rows
        ]
    by_province: dict[int, list[Coverage]] = {}
    for row in rows:
        by_province.setdefault(row.region.parent_id or row.region.pk, []).append(row)
    names = Region.objects.in_bulk(list(by_province))
    return [
        CoverageTotal(
            names[pk].code,
            names[pk].name,
            len(group),
            sum(row.is_declared for row in group),
            sum(row.is_socialised for row in group),
            sum(row.is_imbauan_sent for row in group),
        )
        for pk, group in sorted(by_province.items(), key=lambda item: names[item[0]].code)
    ]


def agencies_of(region: Region) -> QuerySet[Agency]:
    """The perangkat daerah of a kabupaten/kota (its kecamatan are addressed through the camat)."""
    return Agency.objects.filter(region=region).exclude(kind="kecamatan").order_by("name")


def undeclared_agencies(region: Region) -> QuerySet[Agency]:
    declared = Declaration.objects.filter(region=region, agency__isnull=False).values("agency_id")
    return agencies_of(region).exclude(pk__in=declared)


def declarations_in(region: Region) -> QuerySet[Declaration]:
    return Declaration.objects.filter(region=region).select_related("agency")


def declaration_in(region: Region, pk: int) -> Declaration:
    """One declaration of `region` (already scope-checked), or RegionNotFoundError."""
    declaration = Declaration.objects.filter(region=region, pk=pk).select_related("region").first()
    if declaration is None:
        raise RegionNotFoundError(f"{region.code}/{pk}")
    return declaration


def meetings_in(region: Region) -> QuerySet[Meeting]:
    return Meeting.objects.filter(region=region).prefetch_related("agencies")


def imbauan_in(region: Region) -> QuerySet[ImbauanBatch]:
    return ImbauanBatch.objects.filter(region=region)
