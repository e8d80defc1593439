"""The desk's triage decisions as training texts for the analyzer, with personal data removed.

Each record has the shape of the real-text corpus (corpus/real/), so `netra train --extra FILE`
reads it like any labelled text: an accepted group is a violation in the category the analyzer
suggested (staff confirm the final one on the case, which `netra export training` carries); a
dismissed group is not a violation. Authors' names and handles, NIPs, NIKs, phone numbers and
e-mail addresses become typed placeholders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from netra.analysis.redact import redact
from netra.monitoring.models import TriageDecision, Verdict
from netra.monitoring.selectors import authors_of


def training_records(decisions: Iterable[TriageDecision]) -> Iterator[dict[str, object]]:
    """One corpus-shaped record per decision; an accepted group without a suggested category
    is skipped (it cannot teach the category)."""
    for decision in decisions:
        group = decision.group
        item = group.earliest_item
        if item is None:
            continue
        is_violation = decision.verdict == Verdict.ACCEPTED
        if is_violation and decision.suggested_category is None:
            continue
        names = [name.lstrip("@") for name in authors_of(group)]
        text = redact(item.text, names=names).strip()
        for name in names:
            text = text.replace(f"@{name}", "@[HANDLE]")
        if not text:
            continue
        yield {
            "id": f"monitoring-{group.key[:16]}",
            "text": text,
            "url": f"netra:monitoring/{group.key[:16]}",
            "outlet": item.platform or "monitoring",
            "published": (item.posted_at or item.first_seen_at).date().isoformat(),
            "register": "post",
            "story": f"monitoring-{group.key[:16]}",
            "is_violation": is_violation,
            "bawaslu_category": decision.suggested_category if is_violation else None,
            "subject": (decision.suggested_subject_type or "unknown") if is_violation else None,
            "acts": list(decision.suggested_acts) if is_violation else [],
            "note": (
                f"desk triage {decision.verdict} on {decision.decided_at.date().isoformat()}"
                + (f": {decision.reason}" if decision.reason else "")
                + f"; suggested by {decision.analyzer_version}"
            ),
        }
