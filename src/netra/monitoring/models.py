"""Monitored posts, their sightings and near-duplicate groups, and the desk's triage decisions.

An `Item` is one content (SHA-256 of its text) stored once; every time it arrives again, from
any source, a `Sighting` is added. Items that are reposts or edited copies of each other share a
`Group`, which is what the review queue shows and what a supervisor accepts or dismisses.
Workflow lives in services.py, scoped reads in selectors.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FILE = "file", "File import"
    FEED = "feed", "News feed"
    FORM = "form", "Public form"
    TIPLINE = "tipline", "Tipline"


class Source(models.Model):
    """Where items come from: an import channel or a polled feed, with its home region."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=SourceKind.choices)
    url = models.URLField(max_length=1000, blank=True)
    # Items whose text names no region fall back to this one, then to national.
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class GroupStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted as a finding")
    DISMISSED = "dismissed", _("Dismissed")
    DUPLICATE = "duplicate", _("Folded into another group")


class Group(models.Model):
    """Near-duplicate items: one line in the review queue."""

    # The first item's SHA-256; unique by a constraint (Meta), not `unique=True`, which on
    # PostgreSQL adds a second, LIKE-pattern index that no query uses and every insert updates.
    key = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=GroupStatus.choices, default=GroupStatus.OPEN)
    # The queue's region: the first flagged item's, else the first item's; null = national.
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    item_count = models.PositiveIntegerField(default=0)
    sighting_count = models.PositiveIntegerField(default=0)
    reach = models.PositiveBigIntegerField(default=0)
    score = models.FloatField(default=0.0)  # the best item's analyzer score
    is_violation = models.BooleanField(default=False)
    category = models.PositiveSmallIntegerField(null=True, blank=True)
    subject_type = models.CharField(max_length=30, blank=True)
    platforms = models.JSONField(default=list, blank=True)
    regions = models.JSONField(default=list, blank=True)  # region codes of its items
    # Followed from the group only, never searched: no index (migration 0015). Items are not
    # deleted; a group folded into another stays (status "duplicate").
    earliest_item = models.ForeignKey(
        "Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-score", "-reach", "id")
        indexes = (
            models.Index(
                fields=("status", "region", "-score", "-reach"), name="monitoring_group_queue"
            ),
            # The nationwide queue: flagged open groups in queue order, read without a sort.
            models.Index(
                fields=("status", "is_violation", "-score", "-reach", "id"),
                name="monitoring_group_flagged",
            ),
        )
        constraints = (models.UniqueConstraint(fields=("key",), name="monitoring_group_key"),)

    def __str__(self) -> str:
        return f"group {self.key[:12]}"


