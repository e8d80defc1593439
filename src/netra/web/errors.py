"""Error pages and answers outside the API's own views, in the API's format under /api/.

Django answers some errors before any view runs (an unknown URL, a body over the size limit, an
exception in middleware); under /api/ those are JSON `{code, message, details}` like every other
API error (issue #9, finding 12), elsewhere the site's own templates.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from netra.api.errors import server_error_body, too_big_body

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(code: str, message: str, *, status: int, **details: object) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "details": details}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        if is_api(request):
            return JsonResponse(too_big_body(), status=413)
        return render(request, "400.html", status=413)
    if is_api(request):
        return api_error("bad_request", "the request could not be read", status=400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error("forbidden", "you may not do this", status=403)
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error("not_found", f"no API endpoint at {request.path}", status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse(server_error_body(), status=500)
    return render(request, "500.html", status=500)
