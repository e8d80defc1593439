"""Writes of the monitoring desk: ingest posts in batches, and triage groups into cases.

Ingest stores each content once (SHA-256), screens it with the analyzer, puts it in its
near-duplicate group and records the sighting; a batch is one transaction. Triage (accept,
dismiss, mark duplicate) is a supervisor's act: scope-checked, audited, and kept as a label.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Count, Max

from netra.accounts.models import User
from netra.analysis import Analyzer
from netra.analysis.screen import Screener, default_screener
from netra.audit.services import record
from netra.cases.models import Case, Election
from netra.cases.services import IncidentData, add_evidence, new_upload, record_finding
from netra.errors import NetraError
from netra.monitoring.core import archive, feeds
from netra.monitoring.core.grouping import (
    DEFAULT_THRESHOLD,
    Entry,
    Grouper,
    ItemKeys,
    MemoryIndex,
    Signature,
)
from netra.monitoring.core.records import Post, RowError, content_sha256
from netra.monitoring.models import (
    Capture,
    Group,
    GroupingKey,
    GroupStatus,
    Item,
    Sighting,
    Source,
    SourceKind,
    TriageDecision,
    Verdict,
)
from netra.monitoring.scope import can_triage, ensure_group_in_scope
from netra.regions.models import Region

BATCH_SIZE = 1_000
# SQLite allows 32,766 bound parameters a statement; stay well below it.
QUERY_CHUNK = 5_000
MAX_REASON_CHARS = 500
# A case gets at most this many items quoted in its description and links as evidence.
MAX_ITEMS_IN_CASE = 20


class MonitoringError(NetraError):
    """A triage or ingest request that cannot be carried out as asked."""

    code = "monitoring_input"


class TriageNotAllowedError(NetraError):
    """Only the supervisors (Panwascam and Bawaslu tiers) triage the queue."""

    code = "forbidden"


@dataclass(frozen=True, slots=True)
class LineOutcome:
    """Where one input line went: its group, or why it was skipped."""

    line: int
    external_id: str | None
    group: str | None
    error: str | None = None
    is_new_item: bool = False


@dataclass
class IngestResult:
    """Per-line outcomes in input order, and the totals."""

    outcomes: list[LineOutcome] = field(default_factory=list)
    new_items: int = 0
    repeated_items: int = 0
    new_groups: int = 0
    flagged_items: int = 0

    @property
    def errors(self) -> list[LineOutcome]:
        return [outcome for outcome in self.outcomes if outcome.error is not None]


def source_named(name: str, *, kind: SourceKind, region: Region | None = None) -> Source:
    """The source with this name, created on first use (its region is set when created)."""
    source, _ = Source.objects.get_or_create(name=name, defaults={"kind": kind, "region": region})
    return source


def ingest_posts(
    rows: Iterable[Post | RowError],
    *,
    source: Source,
    now: datetime,
    threshold: float = DEFAULT_THRESHOLD,
    analyzer: Analyzer | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestResult:
    """Store, screen and group every post; bad rows become outcomes with their error."""
    analyzer = analyzer or Analyzer.default()
    screener = Screener(analyzer) if analyzer is not Analyzer.default() else default_screener()
    result = IngestResult()
    regions = {region.code: region for region in Region.objects.all()}
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        _ingest_batch(
            batch,
            source=source,
            now=now,
            threshold=threshold,
            analyzer=analyzer,
            screener=screener,
            regions=regions,
            result=result,
        )
    return result


def _chunks(values: Sequence[object], size: int = QUERY_CHUNK) -> Iterator[Sequence[object]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class _New:
    post: Post
    sha256: str
    keys: ItemKeys
    item: Item


@transaction.atomic
def _ingest_batch(
    batch: list[Post | RowError],
    *,
    source: Source,
    now: datetime,
    threshold: float,
    analyzer: Analyzer,
    screener: Screener,
    regions: dict[str, Region],
    result: IngestResult,
) -> None:
    posts = [row for row in batch if isinstance(row, Post)]
    hashes = {id(post): content_sha256(post.text) for post in posts}
    known: dict[str, Item] = {}
    for chunk in _chunks(sorted(set(hashes.values()))):
        for item in Item.objects.filter(sha256__in=chunk).select_related("group"):
            known[item.sha256] = item
    grouper = Grouper(MemoryIndex(), threshold=threshold)
    fresh: dict[str, _New] = {}
    for post in posts:
        sha = hashes[id(post)]
        if sha in known or sha in fresh:
            continue
        keys = grouper.keys_of(
            post.text,
            links=(post.url, *post.links),
            media=[media.sha256 for media in post.media],
        )
        item = _new_item(post, sha, source, now, analyzer, screener, regions)
        item.signature = keys.signature.values if keys.signature is not None else b""
        fresh[sha] = _New(post, sha, keys, item)
    _seed_index(grouper, [key for new in fresh.values() for key in new.keys.all])
    group_of: dict[str, str] = {}
    groups: dict[str, Group] = {}
    for new in fresh.values():
        assignment = grouper.assign(new.sha256, new.keys)
        new.item.similarity = assignment.similarity
        group_of[new.sha256] = assignment.group
        if assignment.is_new:
            groups[new.sha256] = Group(
                key=new.sha256, region=new.item.region, first_seen_at=now, last_seen_at=now
            )
    Group.objects.bulk_create(groups.values())
    by_key = {group.key: group for group in Group.objects.filter(key__in=set(group_of.values()))}
    for new in fresh.values():
        new.item.group = by_key[group_of[new.sha256]]
    Item.objects.bulk_create([new.item for new in fresh.values()])
    _insert_keys(fresh.values())
    items = {**known, **{sha: new.item for sha, new in fresh.items()}}
    sightings = [
        Sighting(
            item=items[hashes[id(post)]],
            source=source,
            external_id=post.external_id,
            author=post.author,
            platform=post.platform,
            seen_at=now,
        )
        for post in posts
    ]
    Sighting.objects.bulk_create(sightings, ignore_conflicts=True)
    _store_media([new.post for new in fresh.values()])
    _refresh_groups({item.group_id for item in items.values()})
    result.new_items += len(fresh)
    result.new_groups += len(groups)
    result.flagged_items += sum(1 for new in fresh.values() if new.item.is_violation)
    created = set(fresh)
    for row in batch:
        if isinstance(row, RowError):
            result.outcomes.append(LineOutcome(row.line, row.external_id, None, row.message))
            continue
        sha = hashes[id(row)]
        is_new = sha in created
        created.discard(sha)
        if not is_new:
            result.repeated_items += 1
        result.outcomes.append(
            LineOutcome(row.line, row.external_id, items[sha].group.key, None, is_new)
        )


def _insert_keys(fresh: Iterable[_New]) -> None:
    """The new items' grouping keys, in one prepared INSERT (tens of rows an item)."""
    quote = connection.ops.quote_name
    table = quote(GroupingKey._meta.db_table)
    rows = [(key, new.item.pk, new.item.group_id) for new in fresh for key in new.keys.all]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({quote('key')}, {quote('item_id')}, {quote('group_id')}) "  # noqa: S608
            "VALUES (%s, %s, %s)",
            rows,
        )


