"""Scoped reads of the monitoring desk: the review queue and one group, viewer first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet

from netra.accounts.models import User
from netra.cases.findings import SuggestedFinding, findings_from_raw
from netra.cases.models import Election
from netra.monitoring.models import (
    Group,
    GroupStatus,
    Item,
    Sighting,
    Tip,
    TriageDecision,
    Verdict,
)
from netra.monitoring.scope import GroupNotFoundError, can_see_authors, group_filter

GROUP_ITEMS_SHOWN = 50


def queue_for(
    viewer: User,
    *,
    status: str = GroupStatus.OPEN,
    platform: str = "",
    category: int | None = None,
    subject: str = "",
    since: date | None = None,
    until: date | None = None,
    flagged_only: bool = True,
) -> QuerySet[Group]:
    """The groups `viewer` may triage, highest score and reach first."""
    groups = Group.objects.filter(group_filter(viewer), status=status)
    if flagged_only:
        groups = groups.filter(is_violation=True)
    if platform:
        groups = groups.filter(platforms__icontains=f'"{platform}"')
    if category is not None:
        groups = groups.filter(category=category)
    if subject:
        groups = groups.filter(subject_type=subject)
    if since is not None:
        groups = groups.filter(last_seen_at__date__gte=since)
    if until is not None:
        groups = groups.filter(first_seen_at__date__lte=until)
    return groups.select_related("region", "earliest_item").order_by("-score", "-reach", "id")


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item as this viewer may see it: the author only for supervisors."""

    item: Item
    author: str | None


@dataclass(frozen=True, slots=True)
class GroupDetail:
    group: Group
    items: tuple[ItemView, ...]
    sees_authors: bool


@dataclass(frozen=True, slots=True)
class ReadAct:
    """One act the analyzer read in the text: the passages that show it and the law it cites."""

    act: str
    category: int | None
    score: float
    evidence: tuple[str, ...]
    law: SuggestedFinding


@dataclass(frozen=True, slots=True)
class Reading:
    """The analyzer's full reading of a group's best item (`analyze()`, deferred at ingest)."""

    item: Item
    is_violation: bool
    category: int | None
    subject_type: str
    subject_details: tuple[str, ...]  # name, position, agency when the text states them
    acts: tuple[ReadAct, ...]
    spans: tuple[dict[str, object], ...]  # evidence spans with their act, to highlight
    analyzer_version: str


def reading_of(items: tuple[ItemView, ...]) -> Reading | None:
    """The reading of the highest-scoring item that has one (None while every reading is still
    pending, or for a group of unflagged items, which are not read in full)."""
    read = [view.item for view in items if view.item.analysis]
    if not read:
        return None
    item = max(read, key=lambda candidate: (candidate.score, -candidate.pk))
    raw = item.analysis
    laws = findings_from_raw(raw)
    acts: list[ReadAct] = []
    spans: list[dict[str, object]] = []
    for index, finding in enumerate(f for f in raw.get("findings") or [] if isinstance(f, dict)):
        act = str(finding.get("act", ""))
        evidence = [s for s in finding.get("evidence") or [] if isinstance(s, dict)]
        spans.extend({**span, "act": act} for span in evidence)
        acts.append(
            ReadAct(
                act=act,
                category=finding.get("bawaslu_category"),
                score=float(finding.get("score") or 0.0),
                evidence=tuple(str(span.get("text", "")) for span in evidence),
                law=laws[index] if index < len(laws) else SuggestedFinding(act, False, ()),
            )
        )
    subject = raw.get("subject") if isinstance(raw.get("subject"), dict) else {}
    details = tuple(str(subject[key]) for key in ("name", "position", "agency") if subject.get(key))
    return Reading(
        item=item,
        is_violation=bool(raw.get("is_violation")),
        category=raw.get("bawaslu_category"),
        subject_type=str(subject.get("type") or ""),
        subject_details=details,
        acts=tuple(acts),
        spans=tuple(spans),
        analyzer_version=str(raw.get("analyzer_version") or ""),
    )


TIPS_SHOWN = 20


