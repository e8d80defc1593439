"""A fixed-window limiter for the public (unauthenticated) endpoints, shared by all workers.

The counts live in the database (accounts.RateCount), so two gunicorn workers, or two servers on
one PostgreSQL, see the same count; each increment is one atomic UPDATE.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from netra.accounts.clients import client_address
from netra.accounts.models import RateCount
from netra.api.errors import ApiError

WINDOW_SECONDS = 60


def _count(key: str) -> int:
    """Add one to the window's count and return it."""
    if RateCount.objects.filter(key=key).update(count=F("count") + 1) == 0:
        now = timezone.now()
        try:
            with transaction.atomic():
                RateCount.objects.create(
                    key=key, count=1, expires_at=now + timedelta(seconds=WINDOW_SECONDS * 2)
                )
        except IntegrityError:  # another worker opened the window first
            RateCount.objects.filter(key=key).update(count=F("count") + 1)
        else:
            # A new window: forget the finished ones.
            RateCount.objects.filter(expires_at__lt=now).delete()
            return 1
    return RateCount.objects.filter(key=key).values_list("count", flat=True).first() or 1


def limit(request: HttpRequest, bucket: str) -> None:
    """Raise 429 once this client used up its requests in the current minute for `bucket`."""
    allowed: int = settings.NETRA_PUBLIC_RATE_PER_MINUTE
    window = int(time.time() // WINDOW_SECONDS)
    used = _count(f"{bucket}:{client_address(request)}:{window}"[:200])
    if used > allowed:
        raise ApiError(
            "rate_limited",
            f"too many requests: at most {allowed} per minute; try again shortly",
            retry_after_s=WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS,
        )