def _seed_index(grouper: Grouper, keys: list[int]) -> None:
    """Load the already grouped items that share a key with this batch into its index."""
    rows: list[tuple[int, str, str, bytes | memoryview]] = []
    for chunk in _chunks(sorted(set(keys))):
        rows.extend(
            GroupingKey.objects.filter(key__in=chunk).values_list(
                "key", "item__sha256", "group__key", "item__signature"
            )
        )
    index = grouper.index
    for key, sha, group, signature in rows:
        value = bytes(signature) if signature else b""
        index.add(Entry(sha, group, Signature(value) if value else None), [key])


def _new_item(
    post: Post,
    sha: str,
    source: Source,
    now: datetime,
    analyzer: Analyzer,
    screener: Screener,
    regions: dict[str, Region],
) -> Item:
    verdict = screener.screen(post.text)
    analysis: dict[str, object] = {}
    region, region_source = None, ""
    if verdict.is_violation:
        # Only flagged posts get the full reading: evidence spans, law and the regions named.
        full = analyzer.analyze(post.text, date=post.posted_at.date() if post.posted_at else None)
        analysis = full.to_dict()
        for mention in full.entities.regions:
            if mention.code in regions:
                region, region_source = regions[mention.code], "text"
                break
    if region is None and post.region_code in regions:
        region, region_source = regions[post.region_code], "record"
    if region is None and source.region_id is not None:
        region, region_source = source.region, "source"
    return Item(
        sha256=sha,
        text=post.text,
        source=source,
        external_id=post.external_id,
        url=post.url,
        author=post.author,
        platform=post.platform,
        posted_at=post.posted_at,
        first_seen_at=now,
        region=region,
        region_source=region_source,
        reach=post.reach,
        media=[{"name": media.name, "sha256": media.sha256} for media in post.media],
        links=list(post.links),
        is_violation=verdict.is_violation,
        score=verdict.score,
        category=verdict.bawaslu_category,
        subject_type=verdict.subject_type if verdict.is_violation else "",
        acts=list(verdict.acts),
        analysis=analysis,
        analyzer_version=analyzer.version,
    )


