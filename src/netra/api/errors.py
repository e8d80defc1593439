"""One mapping from domain errors and bad input to HTTP: {"code", "message", "details"}."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
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


def too_big_body() -> dict[str, object]:
    return {
        "code": "payload_too_large",
        "message": "the request body is larger than the server accepts",
        "details": {},
    }


def unavailable_body() -> dict[str, object]:
    return {
        "code": "unavailable",
        "message": "the case database cannot be used right now; try again shortly",
        "details": {},
    }


def server_error_body() -> dict[str, object]:
    return {
        "code": "server_error",
        "message": "the server failed to handle this request; it has been logged",
        "details": {},
    }


class ApiError(NetraError):
    """An error raised by the API layer itself; `code` is given per instance."""

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details
        self.instance_code = code


class FieldError(NetraError):
    """One request field is wrong; `details["field"]` names it."""

    code = "field_invalid"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", field=field)


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


def field_errors(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, object]]:
    """Pydantic/ninja error dicts reduced to {"field", "message", "type"}; "body." is dropped."""
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
                "message": str(error.get("msg", "invalid")),
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
        first = fields[0] if fields else {"field": "body", "message": "invalid"}
        return api.create_response(
            request,
            {
                "code": "validation_error",
                "message": f"{first['field']}: {first['message']}",
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
                "message": "a valid staff token is required: Authorization: Bearer <token>",
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
                "message": "a number in the request is too large",
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
