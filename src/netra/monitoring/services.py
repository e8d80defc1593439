"""Writes of the monitoring desk: ingest posts in batches, and triage groups into cases.

Ingest stores each content once (SHA-256), screens it with the analyzer, puts it in its
near-duplicate group and records the sighting; a batch is one transaction. Triage (accept,
dismiss, mark duplicate) is a supervisor's act: scope-checked, audited, and kept as a label.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from itertools import islice
from operator import itemgetter
from typing import Any, TypeVar

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max

from netra.accounts.models import User
from netra.analysis import Analyzer
from netra.analysis.analyzer import MAX_TEXT_CHARS
from netra.analysis.entities import region_mentions
from netra.analysis.screen import Screener, default_screener
from netra.analysis.screen import Verdict as ScreenVerdict
from netra.audit.services import record
from netra.cases.models import Case, Election
from netra.cases.services import IncidentData, add_evidence, new_upload, record_finding
from netra.errors import NetraError
from netra.monitoring.bulk import array_param, bound_cursor, insert_rows, upsert_latest
from netra.monitoring.core import archive, articles, feeds, images
from netra.monitoring.core.grouping import (
    DEFAULT_THRESHOLD,
    WORD_KEY_GROUPS,
    Entry,
    Grouper,
    ItemKeys,
    MemoryIndex,
    Merge,
    Signature,
    signatures_of,
)
from netra.monitoring.core.records import Post, RowError, post_sha256
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
from netra.regions.zones import local_time_id

_T = TypeVar("_T")
BATCH_SIZE = 1_000
# SQLite allows 32,766 bound parameters a statement; stay well below it.
QUERY_CHUNK = 5_000
MAX_REASON_CHARS = 500
# A case gets at most this many items quoted in its description and links as evidence.
MAX_ITEMS_IN_CASE = 20


class MonitoringError(NetraError):
    """A triage or ingest request that cannot be carried out as asked."""

    code = "monitoring_input"


class IngestBatchError(MonitoringError):
    """A batch the database refused: none of its lines is stored (its transaction was rolled
    back), the batches before it are, and the ingest stopped. `lines` are the batch's input
    lines, `result` the outcomes of the lines stored."""

    code = "monitoring_batch_failed"

    def __init__(self, message: str, /, *, lines: list[int], result: IngestResult, **rest: Any):
        super().__init__(message, **rest)
        self.lines = lines
        self.result = result


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
    skipped: RowError | None = None  # the bad row, whose reason the desk renders in its language


@dataclass
class IngestResult:
    """Per-line outcomes in input order, and the totals."""

    outcomes: list[LineOutcome] = field(default_factory=list)
    new_items: int = 0
    repeated_items: int = 0
    new_groups: int = 0
    flagged_items: int = 0
    merged_groups: int = 0  # groups merged into another because an item bridged them

    @property
    def errors(self) -> list[LineOutcome]:
        return [outcome for outcome in self.outcomes if outcome.error is not None]

    def add(self, other: IngestResult) -> None:
        self.outcomes.extend(other.outcomes)
        self.new_items += other.new_items
        self.repeated_items += other.repeated_items
        self.new_groups += other.new_groups
        self.flagged_items += other.flagged_items
        self.merged_groups += other.merged_groups


def source_named(name: str, *, kind: SourceKind, region: Region | None = None) -> Source:
    """The source with this name, created on first use (its region is set when created)."""
    source, _ = Source.objects.get_or_create(name=name, defaults={"kind": kind, "region": region})
    return source


# The garbage collector's thresholds during an ingest (Python's are 700, 10, 10): a batch makes
# hundreds of thousands of objects (key rows, index entries) and few reference cycles, and with
# the defaults the collector ran 1,400 times per 10,000 posts of the bench, a tenth of its CPU
# time (bench/monitoring_ingest.py prints it). The first threshold counts objects made and not
# yet freed: a batch's objects are freed when it ends, so at 1,000,000 the collector runs only
# as cyclic garbage or the ingest's memory of items (`_Seen`) grows that far (not once in the
# bench's 10,000 timed posts, against 11 to 14 runs and 0.11 s of CPU at 50,000; the process's
# peak memory the same, 387 MB).
INGEST_GC_THRESHOLDS = (1_000_000, 20, 20)


@contextmanager
def ingest_process() -> Iterator[None]:
    """Load the analyzer and the MinHash permutations now, then hide them from the garbage
    collector (`gc.freeze`) for the block: a long ingest otherwise rescans the analyzer's data
    at every full collection, a fifth of its CPU time (bench/monitoring_ingest.py). For a
    command or worker process that ingests; not a web request (frozen objects are not freed)."""
    default_screener().screen("Kepala Desa Sukamaju ikut kampanye")
    Analyzer.default().analyze("Kepala Desa Sukamaju ikut kampanye")
    signatures_of(["pemanasan " * 5])
    gc.collect()
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(*INGEST_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def ingest_posts(
    rows: Iterable[Post | RowError],
    *,
    source: Source,
    now: datetime,
    threshold: float = DEFAULT_THRESHOLD,
    image_distance: int = images.DEFAULT_IMAGE_DISTANCE,
    analyzer: Analyzer | None = None,
    batch_size: int | None = None,
    prepare_ahead: bool | None = None,
) -> IngestResult:
    """Store, screen and group every post; bad rows become outcomes with their error.

    With `prepare_ahead` (the default on PostgreSQL, see below), the next batch is read and
    prepared in a helper thread while the current one is written.

    A flagged post's full reading (`analyze()`: evidence spans, norms, sanctions) is left
    pending for `analyze_pending` (the worker, or the group page when opened): a supervisor
    reads few of them, and it cost a sixth of the ingest. With an `analyzer` other than the
    default it is made at once, since the later reading would use the default.
    """
    Grouper(MemoryIndex(), threshold=threshold, image_distance=image_distance)  # checks both
    is_default = analyzer is None or analyzer is Analyzer.default()
    analyzer = analyzer or Analyzer.default()
    screener = default_screener() if is_default else Screener(analyzer)
    result = IngestResult()
    regions = {region.code: region for region in Region.objects.all()}
    iterator = iter(rows)
    prepare = partial(
        _prepare,
        grouper=Grouper(MemoryIndex(), threshold=threshold, image_distance=image_distance),
        source=source,
        source_region=source.region if source.region_id is not None else None,
        analyzer=None if is_default else analyzer,
        screener=screener,
        regions=regions,
    )

    def next_batch() -> _Prepared | None:
        batch = list(islice(iterator, batch_size or BATCH_SIZE))
        return prepare(batch) if batch else None

    # Batch N's database work (a transaction) runs here while a helper thread reads and
    # prepares batch N+1 (no database: screening, signatures, keys), the GIL being free while
    # this thread waits on the database. Batch N+1 is grouped only after batch N is committed.
    # SQLite works in this process, holding the GIL but for short steps: no gain there.
    if prepare_ahead is None:
        prepare_ahead = connection.vendor == "postgresql"
    seen = _Seen()  # what the batches read or wrote that stays as stored
    with (
        _quick_handoff(prepare_ahead),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="netra-ingest") as helper,
    ):
        prepared = next_batch()
        while prepared is not None:
            upcoming = helper.submit(next_batch) if prepare_ahead else _Done(next_batch)
            try:
                stored = _ingest_batch(
                    prepared,
                    seen=seen,
                    source=source,
                    now=now,
                    threshold=threshold,
                    image_distance=image_distance,
                )
            except (DatabaseError, OSError) as error:  # rolled back: none of the batch is in
                upcoming.cancel()
                lines = [row.line for row in prepared.batch]
                raise IngestBatchError(
                    "Lines %(first)s to %(last)s were not stored (%(cause)s); the ingest "
                    "stopped there, the %(stored)s line(s) before them are stored.",
                    params={
                        "first": lines[0],
                        "last": lines[-1],
                        "cause": str(error).strip() or type(error).__name__,
                        "stored": len(result.outcomes),
                    },
                    lines=lines,
                    result=result,
                ) from error
            result.add(stored)
            prepared = upcoming.result()
    return result


# The interpreter's switch interval while the helper thread prepares ahead (Python's default is
# 5 ms). When the database answers, this thread needs the GIL back from the helper, which keeps
# it until asked and the asker has waited the interval: up to 5 ms lost at each of a batch's
# 19 statements while the server sits idle. At 0.5 ms the bench's PostgreSQL ingest took less
# wall time in every pair of runs measured, for the same CPU (monitoring-33).
INGEST_SWITCH_INTERVAL = 0.0005


@contextmanager
def _quick_handoff(enabled: bool) -> Iterator[None]:
    """With `enabled`, the short switch interval for the block, then the process's own again
    (it is the process's: other threads share it meanwhile; nothing but timing changes)."""
    if not enabled:
        yield
        return
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, INGEST_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _chunks(values: Sequence[_T], size: int = QUERY_CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class _New:
    post: Post
    sha256: str
    keys: ItemKeys
    verdict: ScreenVerdict
    analysis: dict[str, object]
    region_id: int | None
    region_code: str
    region_source: str
    analyzer_version: str
    pictures: dict[str, int]
    group: str = ""
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class _Known:
    item_id: int
    group_id: int
    group_key: str


class _Done:
    """The next batch prepared in this thread, with the helper's future's two methods."""

    def __init__(self, work: Callable[[], _Prepared | None]) -> None:
        self.work = work

    def cancel(self) -> bool:
        return True

    def result(self) -> _Prepared | None:
        return self.work()


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A batch with the work that needs no database done: every distinct content's screening,
    signature and keys (also for those that turn out to be known: they are dropped then)."""

    batch: list[Post | RowError]
    posts: list[Post]
    hashes: list[str]
    screened: dict[str, _New]  # the first post of each content, in input order


def _prepare(
    batch: list[Post | RowError],
    *,
    grouper: Grouper,
    source: Source,
    source_region: Region | None,
    analyzer: Analyzer | None,
    screener: Screener,
    regions: dict[str, Region],
) -> _Prepared:
    """No database here: it runs in the ingest's helper thread."""
    posts = [row for row in batch if isinstance(row, Post)]
    hashes = [post_sha256(post) for post in posts]
    first: dict[str, Post] = {}
    for post, sha in zip(posts, hashes, strict=True):
        first.setdefault(sha, post)
    signatures = signatures_of([post.text for post in first.values()])
    screened = {}
    for (sha, post), signature in zip(first.items(), signatures, strict=True):
        pictures = _pictures(post)
        keys = grouper.keys_with(
            signature,
            links=(post.url, *post.links),
            media=[media.sha256 for media in post.media],
            pictures=list(pictures.values()),
            published=post.posted_at.date() if post.posted_at is not None else None,
        )
        screened[sha] = _screened(
            post, sha, keys,
            source_region=source_region, analyzer=analyzer, screener=screener, regions=regions,
            pictures=pictures,
        )  # fmt: skip
    return _Prepared(batch, posts, hashes, screened)


@transaction.atomic
def _ingest_batch(
    prepared: _Prepared,
    *,
    seen: _Seen,
    source: Source,
    now: datetime,
    threshold: float,
    image_distance: int,
) -> IngestResult:
    """One transaction: look up what is known, group what is new, then write groups, items,
    keys and sightings with one statement each (and a read of the new ids), and refresh the
    figures of the groups touched. Returns the batch's outcomes."""
    result = IngestResult()
    batch, posts, hashes = prepared.batch, prepared.posts, prepared.hashes
    quote = connection.ops.quote_name
    items, groups = quote(Item._meta.db_table), quote(Group._meta.db_table)
    known: dict[str, _Known] = {
        sha: _Known(item, group, key)
        for sha, item, group, key in _select_in(
            f"SELECT i.sha256, i.id, i.group_id, g.{quote('key')} FROM {items} i "  # noqa: S608
            f"JOIN {groups} g ON g.id = i.group_id WHERE i.sha256 {{match}}",
            sorted(set(hashes)),
            kind="text",
            binary=True,
        )
    }
    fresh = [new for sha, new in prepared.screened.items() if sha not in known]
    grouper = Grouper(
        MemoryIndex(),
        threshold=threshold,
        image_distance=image_distance,
        locked=_locked_groups(),
        stored_rank=_stored_ranks(seen),
    )
    stored_keys = _seed_index(
        grouper,
        [key for new in fresh for key in new.keys.all],
        {key for new in fresh for key in new.keys.image_keys},
        seen,
        {key for new in fresh for key in new.keys.capped},
    )
    new_groups = []
    for new in fresh:
        assignment = grouper.assign(new.sha256, new.keys)
        new.group, new.similarity = assignment.group, assignment.similarity
        if assignment.is_new:
            new_groups.append(new)
    merges = grouper.merges
    if merges:  # an item bridged groups: every item of the batch goes to its group's survivor
        for new in fresh:
            new.group = grouper.resolve(new.group)
    insert_rows(
        Group,
        GROUP_FIELDS,
        (
            (new.sha256, GroupStatus.OPEN, new.region_id, now, now, 0, 0, 0, 0.0, False, "", [], [])
            for new in new_groups
        ),
    )
    group_ids = _ids(
        Group,
        "key",
        {new.group for new in fresh} | {name for m in merges for name in (m.into, m.merged)},
    )
    if merges:  # the batch's repeats of items of a group merged away: the survivor
        for sha, old in list(known.items()):
            if old.group_key in grouper.merged_into:
                survivor = grouper.resolve(old.group_key)
                known[sha] = _Known(old.item_id, group_ids[survivor], survivor)
    insert_rows(Item, ITEM_FIELDS, (_item_row(new, group_ids, source, now) for new in fresh))
    item_ids = _ids(Item, "sha256", [new.sha256 for new in fresh])
    # Per key and group, the batch's latest item (items were numbered in this order); not the
    # word keys the index refused a group (a word key names at most WORD_KEY_GROUPS groups: a
    # group it refused has no item under it, so none of the batch's).
    latest = {
        (key, group_ids[new.group]): item_ids[new.sha256] for new in fresh for key in new.keys.all
    }
    for key, group in grouper.index.refused:
        latest.pop((key, group_ids[group]), None)
    # stored_keys were read in this transaction: they are raised, the others inserted.
    _store_latest_keys(latest, stored=stored_keys)
    for new in fresh:
        known[new.sha256] = _Known(item_ids[new.sha256], group_ids[new.group], new.group)
        seen.add_item(
            item_ids[new.sha256],
            new.sha256,
            new.keys.signature,
            _media_json(new.post, new.pictures),
            new.keys.published,
        )
    seen.groups.update((group_id, key) for key, group_id in group_ids.items())
    sighted = insert_rows(
        Sighting,
        ("item", "source", "external_id", "author", "platform", "seen_at"),
        (
            (known[sha].item_id, source.pk, post.external_id, post.author, post.platform, now)
            for post, sha in zip(posts, hashes, strict=True)
        ),
        ignore_conflicts=True,
        returning="item",  # a repeated sighting (same source and id) is not one more
    )
    group_of = {entry.item_id: entry.group_id for entry in known.values()}
    _store_media([new.post for new in fresh])
    # Merged groups are folded now, and their survivors' figures read again in full below.
    survivors = _merge_groups(merges, group_ids, now=now) if merges else set()
    if survivors:
        seen.full.clear()  # a fold can free a word key's place
    # The new items' rows as `_refresh_groups` would read them back, in their stored order
    # (one first-seen time, then the id).
    new_rows = sorted(
        (
            (
                group_ids[new.group],
                item_ids[new.sha256],
                new.verdict.score,
                new.verdict.is_violation,
                new.verdict.bawaslu_category,
                new.verdict.subject_type if new.verdict.is_violation else "",
                new.region_id,
                new.region_code or None,
                new.post.platform,
                new.post.reach,
                new.post.posted_at,
                now,
            )
            for new in fresh
        ),
        key=itemgetter(1),
    )
    _refresh_groups(
        {entry.group_id for entry in known.values()} - survivors,
        new_items=[row for row in new_rows if row[0] not in survivors],
        new_sightings=(Counter(group_of[item] for item in sighted), now),
    )
    if survivors:
        _refresh_groups(survivors)  # every item and sighting, the merged groups' too
    result.new_items += len(fresh)
    result.new_groups += len(new_groups)
    result.merged_groups += sum(1 for merge in merges if not merge.kept_apart)
    result.flagged_items += sum(1 for new in fresh if new.verdict.is_violation)
    created = {new.sha256 for new in fresh}
    outcomes = iter(hashes)
    for row in batch:
        if isinstance(row, RowError):
            result.outcomes.append(
                LineOutcome(row.line, row.external_id, None, row.message, skipped=row)
            )
            continue
        sha = next(outcomes)
        is_new = sha in created
        created.discard(sha)
        if not is_new:
            result.repeated_items += 1
        result.outcomes.append(
            LineOutcome(row.line, row.external_id, known[sha].group_key, None, is_new)
        )
    return result


def _locked_groups() -> Callable[[str], bool]:
    """Whether a group carries a supervisor's decision or a case (accepted, dismissed or folded,
    or linked to a case): an automatic merge never folds it into another. Read when a merge is
    weighed (rare), once per group and batch; a group not stored yet is open."""
    known: dict[str, bool] = {}

    def locked(key: str) -> bool:
        if key not in known:
            row = Group.objects.filter(key=key).values_list("status", "case_id").first()
            known[key] = row is not None and (row[0] != GroupStatus.OPEN or row[1] is not None)
        return known[key]

    return locked


def _stored_ranks(seen: _Seen) -> Callable[[str], int | None]:
    """A stored group's id by its key (the older group has the smaller id), from the groups the
    ingest has read or written (`_Seen.groups`: every group the batch's index names); None for
    a group of this batch. The map is made when a merge first asks (rare)."""
    ranks: dict[str, int] | None = None

    def rank(key: str) -> int | None:
        nonlocal ranks
        if ranks is None:
            ranks = {group_key: group_id for group_id, group_key in seen.groups.items()}
        return ranks.get(key)

    return rank


def _merge_groups(merges: Sequence[Merge], group_ids: dict[str, int], *, now: datetime) -> set[int]:
    """Fold each group an item bridged into its survivor, as a supervisor's fold does
    (`_fold_group`: items and keys moved, the group marked a duplicate), in the order the
    grouping made the merges (a chain ends in the last survivor), with an audit entry for each
    by the system; a merge kept apart (both carry a decision) is only recorded. Returns the
    survivors' ids (their figures to be read again in full)."""
    ids = {group_ids[name] for merge in merges for name in (merge.into, merge.merged)}
    rows = Group.objects.select_for_update().in_bulk(sorted(ids))
    survivors: set[int] = set()
    for merge in merges:
        group, into = rows[group_ids[merge.merged]], rows[group_ids[merge.into]]
        bridge = {
            "into": merge.into,
            "item": merge.item,
            "into_match": merge.into_match,
            "into_rule": merge.into_rule,
            "merged_match": merge.merged_match,
            "merged_rule": merge.merged_rule,
        }
        if merge.kept_apart:
            record(
                "monitoring.merge_kept_apart",
                actor=None,
                actor_label=SYSTEM_ACTOR,
                obj=group,
                after=bridge | {"why": "both groups carry a supervisor's decision or a case"},
            )
            continue
        _fold_group(group, into=into)
        survivors.discard(group.pk)
        survivors.add(into.pk)
        record(
            "monitoring.merge_groups",
            actor=None,
            actor_label=SYSTEM_ACTOR,
            obj=group,
            after=bridge | {"at": now.isoformat()},
        )
    return survivors


# The audit log's actor of what the ingest decides by itself (automatic merges).
SYSTEM_ACTOR = "system"


GROUP_FIELDS = (
    "key", "status", "region", "first_seen_at", "last_seen_at", "item_count", "sighting_count",
    "reach", "score", "is_violation", "subject_type", "platforms", "regions",
)  # fmt: skip
ITEM_FIELDS = (
    "sha256", "text", "group", "source", "external_id", "url", "author", "platform", "posted_at",
    "first_seen_at", "region", "region_source", "reach", "media", "links", "is_violation",
    "score", "category", "subject_type", "acts", "analysis", "is_analysis_pending", "posted_on",
    "analyzer_version", "signature", "similarity",
)  # fmt: skip


def _item_row(
    new: _New, group_ids: dict[str, int], source: Source, now: datetime
) -> tuple[object, ...]:
    post, verdict = new.post, new.verdict
    signature = new.keys.signature.to_bytes() if new.keys.signature is not None else b""
    return (
        new.sha256, post.text, group_ids[new.group], source.pk, post.external_id, post.url,
        post.author, post.platform, post.posted_at, now, new.region_id, new.region_source,
        post.reach, _media_json(post, new.pictures),
        list(post.links), verdict.is_violation, verdict.score, verdict.bawaslu_category,
        verdict.subject_type if verdict.is_violation else "", list(verdict.acts), new.analysis,
        verdict.is_violation and not new.analysis, _posted_on(post), new.analyzer_version,
        signature, new.similarity,
    )  # fmt: skip


def _posted_on(post: Post) -> date | None:
    return post.posted_at.date() if post.posted_at is not None else None


def _pictures(post: Post) -> dict[str, int]:
    """The perceptual hashes of the post's images that could be read, by SHA-256."""
    found = {}
    for media in post.media:
        if media.content is not None and media.sha256:
            value = images.perceptual_hash(media.content)
            if value is not None:
                found[media.sha256] = value
    return found


def _media_json(post: Post, pictures: dict[str, int]) -> list[dict[str, str]]:
    out = []
    for media in post.media:
        entry = {"name": media.name, "sha256": media.sha256}
        if media.sha256 in pictures:
            entry["phash"] = f"{pictures[media.sha256]:016x}"
        out.append(entry)
    return out


def _ids(model: type[Group] | type[Item], field: str, values: Iterable[str]) -> dict[str, int]:
    """The ids of the rows just written, by their unique key."""
    quote = connection.ops.quote_name
    return dict(
        _select_in(
            f"SELECT {quote(field)}, id FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote(field)} {{match}}",
            sorted(set(values)),
            kind="text",
            binary=True,
        )
    )


def _select_in(
    query: str, values: Sequence[int | str], *, kind: str = "bigint", binary: bool = False
) -> list[tuple[Any, ...]]:
    """Run `query`, whose `{match}` stands for `IN (values)` (PostgreSQL type `kind`): one
    array parameter on PostgreSQL, chunks of placeholders on SQLite (the ORM would prepare each
    value). `binary`: PostgreSQL sends the rows in binary form (integers and signatures as they
    are stored, not as digits and hex to parse again); for columns whose Python values are the
    same either way (integers, text, bytes, JSON), not datetimes."""
    rows: list[tuple[Any, ...]] = []
    if connection.vendor == "postgresql":
        with bound_cursor() as bound:  # the array apart from the statement, not quoted into it
            bound.execute(
                query.format(match=f"= ANY(%s::{kind}[])"),
                [array_param(values, kind)],
                binary=binary,
            )
            return list(bound.fetchall())
    with connection.cursor() as cursor:
        for chunk in _chunks(values):
            cursor.execute(query.format(match=f"IN ({', '.join(['%s'] * len(chunk))})"), chunk)
            rows.extend(cursor.fetchall())
    return rows


# At most this many items' details are kept by an ingest between its batches (`_Seen`):
# some 1,000 bytes each, a signature being up to 772 (1,796 for a long text that stores its salient
# words in order, since monitoring-19; 2,312 with its quoted words, since monitoring-20).
MAX_SEEN_ITEMS = 100_000


@dataclass
class _Seen:
    """What an ingest has read or written, across its batches, that never changes once stored:
    an item's content hash, signature and media (its image hashes), and a group's key. A viral
    group's latest items answer the band keys of batch after batch; their signatures
    are read once, not at every batch (nor, for the items the ingest wrote, at all)."""

    items: dict[int, tuple[str, Signature | None, Any, date | None]] = field(default_factory=dict)
    groups: dict[int, str] = field(default_factory=dict)
    # Word keys found naming WORD_KEY_GROUPS groups, with those groups (id, key): such a key
    # answers nothing and takes no other group, so its rows need not be read again (the bench's
    # posts meet 55 such rows each a batch); only a fold elsewhere could free a place meanwhile.
    full: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)

    def add_item(
        self,
        item_id: int,
        sha: str,
        signature: Signature | None,
        media: Any,
        published: date | None = None,
    ) -> None:
        self.items[item_id] = (sha, signature, media, published)

    def trim(self) -> None:
        """Bounded memory: past the limit, forget all (the next batches read them again)."""
        if len(self.items) > MAX_SEEN_ITEMS:
            self.items.clear()
        if len(self.groups) > MAX_SEEN_ITEMS:
            self.groups.clear()
        if len(self.full) > MAX_SEEN_ITEMS:
            self.full.clear()


def _seed_index(
    grouper: Grouper,
    keys: list[int],
    image_keys: set[int],
    seen: _Seen | None = None,
    capped: Collection[int] = (),
) -> set[tuple[int, int]]:
    """Load the already grouped items that share a key with this batch into its index.
    Returns the stored (key, group) pairs found: the rows the batch's keys can only raise.
    `capped`: the batch's word keys; one known to be full (`_Seen.full`) is not read again, its
    groups are put in the index as placeholders (it answers nothing; they keep their places)."""
    seen = seen if seen is not None else _Seen()
    seen.trim()
    known_full = seen.full
    full = {key: known_full[key] for key in capped if key in known_full}
    placeholders = [
        (Entry("", group_key, None), [key]) for key, named in full.items() for _, group_key in named
    ]
    if isinstance(grouper.index, MemoryIndex):
        grouper.index.add_many(placeholders)
    else:
        for entry, entry_keys in placeholders:
            grouper.index.add(entry, entry_keys)
    known = {(key, group_id) for key, named in full.items() for group_id, _ in named}
    if full:
        keys = [key for key in keys if key not in full]
    quote = connection.ops.quote_name
    keys_table, items, groups = (
        quote(model._meta.db_table) for model in (GroupingKey, Item, Group)
    )
    # Plain SQL: the ORM prepares each of the tens of thousands of keys one by one. Per key, the
    # latest item of each group (as MemoryIndex keeps): the table holds just that. The index
    # learns the entries in this order, and a tie between matches goes to the first: the same
    # order on SQLite and PostgreSQL.
    rows = _select_in(
        f"SELECT {quote('key')}, item_id, group_id FROM {keys_table} "  # noqa: S608
        f"WHERE {quote('key')} {{match}} ORDER BY {quote('key')}, group_id",
        sorted(set(keys)),
        binary=True,
    )
    # One entry per item, however many of its keys matched (a near copy shares most bands):
    # its signature and media are read once, not once per key.
    # (Tens of thousands of rows a batch: no tuple or list made per row.)
    stored = {(key, group_id) for key, _, group_id in rows} | known
    matched: dict[int, list[int]] = {}
    group_of: dict[int, int] = {}
    for key, item_id, group_id in rows:
        listed = matched.get(item_id)
        if listed is None:
            matched[item_id] = [key]
            group_of[item_id] = group_id
        else:
            listed.append(key)
    if not matched:
        return stored
    details = seen.items
    if missing := sorted(item_id for item_id in matched if item_id not in details):
        for item_id, sha, signature, media, posted_at in _select_in(
            f"SELECT id, sha256, signature, media, posted_at FROM {items} "  # noqa: S608
            "WHERE id {match}",
            missing,
            binary=True,
        ):
            value = bytes(signature) if signature else b""
            seen.add_item(
                item_id,
                sha,
                Signature.from_bytes(value) if value else None,
                media,
                _aware(posted_at).date() if posted_at is not None else None,
            )
    group_keys = seen.groups
    if absent := sorted({g for g in group_of.values() if g not in group_keys}):
        group_keys.update(
            _select_in(
                f"SELECT id, {quote('key')} FROM {groups} WHERE id {{match}}",  # noqa: S608
                absent,
                binary=True,
            )
        )
    if capped:  # learn the word keys that are full, to read them no more (from the index)
        index, ids = grouper.index, None
        for key in capped:
            if key not in full and len(named := index.named(key)) >= WORD_KEY_GROUPS:
                ids = ids or {group_keys[g]: g for g in set(group_of.values())}
                seen.full[key] = tuple((ids[group_key], group_key) for group_key in named)

    def entries() -> Iterator[tuple[Entry, list[int]]]:
        for item_id, item_keys in matched.items():
            sha, signature, media, published = details[item_id]
            pictures: tuple[int, ...] = ()
            if image_keys and not image_keys.isdisjoint(item_keys):  # only these need images
                described = json.loads(media) if isinstance(media, str) else media
                pictures = tuple(int(m["phash"], 16) for m in described if m.get("phash"))
            entry = Entry(
                sha, group_keys[group_of[item_id]], signature, pictures, item_id, published
            )
            yield entry, item_keys

    if isinstance(grouper.index, MemoryIndex):
        grouper.index.add_many(entries())
    else:
        for entry, item_keys in entries():
            grouper.index.add(entry, item_keys)
    return stored


def _screened(
    post: Post,
    sha: str,
    keys: ItemKeys,
    *,
    source_region: Region | None,
    analyzer: Analyzer | None,
    screener: Screener,
    regions: dict[str, Region],
    pictures: dict[str, int],
) -> _New:
    """The analyzer's verdict (the prefilter decides most posts in microseconds); a flagged
    post's region is the first region its text names (as its full reading lists them), and with
    `analyzer` it gets that full reading now."""
    verdict = screener.screen(post.text)
    analysis: dict[str, object] = {}
    region, region_source = None, ""
    if verdict.is_violation:
        if analyzer is not None:
            full = analyzer.analyze(post.text, date=_posted_on(post))
            analysis, named = full.to_dict(), full.entities.regions
        else:  # analyze() reads the same head of the text
            named = region_mentions(post.text[:MAX_TEXT_CHARS])
        for mention in named:
            if mention.code in regions:
                region, region_source = regions[mention.code], "text"
                break
    if region is None and post.region_code in regions:
        region, region_source = regions[post.region_code], "record"
    if region is None and source_region is not None:
        region, region_source = source_region, "source"
    return _New(
        post, sha, keys, verdict, analysis, region.pk if region else None,
        region.code if region else "", region_source, (analyzer or Analyzer.default()).version,
        pictures,
    )  # fmt: skip


def _store_media(posts: Iterable[Post]) -> None:
    """Keep each attached file once, under its SHA-256 (content-addressed)."""
    for post in posts:
        for media in post.media:
            if media.content is None or not media.sha256:
                continue
            name = f"monitoring/{media.sha256}"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(media.content))


