"""Load test of POST /api/v1/reports on SQLite under gunicorn, then a check that nothing was lost.

    .venv/bin/python bench/cases_intake.py                 # 20 s at 220 req/s, then the SIGKILL run
    .venv/bin/python bench/cases_intake.py --seconds 30 --rate 250 --no-kill

Each run starts its own server (gunicorn, 2 sync workers) on a free 127.0.0.1 port with a fresh
data directory, so it measures a cold, empty installation and leaves nothing behind. The client is
open-loop: requests are sent on a fixed schedule and latency is counted from the scheduled time,
so a stalled server shows up in the percentiles instead of silently slowing the client down.

Checks after the load:
- every 201 answer's tracking code is found again with GET /reports/{code} (via the database);
- the kill run: mid-load the master and both workers get SIGKILL, the server is restarted on the
  same data, the load resumes, and the number of 201 answers must equal the reports stored (a 201
  may only be sent after the commit; a request cut off by the kill may be stored or not, but an
  answered one must be there).
Public rate limiting and the daily quotas are raised for the run (one client sends everything).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_RATE = 200.0  # requests per second the intake must sustain
TARGET_P99_MS = 150.0
TIMEOUT_S = 10.0
WARM_UP_REPORTS = 12
HTTP_CREATED = 201
HTTP_OK = 200

DESCRIPTIONS = (
    "Camat hadir di kampanye pasangan calon nomor urut {n} dan ikut naik ke panggung.",
    "kades {n} bagi-bagi sembako sambil ngajak warga coblos paslon tertentu",
    "Seorang guru PNS mengunggah foto bersama calon bupati dengan salam jari di Facebook ({n}).",
    "Mobil dinas kecamatan dipakai mengangkut spanduk pasangan calon ke lapangan desa {n}.",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def report_body(n: int) -> bytes:
    today = datetime.now(tz=UTC).date()
    body = {
        "election": "pilkada-2024-3201",
        "region": "32.01",
        "reporter": {"kind": "pemilih", "name": f"Pelapor Uji {n}", "address": "Jl. Uji No. 1"},
        "incident_on": (today - timedelta(days=3)).isoformat(),
        "known_on": (today - timedelta(days=2)).isoformat(),
        "place": "Lapangan Desa Sukamaju",
        "description": DESCRIPTIONS[n % len(DESCRIPTIONS)].format(n=n),
        "parties": [{"name": "Terlapor Uji", "subject_type": "pns", "position": "Camat"}],
    }
    return json.dumps(body).encode()


@dataclass
class Server:
    data_dir: Path
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    warm_up_codes: set[str] = field(default_factory=set)

    def start(self) -> None:
        command = [
            str(BIN / "gunicorn"),
            "netra.web.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ]
        log = (self.data_dir / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(
            command, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    pass
                # Workers load Django and compile the analyzer on first use: warm both with real
                # reports (kept apart from the measured ones) so the first second is fair.
                for n in range(WARM_UP_REPORTS):
                    status, payload = request("POST", self.port, "/api/v1/reports", report_body(n))
                    if status == HTTP_CREATED:
                        self.warm_up_codes.add(json.loads(payload)["tracking_code"])
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"gunicorn did not start; see {self.data_dir / 'gunicorn.log'}")

    def kill(self) -> None:
        """SIGKILL the master and its workers at once (one process group): no graceful exit."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def request(method: str, port: int, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    errors: int = 0  # connection refused/reset, timeouts
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latency_ms: float, status: int, code: str | None) -> None:
        with self.lock:
            self.latencies_ms.append(latency_ms)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if code:
                self.codes.append(code)

    def fail(self) -> None:
        with self.lock:
            self.errors += 1


async def _post(port: int, body: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        head = (
            f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        writer.write(head.encode() + body)
        await writer.drain()
        raw = await reader.read()  # gunicorn's sync workers close after each response
    finally:
        writer.close()
    status_line, _, rest = raw.partition(b"\r\n")
    _, _, payload = rest.partition(b"\r\n\r\n")
    return int(status_line.split()[1]), payload


def run_load(port: int, *, rate: float, seconds: float, start_n: int, tally: Tally) -> float:
    """Send `rate` req/s for `seconds` on a fixed schedule; returns the wall time taken.

    asyncio with raw sockets: a thread per request costs the client more CPU than the server's
    intake on this 2-core machine, and the client must not be what is measured.
    """
    total = int(rate * seconds)
    interval = 1.0 / rate
    bodies = [report_body(start_n + i) for i in range(total)]

    async def one(i: int, scheduled: float) -> None:
        try:
            status, payload = await asyncio.wait_for(_post(port, bodies[i]), TIMEOUT_S)
        except (OSError, TimeoutError, IndexError, ValueError):
            tally.fail()
            return
        code = json.loads(payload)["tracking_code"] if status == HTTP_CREATED else None
        tally.add((time.perf_counter() - scheduled) * 1000, status, code)

    async def schedule() -> float:
        began = time.perf_counter()
        tasks = []
        for i in range(total):
            scheduled = began + i * interval
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i, scheduled)))
        await asyncio.gather(*tasks)
        return time.perf_counter() - began

    return asyncio.run(schedule())


