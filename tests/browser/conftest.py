"""Playwright against Debian's chromium (never `playwright install`), in Indonesian.

Run with `pytest -m browser tests/browser`. Without /usr/bin/chromium the tests are skipped with
that reason, except under CI=true, where .ci/run installs it and a missing browser must fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NETRA_CHROMIUM", "/usr/bin/chromium"))
# Playwright's sync API runs an event loop in this thread; the Django ORM refuses to run
# "inside" one unless told it is safe, which it is here: one test thread, no real async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # In CI (.ci/run installs chromium) a missing browser is a failure, not a skip.
            if not CHROMIUM.exists() and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    # Without it Chromium asks for English and LocaleMiddleware answers in English.
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture
def staff_password(cast: dict[str, object]) -> str:
    """Give every cast member this password so the tests can log in through the form."""
    password = "kata-sandi-uji-123"  # noqa: S105 -- a test-only password
    for user in cast.values():
        user.set_password(password)  # type: ignore[attr-defined]
        user.save()  # type: ignore[attr-defined]
    return password
