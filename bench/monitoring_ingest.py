"""Ingest throughput (`make bench`): posts/s stored, screened and grouped, SQLite and PostgreSQL.

Generates seeded synthetic posts (bench/generate.py: 15% tell of an official's act) with 20%
reposts of earlier posts (a retweet prefix or a comment added) and times `ingest_posts` in
batches of 1,000, one process, on a fresh database: SQLite in a temporary folder, PostgreSQL a
throw-away server on 127.0.0.1 (bench/cases_recap.py's, unless NETRA_DATABASE_URL names one)
with a production deployment's durability settings (PostgreSQL's defaults: fsync, synchronous
commit and full-page writes on; shared_buffers 256 MB). Prints wall-clock and CPU time of the
ingest process and, on a local PostgreSQL, of the server's processes (read from /proc: the
machine is shared, CPU time is what the ingest itself costs), the load average, and where the
time went; asserts nothing. Target of issue #11: >= 3,000 posts/s.

    .venv/bin/python bench/monitoring_ingest.py [--db sqlite|postgresql|both] [--posts 20000]
        [--statements]        # PostgreSQL: the server's costliest statements (pg_stat_statements)
        [--outcomes FILE]     # each line's group key, JSON lines (FILE.sqlite / FILE.postgresql)
        [--texts FILE]        # the texts of a JSONL (`text`) instead of generated posts, e.g.
                              # corpus/real/corpus.jsonl --posts 3790: article passages
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib.util
import json
import os
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import posts  # noqa: E402

_spec = importlib.util.spec_from_file_location("cases_recap", BENCH_DIR / "cases_recap.py")
assert _spec is not None  # noqa: S101 -- the file sits beside this one
assert _spec.loader is not None  # noqa: S101
recap_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recap_bench)

REPOST_SHARE = 0.2
TARGET = 3_000
# Where the time goes, by the functions of the ingest (cumulative seconds under a profiler).
STAGES = {
    "screen (prefilter, then the classifier)": "screen.py:screen",
    "regions named in flagged posts": "extract.py:region_mentions",
    "MinHash signatures": "grouping.py:signatures_of",
    "grouping decisions": "grouping.py:assign",
    "database writes": "bulk.py:insert_rows bulk.py:upsert_latest",
    "band key lookup": "services.py:_seed_index",
    "group figures": "services.py:_refresh_groups",
}


def stream(count: int, seed: int, texts: Path | None = None) -> list[dict[str, object]]:
    """`count` posts: generated ones, or with `texts` the `text` of each line of that JSONL in
    order (articles: longer than posts), with the same share of reposts."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    originals = posts(count, seed) if texts is None else _texts(texts, count)
    for record in originals:
        if out and rng.random() < REPOST_SHARE:
            earlier = rng.choice(out)
            prefix = rng.choice(["RT @warga: ", "Parah! ", "Info: "])
            record = {"id": f"r{len(out)}", "text": prefix + str(earlier["text"])}
        out.append({"id": str(record["id"]), "text": record["text"], "platform": "x"})
    return out


def _texts(path: Path, count: int) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [{"id": f"t{n}", "text": json.loads(line)["text"]} for n, line in enumerate(lines)]
    if len(records) < count:
        raise SystemExit(f"{path}: {len(records)} texts, fewer than --posts {count}")
    return records[:count]


