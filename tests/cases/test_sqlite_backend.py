"""The SQLite backend queues writers on a file lock, held exactly for a write transaction."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from netra.cases.sqlite.base import DatabaseWrapper


def wrapper(path: Path) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "ENGINE": "netra.cases.sqlite",
            "NAME": str(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE"},
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        }
    )


def is_locked(lock: Path) -> bool:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.mark.parametrize("ending", ["commit", "rollback"])
def test_the_writer_lock_is_held_inside_a_transaction_and_released_after_it(
    tmp_path, ending, django_db_blocker
):
    with django_db_blocker.unblock():  # a private database file, not the test database
        _write_and_check(tmp_path, ending)


def _write_and_check(tmp_path: Path, ending: str) -> None:
    db = wrapper(tmp_path / "netra.sqlite3")
    lock = tmp_path / "netra.sqlite3.writer-lock"
    db.cursor().execute("CREATE TABLE t (x)")
    assert not is_locked(lock)  # reads and autocommit statements take no writer lock
    db._start_transaction_under_autocommit()  # what transaction.atomic does on SQLite
    db.cursor().execute("INSERT INTO t VALUES (1)")
    assert is_locked(lock)
    getattr(db, f"_{ending}")()
    assert not is_locked(lock)
    db.close()


def test_an_in_memory_database_takes_no_lock(tmp_path):
    db = wrapper(Path(":memory:"))
    assert db._lock_path() is None
    db.close()
