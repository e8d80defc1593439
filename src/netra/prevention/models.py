"""The prevention register: who declared, which meetings were held, which imbauan were sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netra.regions.models import Agency, Region


class Declaration(models.Model):
    """A region's (agency empty) or an agency's signed neutrality declaration."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.CharField(max_length=200)  # name and office of the signatory
    signed_on = models.DateField()
    points = models.TextField()  # one point a line, as signed
    document_reference = models.CharField(max_length=200, blank=True)  # letter number, place
    # The signed scan (PDF or image), checked like case evidence and kept with its SHA-256.
    document = models.FileField(upload_to="prevention/declarations/%Y/%m/", blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    document_media_type = models.CharField(max_length=100, blank=True)
    document_name = models.CharField(max_length=255, blank=True)  # as uploaded, kept as data
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-signed_on",)
        constraints = (
            models.CheckConstraint(
                condition=Q(document="") | ~Q(document_sha256=""),
                name="prevention_declaration_document_has_hash",
            ),
            models.UniqueConstraint(
                fields=("region", "agency"),
                name="prevention_declaration_one_per_agency",
                condition=Q(agency__isnull=False),
            ),
            models.UniqueConstraint(
                fields=("region",),
                name="prevention_declaration_one_per_region",
                condition=Q(agency__isnull=True),
            ),
        )

    def __str__(self) -> str:
        return f"{self.region} {self.agency or ''} {self.signed_on}".strip()

    @property
    def point_list(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]


class MeetingKind(models.TextChoices):
    # Labels in the catalogue, so the English desk does not show the Indonesian names.
    SOCIALISATION = "socialisation", _("Neutrality socialisation")
    MAPPING = "mapping", _("Vulnerability-mapping meeting")


class Meeting(models.Model):
    """A socialisation or vulnerability-mapping meeting held in a region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=MeetingKind.choices)
    held_on = models.DateField()
    place = models.CharField(max_length=200)
    organiser = models.CharField(max_length=200)
    audience = models.CharField(max_length=300)  # who attended, in words
    attendees = models.PositiveIntegerField()
    agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    materials = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-held_on",)
        constraints = (
            models.CheckConstraint(
                condition=Q(attendees__gte=1), name="prevention_meeting_has_attendees"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region} {self.held_on}"


class StageReminder(models.Model):
    """A reminder sent to one staff member for one stage of an election (sent once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    election = models.CharField(max_length=40)
    stage = models.CharField(max_length=40)
    starts_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ("-sent_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("user", "election", "stage", "starts_on"),
                name="prevention_stage_reminder_once",
            ),
        )

    def __str__(self) -> str:
        return f"{self.stage} {self.starts_on} {self.region}"


class ImbauanBatch(models.Model):
    """Imbauan letters sent to every agency of a region on one day, with the PDF's SHA-256."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    letter_number = models.CharField(max_length=100)
    sent_on = models.DateField()
    agency_count = models.PositiveIntegerField()
    report_url = models.CharField(max_length=200)  # the reporting channel printed on letters
    tipline = models.CharField(max_length=40, blank=True)
    sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-sent_on",)

    def __str__(self) -> str:
        return f"{self.letter_number} {self.region} {self.sent_on}"