# A production deployment's settings (PostgreSQL's defaults for durability) and a cache that fits.
PG_OPTIONS = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=256MB"
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu() -> float | None:
    """CPU seconds of the local PostgreSQL server so far: the postmaster (with its ended children:
    autovacuum workers come and go) and its live processes. None if it is not on this machine."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        postmaster = int(_stat(backend)[1])
        fields = _stat(postmaster)
        total = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = _stat(int(entry.name))
                except OSError:
                    continue
                if int(stat[1]) == postmaster:
                    total += int(stat[11]) + int(stat[12])
    except OSError:
        return None
    return total / TICKS


def wal_position() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")
        return int(cursor.fetchone()[0])


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name (so [1] is the parent's pid)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def _collections() -> Callable[[], tuple[str, float]]:
    """Count the garbage collector's runs from now on (by generation) and their CPU time; the
    returned function stops counting and tells them."""
    counts, spent, started = [0, 0, 0], [0.0], [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent[0] += time.process_time() - started[0]
            counts[info["generation"]] += 1

    gc.callbacks.append(watch)

    def stop() -> tuple[str, float]:
        gc.callbacks.remove(watch)
        return " + ".join(f"{n} (generation {g})" for g, n in enumerate(counts)), spent[0]

    return stop


def statements(limit: int = 12) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables "
            "WHERE relname LIKE 'monitoring_%%' AND n_tup_ins > 0 ORDER BY relname"
        )
        for name, inserted, updated, hot in cursor.fetchall():
            print(f"  {name}: {inserted:,} rows inserted, {updated:,} updated ({hot:,} HOT)")
        cursor.execute(
            "SELECT tablename, count(*) FROM pg_indexes WHERE tablename IN "
            "('monitoring_item', 'monitoring_group', 'monitoring_groupingkey', "
            "'monitoring_sighting') GROUP BY tablename ORDER BY tablename"
        )
        print("  indexes: " + ", ".join(f"{name} {n}" for name, n in cursor.fetchall()))
        cursor.execute("SELECT sum(calls) FROM pg_stat_statements")
        print(f"  {cursor.fetchone()[0]:,} statements in all (migrations included)")
        cursor.execute(
            "SELECT calls, total_exec_time, rows, query FROM pg_stat_statements "
            "ORDER BY total_exec_time DESC LIMIT %s",
            [limit],
        )
        rows = cursor.fetchall()
    print("  the server's costliest statements (all 20,000 posts; ms, calls, rows):")
    for calls, total, rows_, query in rows:
        print(f"    {total:8.0f} ms {calls:6} x {rows_:8} rows  {' '.join(query.split())[:110]}")
    explain_lookup()


def explain_lookup(size: int = 16_000, stored_share: float = 0.35) -> None:
    """The band-key lookup's plan for a batch-sized set of keys (35% of them stored, as the
    bench's batches propose), as `_seed_index` sends it."""
    from django.db import connection

    from netra.monitoring import bulk

    rng = random.Random(11)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM monitoring_groupingkey")
        stored = [row[0] for row in cursor.fetchall()]
    keys = rng.sample(stored, min(len(stored), int(size * stored_share)))
    keys += [rng.randrange(-(2**63), 2**63) for _ in range(size - len(keys))]
    with bulk.bound_cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT key, item_id, group_id FROM "
            "monitoring_groupingkey WHERE key = ANY(%s::bigint[]) ORDER BY key, group_id",
            [bulk.array_literal(sorted(set(keys)), "bigint")],
        )
        plan = [row[0] for row in cursor.fetchall()]
    print(f"  the band-key lookup's plan ({size:,} keys, {stored_share:.0%} stored):")
    for line in plan:  # the keys themselves left out
        print(f"    {line if len(line) < 200 else line[:120] + ' ...'}")


