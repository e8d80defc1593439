"""Shared counters for the rate limits and quotas: one count per key and window, for all workers.

Two stores, one interface. With PostgreSQL the counts are rows of `RateCount`, shared by every
server on that database; each increment is one atomic UPDATE. With SQLite (one machine by nature)
they live in a small SQLite file of their own beside the case database, written without fsync:
a count lost in a power cut costs nothing, and the case database's single writer lock and its
`synchronous=FULL` commits stay free for reports (an extra case-database commit per request cut
intake throughput several-fold under load).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from netra.accounts.models import RateCount


class Counters(Protocol):
    def add(self, key: str, amount: int, *, ttl_seconds: int) -> int:
        """Add `amount` to `key`'s count (created at 0, forgotten after `ttl_seconds`)."""
        ...


class DatabaseCounters:
    """Counts as `RateCount` rows in the default database."""

    def add(self, key: str, amount: int, *, ttl_seconds: int) -> int:
        with transaction.atomic():
            if RateCount.objects.filter(key=key).update(count=F("count") + amount) == 0:
                now = timezone.now()
                try:
                    with transaction.atomic():
                        RateCount.objects.create(
                            key=key, count=amount, expires_at=now + timedelta(seconds=ttl_seconds)
                        )
                except IntegrityError:  # another worker opened the window first
                    RateCount.objects.filter(key=key).update(count=F("count") + amount)
                else:
                    RateCount.objects.filter(expires_at__lt=now).delete()
                    return amount
            counted = RateCount.objects.filter(key=key).values_list("count", flat=True).first()
        return counted or amount


# How long a writer waits for another: a loaded machine can stall one for seconds.
BUSY_SECONDS = 30


class SqliteFileCounters:
    """Counts in their own SQLite file: atomic upserts, no fsync, one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        # Switching to WAL and creating the table take locks that SQLite's busy timeout does not
        # wait for: threads opening their connections at once would fail with "database is
        # locked". One thread of the process prepares the file; the others wait for it here.
        self._prepared = False
        self._preparing = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            with self._preparing:
                if not self._prepared:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    first = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
                    first.execute("PRAGMA journal_mode=WAL")
                    first.execute(
                        "CREATE TABLE IF NOT EXISTS counts "
                        "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL)"
                    )
                    first.close()
                    self._prepared = True
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            db.execute("PRAGMA synchronous=OFF")
            self._local.db = db
        return db

    def add(self, key: str, amount: int, *, ttl_seconds: int) -> int:
        db = self._connection()
        now = time.time()
        row = db.execute(
            "INSERT INTO counts (key, count, expires) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET count = count + excluded.count RETURNING count",
            (key, amount, now + ttl_seconds),
        ).fetchone()
        count = int(row[0])
        if count == amount:  # a new window: forget the finished ones
            db.execute("DELETE FROM counts WHERE expires < ?", (now,))
        return count


@cache
def _file_counters(path: str) -> SqliteFileCounters:
    return SqliteFileCounters(Path(path))


def counters() -> Counters:
    """The store for this installation: NETRA_RATE_STORE, or by the database engine ('auto')."""
    store: str = settings.NETRA_RATE_STORE
    if store == "database" or (store == "auto" and connection.vendor != "sqlite"):
        return DatabaseCounters()
    return _file_counters(str(Path(settings.DATA_DIR) / "counters.sqlite3"))
