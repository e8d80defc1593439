"""The recap over a million cases, on SQLite and on PostgreSQL: it must answer in under a second.

    .venv/bin/python bench/cases_recap.py                       # both databases, 1,000,000 cases
    .venv/bin/python bench/cases_recap.py --db sqlite --cases 200000

Each database gets a fresh installation (a temporary data directory; for PostgreSQL a throw-away
cluster on 127.0.0.1 unless NETRA_DATABASE_URL names one), the regions and elections of
`netra setup`, and cases written in bulk (executemany on SQLite, COPY on PostgreSQL: the service
layer would take hours and measure something else). Then `netra.cases.selectors.recap` is timed
for a nationwide, a provincial and a kabupaten viewer, for every grouping, and its totals are
checked against plain SQL counts of the same scope.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
RUNS = 3
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
STATES = ("received", "formal_material_check", "registered", "clarification_study", "closed")
SUBJECTS = ("pns", "pppk", "village_head", "village_official", "tni", "polri", "unknown")
BATCH = 20_000


def _rows(count: int, *, regions: list[int], elections: dict[int, int], pemilu: int):
    """Case rows in the order of INSERT_COLUMNS, seeded."""
    rng = random.Random(1_000_000)
    start = date(2024, 9, 25)
    created = datetime(2024, 10, 1, tzinfo=UTC)
    for n in range(1, count + 1):
        region = rng.choice(regions)
        election = pemilu if rng.random() < 0.2 else elections[region]
        incident = start + timedelta(days=rng.randint(0, 60))
        category = None if rng.random() < 0.15 else rng.randint(1, 10)
        yield (
            f"B-{n:07d}",
            "report",
            election,
            region,
            rng.choice(STATES),
            incident,
            incident,
            incident,
            "Lapangan",
            "Laporan uji beban.",
            False,
            category,
            "[]",
            rng.choice(SUBJECTS),
            False,
            created,
        )


INSERT_COLUMNS = (
    "number", "origin", "election_id", "region_id", "state", "state_entered_on", "incident_on",
    "known_on", "place", "description", "is_late", "category", "acts", "subject_type",
    "is_classification_confirmed", "created_at",
)  # fmt: skip


def load_cases(count: int) -> float:
    """Bulk-write `count` cases; returns the seconds taken."""
    from django.db import connection

    from netra.cases.models import Election
    from netra.regions.models import Region

    regions = list(Region.objects.exclude(level="province").values_list("id", flat=True))
    by_code = {e.region_id: e.pk for e in Election.objects.exclude(region=None)}
    pemilu = Election.objects.get(code="pemilu-2024").pk
    elections = {region: by_code[region] for region in regions}
    rows = _rows(count, regions=regions, elections=elections, pemilu=pemilu)
    began = time.perf_counter()
    columns = ", ".join(f'"{c}"' for c in INSERT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY cases_case ({columns}) FROM STDIN") as copy:  # type: ignore[union-attr]
                for row in rows:
                    copy.write_row(row)
            cursor.execute("VACUUM ANALYZE cases_case")  # index-only scans need the visibility map
        else:
            marks = ", ".join("?" for _ in INSERT_COLUMNS)
            insert = f"INSERT INTO cases_case ({columns}) VALUES ({marks})"  # noqa: S608 -- constants
            raw = cursor.connection
            batch: list[tuple[object, ...]] = []
            for row in rows:
                batch.append(tuple(r.isoformat() if isinstance(r, date) else r for r in row))
                if len(batch) == BATCH:
                    raw.executemany(insert, batch)
                    batch.clear()
            if batch:
                raw.executemany(insert, batch)
            raw.commit()
            cursor.execute("ANALYZE")
        _load_parties(cursor, connection.vendor, count)
    return time.perf_counter() - began


POSITIONS = ("Camat", "Kepala Desa", "Guru", "Lurah", "Kepala Dinas", "Sekretaris Desa")
PARTY_EVERY = 4  # one case in four names a terlapor: the others fall under "unknown"


def _load_parties(cursor: Any, vendor: str, count: int) -> None:
    """One terlapor for every PARTY_EVERY-th case (case ids are 1..count on a fresh database)."""
    rows = [
        (case_id, "Terlapor", "", "pns", POSITIONS[case_id % len(POSITIONS)], "")
        for case_id in range(1, count + 1, PARTY_EVERY)
    ]
    columns = '"case_id", "name", "nip", "subject_type", "position", "agency"'
    if vendor == "postgresql":
        with cursor.cursor.copy(f"COPY cases_party ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("VACUUM ANALYZE cases_party")
    else:
        raw = cursor.connection
        raw.executemany(f"INSERT INTO cases_party ({columns}) VALUES (?, ?, ?, ?, ?, ?)", rows)  # noqa: S608
        raw.commit()
        cursor.execute("ANALYZE")


def plain_count(region_code: str | None) -> int:
    """Classified cases in scope, counted without the selector."""
    from django.db import connection

    sql = "SELECT COUNT(*) FROM cases_case c JOIN regions_region r ON r.id = c.region_id"
    sql += " WHERE c.category IS NOT NULL"
    params: list[str] = []
    if region_code:
        sql += " AND (r.code = %s OR r.code LIKE %s)"
        params = [region_code, region_code + ".%"]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def child(db: str, count: int) -> int:
    """Runs inside the configured environment: set up, load, time, check; prints JSON lines."""
    import django

    django.setup()
    from django.core.management import call_command

    from netra.accounts.services import create_staff
    from netra.cases.reference import load_elections
    from netra.cases.selectors import GroupBy, recap
    from netra.procedure import Role
    from netra.regions.selectors import region_by_code
    from netra.regions.services import load_regions

    call_command("migrate", interactive=False, verbosity=0)
    load_regions()
    load_elections()
    seconds = load_cases(count)
    print(f"{db}: wrote {count:,} cases in {seconds:.1f} s", flush=True)
    jabar, bogor = region_by_code("32"), region_by_code("32.01")
    viewers = {
        "nationwide (Bawaslu RI)": (
            create_staff("ri", role=Role.BAWASLU_RI, region=None, actor=None),
            None,
        ),
        "province 32 (Jawa Barat)": (
            create_staff("jabar", role=Role.BAWASLU_PROVINSI, region=jabar, actor=None),
            "32",
        ),
        "kabupaten 32.01 (Bogor)": (
            create_staff("bogor", role=Role.BAWASLU_KABKOTA, region=bogor, actor=None),
            "32.01",
        ),
    }
    ok = True
    for label, (viewer, scope) in viewers.items():
        expected = plain_count(scope)
        for group_by in GroupBy:
            times = []
            for _ in range(RUNS):
                began = time.perf_counter()
                result = recap(viewer, election=None, region=None, group_by=group_by)
                times.append(time.perf_counter() - began)
            total = sum(result.totals.values())
            correct = total == expected
            fast = max(times) < TARGET_S
            ok = ok and correct and fast
            print(
                f"{db}: recap {label:<26} by {group_by.value:<8} "
                f"median {statistics.median(times) * 1000:6.0f} ms, max {max(times) * 1000:6.0f} ms"
                f"  total {total:>7,} {'==' if correct else '!='} SQL {expected:,}"
                f"  {'ok' if fast and correct else 'FAIL'}",
                flush=True,
            )
        began = time.perf_counter()
        series = recap(viewer, election="pilkada-2024", region=None, group_by=GroupBy.CATEGORY)
        took = time.perf_counter() - began
        ok = ok and took < TARGET_S
        print(
            f"{db}: recap {label:<26} pilkada-2024 only by category {took * 1000:6.0f} ms"
            f" (total {sum(series.totals.values()):,})",
            flush=True,
        )
    print(json.dumps({"db": db, "ok": ok}), flush=True)
    return 0 if ok else 1


def _free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def _as_pg(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


def run_postgresql(
    count: int,
    env: dict[str, str],
    script: str = __file__,
    *,
    options: str = "-c fsync=off -c shared_buffers=256MB",
) -> int:
    """Run `script`'s child on PostgreSQL: the configured one, else a throw-away server started
    with `options` (server settings)."""
    if os.environ.get("NETRA_DATABASE_URL"):
        return _spawn("postgresql", count, env, script)
    if not (PG_BIN / "initdb").exists():
        print(f"postgresql: no PostgreSQL in {PG_BIN} (apt-get install postgresql, or set PG_BIN)")
        return 2
    with tempfile.TemporaryDirectory(prefix="netra-pg-bench-") as tmp:
        if os.getuid() == 0:
            subprocess.run(["chown", "postgres:", tmp], check=True)
        data = f"{tmp}/data"
        port = _free_port()  # two checkouts benchmarking at once must not collide
        subprocess.run(
            _as_pg(
                [str(PG_BIN / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} {options}"
        subprocess.run(
            _as_pg(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    data,
                    "-l",
                    f"{tmp}/log",
                    "-w",
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        try:
            subprocess.run(
                _as_pg(
                    [
                        str(PG_BIN / "createdb"),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        port,
                        "-U",
                        "postgres",
                        "netra",
                    ]
                ),
                check=True,
            )
            url = f"postgresql://postgres@127.0.0.1:{port}/netra"
            return _spawn("postgresql", count, env | {"NETRA_DATABASE_URL": url}, script)
        finally:
            subprocess.run(
                _as_pg([str(PG_BIN / "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]),
                check=False,
                capture_output=True,
            )


def _spawn(db: str, count: int, env: dict[str, str], script: str = __file__) -> int:
    command = [sys.executable, script, "--child", db, "--cases", str(count)]
    return subprocess.run(command, env=env, check=False).returncode


def run(description: str, script: str, run_child: Callable[[str, int], int], *, prefix: str) -> int:
    """The command line of a database benchmark: parse, then run `script`'s child on each
    database in its own process (`--child` is how the parent starts it)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--child", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_child(args.child, args.cases)
    codes = []
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        env = os.environ | {
            "NETRA_DEMO": "1",
            "NETRA_DATA_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "netra.web.settings",
            "NETRA_LOG_LEVEL": "WARNING",
        }
        if args.db in {"sqlite", "both"}:
            sqlite_env = {
                k: v for k, v in env.items() if k not in {"NETRA_DATABASE_URL", "DATABASE_URL"}
            }
            codes.append(_spawn("sqlite", args.cases, sqlite_env, script))
        if args.db in {"postgresql", "both"}:
            codes.append(run_postgresql(args.cases, env, script))
    return max(codes)


def main() -> int:
    return run(__doc__.split("\n", 1)[0], __file__, child, prefix="netra-recap-bench-")


if __name__ == "__main__":
    sys.exit(main())
