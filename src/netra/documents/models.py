"""Letterheads per Bawaslu office, and every PDF letter generated, kept with its SHA-256."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Letterhead(models.Model):
    """The kop surat of one Bawaslu office; `region` None is Bawaslu RI.

    Offices without one get a plain letterhead built from the region's name, so letters can be
    made before an administrator has filled these in.
    """

    region = models.OneToOneField(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    office_name = models.CharField(max_length=200)  # "Badan Pengawas Pemilihan Umum Kabupaten X"
    address = models.CharField(max_length=300)
    phone = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True)
    website = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=80, help_text="Where letters are signed, e.g. Cibinong")
    signatory_name = models.CharField(max_length=120, blank=True)
    signatory_title = models.CharField(max_length=120, default="Ketua")

    def __str__(self) -> str:
        return self.office_name


class GeneratedDocument(models.Model):
    """A letter as it was generated: the stored bytes and their hash are the record."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="documents/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    # Whether the stored PDF prints the reporter's name and address: such a letter is only ever
    # served to the supervisors (Bawaslu) of the case's region, like the identity in the API.
    names_reporter = models.BooleanField(default=True)
    # None: stored by Netra itself (the pemberitahuan status laporan of a public step).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    # The step a letter belongs to, for the letters stored at each public step: one per step.
    transition = models.ForeignKey(
        "cases.CaseTransition", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("transition", "kind"),
                condition=models.Q(transition__isnull=False),
                name="one_letter_of_a_kind_per_step",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title} ({self.case_id})"
