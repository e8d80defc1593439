"""Reads of generated documents, within the viewer's region scope."""

from __future__ import annotations

from django.db.models import QuerySet

from netra.accounts.models import User
from netra.cases.scope import CaseNotFoundError, can_see_reporter
from netra.cases.selectors import get_case_for
from netra.documents.models import GeneratedDocument


def documents_for(viewer: User, case_id: int) -> QuerySet[GeneratedDocument]:
    """The case's letters `viewer` may read: those naming the reporter only for its supervisors."""
    case = get_case_for(viewer, case_id)
    documents = GeneratedDocument.objects.filter(case=case).select_related("created_by")
    if not can_see_reporter(viewer, case.region):
        documents = documents.filter(names_reporter=False)
    return documents


def document_for(viewer: User, document_id: int) -> GeneratedDocument:
    """The document if `viewer` may read it; CaseNotFoundError (404) otherwise, as if absent."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None:
        raise CaseNotFoundError(f"document {document_id} not found")
    case = get_case_for(viewer, document.case_id)
    if document.names_reporter and not can_see_reporter(viewer, case.region):
        raise CaseNotFoundError(f"document {document_id} not found")
    return document
