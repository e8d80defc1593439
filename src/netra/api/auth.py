"""Bearer-token authentication for staff endpoints."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from netra.accounts.models import User
from netra.accounts.selectors import user_for_token
from netra.cases.scope import is_staff_role


class StaffToken(HttpBearer):
    """`Authorization: Bearer <token>` of an active staff account (never the public role)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is None or not is_staff_role(user):
            return None
        return user


def staff(request: HttpRequest) -> User:
    """The authenticated staff user of a request that passed StaffToken."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101 -- StaffToken guarantees it; a bug if not
    return user
