"""Reports join the grouping: a public-form report and a tipline tip are reporters of an item.

A post forwarded five times to the tipline is one item with five tips (same text, same
SHA-256); a public-form report files its description and links as an item, so reports quoting
the same post, or linking the same page, fall in one group. The group page and the case page
show how many reported it and through which channel; who they are stays on the report and
the tip (personal data).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from netra.cases.models import Case, Report
from netra.monitoring.core.records import Post, content_sha256
from netra.monitoring.models import FormReport, Group, Item, SourceKind, Tip

FORM_SOURCE = "formulir publik"


def join_grouping(
    report: Report, *, text: str, links: tuple[str, ...], region_code: str, now: datetime
) -> FormReport | None:
    """File the report's text and links as an item of the grouping (None for an empty text)."""
    from netra.monitoring.services import ingest_posts, source_named

    if not text.strip():
        return None
    post = Post(
        line=1,
        external_id=report.case.number,
        text=text,
        url=links[0] if links else "",
        platform="form",
        posted_at=now,
        region_code=region_code,
        links=links[1:],
    )
    source = source_named(FORM_SOURCE, kind=SourceKind.FORM)
    with transaction.atomic():
        ingest_posts([post], source=source, now=now)
        item = Item.objects.get(sha256=content_sha256(text))
        return FormReport.objects.create(item=item, report=report, received_at=now)


@dataclass(frozen=True, slots=True)
class Reporters:
    """Who reported a group's items, counted by channel, and the public reports' case numbers."""

    by_channel: dict[str, int]
    cases: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())


def reporters_of(group: Group) -> Reporters:
    """The tipline tips and public-form reports of the group's items."""
    channels = Counter(Tip.objects.filter(item__group=group).values_list("channel", flat=True))
    forms = FormReport.objects.filter(item__group=group).select_related("report__case")
    cases = tuple(form.report.case.number for form in forms)
    if cases:
        channels["form"] = len(cases)
    return Reporters(dict(channels), cases)


@dataclass(frozen=True, slots=True)
class CaseGroup:
    """The monitoring group a case's report joined, or that the case was accepted from."""

    group: Group
    reporters: Reporters


def group_of_case(case: Case) -> CaseGroup | None:
    """The group of the case's public report, else the group accepted into the case."""
    group = (
        Group.objects.filter(Q(items__form_reports__report__case=case) | Q(case=case))
        .order_by("id")
        .first()
    )
    return CaseGroup(group, reporters_of(group)) if group is not None else None