def _store_media(posts: Iterable[Post]) -> None:
    """Keep each attached file once, under its SHA-256 (content-addressed)."""
    for post in posts:
        for media in post.media:
            if media.content is None or not media.sha256:
                continue
            name = f"monitoring/{media.sha256}"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(media.content))


def _refresh_groups(group_ids: set[int]) -> None:
    """Recompute the queue's figures of the groups a batch touched.

    One read of the groups' items and one of their sightings, reduced here, then one prepared
    UPDATE executed for every group: the ORM's bulk_update builds a CASE per field and row,
    which cost more than the whole screening (bench/monitoring_ingest.py).
    """
    if not group_ids:
        return
    ids = sorted(group_ids)
    figures: dict[int, _Figures] = {}
    rows = Item.objects.filter(group_id__in=ids).values_list(
        "group_id",
        "id",
        "score",
        "is_violation",
        "category",
        "subject_type",
        "region_id",
        "region__code",
        "platform",
        "reach",
        "posted_at",
        "first_seen_at",
    )
    for row in rows.iterator(chunk_size=QUERY_CHUNK):
        figures.setdefault(row[0], _Figures()).add(row)
    sightings = dict(
        Sighting.objects.filter(item__group_id__in=ids)
        .values("item__group_id")
        .annotate(n=Count("id"), last=Max("seen_at"))
        .values_list("item__group_id", "n")
    )
    last_seen = dict(
        Sighting.objects.filter(item__group_id__in=ids)
        .values("item__group_id")
        .annotate(last=Max("seen_at"))
        .values_list("item__group_id", "last")
    )
    table = connection.ops.quote_name(Group._meta.db_table)
    # The table name is the model's; every value is a parameter.
    update = (
        f"UPDATE {table} SET "  # noqa: S608
        "item_count = %s, sighting_count = %s, reach = %s, score = %s, "
        "last_seen_at = %s, platforms = %s, regions = %s, is_violation = %s, category = %s, "
        "subject_type = %s, region_id = COALESCE(%s, region_id), earliest_item_id = %s "
        "WHERE id = %s"
    )
    params = []
    for group_id, figure in figures.items():
        seen = sightings.get(group_id, 0)
        params.append(
            (
                figure.items,
                seen,
                figure.reach + seen,
                figure.best_score,
                max(filter(None, (figure.last_seen, last_seen.get(group_id)))),
                json.dumps(sorted(figure.platforms)),
                json.dumps(sorted(figure.regions)),
                figure.is_violation,
                figure.category,
                figure.subject_type,
                figure.region_id,
                figure.earliest_id,
                group_id,
            )
        )
    with connection.cursor() as cursor:
        cursor.executemany(update, params)