def _refresh_groups(
    group_ids: set[int],
    *,
    new_items: Sequence[tuple[Any, ...]] | None = None,
    new_sightings: tuple[Counter[int], datetime] | None = None,
) -> None:
    """Recompute the queue's figures of the groups a batch touched.

    With `new_items` (the batch's rows as the SELECT below would read them, in its order: the
    ingest has them in memory), each group's stored figures are the starting point and only the
    new items are folded in: they come after the stored ones in first-seen order, so the result
    is the full reduction's (a test compares them), without re-reading a viral group's
    thousands of items at every batch. Likewise `new_sightings` (the batch's count by group and
    their time) are added to the stored counts instead of counting every sighting of the
    groups. Without them, every item and sighting is read (after a fold).
    Then one read of the sightings and one prepared UPDATE executed for every group: the ORM's
    bulk_update builds a CASE per field and row, which cost more than the whole screening.
    """
    if not group_ids:
        return
    ids = sorted(group_ids)
    quote = connection.ops.quote_name
    items, regions = quote(Item._meta.db_table), quote(Region._meta.db_table)
    # Plain SQL: the ORM's row iterator (and its datetime converters) cost ten times the reduction.
    select = (
        "SELECT i.group_id, i.id, i.score, i.is_violation, i.category, i.subject_type, "  # noqa: S608
        f"i.region_id, r.code, i.platform, i.reach, i.posted_at, i.first_seen_at FROM {items} i "
        f"LEFT JOIN {regions} r ON r.id = i.region_id WHERE i.group_id {{match}} "
        "ORDER BY i.first_seen_at, i.id"  # the order the reduction assumes (ties, regions)
    )
    if new_items is None:
        figures: dict[int, _Figures] = {}
        rows = _select_in(select, ids)
    else:
        figures = _stored_figures(ids)
        rows = list(new_items)
    for row in rows:
        figures.setdefault(row[0], _Figures()).add(row)
    sightings: dict[int, tuple[int, datetime | None]]
    if new_items is not None and new_sightings is not None:
        counts, seen_at = new_sightings
        sightings = {
            group: (figure.sightings + counts[group], seen_at if counts[group] else None)
            for group, figure in figures.items()
        }
    else:
        sightings = {
            group: (count, last)
            for group, count, last in Sighting.objects.filter(item__group_id__in=ids)
            .values("item__group_id")
            .annotate(n=Count("id"), last=Max("seen_at"))
            .values_list("item__group_id", "n", "last")
        }
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
        seen, last_sighting = sightings.get(group_id, (0, None))
        params.append(
            (
                figure.items,
                seen,
                figure.reach + seen,
                figure.best_score,
                max(filter(None, (figure.last_seen, last_sighting))),
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
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(update, params)  # SQLite: in-process, a statement per row is cheap
        return
    if not params:
        return
    # A server: every group in one statement, not a round trip each, a column an array.
    columns = [list(column) for column in zip(*params, strict=True)]
    columns[3] = [float(score) for score in columns[3]]
    kinds = FIGURE_TYPES.split()
    literals = [array_param(column, kind) for column, kind in zip(columns, kinds, strict=True)]
    with bound_cursor() as bound:
        bound.execute(
            f"UPDATE {table} AS g SET item_count = v.c, sighting_count = v.s, reach = v.r, "  # noqa: S608
            "score = v.sc, last_seen_at = v.l, platforms = v.p::jsonb, regions = v.rg::jsonb, "
            "is_violation = v.f, category = v.ca, subject_type = v.su, "
            "region_id = COALESCE(v.re, g.region_id), earliest_item_id = v.e "
            f"FROM unnest({', '.join(f'%s::{kind}[]' for kind in kinds)}) "
            "AS v(c, s, r, sc, l, p, rg, f, ca, su, re, e, id) WHERE g.id = v.id",
            literals,
        )


# The PostgreSQL types of the figures' UPDATE columns, in the order of its parameters.
FIGURE_TYPES = (
    "integer integer bigint float8 timestamptz text text boolean smallint text bigint bigint bigint"
)


def _stored_figures(ids: Sequence[int]) -> dict[int, _Figures]:
    """The groups' figures as stored, as the reduction state their next items fold into."""
    quote = connection.ops.quote_name
    groups, items = quote(Group._meta.db_table), quote(Item._meta.db_table)
    rows = _select_in(
        "SELECT g.id, g.item_count, g.sighting_count, g.reach, g.score, g.is_violation, "  # noqa: S608
        "g.category, g.subject_type, g.region_id, g.platforms, g.regions, g.earliest_item_id, "
        f"e.posted_at, e.first_seen_at, g.last_seen_at FROM {groups} g "
        f"LEFT JOIN {items} e ON e.id = g.earliest_item_id WHERE g.id {{match}}",
        ids,
    )
    figures: dict[int, _Figures] = {}
    for (group_id, count, sightings, reach, score, flagged, category, subject, region_id,
         platforms, codes, earliest_id, posted_at, first_seen_at, last_seen) in rows:  # fmt: skip
        if not count:
            continue  # new, or emptied by a fold: nothing to start from
        earliest = None
        if earliest_id is not None:
            seen = _aware(first_seen_at)
            earliest = (_aware(posted_at) if posted_at is not None else seen, seen, earliest_id)
        figures[group_id] = _Figures(
            items=count,
            sightings=sightings,
            reach=reach - sightings,
            best_score=score,
            is_violation=bool(flagged),
            category=category,
            subject_type=subject,
            region_id=region_id,
            platforms=set(_json_list(platforms)),
            regions=set(_json_list(codes)),
            earliest=earliest,
            earliest_id=earliest_id,
            last_seen=_aware(last_seen),
        )
    return figures


def _json_list(value: str | list[str]) -> list[str]:
    return json.loads(value) if isinstance(value, str) else value


def _aware(value: datetime | str) -> datetime:
    """A datetime column as read by plain SQL: SQLite gives Django's naive UTC (as text or a
    datetime, by the column's declared type), PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass
class _Figures:
    """A group's figures, reduced from its items' rows."""

    items: int = 0
    sightings: int = 0  # as stored (the figures' starting point); the reduction leaves it
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
        first_seen_at = _aware(first_seen_at)
        posted_at = _aware(posted_at) if posted_at is not None else None
        flagged = bool(flagged)  # SQLite answers 0/1
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


ANALYSIS_BATCH = 200


def analyze_pending(items: Iterable[Item] | None = None, *, limit: int = ANALYSIS_BATCH) -> int:
    """Give flagged items their deferred full reading: `analyze()` of the text on the posting
    date, exactly what the ingest would have stored. `items` limits it to those (the group page
    opened), else the oldest `limit` pending; returns how many were read.

    The default analyzer reads them: after a retrain, the version in the analysis is the new
    one, the item's `analyzer_version` (its verdict's) the one it was screened with.
    """
    if items is None:
        pending = list(
            Item.objects.filter(is_analysis_pending=True)
            .only("id", "text", "posted_on")
            .order_by("id")[:limit]
        )
    else:
        pending = [item for item in items if item.is_analysis_pending]
    if not pending:
        return 0
    analyzer = Analyzer.default()
    for item in pending:
        item.analysis = analyzer.analyze(item.text, date=item.posted_on).to_dict()
        item.is_analysis_pending = False
    with transaction.atomic():
        # Another process may have read them meanwhile: the same reading, written twice.
        Item.objects.bulk_update(pending, ["analysis", "is_analysis_pending"])
    return len(pending)


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
        raise MonitoringError(
            "group %(key)s is already %(status)s",
            # The code for the English log; the label for the reader's language.
            params={
                "key": locked.key[:12],
                "status": locked.status,
                "status_label": GroupStatus(locked.status).label,
            },
            field="group",
        )
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


def _case_description(group: Group, items: Sequence[Item], region: Region) -> str:
    """The case's account of the group: each item's capture time as a reader writes it in the
    case region's zone, then the exact UTC instant and the hash the record rests on."""
    lead = items[0]
    lines = [lead.text.strip(), "", f"Temuan dari pemantauan (kelompok {group.key[:12]}):"]
    lines.extend(
        f"- {item.platform or 'unknown'} {item.url or item.external_id}: pertama terlihat "
        f"{local_time_id(item.first_seen_at, region)} "
        f"({item.first_seen_at.astimezone(UTC).isoformat()}), SHA-256 {item.sha256}"
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
    analyze_pending(items)  # the items quoted in the case keep their full reading
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
            description=_case_description(locked, items, region),
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
            "the reason is longer than %(limit)s characters",
            params={"limit": MAX_REASON_CHARS},
            field="reason",
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
            "group %(key)s is itself a duplicate: choose the group it was folded into",
            params={"key": target.key[:12]},
            field="of",
        )
    _fold_group(locked, into=target)
    _refresh_groups({target.pk})
    _decide(
        locked, verdict=Verdict.DUPLICATE, reason=f"duplicate of {target.key}", actor=actor, now=now
    )
    record("monitoring.mark_duplicate", actor=actor, obj=locked, after={"into": target.key})
    return locked


@dataclass(frozen=True, slots=True)
class ResignResult:
    """What `resign_items` rewrote: item signatures and grouping key rows."""

    items: int
    keys: int


def resign_items(*, batch_size: int = 2_000) -> ResignResult:
    """Sign every stored item again with the current signature format and rebuild the grouping
    keys from scratch (`netra rekey`): after an upgrade that changed them (the word 4-gram
    sketch and 32 bands of 4 rows, docs/monitoring.md), an item stored before would only be
    found under keys no new item makes and compared by the former rule. Groups and their items
    stay as they are; per key and group the latest item answers, as the ingest and a fold leave
    it. Run with no ingest going on (one transaction)."""
    if batch_size < 1:
        raise ValueError(f"batch size {batch_size} must be at least 1")
    with transaction.atomic():
        return _resign_items(batch_size)


def _resign_items(batch_size: int) -> ResignResult:
    grouper = Grouper(MemoryIndex())
    GroupingKey.objects.all().delete()
    last, items = 0, 0
    # The groups each word or run key names, the first WORD_KEY_GROUPS to have it (as the
    # ingest's index takes them; items come in id order, the order they were grouped in). Held
    # for the whole run: a group id alone for most keys (they name one group), a tuple for the
    # others.
    word_groups: dict[int, int | tuple[int, ...]] = {}
    while rows := list(
        Item.objects.filter(id__gt=last)
        .order_by("id")
        .values_list("id", "text", "group_id", "url", "links", "media")[:batch_size]
    ):
        signatures = signatures_of([row[1] for row in rows])
        latest: dict[tuple[int, int], int] = {}
        signed = []
        for (item_id, _, group_id, url, links, media), signature in zip(
            rows, signatures, strict=True
        ):
            item_keys = grouper.keys_with(
                signature,
                links=(url, *(links or ())),
                media=[entry.get("sha256", "") for entry in media or ()],
                pictures=[int(entry["phash"], 16) for entry in media or () if entry.get("phash")],
            )
            for key in (*item_keys.band_keys, *item_keys.exact_keys, *item_keys.image_keys):
                latest[(key, group_id)] = item_id  # rows come in id order: the latest wins
            for key in item_keys.capped:  # word and run keys
                if _names_group(word_groups, key, group_id):
                    latest[(key, group_id)] = item_id
            stored = signature.to_bytes() if signature is not None else b""
            signed.append(Item(id=item_id, signature=stored))
        Item.objects.bulk_update(signed, ["signature"], batch_size=500)
        _store_latest_keys(latest)
        items, last = items + len(rows), rows[-1][0]
    return ResignResult(items, GroupingKey.objects.count())


def _names_group(named: dict[int, int | tuple[int, ...]], key: int, group: int) -> bool:
    """Whether the word key names the group, taking it if it names fewer than WORD_KEY_GROUPS
    groups (`MemoryIndex.add` with the key capped)."""
    groups = named.get(key)
    if groups is None:
        named[key] = group
        return True
    if isinstance(groups, int):
        groups = (groups,)
    if group in groups:
        return True
    if len(groups) >= WORD_KEY_GROUPS:
        return False
    named[key] = (*groups, group)
    return True


def _store_latest_keys(
    latest: dict[tuple[int, int], int], *, stored: Collection[tuple[Any, ...]] | None = None
) -> None:
    """Each (grouping key, group) row points at its latest item: inserted, or raised if older."""
    upsert_latest(
        GroupingKey,
        ("key", "group", "item"),
        latest,
        unique=("key", "group"),
        latest="item",
        stored=stored,
    )


def _fold_group(group: Group, *, into: Group) -> None:
    """Fold `group` into `into`: its items and keys move there and it stays, as a duplicate of
    `into` with no items. The caller reads `into`'s figures again (`_refresh_groups`). Shared by
    a supervisor's fold (`mark_duplicate`) and the ingest's automatic merge."""
    Item.objects.filter(group=group).update(group=into)
    _fold_keys(group, into=into)
    group.status = GroupStatus.DUPLICATE
    group.duplicate_of = into
    group.item_count = 0
    group.save(update_fields=["status", "duplicate_of", "item_count"])


def _fold_keys(group: Group, *, into: Group) -> None:
    """Move the group's keys to `into`; a key both have keeps the later of their two items."""
    moving = dict(GroupingKey.objects.filter(group=group).values_list("key", "item_id"))
    shared: dict[int, int] = {}
    for chunk in _chunks(sorted(moving)):
        shared.update(
            GroupingKey.objects.filter(group=into, key__in=chunk).values_list("key", "item_id")
        )
    # The shared keys whose moving item is the later: raised in one statement, not one each (an
    # automatic merge of two viral groups shares most of their keys).
    raised = {(key, into.pk): moving[key] for key, item in shared.items() if moving[key] > item}
    if raised:
        _store_latest_keys(raised, stored=set(raised))
    for chunk in _chunks(sorted(shared)):
        GroupingKey.objects.filter(group=group, key__in=chunk).delete()
    GroupingKey.objects.filter(group=group).update(group=into)


@dataclass(frozen=True, slots=True)
class PollResult:
    """One feed's poll: what came in, or why nothing did; and the article pages not used."""

    source: Source
    ingest: IngestResult | None
    error: str = ""
    article_problems: list[str] = field(default_factory=list)


def add_feed(name: str, *, url: str, region: Region | None = None) -> Source:
    """Register an RSS/Atom feed to poll (or update the URL and region of one so named)."""
    if not url.lower().startswith(("http://", "https://")):
        raise MonitoringError("%(url)r is not an http(s) URL", params={"url": url}, field="url")
    source, _ = Source.objects.update_or_create(
        name=name, defaults={"kind": SourceKind.FEED, "url": url, "region": region}
    )
    return source


def poll_feed(
    source: Source,
    *,
    now: datetime,
    fetch: Callable[[str], bytes] = feeds.fetch,
    fetch_article: Callable[[str], archive.Fetched] | None = articles.fetch_article,
    threshold: float = DEFAULT_THRESHOLD,
) -> PollResult:
    """Fetch, parse and ingest one feed; a failure is recorded on the source, never raised.

    Entries already ingested from this feed are skipped. A new entry's linked page is fetched
    and its article text read (`fetch_article=None` keeps the feeds' own text); a page that
    cannot be used leaves the entry as the feed has it.
    """
    try:
        rows = feeds.parse_feed(fetch(source.url), feed_url=source.url)
    except NetraError as error:
        source.last_polled_at, source.last_error = now, str(error)[:500]
        source.save(update_fields=["last_polled_at", "last_error"])
        return PollResult(source, None, str(error))
    # An entry is read once, when first seen: its article text made it the item it is.
    ids = [row.external_id for row in rows if isinstance(row, Post)]
    seen = set(
        Sighting.objects.filter(source=source, external_id__in=ids).values_list(
            "external_id", flat=True
        )
    )
    rows = [row for row in rows if not (isinstance(row, Post) and row.external_id in seen)]
    problems: list[str] = []
    if fetch_article is not None:
        rows, problems = articles.with_article_text(rows, fetch=fetch_article)
    result = ingest_posts(rows, source=source, now=now, threshold=threshold)
    source.last_polled_at, source.last_error = now, ""
    source.save(update_fields=["last_polled_at", "last_error"])
    return PollResult(source, result, article_problems=problems)


def poll_feeds(
    *,
    now: datetime,
    fetch: Callable[[str], bytes] = feeds.fetch,
    fetch_article: Callable[[str], archive.Fetched] | None = articles.fetch_article,
) -> list[PollResult]:
    """Poll every active feed in name order."""
    sources = Source.objects.filter(kind=SourceKind.FEED, is_active=True).select_related("region")
    return [
        poll_feed(source, now=now, fetch=fetch, fetch_article=fetch_article)
        for source in sources.order_by("name")
    ]


ARCHIVE_PER_GROUP = 20


def archive_group(
    group: Group,
    *,
    now: datetime,
    fetch: Callable[[str], archive.Fetched] = archive.fetch_page,
    screenshot: Callable[[str], archive.Screenshot] | None = None,
) -> list[Capture]:
    """Capture every URL of the group's items (the post and the pages it links) once, and with
    `screenshot` (see `screenshotter`) a PNG of each as the browser drew it."""
    captures: list[Capture] = []
    done = set(
        Capture.objects.filter(item__group=group, error="").values_list("url", "is_screenshot")
    )
    for item in group.items.order_by("first_seen_at", "id")[:ARCHIVE_PER_GROUP]:
        for url in dict.fromkeys([item.url, *item.links]):
            if not url:
                continue
            if (url, False) not in done:
                done.add((url, False))
                captures.append(_capture(item, fetch(url), now=now))
            if screenshot is not None and (url, True) not in done:
                done.add((url, True))
                captures.append(_capture_screenshot(item, screenshot(url), now=now))
    return captures


def screenshotter() -> Callable[[str], archive.Screenshot] | None:
    """Screenshots with the installed headless chromium, or None when there is none."""
    chromium = archive.find_chromium()
    if chromium is None:
        return None
    return partial(archive.screenshot_page, chromium=chromium)


def _capture(item: Item, fetched: archive.Fetched, *, now: datetime) -> Capture:
    capture = Capture(
        item=item,
        url=fetched.url[:2000],
        fetched_at=now,
        status_code=fetched.status_code,
        media_type=fetched.media_type[:100],
        error=fetched.error[:500],
        error_message=fetched.error_message,
    )
    return _stored(capture, fetched.body)


def _capture_screenshot(item: Item, shot: archive.Screenshot, *, now: datetime) -> Capture:
    capture = Capture(
        item=item,
        url=shot.url[:2000],
        fetched_at=now,
        media_type="image/png" if shot.png is not None else "",
        error=shot.error[:500],
        error_message=shot.error_message,
        is_screenshot=True,
    )
    return _stored(capture, shot.png)


def _stored(capture: Capture, body: bytes | None) -> Capture:
    """Keep the bytes once under their SHA-256 and save the capture."""
    if body is not None:
        sha = hashlib.sha256(body).hexdigest()
        name = f"monitoring/captures/{sha}"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(body))
        capture.sha256, capture.size, capture.stored_as = sha, len(body), name
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