def tips_of(group: Group) -> list[Tip]:
    """The tipline messages filed into the group, each with its photo, video or document if it
    had one (`file`: stored with its SHA-256, or not downloaded and why) and the replies queued
    to its sender (`replies`: tracking code, outcome; their outbox state), latest first."""
    return list(
        Tip.objects.filter(item__group=group)
        .select_related("file")
        .prefetch_related("replies")
        .order_by("-received_at", "-id")[:TIPS_SHOWN]
    )


def get_group_for(viewer: User, group_id: int) -> Group:
    """The group, or GroupNotFoundError when it is missing or outside the viewer's scope."""
    group = Group.objects.filter(group_filter(viewer), pk=group_id).select_related("region").first()
    if group is None:
        raise GroupNotFoundError("group not found")
    return group


def group_detail_for(viewer: User, group_id: int) -> GroupDetail:
    """The group and its first items, authors masked for non-supervisors."""
    group = get_group_for(viewer, group_id)
    sees = can_see_authors(viewer)
    items = (
        group.items.select_related("source", "region")
        .prefetch_related("captures")
        .order_by("posted_at", "first_seen_at")
    )
    return GroupDetail(
        group=group,
        items=tuple(
            ItemView(item, item.author if sees else None) for item in items[:GROUP_ITEMS_SHOWN]
        ),
        sees_authors=sees,
    )


def decisions_for_training() -> list[TriageDecision]:
    """The latest accept or dismiss decision of each group (folds are not content labels)."""
    latest: dict[int, TriageDecision] = {}
    decisions = (
        TriageDecision.objects.exclude(verdict=Verdict.DUPLICATE)
        .select_related("group", "group__earliest_item")
        .order_by("decided_at", "id")
    )
    for decision in decisions:
        latest[decision.group_id] = decision
    return list(latest.values())


def authors_of(group: Group) -> list[str]:
    """Every author name or handle seen in the group (to redact them from exports)."""
    names = set(group.items.exclude(author="").values_list("author", flat=True))
    return sorted(names)


def elections_for(group: Group) -> list[Election]:
    """The elections a case from this group may belong to: national ones and those whose region
    covers the group's (every election when the group is national)."""
    elections = list(Election.objects.select_related("region").order_by("-voting_on", "code"))
    if group.region is None:
        return elections
    return [e for e in elections if e.region is None or e.region.covers(group.region)]


def election_by_code(code: str) -> Election | None:
    return Election.objects.filter(code=code).select_related("region").first()


def all_elections() -> list[Election]:
    """Every election, the latest vote first (the queue's accept choice)."""
    return list(Election.objects.order_by("-voting_on", "code"))


# Alerts on the queue page: a new group scoring at least this, or a group seen this many more
# times within the last hour (a post going viral).
ALERT_SCORE = 0.9
ALERT_NEW_WITHIN = timedelta(hours=24)
VIRAL_SIGHTINGS = 20
VIRAL_WITHIN = timedelta(hours=1)
ALERTS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Alerts:
    new_high: tuple[Group, ...]
    viral: tuple[tuple[Group, int], ...]  # the group and its sightings within the window


def alerts_for(viewer: User, *, now: datetime) -> Alerts:
    """New high-score groups and groups going viral, in the viewer's scope, still open."""
    open_flagged = Group.objects.filter(
        group_filter(viewer), status=GroupStatus.OPEN, is_violation=True
    )
    new_high = open_flagged.filter(
        score__gte=ALERT_SCORE, first_seen_at__gte=now - ALERT_NEW_WITHIN
    ).order_by("-score", "-reach", "id")[:ALERTS_SHOWN]
    recent = (
        Sighting.objects.filter(
            seen_at__gte=now - VIRAL_WITHIN, item__group__in=open_flagged.values("id")
        )
        .values("item__group_id")
        .annotate(n=Count("id"))
        .filter(n__gte=VIRAL_SIGHTINGS)
        .order_by("-n")[:ALERTS_SHOWN]
    )
    counts = {row["item__group_id"]: row["n"] for row in recent}
    groups = Group.objects.in_bulk(list(counts))
    viral = tuple((groups[group_id], n) for group_id, n in counts.items() if group_id in groups)
    return Alerts(new_high=tuple(new_high), viral=viral)
