"""Fetching a post's page for the record: bytes, type and status, or a clear error (no Django).

Only http(s), a timeout and a size cap; redirects are followed by urllib. The caller hashes and
stores what came back.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from netra.monitoring.core.feeds import USER_AGENT

FETCH_TIMEOUT_S = 20
MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetch: the body and what the server said, or the error that stopped it."""

    url: str
    status_code: int | None
    media_type: str
    body: bytes | None
    error: str = ""


def fetch_page(url: str, *, timeout_s: float = FETCH_TIMEOUT_S) -> Fetched:
    """GET the URL; never raises (offline, refused, too large and HTTP errors are `error`)."""
    if not url.lower().startswith(("http://", "https://")):
        return Fetched(url, None, "", None, "only http and https pages are archived")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            body: bytes = response.read(MAX_PAGE_BYTES + 1)
            status, media_type = response.status, response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return Fetched(url, error.code, "", None, f"the server answered HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return Fetched(url, None, "", None, f"cannot fetch ({getattr(error, 'reason', error)})")
    if len(body) > MAX_PAGE_BYTES:
        return Fetched(url, status, media_type, None, "larger than the archive limit")
    return Fetched(url, status, media_type, body)