@dataclass
class _Figures:
    """A group's figures, reduced from its items' rows."""

    items: int = 0
    reach: int = 0
    best_score: float = -1.0
    is_violation: bool = False
    category: int | None = None
    subject_type: str = ""
    region_id: int | None = None
    best_has_region: bool = False
    platforms: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    earliest: tuple[datetime, datetime, int] | None = None
    earliest_id: int | None = None
    last_seen: datetime | None = None

    def add(self, row: tuple[Any, ...]) -> None:
        (_, item_id, score, flagged, category, subject, region_id, code, platform, reach,
         posted_at, first_seen_at) = row  # fmt: skip
        self.items += 1
        self.reach += reach
        if platform:
            self.platforms.add(platform)
        if code:
            self.regions.add(code)
        # The best item speaks for the group; the first region found among the best wins.
        if score > self.best_score:
            self.best_score = score
            self.is_violation, self.category, self.subject_type = flagged, category, subject
            if region_id is not None:
                self.region_id = region_id
        elif self.region_id is None and region_id is not None:
            self.region_id = region_id
        key = (posted_at or first_seen_at, first_seen_at, item_id)
        if self.earliest is None or key < self.earliest:
            self.earliest, self.earliest_id = key, item_id
        if self.last_seen is None or first_seen_at > self.last_seen:
            self.last_seen = first_seen_at


# --- triage -------------------------------------------------------------------------------


def notify_outcome(group: Group, *, now: datetime) -> int:
    """Tell the tipline senders of the group's items how it ended (netra.monitoring.tiplines)."""
    from netra.monitoring.tiplines import notify_outcome as queue_outcome

    return queue_outcome(group, now=now)


def _check_triage(group: Group, actor: User) -> Group:
    if not can_triage(actor):
        raise TriageNotAllowedError("only supervisors (Panwascam and Bawaslu) triage the queue")
    locked = Group.objects.select_for_update(of=("self",)).select_related("region").get(pk=group.pk)
    ensure_group_in_scope(actor, locked)
    if locked.status != GroupStatus.OPEN:
        raise MonitoringError(f"group {locked.key[:12]} is already {locked.status}", field="group")
    return locked


def _decide(group: Group, *, verdict: Verdict, reason: str, actor: User, now: datetime) -> None:
    best = group.items.order_by("-score", "id").first()
    TriageDecision.objects.create(
        group=group,
        verdict=verdict,
        reason=reason,
        suggested_is_violation=group.is_violation,
        suggested_category=group.category,
        suggested_subject_type=group.subject_type,
        suggested_acts=list(best.acts) if best else [],
        analyzer_version=best.analyzer_version if best else "",
        decided_by=actor,
        decided_at=now,
    )


def _case_description(group: Group, items: Sequence[Item]) -> str:
    lead = items[0]
    lines = [lead.text.strip(), "", f"Temuan dari pemantauan (kelompok {group.key[:12]}):"]
    lines.extend(
        f"- {item.platform or 'unknown'} {item.url or item.external_id}: SHA-256 "
        f"{item.sha256}, pertama terlihat {item.first_seen_at.isoformat()}"
        for item in items
    )
    if group.item_count > len(items):
        lines.append(f"... dan {group.item_count - len(items)} item lain")
    return "\n".join(lines)


@transaction.atomic
def accept_group(
    group: Group,
    *,
    actor: User,
    election: Election,
    now: datetime,
    today: date,
    region: Region | None = None,
    place: str = "",
) -> Case:
    """Open a temuan case from the group: screened on arrival (the analyzer's suggestion), its
    items quoted with their hashes and capture times, their links and media as evidence."""
    locked = _check_triage(group, actor)
    region = region or locked.region
    if region is None:
        raise MonitoringError(
            "this group has no region: choose the region the case belongs to", field="region"
        )
    items = list(locked.items.order_by("posted_at", "first_seen_at", "id")[:MAX_ITEMS_IN_CASE])
    lead = items[0]
    incident_on = min(
        (item.posted_at.date() for item in items if item.posted_at is not None),
        default=locked.first_seen_at.date(),
    )
    known_on = max(incident_on, locked.first_seen_at.date())
    links = list(dict.fromkeys(item.url for item in items if item.url))
    finding = record_finding(
        IncidentData(
            election=election,
            region=region,
            incident_on=min(incident_on, today),
            known_on=min(known_on, today),
            place=place.strip() or region.name,
            description=_case_description(locked, items),
            links=links,
        ),
        actor=actor,
        now=now,
        today=today,
    )
    case = finding.case
    for media in _media_of(items):
        try:
            add_evidence(case, actor=actor, now=now, upload=media)
        except NetraError:
            continue  # a file type evidence does not accept stays in monitoring, hashed
    locked.status = GroupStatus.ACCEPTED
    locked.case = case
    locked.save(update_fields=["status", "case"])
    _decide(locked, verdict=Verdict.ACCEPTED, reason="", actor=actor, now=now)
    notify_outcome(locked, now=now)
    record(
        "monitoring.accept_group",
        actor=actor,
        obj=locked,
        after={"case": case.number, "items": locked.item_count, "lead": lead.sha256},
    )
    return case


