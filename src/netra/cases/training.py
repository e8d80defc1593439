"""Supervisors' decisions as training texts for the analyzer, with personal data removed.

Each record has the shape of the real-text corpus (corpus/real/), so `netra train --extra FILE`
reads it like any labelled text. The case description is redacted: the reporter's and the
terlapor's names, NIPs, NIKs, phone numbers and e-mail addresses become typed placeholders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from netra.analysis.redact import redact
from netra.cases.models import SupervisorLabel


def training_records(labels: Iterable[SupervisorLabel]) -> Iterator[dict[str, object]]:
    """One corpus-shaped record per label; a violation without a category is skipped (it
    cannot teach the category) and so is a case without text."""
    for label in labels:
        case = label.case
        if label.is_violation and label.category is None:
            continue
        names = [party.name for party in case.parties.all()]
        report = getattr(case, "report", None)
        if report is not None:
            names.append(report.reporter_name)
        text = redact(case.description, names=names).strip()
        if not text:
            continue
        yield {
            "id": f"case-{case.number}",
            "text": text,
            "url": f"netra:case/{case.number}",
            "outlet": "netra",
            "published": case.incident_on.isoformat(),
            "register": "report" if report is not None else "news",
            "story": f"case-{case.number}",
            "is_violation": label.is_violation,
            "bawaslu_category": label.category if label.is_violation else None,
            "subject": (label.subject_type or "unknown") if label.is_violation else None,
            "acts": list(label.acts) if label.is_violation else [],
            "note": (
                f"supervisor decision of {label.decided_at.date().isoformat()}; suggested by "
                f"{label.analyzer_version}: violation {label.suggested_is_violation}, category "
                f"{label.suggested_category}, subject {label.suggested_subject_type or '-'}"
            ),
        }
