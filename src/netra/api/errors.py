"""One mapping from domain errors and bad input to HTTP: {"code", "message", "details"}."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_noop, ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from netra.errors import NetraError

# Codes not listed are 400. Validation-like errors are 422 so clients can treat them alike.
STATUS_BY_CODE: Mapping[str, int] = {
    "not_found": 404,
    "out_of_scope": 403,
    "forbidden": 403,
    "rate_limited": 429,
    "quota_exceeded": 429,
    "storage_full": 507,
    "payload_too_large": 413,
    "transition_not_allowed": 409,
    "completion_closed": 409,
    "authority_invalid": 422,
    "transition_requirement_missing": 422,
    "transition_requirement_invalid": 422,
    "case_input_invalid": 422,
    "evidence_rejected": 422,
    "invalid_role": 422,
    "code_unknown": 422,
    "date_order_invalid": 422,
    "recap_input_invalid": 422,
    "field_invalid": 422,
}


logger = logging.getLogger(__name__)

# How long a client should wait when the database cannot take writes (read-only, locked, down).
RETRY_AFTER_UNAVAILABLE_S = 30


# The bodies below are also built outside a request's language (middleware, the WSGI guard):
# gettext then answers in the default language, Indonesian, as the rest of the site does.
def too_big_body() -> dict[str, object]:
    return {
        "code": "payload_too_large",
        "message": gettext("the request body is larger than the server accepts"),
        "details": {},
    }


def unavailable_body() -> dict[str, object]:
    return {
        "code": "unavailable",
        "message": gettext("the case database cannot be used right now; try again shortly"),
        "details": {},
    }


def server_error_body() -> dict[str, object]:
    return {
        "code": "server_error",
        "message": gettext("the server failed to handle this request; it has been logged"),
        "details": {},
    }


class ApiError(NetraError):
    """An error raised by the API layer itself; `code` is given per instance."""

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details
        self.instance_code = code


class FieldError(NetraError):
    """One request field is wrong; `details["field"]` names it.

    `message` is a template (English, `%(name)s` filled from `params`) so that the catalogue can
    give it in the request's language; text that is not a template (an error raised by a core
    module in English) goes in as a parameter: FieldError("q", "%(reason)s", reason=str(error)).
    The message is prefixed with the field's name as sent: it is the client's key, not a label.
    """

    code = "field_invalid"

    def __init__(self, field: str, message: str, /, **params: object) -> None:
        super().__init__(message, params=params, field=field)

    @property
    def message(self) -> str:
        return f"{self.details['field']}: {super().message}"

    def __str__(self) -> str:
        return f"{self.details['field']}: {super().__str__()}"


def _code_of(error: NetraError) -> str:
    return error.instance_code if isinstance(error, ApiError) else error.code


def status_for(error: NetraError) -> int:
    code = _code_of(error)
    # The procedure core uses one code for "no such move" and "not your move": the second is 403.
    if code == "transition_not_allowed" and "role" in error.details:
        return 403
    return STATUS_BY_CODE.get(code, 400)


def _jsonable(value: object) -> object:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


# Pydantic's messages are English only and speak of Python ("a valid dictionary or instance"):
# each error type a client can cause gets a short template of ours, which the catalogue
# translates; the values come from pydantic's `ctx`. A type not listed keeps pydantic's text.
_DATE = gettext_noop("expected a date as YYYY-MM-DD")
_DATETIME = gettext_noop("expected a date and time as YYYY-MM-DDTHH:MM")
_INTEGER = gettext_noop("expected a whole number")
_NUMBER = gettext_noop("expected a number")
_URL = gettext_noop("expected a web address (http:// or https://)")
_OBJECT = gettext_noop("expected a JSON object")
_BOOLEAN = gettext_noop("expected true or false")
_CHOICE = gettext_noop("expected one of %(expected)s")
VALIDATION_MESSAGES: Mapping[str, str] = {
    "missing": gettext_noop("required"),
    "json_invalid": gettext_noop("the request body is not valid JSON (%(error)s)"),
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dict_type": _OBJECT,
    "list_type": gettext_noop("expected a list"),
    "string_type": gettext_noop("expected text"),
    "string_too_short": gettext_noop("at least %(min_length)s characters"),
    "string_too_long": gettext_noop("at most %(max_length)s characters"),
    "string_pattern_mismatch": gettext_noop("does not have the expected form %(pattern)s"),
    "too_short": gettext_noop("at least %(min_length)s items"),
    "too_long": gettext_noop("at most %(max_length)s items"),
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "url_type": _URL,
    "url_parsing": _URL,
    "url_scheme": _URL,
    "url_syntax_violation": _URL,
    "url_too_long": _URL,
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "greater_than": gettext_noop("must be more than %(gt)s"),
    "greater_than_equal": gettext_noop("must be at least %(ge)s"),
    "less_than": gettext_noop("must be less than %(lt)s"),
    "less_than_equal": gettext_noop("must be at most %(le)s"),
    "extra_forbidden": gettext_noop("not a field of this request"),
}


def _choices(expected: object) -> str:
    # pydantic joins the choices in English ("'a', 'b' or 'c'"); a plain list reads in both.
    return ", ".join(part for part in str(expected).replace(" or ", ", ").split(", ") if part)


def validation_message(error: Mapping[str, Any]) -> str:
    """One pydantic error in the active language, e.g. "paling sedikit 20 karakter"."""
    kind = str(error.get("type", ""))
    template = VALIDATION_MESSAGES.get(kind)
    if template is None:
        return str(error.get("msg", "invalid"))
    context = {str(key): value for key, value in (error.get("ctx") or {}).items()}
    if "expected" in context:
        context["expected"] = _choices(context["expected"])
    if "pattern" in context:
        context["pattern"] = f"({context['pattern']})"
    try:
        return gettext(template) % context if "%(" in template else gettext(template)
    except (KeyError, ValueError, TypeError):  # a context pydantic did not give: its own text
        return str(error.get("msg", "invalid"))


def validation_summary(fields: list[dict[str, object]]) -> str:
    """The first field and its reason, and how many more follow (all are in details.fields)."""
    if not fields:
        return gettext("the request is not valid")
    first = f"{fields[0]['field']}: {fields[0]['message']}"
    more = len(fields) - 1
    if not more:
        return first
    return (
        first
        + " "
        + ngettext(
            "(and %(count)d more field, see details.fields)",
            "(and %(count)d more fields, see details.fields)",
            more,
        )
        % {"count": more}
    )


def field_errors(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, object]]:
    """Pydantic/ninja error dicts reduced to {"field", "message", "type"}; "body." is dropped.

    The message is ours, in the active language (`validation_message`); the type is pydantic's,
    for clients that branch on it.
    """
    result: list[dict[str, object]] = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in {"body", "query", "path", "form", "file"}:
            loc = loc[1:]
        if loc and loc[0] in {"payload", "body"}:  # ninja wraps a schema body in its param name
            loc = loc[1:]
        result.append(
            {
                "field": ".".join(loc) or "body",
                "message": validation_message(error),
                "type": str(error.get("type", "invalid")),
            }
        )
    return result


def install(api: NinjaAPI) -> None:
    """Register the handlers that give every error the same JSON shape."""

    @api.exception_handler(NetraError)
    def on_domain_error(request: HttpRequest, error: NetraError) -> HttpResponse:
        response = api.create_response(
            request,
            {
                "code": _code_of(error),
                "message": error.message,
                "details": _jsonable(error.details),
            },
            status=status_for(error),
        )
        retry_after = error.details.get("retry_after_s")
        if isinstance(retry_after, int):
            response["Retry-After"] = str(max(1, retry_after))
        return response

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
        fields = field_errors(error.errors)
        return api.create_response(
            request,
            {
                "code": "validation_error",
                "message": validation_summary(fields),
                "details": {"fields": fields},
            },
            status=422,
        )

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {
                "code": "unauthorized",
                "message": gettext(
                    "a valid staff token is required: Authorization: Bearer <token>"
                ),
                "details": {},
            },
            status=401,
        )

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        return api.create_response(request, too_big_body(), status=413)

    @api.exception_handler(OverflowError)
    def on_overflow(request: HttpRequest, error: OverflowError) -> HttpResponse:
        return api.create_response(
            request,
            {
                "code": "field_invalid",
                "message": gettext("a number in the request is too large"),
                "details": {"field": "path"},
            },
            status=422,
        )

    @api.exception_handler(DatabaseError)
    def on_database_error(request: HttpRequest, error: DatabaseError) -> HttpResponse:
        logger.error("database error on %s", request.path, exc_info=error)
        response = api.create_response(request, unavailable_body(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_UNAVAILABLE_S)
        return response

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
        logger.error("unexpected error on %s", request.path, exc_info=error)
        return api.create_response(request, server_error_body(), status=500)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return api.create_response(
            request,
            {"code": f"http_{error.status_code}", "message": str(error), "details": {}},
            status=error.status_code,
        )
