"""The shared counters behind the rate limits and quotas (netra.accounts.counters)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from netra.accounts.counters import DatabaseCounters, SqliteFileCounters


def test_the_file_store_counts_exactly_across_threads(tmp_path: Path) -> None:
    store = SqliteFileCounters(tmp_path / "counters.sqlite3")

    def hammer() -> None:
        for _ in range(200):
            store.add("reports:198.51.100.9:1", 1, ttl_seconds=60)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.add("reports:198.51.100.9:1", 0, ttl_seconds=60) == 1600


def test_the_file_store_is_shared_by_separate_handles(tmp_path: Path) -> None:
    # Two workers are two processes with their own handle on the same file.
    first = SqliteFileCounters(tmp_path / "counters.sqlite3")
    second = SqliteFileCounters(tmp_path / "counters.sqlite3")
    first.add("k", 5, ttl_seconds=60)
    assert second.add("k", 2, ttl_seconds=60) == 7


def test_the_file_store_forgets_finished_windows(tmp_path: Path) -> None:
    store = SqliteFileCounters(tmp_path / "counters.sqlite3")
    store.add("old", 3, ttl_seconds=-1)  # already expired
    store.add("new", 1, ttl_seconds=60)  # a new key sweeps the expired ones
    assert store.add("old", 1, ttl_seconds=60) == 1


@pytest.mark.django_db
def test_the_database_store_adds_amounts() -> None:
    store = DatabaseCounters()
    assert store.add("upload-day:192.0.2.1:1", 1000, ttl_seconds=60) == 1000
    assert store.add("upload-day:192.0.2.1:1", 24, ttl_seconds=60) == 1024


def test_sqlite_installations_use_the_file_store_by_default(settings, tmp_path: Path) -> None:
    from django.db import connection

    from netra.accounts.counters import counters

    settings.NETRA_RATE_STORE = "auto"
    settings.DATA_DIR = tmp_path
    expected = SqliteFileCounters if connection.vendor == "sqlite" else DatabaseCounters
    assert isinstance(counters(), expected)
    settings.NETRA_RATE_STORE = "database"
    assert isinstance(counters(), DatabaseCounters)
