"""Sending an evidence file to staff: audited, always as an attachment under a name Netra built.

Bawaslu's supervisors of the case's region get the original (the one whose hash is the chain of
custody); every other role gets the copy without metadata, and nothing when there is none.
"""

from __future__ import annotations

from django.http import FileResponse

from netra.accounts.models import User
from netra.cases.evidence import download_name
from netra.cases.models import Evidence
from netra.cases.scope import can_read_originals
from netra.cases.services import (
    EvidenceWithheldError,
    ensure_redacted_copy,
    note_evidence_download,
)


def evidence_file_response(evidence: Evidence, *, actor: User) -> FileResponse:
    """Record the download, then stream the file with its sniffed type, `nosniff`, as attachment."""
    original = can_read_originals(actor, evidence.case.region)
    if not original:
        evidence = ensure_redacted_copy(evidence)  # for files stored before copies existed
    stored, digest = (
        (evidence.file, evidence.sha256)
        if original
        else (evidence.redacted_file, evidence.redacted_sha256)
    )
    if not stored:
        raise EvidenceWithheldError(
            "evidence %(evidence)s (%(media_type)s) keeps metadata that can identify people and "
            "no copy without it exists; only the election supervisors (Bawaslu) of the region "
            "can download it",
            params={"media_type": evidence.media_type},
            evidence=evidence.pk,
        )
    note_evidence_download(evidence, actor=actor, copy="original" if original else "redacted")
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=download_name(evidence.pk, evidence.media_type),
        content_type=evidence.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Content-SHA256"] = digest
    # Opened by mistake in the browser, it still runs nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
