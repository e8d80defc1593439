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