def child(db: str, count: int) -> int:
    texts = Path(os.environ["NETRA_BENCH_TEXTS"]) if "NETRA_BENCH_TEXTS" in os.environ else None
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection
    from django.utils import timezone

    from netra.monitoring.core.records import Post
    from netra.monitoring.models import Group, Item, SourceKind
    from netra.monitoring.services import (
        analyze_pending,
        ingest_posts,
        ingest_process,
        source_named,
    )

    rows = [
        Post(line, str(r["id"]), str(r["text"]), platform="x")
        for line, r in enumerate(stream(count, seed=7, texts=texts), start=1)
    ]
    source = source_named("bench", kind=SourceKind.FILE)
    if os.environ.get("NETRA_BENCH_STATEMENTS") and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    with ingest_process():  # as `netra ingest` and `netra worker` do; the warm-up is not timed
        load = os.getloadavg()[0]
        server, wal = server_cpu(), wal_position()
        collected = _collections()
        wall, cpu = time.perf_counter(), time.process_time()
        result = ingest_posts(rows[: count // 2], source=source, now=timezone.now())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        collections, collecting = collected()
        server = server_cpu() - server if server is not None else None  # type: ignore[operator]
        wal = wal_position() - wal if wal is not None else None  # type: ignore[operator]
        load = max(load, os.getloadavg()[0])
        # The second half under a profiler, for the breakdown only (a profiler slows it down).
        profile = cProfile.Profile()
        second = profile.runcall(
            ingest_posts, rows[count // 2 :], source=source, now=timezone.now()
        )
        if dump := os.environ.get("NETRA_BENCH_PROFILE"):
            profile.dump_stats(f"{dump}.{db}")
        if outcomes := os.environ.get("NETRA_BENCH_OUTCOMES"):
            with open(f"{outcomes}.{db}", "w", encoding="utf-8") as out:
                for line in (*result.outcomes, *second.outcomes):
                    out.write(json.dumps({"line": line.line, "group": line.group}) + "\n")
        # The full readings the ingest deferred, as the worker makes them afterwards.
        pending = Item.objects.filter(is_analysis_pending=True).count()
        deferred_wall, deferred_cpu = time.perf_counter(), time.process_time()
        while analyze_pending(limit=500):
            pass
        deferred_wall = time.perf_counter() - deferred_wall
        deferred_cpu = time.process_time() - deferred_cpu
    half = count // 2
    print(
        f"ingest {half:,} posts ({db}, 1 worker, batches of 1,000): {wall:.2f} s wall, "
        f"{half / wall:,.0f} posts/s; {cpu:.2f} s CPU in this process, {half / cpu:,.0f} posts/s "
        f"(target {TARGET:,}); {result.new_items:,} items, {result.flagged_items:,} flagged; "
        f"load average (1 min) up to {load:.2f}"
    )
    print(f"  of which garbage collection: {collecting:.2f} s CPU, {collections} collections")
    if server is not None:
        print(
            f"  PostgreSQL server processes: {server:.2f} s CPU; client + server "
            f"{cpu + server:.2f} s CPU, {half / (cpu + server):,.0f} posts per CPU-second; "
            f"{wal / 1e6:,.0f} MB of WAL"
        )
    folded = Group.objects.filter(status="duplicate").count()
    print(
        f"  after {count:,} posts: {Item.objects.count():,} items, {Group.objects.count():,} groups"
        f" ({folded:,} of them merged into another by the ingest)"
    )
    print(
        f"  then the worker's deferred full readings of {pending:,} flagged items (all "
        f"{count:,} posts): {deferred_wall:.2f} s wall, {deferred_cpu:.2f} s CPU"
    )
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    for label, places in STAGES.items():
        wanted = {tuple(place.split(":")) for place in places.split()}
        spent = sum(
            entry[3]
            for (path, _, name), entry in stats.stats.items()  # type: ignore[attr-defined]
            if any(path.endswith(file) and name == function for file, function in wanted)
        )
        print(f"  {label:<42} {100 * spent / total:5.1f}% of the profiled time")
    if os.environ.get("NETRA_BENCH_STATEMENTS") and connection.vendor == "postgresql":
        statements()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--posts", "--cases", dest="posts", type=int, default=20_000)
    parser.add_argument("--statements", action="store_true")
    parser.add_argument("--outcomes", type=Path)
    parser.add_argument("--texts", type=Path, help="JSONL whose `text`s replace generated posts")
    parser.add_argument("--child", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.posts)
    codes = []
    with tempfile.TemporaryDirectory(prefix="netra-bench-monitoring-") as tmp:
        env = os.environ | {
            "NETRA_DEMO": "1",
            "NETRA_DATA_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "netra.web.settings",
            "NETRA_LOG_LEVEL": "WARNING",
        }
        options = PG_OPTIONS
        if args.statements:
            env["NETRA_BENCH_STATEMENTS"] = "1"
            options += " -c shared_preload_libraries=pg_stat_statements"
        if args.texts:
            env["NETRA_BENCH_TEXTS"] = str(args.texts.resolve())
        if args.outcomes:
            env["NETRA_BENCH_OUTCOMES"] = str(args.outcomes.resolve())
        if args.db in {"sqlite", "both"}:
            sqlite_env = {k: v for k, v in env.items() if k != "NETRA_DATABASE_URL"}
            codes.append(recap_bench._spawn("sqlite", args.posts, sqlite_env, __file__))
        if args.db in {"postgresql", "both"}:
            codes.append(recap_bench.run_postgresql(args.posts, env, __file__, options=options))
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