class Item(models.Model):
    """One content, stored once, screened once."""

    sha256 = models.CharField(max_length=64)  # unique by a constraint, as Group.key
    text = models.TextField()
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="items")
    # No index on the source or the region (migration 0015): no query looks items up by either
    # (the queue reads groups; an item's sightings hold its sources), and every item written
    # maintained both. Deleting a source or a region (PROTECT) scans the items instead.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", db_index=False)
    external_id = models.CharField(max_length=200)
    url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(max_length=200, blank=True)  # personal data: Bawaslu roles only
    platform = models.CharField(max_length=40, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField()
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    region_source = models.CharField(max_length=10, blank=True)  # "text", "record", "source"
    reach = models.PositiveBigIntegerField(default=0)
    media = models.JSONField(default=list, blank=True)  # [{"name", "sha256"}]
    links = models.JSONField(default=list, blank=True)
    # The analyzer's verdict (netra.analysis.screen) and, when flagged, its full suggestion.
    is_violation = models.BooleanField(default=False)
    score = models.FloatField(default=0.0)
    category = models.PositiveSmallIntegerField(null=True, blank=True)
    subject_type = models.CharField(max_length=30, blank=True)
    acts = models.JSONField(default=list, blank=True)
    # The full reading of a flagged item (evidence spans, norms, sanctions): `analyze()`'s, made
    # after ingest (the worker, or the group page when opened) while `is_analysis_pending`.
    analysis = models.JSONField(default=dict, blank=True)
    is_analysis_pending = models.BooleanField(default=False)
    # The posting date as the source gave it (its own zone): what `analyze()` reads when the
    # text names no date of its own.
    posted_on = models.DateField(null=True, blank=True)
    analyzer_version = models.CharField(max_length=80)
    # The MinHash signature for near-duplicate grouping (`grouping.Signature.to_bytes`: 128 x
    # uint32, then the word 4-gram count and sketch, up to 64 x uint32, then for a long text its
    # salient words in order, up to 256 x uint32; a text that quotes a statement stores its quoted
    # words, their number and up to 128 x uint32, before those, and one that quotes its
    # quotations, their number and per quotation 17 x uint32, up to 16, after the quoted words);
    # empty for short texts. 512 bytes for an item signed before the word sketch, no salient words
    # for one signed before monitoring-19, no quoted words before monitoring-20, no quotations
    # before monitoring-30 (`netra rekey` updates them all).
    signature = models.BinaryField(max_length=3404, blank=True, default=b"")
    similarity = models.FloatField(null=True, blank=True)  # to the item it joined the group by

    class Meta:
        ordering = ("first_seen_at", "id")
        indexes = (
            models.Index(
                fields=("id",),
                condition=Q(is_analysis_pending=True),
                name="monitoring_item_to_analyze",
            ),
        )
        constraints = (models.UniqueConstraint(fields=("sha256",), name="monitoring_item_sha256"),)

    def __str__(self) -> str:
        return f"item {self.sha256[:12]}"


class Sighting(models.Model):
    """One arrival of an item: which source, under which id, when."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="sightings")
    # Lookups by source go through the unique (source, external_id, item) index, which leads
    # with it: a second index on the source alone was redundant (migration 0015).
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", db_index=False)
    external_id = models.CharField(max_length=200)
    author = models.CharField(max_length=200, blank=True)  # personal data: Bawaslu roles only
    platform = models.CharField(max_length=40, blank=True)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ("seen_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("source", "external_id", "item"), name="monitoring_sighting_once"
            ),
        )

    def __str__(self) -> str:
        return f"sighting {self.external_id}"


class GroupingKey(models.Model):
    """An LSH band, link or media key of a group (netra.monitoring.core.grouping), with the
    group's latest item that has it: the item a new post sharing the key is compared with.

    One row per key and group: a repost that shares its group's keys raises their `item`
    instead of adding rows (a viral group's thousands of copies would otherwise add thousands
    of rows per key). The unique index also serves the lookup by key.

    A derived index that only the ingest and a fold write: its two references are not checked
    by the database (`db_constraint=False`; deletions still cascade, through Django). On
    PostgreSQL the checks were a query per written row, about 16,000 a batch of 1,000 posts
    (bench/monitoring_ingest.py --statements).
    """

    # The primary key is the key and the group (migration 0013): a surrogate id was a third
    # index to maintain for every row the ingest writes.
    pk = models.CompositePrimaryKey("key", "group")
    key = models.BigIntegerField()
    # No index of its own: items are not deleted, and lookups go by key.
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    def __str__(self) -> str:
        return f"key {self.key}"


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"
    DUPLICATE = "duplicate", "Duplicate"


class TriageDecision(models.Model):
    """A supervisor's decision on a group beside the analyzer's verdict: a training label.

    Append-only; `netra export triage` writes them in the corpus format with personal data
    replaced by placeholders.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="decisions")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    reason = models.CharField(max_length=500, blank=True)
    suggested_is_violation = models.BooleanField()
    suggested_category = models.PositiveSmallIntegerField(null=True, blank=True)
    suggested_subject_type = models.CharField(max_length=30, blank=True)
    suggested_acts = models.JSONField(default=list, blank=True)
    analyzer_version = models.CharField(max_length=80)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("decided_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=~Q(verdict="dismissed") | ~Q(reason=""),
                name="monitoring_dismissal_has_reason",
            ),
        )

    def __str__(self) -> str:
        return f"{self.verdict} {self.group_id}"


class Tip(models.Model):
    """A post, photo or link a citizen forwarded to a tipline; joins the grouping as an item.

    `chat_id` and `sender` identify the citizen: personal data, used only to answer them.
    """

    channel = models.CharField(max_length=20)  # "telegram"
    tracking_code = models.CharField(max_length=20, unique=True)
    chat_id = models.CharField(max_length=64)
    sender = models.CharField(max_length=200, blank=True)
    message_id = models.CharField(max_length=64)
    # None while its photo, video or document waits to be downloaded (TipFile), or when it
    # could not be and there is no caption.
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.PROTECT, related_name="tips"
    )
    received_at = models.DateTimeField()

    class Meta:
        ordering = ("received_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("channel", "chat_id", "message_id"), name="monitoring_tip_once"
            ),
        )

    def __str__(self) -> str:
        return f"tip {self.tracking_code}"


class TipFileStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    STORED = "stored", "Stored"
    FAILED = "failed", "Failed"


class TipFileKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")


class TipFile(models.Model):
    """A photo, video or document sent to a tipline, downloaded from the platform by the worker
    (with retries) and then filed, with its caption, as the tip's item: stored under its
    SHA-256; a photo is checked as uploaded evidence is and perceptual-hashed for image
    grouping, a video or document is kept as it came within NETRA_TIPLINE_MAX_FILE_BYTES. A
    failure (a file over the limit, never downloaded) is kept with its cause."""

    tip = models.OneToOneField(Tip, on_delete=models.CASCADE, related_name="file")
    kind = models.CharField(max_length=10, choices=TipFileKind.choices, default=TipFileKind.PHOTO)
    file_ref = models.CharField(max_length=200)  # Telegram file_id, WhatsApp media id
    file_name = models.CharField(max_length=200, blank=True)  # as the citizen's app named it
    mime_type = models.CharField(max_length=100, blank=True)  # as the platform stated it
    size = models.PositiveBigIntegerField(null=True, blank=True)  # bytes, once downloaded
    caption = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=TipFileStatus.choices, default=TipFileStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)  # English, for logs
    # The same error as a template and its values (netra.errors.StoredMessage), so the desk
    # shows it in the reader's language; empty on rows older than it (the English is shown).
    last_error_message = models.JSONField(default=dict, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("next_attempt_at", "id")
        indexes = (
            models.Index(fields=("status", "next_attempt_at"), name="monitoring_tipfile_due"),
        )

    def __str__(self) -> str:
        return f"{self.kind} of {self.tip} ({self.status})"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # WhatsApp: more than 24 hours since the citizen's last message, and no approved template to
    # carry this reply (NETRA_WHATSAPP_STATUS_TEMPLATE unset, or a conversational reply).
    WINDOW_CLOSED = "closed", _("Not sent: WhatsApp's 24-hour window has closed")


class OutboundMessage(models.Model):
    """A reply to a tipline sender, sent by `netra outbox send` with retries."""

    channel = models.CharField(max_length=20)
    chat_id = models.CharField(max_length=64)
    text = models.TextField()
    tip = models.ForeignKey(Tip, null=True, on_delete=models.CASCADE, related_name="replies")
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)  # as TipFile keeps it
    last_error_message = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    # A status reply's values for WhatsApp's approved template (tracking code, outcome), used
    # outside the 24-hour window; empty for conversational replies, which have no template.
    template_params = models.JSONField(default=list, blank=True)
    sent_as_template = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at", "id")
        indexes = (
            models.Index(fields=("status", "next_attempt_at"), name="monitoring_outbox_due"),
            # When a citizen last wrote (WhatsApp's 24-hour window, tiplines.last_heard_from).
            models.Index(
                fields=("channel", "chat_id", "created_at"), name="monitoring_outbox_chat"
            ),
        )

    def __str__(self) -> str:
        return f"{self.channel} message {self.pk} ({self.status})"


class Capture(models.Model):
    """What an item's URL served when archived: the bytes (content-addressed), their SHA-256 and
    the time, kept because deleted posts are a common defence. A failed fetch is kept too."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="captures")
    url = models.URLField(max_length=2000)
    fetched_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    stored_as = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)  # as TipFile keeps its last error
    error_message = models.JSONField(default=dict, blank=True)
    # A PNG of the page drawn by headless chromium, beside the bytes the server sent.
    is_screenshot = models.BooleanField(default=False)

    class Meta:
        ordering = ("fetched_at", "id")

    def __str__(self) -> str:
        return f"capture of {self.url} at {self.fetched_at.isoformat()}"


class FormReport(models.Model):
    """A public-form report whose text and links joined the grouping as an item: with the
    tipline tips of the same item or group, one of its reporters. The reporter's identity
    stays on the report (cases.Report); here only which report it was."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="form_reports")
    report = models.OneToOneField("cases.Report", on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField()

    class Meta:
        ordering = ("received_at", "id")

    def __str__(self) -> str:
        return f"form report {self.report_id}"
