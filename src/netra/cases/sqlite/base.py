"""Django's SQLite backend with writers queued on an OS file lock.

SQLite lets one writer in at a time; a second one waits in SQLite's busy handler, which polls
with growing sleeps (1, 2, 5, 10 ... 100 ms). With several gunicorn workers filing reports at
once those sleeps, not the work, set the latency: a worker sleeps on after the lock was freed.
Here each write transaction first takes an exclusive `flock` on `<database>.writer-lock`: a
waiting worker is woken by the kernel the moment the previous writer commits, and SQLite's busy
handler is left for writers outside Django (e.g. the sqlite3 shell). Reads are not affected.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_lock_fd: int | None = None

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if not name or name == ":memory:" or "mode=memory" in name or self.is_in_memory_db():
            return None
        return f"{name}.writer-lock"

    def _acquire_writer_lock(self) -> None:
        path = self._lock_path()
        if path is None or self._writer_lock_fd is not None:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._writer_lock_fd = fd

    def _release_writer_lock(self) -> None:
        fd, self._writer_lock_fd = self._writer_lock_fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the flock

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire_writer_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_writer_lock()
