"""Sending an evidence file to staff: audited, and always as an attachment, never rendered."""

from __future__ import annotations

from django.http import FileResponse

from netra.accounts.models import User
from netra.cases.models import Evidence
from netra.cases.services import note_evidence_download


def evidence_file_response(evidence: Evidence, *, actor: User) -> FileResponse:
    """Record the download, then stream the stored file with its sniffed type and `nosniff`."""
    note_evidence_download(evidence, actor=actor)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or f"evidence-{evidence.pk}",
        content_type=evidence.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