WRK_SCRIPT = """
local n = 0
local file = nil
function setup(thread)
  n = n + 1
  thread:set("id", n)
end
function init(args)
  file = io.open(CODES_DIR .. "/codes-" .. id .. ".txt", "a")
  file:setvbuf("line")
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = BODY
function response(status, headers, body)
  if status == 201 then
    local code = string.match(body, '"tracking_code": *"([^"]+)"')
    if code then file:write(code, "\\n") end
  end
end
"""


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    seconds: float
    rate: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def _ms(text: str) -> float:
    value = float(text.rstrip("usm"))
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    return value * 1000  # "1.20s"


def run_wrk(port: int, *, seconds: float, connections: int, codes_dir: Path) -> WrkResult:
    """Closed-loop load with wrk: `connections` keep one request in flight each."""
    script = codes_dir / "post.lua"
    body = report_body(0).decode().replace("\\", "\\\\").replace('"', '\\"')
    script.write_text(
        f'CODES_DIR = "{codes_dir}"\nBODY = "{body}"\n' + WRK_SCRIPT, encoding="utf-8"
    )
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "--timeout",
            f"{int(TIMEOUT_S)}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/api/v1/reports",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fields: dict[str, str] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"50%", "99%"}:
            fields[parts[0]] = parts[1]
        elif line.strip().startswith("Requests/sec:"):
            fields["rate"] = parts[1]
        elif "requests in" in line:
            fields["requests"] = parts[0]
            fields["seconds"] = parts[3].rstrip("s,")
        elif line.strip().startswith("Non-2xx"):
            fields["non_2xx"] = parts[-1]
        elif line.strip().startswith("Socket errors"):
            fields["socket"] = str(
                sum(int(p.rstrip(",")) for p in parts if p.rstrip(",").isdigit())
            )
    return WrkResult(
        requests=int(fields["requests"]),
        seconds=float(fields["seconds"]),
        rate=float(fields["rate"]),
        p50_ms=_ms(fields["50%"]),
        p99_ms=_ms(fields["99%"]),
        non_2xx=int(fields.get("non_2xx", 0)),
        socket_errors=int(fields.get("socket", 0)),
    )


