"""Checks and headers for every request: control characters in input, the pages' CSP."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from netra.accounts.selectors import user_for_token
from netra.web.errors import api_error, is_api

_NUL_MARKERS = ("%00", "\x00")
_PUBLIC_API = "/api/v1/reports"


def _may_reach_a_view(request: HttpRequest) -> bool:
    """Whether the API would run a view for this request: public, or with a valid token."""
    if request.path.startswith(_PUBLIC_API):
        return True
    scheme, _, token = str(request.META.get("HTTP_AUTHORIZATION", "")).partition(" ")
    return scheme.lower() == "bearer" and user_for_token(token.strip()) is not None


class RejectNulMiddleware:
    """A NUL byte in the query string or an API JSON body is a 422, never a database error.

    PostgreSQL cannot store or compare a text containing NUL; the services refuse control
    characters in the fields they keep, and this catches the rest (search terms, user names).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = str(request.META.get("QUERY_STRING", "")).lower()
        where = ""
        if any(marker in query for marker in _NUL_MARKERS) or "\x00" in request.path:
            where = "query"
        elif (
            is_api(request)
            and request.content_type == "application/json"
            and (b"\\u0000" in request.body or b"\x00" in request.body)
        ):
            where = "body"
        if where and is_api(request) and not _may_reach_a_view(request):
            return self.get_response(request)  # the API answers 401 before reading any input
        if where:
            message = f"the request {where} contains a NUL character; remove it and send again"
            if is_api(request):
                return api_error("field_invalid", message, status=422, field=where)
            return render(request, "400.html", {"message": message}, status=422)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Give every HTML page NETRA_CONTENT_SECURITY_POLICY unless the view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        content_type = str(response.get("Content-Type", ""))
        if content_type.startswith("text/html") and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.NETRA_CONTENT_SECURITY_POLICY
        return response


class RestoreLanguageMiddleware:
    """Puts back, once the response is made, the language the thread had before the request.

    Django's LocaleMiddleware activates the request's language for the thread and leaves it
    active: whatever the thread runs next outside a request (a service called by a test, a job
    in the same worker thread) spoke the last visitor's language instead of Indonesian. Placed
    before LocaleMiddleware, so it wraps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = translation.get_language()
        try:
            return self.get_response(request)
        finally:
            if before:
                translation.activate(before)
            else:
                translation.deactivate()
