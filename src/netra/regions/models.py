"""Kemendagri regions down to kabupaten/kota: the unit of Pilkada and of Bawaslu's jurisdiction."""

from __future__ import annotations

from django.db import models


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "Provinsi"
    REGENCY = "regency", "Kabupaten"
    CITY = "city", "Kota"


class Region(models.Model):
    """A provinsi, kabupaten or kota with its dotted Kemendagri code ("32", "32.01")."""

    code = models.CharField(max_length=13, unique=True)
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ("code",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(level="province", parent__isnull=True)
                | (~models.Q(level="province") & models.Q(parent__isnull=False)),
                name="regions_region_only_provinces_are_roots",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def covers(self, other: Region) -> bool:
        """Whether `other` is this region or lies inside it."""
        return other.code == self.code or other.code.startswith(self.code + ".")


class AgencyKind(models.TextChoices):
    PEMDA = "pemda", "Pemerintah daerah"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    BADAN = "badan", "Badan"
    DINAS = "dinas", "Dinas"
    SATPOL = "satpol", "Satuan Polisi Pamong Praja"
    RSUD = "rsud", "Rumah sakit daerah"
    KECAMATAN = "kecamatan", "Kecamatan"
    VERTIKAL = "vertikal", "Instansi vertikal"
    PUSAT = "pusat", "Instansi pusat"
    TNI = "tni", "TNI"
    POLRI = "polri", "Polri"


class Agency(models.Model):
    """An instansi where officials work: perangkat daerah, a kecamatan, or a central body."""

    code = models.CharField(max_length=40, unique=True)  # "32.01/disdik", "32.01.01", "bkn"
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=AgencyKind.choices)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )

    class Meta:
        ordering = ("code",)
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def head_title(self) -> str:
        """Who heads the agency, as a letter addresses them: "Bupati Bogor", "Sekretaris Daerah
        Kabupaten Bogor", "Inspektur ...", "Direktur Rumah Sakit ...", "Camat ...", else
        "Kepala <name>" (a regional government has no kepala; UU 23/2014 Pasal 59)."""
        name = self.name
        if self.kind == AgencyKind.PEMDA and self.region is not None:
            region = self.region.name.removeprefix("Provinsi ")
            if self.region.level == RegionLevel.PROVINCE:
                return f"Gubernur {region}"
            if region.startswith("Kota "):
                return "Wali " + region
            return "Bupati " + region.removeprefix("Kabupaten ")
        for office, head in (
            ("Sekretariat ", "Sekretaris "),
            ("Inspektorat ", "Inspektur "),
            ("Kecamatan ", "Camat "),
        ):
            if name.startswith(office):
                return head + name.removeprefix(office)
        if self.kind == AgencyKind.RSUD:
            return f"Direktur {name}"
        return f"Kepala {name}"
