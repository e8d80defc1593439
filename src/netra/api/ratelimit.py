"""A fixed-window limiter and daily quotas for the public endpoints, shared by all workers.

The counts live in netra.accounts.counters: the database with PostgreSQL, a side file with SQLite.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

from netra.accounts.clients import client_address
from netra.accounts.counters import counters
from netra.api.errors import ApiError

WINDOW_SECONDS = 60


DAY_SECONDS = 24 * 60 * 60


def _count(key: str, *, amount: int = 1, window_seconds: int = WINDOW_SECONDS) -> int:
    """Add `amount` to the window's count and return the new count."""
    return counters().add(key[:200], amount, ttl_seconds=window_seconds * 2)


def limit(request: HttpRequest, bucket: str) -> None:
    """Raise 429 once this client used up its requests in the current minute for `bucket`."""
    allowed: int = settings.NETRA_PUBLIC_RATE_PER_MINUTE
    window = int(time.time() // WINDOW_SECONDS)
    used = _count(f"{bucket}:{client_address(request)}:{window}")
    if used > allowed:
        raise ApiError(
            "rate_limited",
            f"too many requests: at most {allowed} per minute; try again shortly",
            retry_after_s=WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS,
        )


def _day_left() -> int:
    return DAY_SECONDS - int(time.time()) % DAY_SECONDS


def charge_report(request: HttpRequest, *, upload_bytes: int) -> None:
    """Count one public report and its evidence bytes against the client's daily quotas.

    Raises a 429 `quota_exceeded` naming the quota once the client has filed
    NETRA_PUBLIC_DAILY_REPORTS reports or uploaded NETRA_PUBLIC_DAILY_UPLOAD_BYTES today (UTC),
    so one address cannot fill the disk with anonymous reports (issue #9, finding 5).
    """
    day = int(time.time() // DAY_SECONDS)
    client = client_address(request)
    reports_allowed: int = settings.NETRA_PUBLIC_DAILY_REPORTS
    reports = _count(f"reports-day:{client}:{day}", window_seconds=DAY_SECONDS)
    if reports > reports_allowed:
        raise ApiError(
            "quota_exceeded",
            f"this address has filed {reports_allowed} reports today, the most allowed; "
            "try again tomorrow or contact the Bawaslu office",
            quota="reports_per_day",
            retry_after_s=_day_left(),
        )
    charge_uploads(request, upload_bytes=upload_bytes)


def charge_uploads(request: HttpRequest, *, upload_bytes: int) -> None:
    """Count evidence bytes against the client's daily upload quota (reports or files held for
    a form sent again, netra.public.quarantine); a 429 `quota_exceeded` once it is used up."""
    if not upload_bytes:
        return
    day = int(time.time() // DAY_SECONDS)
    bytes_allowed: int = settings.NETRA_PUBLIC_DAILY_UPLOAD_BYTES
    uploaded = _count(
        f"upload-day:{client_address(request)}:{day}",
        amount=upload_bytes,
        window_seconds=DAY_SECONDS,
    )
    if uploaded > bytes_allowed:
        raise ApiError(
            "quota_exceeded",
            f"this address has sent {bytes_allowed // (1024 * 1024)} MB of evidence today, "
            "the most allowed; send the report without files or try again tomorrow",
            quota="upload_bytes_per_day",
            field="evidence",
            retry_after_s=_day_left(),
        )
