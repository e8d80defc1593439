"""Reads of generated documents, within the viewer's region scope."""

from __future__ import annotations

from django.db.models import QuerySet

from netra.accounts.models import User
from netra.cases.scope import CaseNotFoundError
from netra.cases.selectors import get_case_for
from netra.documents.models import GeneratedDocument


def documents_for(viewer: User, case_id: int) -> QuerySet[GeneratedDocument]:
    case = get_case_for(viewer, case_id)
    return GeneratedDocument.objects.filter(case=case).select_related("created_by")


def document_for(viewer: User, document_id: int) -> GeneratedDocument:
    """The document if its case is in the viewer's scope; CaseNotFoundError (404) otherwise."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None:
        raise CaseNotFoundError(f"document {document_id} not found")
    get_case_for(viewer, document.case_id)
    return document
