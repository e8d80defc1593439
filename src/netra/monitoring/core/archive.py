"""Fetching a post's page for the record: bytes, type and status, or a clear error (no Django).

Only http(s), a timeout and a size cap; redirects are followed by urllib. The caller hashes and
stores what came back. Where a headless chromium is installed, the page is also drawn to a PNG
(a screenshot shows what a deleted post looked like, not only its HTML).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from netra.errors import StoredMessage, render, stored_message
from netra.monitoring.core.feeds import USER_AGENT

FETCH_TIMEOUT_S = 20
MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetch: the body and what the server said, or the error that stopped it (`error` in
    English for logs, `error_message` kept to be shown in the reader's language)."""

    url: str
    status_code: int | None
    media_type: str
    body: bytes | None
    error: str = ""
    error_message: StoredMessage = field(default_factory=dict)


def _not_fetched(
    url: str, status: int | None, template: str, /, media_type: str = "", **values: object
) -> Fetched:
    message = stored_message(template, **values)
    return Fetched(url, status, media_type, None, render(template, values), message)


def fetch_page(url: str, *, timeout_s: float = FETCH_TIMEOUT_S) -> Fetched:
    """GET the URL; never raises (offline, refused, too large and HTTP errors are `error`)."""
    if not url.lower().startswith(("http://", "https://")):
        return _not_fetched(url, None, "only http and https pages are archived")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            body: bytes = response.read(MAX_PAGE_BYTES + 1)
            status, media_type = response.status, response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return _not_fetched(url, error.code, "the server answered HTTP %(status)s",
                            status=error.code)  # fmt: skip
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return _not_fetched(url, None, "cannot fetch (%(reason)s)", reason=reason)
    if len(body) > MAX_PAGE_BYTES:
        return _not_fetched(url, status, "larger than the archive limit", media_type=media_type)
    return Fetched(url, status, media_type, body)


SCREENSHOT_TIMEOUT_S = 60
SCREENSHOT_WINDOW = "1280,2400"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


@dataclass(frozen=True, slots=True)
class Screenshot:
    """A PNG of the page as a browser drew it, or why there is none (as `Fetched` says it)."""

    url: str
    png: bytes | None
    error: str = ""
    error_message: StoredMessage = field(default_factory=dict)


def _not_drawn(url: str, template: str, /, **values: object) -> Screenshot:
    return Screenshot(url, None, render(template, values), stored_message(template, **values))


def find_chromium() -> str | None:
    """The headless browser's path (NETRA_CHROMIUM, else the first on PATH), or None."""
    configured = os.environ.get("NETRA_CHROMIUM", "")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


def screenshot_page(
    url: str, *, chromium: str, timeout_s: float = SCREENSHOT_TIMEOUT_S
) -> Screenshot:
    """Draw the page in headless chromium and return the PNG; never raises."""
    if not url.lower().startswith(("http://", "https://")):
        return _not_drawn(url, "only http and https pages are archived")
    with tempfile.TemporaryDirectory(prefix="netra-shot-") as folder:
        target = Path(folder) / "page.png"
        command = [
            chromium,
            "--headless",
            "--disable-gpu",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-first-run",
            f"--user-data-dir={folder}/profile",
            f"--window-size={SCREENSHOT_WINDOW}",
            f"--screenshot={target}",
            url,  # checked above to start with http(s)://, so never read as an option
        ]
        if os.geteuid() == 0:  # chromium refuses to run as root inside its sandbox
            command.insert(1, "--no-sandbox")
        try:
            subprocess.run(  # noqa: S603 -- fixed argv, the URL checked above
                command, capture_output=True, timeout=timeout_s, check=False
            )
        except subprocess.TimeoutExpired:
            return _not_drawn(url, "the browser took longer than %(seconds)s s",
                              seconds=round(timeout_s))  # fmt: skip
        except OSError as error:
            return _not_drawn(url, "cannot start the browser (%(reason)s)", reason=error.strerror)
        if not target.is_file() or target.stat().st_size == 0:
            return _not_drawn(url, "the browser drew no screenshot")
        return Screenshot(url, target.read_bytes())
