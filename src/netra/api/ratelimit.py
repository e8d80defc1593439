"""A fixed-window limiter on the Django cache for the public (unauthenticated) endpoints."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from netra.api.errors import ApiError

WINDOW_SECONDS = 60


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it.
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def limit(request: HttpRequest, bucket: str) -> None:
    """Raise 429 once this client used up its requests in the current minute for `bucket`."""
    allowed: int = settings.NETRA_PUBLIC_RATE_PER_MINUTE
    window = int(time.time() // WINDOW_SECONDS)
    key = f"netra:rl:{bucket}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        used = 1
    if used > allowed:
        raise ApiError(
            "rate_limited",
            f"too many requests: at most {allowed} per minute; try again shortly",
            retry_after_s=WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS,
        )
