"""The language switch, remembered on the account of a staff member who is logged in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from netra.accounts.models import User
from netra.accounts.services import remember_language


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a staff member's choice also goes to their account.

    What Netra writes to staff later, away from any page (e-mailed notices and reminders), is
    then in the language they read the desk in.
    """
    response = django_set_language(request)
    if isinstance(request.user, User) and request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language", ""))
    return response
