"""Finding 4 of issue #9, on a real server: slow clients do not stall the site.

`netra serve` runs gunicorn with gthread workers; this starts the same command line on a free port
with its own SQLite data directory, trickles request headers on several connections at once, and
checks that an ordinary visitor is still answered at once.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netra.cli.web import SERVE_THREADS, SERVE_WORKERS, gunicorn_command

SLOW_CLIENTS = 6  # three times the two that blocked both sync workers in the red-team pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str = "/", timeout: float = 10.0) -> tuple[int, float]:
    """Status code and seconds taken of one plain GET."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        head = conn.recv(64)
    return int(head.split()[1]), time.monotonic() - started


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
    if gunicorn is None:
        pytest.fail("gunicorn is not installed in this environment")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NETRA_DATABASE_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"NETRA_DEMO": "1", "NETRA_DATA_DIR": str(tmp_path), "NETRA_LOG_LEVEL": "WARNING"}
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--verbosity", "0"],
        env=env | {"DJANGO_SETTINGS_MODULE": "netra.web.settings"},
        check=True,
    )
    port = _free_port()
    command = gunicorn_command(
        gunicorn, host="127.0.0.1", port=port, workers=SERVE_WORKERS, threads=SERVE_THREADS
    )
    process = subprocess.Popen(command, env=env)  # noqa: S603 -- fixed argv
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(port, timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_slow_clients_trickling_headers_do_not_stall_the_site(server: int) -> None:
    slow = []
    for _ in range(SLOW_CLIENTS):
        conn = socket.create_connection(("127.0.0.1", server), timeout=5)
        conn.sendall(b"GET / HTTP/1.1\r\n")
        slow.append(conn)
    try:
        times = []
        for second in range(6):
            for number, conn in enumerate(slow):
                conn.sendall(f"X-Slow-{second}-{number}: y\r\n".encode())
            status, took = _get(server)
            assert status == 200
            times.append(took)
            time.sleep(0.5)
        assert max(times) < 2.0, times
    finally:
        for conn in slow:
            conn.close()
