"""The review queue over 1,000,000 items in 100,000 groups (SQLite): server time of the page.

Writes groups and items in bulk (executemany; the ingest service would take an hour and measure
something else) into a fresh SQLite database with the regions of `netra setup`, then times
GET /desk/pantauan/ through the Django test client (the whole server side: middleware, selector,
count, template) for a kabupaten, a provincial and a nationwide supervisor, first page and a deep
page. Target of issue #11: < 300 ms. Prints figures; asserts nothing.

    .venv/bin/python bench/monitoring_queue.py [--items 1000000] [--groups 100000] [--plans]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

RUNS = 5
BATCH = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=100_000)
    parser.add_argument("--plans", action="store_true", help="print each statement's plan")
    args = parser.parse_args()
    os.environ.update(NETRA_DEMO="1", NETRA_DATA_DIR=tempfile.mkdtemp(prefix="netra-queue-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    call_command("migrate", verbosity=0)
    from netra.accounts.services import create_staff
    from netra.monitoring.models import Group, Item, Source, SourceKind
    from netra.monitoring.selectors import queue_for
    from netra.procedure import Role
    from netra.regions.models import Region
    from netra.regions.services import load_regions

    load_regions()
    regencies = list(Region.objects.filter(code__contains=".").values_list("id", flat=True))
    rng = random.Random(11)
    source = Source.objects.create(name="bench", kind=SourceKind.FILE)
    start = datetime(2024, 9, 1, tzinfo=UTC)
    started = time.perf_counter()
    group_table = connection.ops.quote_name(Group._meta.db_table)
    item_table = connection.ops.quote_name(Item._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        groups = []
        for n in range(args.groups):
            seen = start + timedelta(minutes=n)
            groups.append(
                (
                    f"{n:064x}", "open", rng.choice(regencies), seen, seen, 0, 0,
                    rng.randrange(0, 5000), round(rng.random(), 3), rng.random() < 0.3,
                    rng.randint(1, 10), "pns", '["x"]', "[]",
                )
            )  # fmt: skip
        cursor.executemany(
            f"INSERT INTO {group_table} (key, status, region_id, first_seen_at, last_seen_at, "  # noqa: S608
            "item_count, sighting_count, reach, score, is_violation, category, subject_type, "
            "platforms, regions) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            groups,
        )
        first_group = Group.objects.order_by("id").values_list("id", flat=True)[0]
        for batch_start in range(0, args.items, BATCH):
            rows = []
            for n in range(batch_start, min(args.items, batch_start + BATCH)):
                group = first_group + n % args.groups
                rows.append(
                    (
                        f"{n:064x}", f"Unggahan uji nomor {n} tentang camat dan kampanye", group,
                        source.pk, str(n), "", "", "x", start, False, 0.5, "[]", "[]", "[]",
                        "{}", "bench", b"", "", 0, "", False,
                    )
                )  # fmt: skip
            cursor.executemany(
                f"INSERT INTO {item_table} (sha256, text, group_id, source_id, external_id, url, "  # noqa: S608
                "author, platform, first_seen_at, is_violation, score, acts, media, links, "
                "analysis, analyzer_version, signature, region_source, reach, subject_type, "
                "is_analysis_pending) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        cursor.execute(
            f"UPDATE {group_table} SET earliest_item_id = "  # noqa: S608
            f"(SELECT MIN(id) FROM {item_table} i WHERE i.group_id = {group_table}.id), "
            f"item_count = {args.items // args.groups}"
        )
    print(
        f"wrote {args.groups:,} groups and {args.items:,} items in "
        f"{time.perf_counter() - started:.0f} s"
    )
    bogor = Region.objects.get(code="32.01")
    viewers = {
        "kabupaten (Bogor)": create_staff("q_bogor", role=Role.BAWASLU_KABKOTA, region=bogor,
                                          actor=None),
        "provinsi (Jawa Barat)": create_staff(
            "q_jabar", role=Role.BAWASLU_PROVINSI, region=bogor.parent, actor=None
        ),
        "nationwide (RI)": create_staff("q_ri", role=Role.BAWASLU_RI, region=None, actor=None),
    }  # fmt: skip
    print("viewer                  page   median ms   max ms   groups in queue")
    for label, user in viewers.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="id", HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for page in ("1", "50"):
            times = []
            for _ in range(RUNS):
                began = time.perf_counter()
                response = client.get("/desk/pantauan/", {"page": page})
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200  # noqa: S101
            count = queue_for(user).count()
            print(
                f"{label:<22} {page:>5} {statistics.median(times):>10.0f} {max(times):>8.0f}"
                f"   {count:>10,}"
            )
    if args.plans:
        plans(viewers)


def plans(viewers: dict[str, object]) -> None:
    """Every statement of one queue page per viewer, with SQLite's plan for each (which indexes
    the page reads)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for label, user in viewers.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="id", HTTP_HOST="127.0.0.1")
        client.force_login(user)  # type: ignore[arg-type]
        with CaptureQueriesContext(connection) as captured:
            client.get("/desk/pantauan/")
        print(f"the queue page's statements for {label}:")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                steps = "; ".join(str(row[-1]) for row in cursor.fetchall())
            print(f"  {' '.join(sql.split())[:100]}\n    -> {steps}")


if __name__ == "__main__":
    main()