def wrk_codes(codes_dir: Path) -> list[str]:
    return [
        line.strip()
        for path in sorted(codes_dir.glob("codes-*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def stored_codes(server: Server) -> set[str]:
    """Tracking codes in the database, less the warm-up reports."""
    with sqlite3.connect(server.data_dir / "netra.sqlite3") as db:
        codes = {row[0] for row in db.execute("SELECT tracking_code FROM cases_report")}
    return codes - server.warm_up_codes


@contextmanager
def installation() -> Iterator[tuple[Path, dict[str, str]]]:
    with tempfile.TemporaryDirectory(prefix="netra-bench-") as tmp:
        data_dir = Path(tmp)
        env = os.environ | {
            "NETRA_DEMO": "1",
            "NETRA_DATA_DIR": str(data_dir),
            "NETRA_PUBLIC_RATE_PER_MINUTE": str(10**9),
            # One client sends every report: the per-address daily quotas would stop it.
            "NETRA_PUBLIC_DAILY_REPORTS": str(10**9),
            "NETRA_PUBLIC_DAILY_UPLOAD_BYTES": str(10**12),
            "NETRA_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "netra.web.settings",
        }
        env.pop("NETRA_DATABASE_URL", None)
        env.pop("DATABASE_URL", None)
        subprocess.run([str(BIN / "netra"), "setup"], env=env, check=True, capture_output=True)
        yield data_dir, env


def report(label: str, tally: Tally, wall_s: float) -> tuple[float, float]:
    throughput = tally.statuses.get(201, 0) / wall_s
    p50 = percentile(tally.latencies_ms, 0.50)
    p99 = percentile(tally.latencies_ms, 0.99)
    print(
        f"{label}: {sum(tally.statuses.values())} answers in {wall_s:.1f} s -> "
        f"{throughput:.0f} created/s; latency p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
        f"max {max(tally.latencies_ms, default=0):.0f} ms; "
        f"statuses {dict(sorted(tally.statuses.items()))}; "
        f"connection errors {tally.errors}"
    )
    return throughput, p99


def _verify(server: Server, codes: list[str]) -> tuple[set[str], list[str], int]:
    """(answered codes missing from the database, sampled codes unreadable over GET, sample)."""
    missing = set(codes) - stored_codes(server)
    sample = codes[:: max(1, len(codes) // 200)]
    unreadable = [
        code
        for code in sample
        if request("GET", server.port, f"/api/v1/reports/{code}")[0] != HTTP_OK
    ]
    return missing, unreadable, len(sample)


def steady_run(*, client: str, rate: float, connections: int, seconds: float) -> bool:
    with installation() as (data_dir, env):
        server = Server(data_dir, free_port(), env)
        server.start()
        try:
            if client == "wrk":
                result = run_wrk(
                    server.port, seconds=seconds, connections=connections, codes_dir=data_dir
                )
                codes = wrk_codes(data_dir)
                throughput, p99 = result.requests / result.seconds, result.p99_ms
                clean = result.non_2xx == 0 and result.socket_errors == 0
                print(
                    f"steady, wrk {connections} connections for {seconds:.0f} s: "
                    f"{result.requests} requests -> {throughput:.0f} created/s; latency p50 "
                    f"{result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms; non-2xx "
                    f"{result.non_2xx}, socket errors {result.socket_errors}"
                )
                clean = clean and len(codes) == result.requests
            else:
                tally = Tally()
                wall = run_load(server.port, rate=rate, seconds=seconds, start_n=0, tally=tally)
                throughput, p99 = report(
                    f"steady {rate:.0f} req/s for {seconds:.0f} s", tally, wall
                )
                codes = tally.codes
                clean = tally.errors == 0 and set(tally.statuses) == {HTTP_CREATED}
            missing, unreadable, sampled = _verify(server, codes)
        finally:
            server.stop()
    print(
        f"  every 201 stored: {not missing} ({len(codes)} codes, {len(missing)} missing); "
        f"{sampled} sampled codes readable over GET: {not unreadable}"
    )
    ok = throughput >= TARGET_RATE and p99 < TARGET_P99_MS and not missing and not unreadable
    ok = ok and clean
    print(
        f"  target >= {TARGET_RATE:.0f}/s and p99 < {TARGET_P99_MS:.0f} ms: "
        f"{'PASS' if ok else 'FAIL'}"
    )
    return ok


def kill_run(*, client: str, rate: float, connections: int, seconds: float) -> bool:
    """SIGKILL the server halfway, restart it on the same data; no answered report may be lost."""
    workers = 2
    with installation() as (data_dir, env):
        server = Server(data_dir, free_port(), env)
        server.start()

        def kill_and_restart() -> None:
            server.kill()
            server.start()  # same data directory: SQLite recovers from its WAL

        killer = threading.Timer(seconds / 2, kill_and_restart)
        killer.start()
        if client == "wrk":
            result = run_wrk(
                server.port, seconds=seconds, connections=connections, codes_dir=data_dir
            )
            killer.join()
            codes = wrk_codes(data_dir)
            print(
                f"kill run, wrk {connections} connections for {seconds:.0f} s, SIGKILL and "
                f"restart at {seconds / 2:.0f} s: {result.requests} answers, socket errors "
                f"{result.socket_errors} (while the server was down)"
            )
        else:
            tally = Tally()
            wall = run_load(server.port, rate=rate, seconds=seconds, start_n=0, tally=tally)
            killer.join()
            report(f"kill run, SIGKILL and restart at {seconds / 2:.0f} s", tally, wall)
            codes = tally.codes
        server.stop()
        stored = stored_codes(server)
    answered = set(codes)
    lost = answered - stored
    unanswered = len(stored - answered)
    print(
        f"  201 answers {len(answered)}, reports stored {len(stored)}, answered but lost "
        f"{len(lost)}, stored but never answered (in flight at the kill) {unanswered}"
    )
    # Stored without a 201 received: a request a worker had committed when it was killed (at most
    # one per worker), and, with wrk, requests still in flight when wrk stops at the end of its
    # run (it drops their answers; at most one per connection). Anything answered must be stored.
    in_flight = workers + (connections if client == "wrk" else 0)
    ok = not lost and unanswered <= in_flight
    print(
        f"  every 201 stored, and 201s == stored reports less at most {in_flight} in flight: "
        f"{'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--client",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help="wrk (closed loop, apt install wrk) or the built-in asyncio client (open loop)",
    )
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--rate", type=float, default=220.0, help="python client: requests/s")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each run")
    parser.add_argument("--no-kill", action="store_true", help="skip the SIGKILL run")
    args = parser.parse_args()
    load = {
        "client": args.client,
        "rate": args.rate,
        "connections": args.connections,
        "seconds": args.seconds,
    }
    print(f"POST /api/v1/reports, SQLite, gunicorn 2 workers, client {args.client}")
    ok = steady_run(**load)
    if not args.no_kill:
        ok = kill_run(**load) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