def _media_of(items: Sequence[Item]) -> Iterator[File]:  # type: ignore[type-arg]
    seen: set[str] = set()
    for item in items:
        for media in item.media:
            sha = str(media.get("sha256") or "")
            name = f"monitoring/{sha}"
            if not sha or sha in seen or not default_storage.exists(name):
                continue
            seen.add(sha)
            with default_storage.open(name, "rb") as handle:
                yield new_upload(str(media.get("name") or sha), handle.read())


@transaction.atomic
def dismiss_group(group: Group, *, actor: User, reason: str, now: datetime) -> Group:
    """Close the group as not a violation; the reason is required and becomes a label."""
    reason = reason.strip()
    if not reason:
        raise MonitoringError("give the reason for dismissing", field="reason")
    if len(reason) > MAX_REASON_CHARS:
        raise MonitoringError(
            f"the reason is longer than {MAX_REASON_CHARS} characters", field="reason"
        )
    locked = _check_triage(group, actor)
    locked.status = GroupStatus.DISMISSED
    locked.save(update_fields=["status"])
    _decide(locked, verdict=Verdict.DISMISSED, reason=reason, actor=actor, now=now)
    notify_outcome(locked, now=now)
    record("monitoring.dismiss_group", actor=actor, obj=locked, after={"reason": reason})
    return locked


@transaction.atomic
def mark_duplicate(group: Group, *, of: Group, actor: User, now: datetime) -> Group:
    """Fold the group into another the grouping missed: its items and keys move there."""
    if group.pk == of.pk:
        raise MonitoringError("a group cannot be a duplicate of itself", field="of")
    locked = _check_triage(group, actor)
    target = Group.objects.select_for_update().get(pk=of.pk)
    ensure_group_in_scope(actor, target)
    if target.status == GroupStatus.DUPLICATE:
        raise MonitoringError(
            f"group {target.key[:12]} is itself a duplicate: choose the group it was folded into",
            field="of",
        )
    Item.objects.filter(group=locked).update(group=target)
    GroupingKey.objects.filter(group=locked).update(group=target)
    locked.status = GroupStatus.DUPLICATE
    locked.duplicate_of = target
    locked.item_count = 0
    locked.save(update_fields=["status", "duplicate_of", "item_count"])
    _refresh_groups({target.pk})
    _decide(
        locked, verdict=Verdict.DUPLICATE, reason=f"duplicate of {target.key}", actor=actor, now=now
    )
    record("monitoring.mark_duplicate", actor=actor, obj=locked, after={"into": target.key})
    return locked


@dataclass(frozen=True, slots=True)
class PollResult:
    """One feed's poll: what came in, or why nothing did."""

    source: Source
    ingest: IngestResult | None
    error: str = ""


def add_feed(name: str, *, url: str, region: Region | None = None) -> Source:
    """Register an RSS/Atom feed to poll (or update the URL and region of one so named)."""
    if not url.lower().startswith(("http://", "https://")):
        raise MonitoringError(f"{url!r} is not an http(s) URL", field="url")
    source, _ = Source.objects.update_or_create(
        name=name, defaults={"kind": SourceKind.FEED, "url": url, "region": region}
    )
    return source


