"""Generate a letter for a case, and download a stored one (audited on generation)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.cases.access import current_user, staff_required
from netra.documents.selectors import document_for
from netra.documents.services import DocumentError, DocumentKind, generate_document


@staff_required
@require_POST
def generate(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    try:
        kind = DocumentKind(request.POST.get("kind", ""))
    except ValueError:
        messages.error(request, _("Choose a kind of letter."))
        return redirect("desk:case", case_id=case_id)
    now = timezone.now()
    try:
        generate_document(user, case_id, kind, now=now, today=timezone.localdate(now))
    except DocumentError:
        messages.error(request, _("You may not generate this letter for this case."))
    else:
        messages.success(request, _("The letter was generated."))
    return redirect("desk:case", case_id=case_id)


@staff_required
def download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    document = document_for(current_user(request), document_id)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.title}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = document.sha256
    return response
