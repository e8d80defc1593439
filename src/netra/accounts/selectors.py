"""Reads on accounts."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from netra.accounts.models import ApiToken, User
from netra.accounts.services import hash_token


def user_for_token(secret: str) -> User | None:
    """The active user holding this bearer token, or None for an unknown or revoked one."""
    if not secret:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__region")
        .filter(key_hash=hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .filter(expires_at__gt=now)
        .first()
    )
    if token is None:
        return None
    if token.user.is_demo and not settings.DEMO:
        return None  # demo accounts are for demo mode only, by password or by token
    # last_used_at is bookkeeping, not an audited write.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