def poll_feed(
    source: Source,
    *,
    now: datetime,
    fetch: Callable[[str], bytes] = feeds.fetch,
    threshold: float = DEFAULT_THRESHOLD,
) -> PollResult:
    """Fetch, parse and ingest one feed; a failure is recorded on the source, never raised."""
    try:
        rows = feeds.parse_feed(fetch(source.url), feed_url=source.url)
    except NetraError as error:
        source.last_polled_at, source.last_error = now, str(error)[:500]
        source.save(update_fields=["last_polled_at", "last_error"])
        return PollResult(source, None, str(error))
    result = ingest_posts(rows, source=source, now=now, threshold=threshold)
    source.last_polled_at, source.last_error = now, ""
    source.save(update_fields=["last_polled_at", "last_error"])
    return PollResult(source, result)


def poll_feeds(*, now: datetime, fetch: Callable[[str], bytes] = feeds.fetch) -> list[PollResult]:
    """Poll every active feed in name order."""
    sources = Source.objects.filter(kind=SourceKind.FEED, is_active=True).select_related("region")
    return [poll_feed(source, now=now, fetch=fetch) for source in sources.order_by("name")]


ARCHIVE_PER_GROUP = 20


def archive_group(
    group: Group,
    *,
    now: datetime,
    fetch: Callable[[str], archive.Fetched] = archive.fetch_page,
) -> list[Capture]:
    """Capture every URL of the group's items (the post and the pages it links) once."""
    captures: list[Capture] = []
    done = set(Capture.objects.filter(item__group=group, error="").values_list("url", flat=True))
    for item in group.items.order_by("first_seen_at", "id")[:ARCHIVE_PER_GROUP]:
        for url in dict.fromkeys([item.url, *item.links]):
            if not url or url in done:
                continue
            done.add(url)
            captures.append(_capture(item, fetch(url), now=now))
    return captures


def _capture(item: Item, fetched: archive.Fetched, *, now: datetime) -> Capture:
    capture = Capture(
        item=item,
        url=fetched.url[:2000],
        fetched_at=now,
        status_code=fetched.status_code,
        media_type=fetched.media_type[:100],
        error=fetched.error[:500],
    )
    if fetched.body is not None:
        sha = hashlib.sha256(fetched.body).hexdigest()
        name = f"monitoring/captures/{sha}"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(fetched.body))
        capture.sha256, capture.size, capture.stored_as = sha, len(fetched.body), name
    capture.save()
    return capture


def groups_to_archive() -> list[Group]:
    """Accepted groups: their evidence should outlive the posts."""
    return list(Group.objects.filter(status=GroupStatus.ACCEPTED).order_by("id"))


@dataclass(frozen=True, slots=True)
class DigestRun:
    sent: int
    skipped: int  # supervisors without an e-mail address or without alerts
    failed: list[str]


def send_alert_digests(*, now: datetime, base_url: str) -> DigestRun:
    """E-mail each active supervisor with an address the alerts of their scope (as the queue
    shows them); one failing address does not stop the others."""
    from django.core.mail import send_mail

    from netra.accounts.models import User
    from netra.monitoring.selectors import alerts_for
    from netra.procedure.roles import SUPERVISORS

    sent, skipped, failed = 0, 0, []
    supervisors = User.objects.filter(
        is_active=True, role__in=[role.value for role in SUPERVISORS]
    ).select_related("region")
    for user in supervisors.order_by("username"):
        alerts = alerts_for(user, now=now)
        if not user.email or not (alerts.new_high or alerts.viral):
            skipped += 1
            continue
        lines = [f"Peringatan pemantauan Netra, {now:%Y-%m-%d %H:%M} UTC", ""]
        lines += [
            f"- Kelompok baru berskor tinggi #{group.pk} ({group.score:.2f}): "
            f"{base_url.rstrip('/')}/desk/pantauan/kelompok/{group.pk}/"
            for group in alerts.new_high
        ]
        lines += [
            f"- Menyebar cepat, {count} kali dalam satu jam: #{group.pk} "
            f"{base_url.rstrip('/')}/desk/pantauan/kelompok/{group.pk}/"
            for group, count in alerts.viral
        ]
        try:
            send_mail("Netra: peringatan pemantauan", "\n".join(lines), None, [user.email])
        except OSError as error:  # SMTP down or refused: report, go on
            failed.append(f"{user.username}: {error}")
            continue
        sent += 1
    return DigestRun(sent, skipped, failed)
