"""Ingest throughput (`make bench`): posts/s stored, screened and grouped into SQLite, one worker.

Generates seeded synthetic posts (bench/generate.py: 15% tell of an official's act) with 20%
reposts of earlier posts (a retweet prefix or a comment added), writes them as JSONL into
bench/out/ and times `ingest_posts` in batches of 1,000 on a fresh SQLite database. Prints
figures; asserts nothing. Target of issue #11: >= 3,000 posts/s.

    .venv/bin/python bench/monitoring_ingest.py [--posts 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import posts  # noqa: E402

REPOST_SHARE = 0.2


def stream(count: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for record in posts(count, seed):
        if out and rng.random() < REPOST_SHARE:
            earlier = rng.choice(out)
            prefix = rng.choice(["RT @warga: ", "Parah! ", "Info: "])
            record = {"id": f"r{len(out)}", "text": prefix + str(earlier["text"])}
        out.append({"id": str(record["id"]), "text": record["text"], "platform": "x"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="netra-bench-monitoring-")
    os.environ.update(NETRA_DEMO="1", NETRA_DATA_DIR=data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.utils import timezone

    from netra.monitoring.core.formats import read_posts
    from netra.monitoring.core.grouping import signature_of
    from netra.monitoring.models import Group, Item, SourceKind
    from netra.monitoring.services import ingest_posts, source_named

    records = stream(args.posts, seed=7)
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    signature_of("pemanasan " * 5)  # build the MinHash permutations outside the timing
    source = source_named("bench", kind=SourceKind.FILE)
    started = time.perf_counter()
    result = ingest_posts(read_posts(data, name="bench.jsonl"), source=source, now=timezone.now())
    elapsed = time.perf_counter() - started
    print(
        f"ingest {args.posts:,} posts (SQLite, 1 worker, batches of 1,000): {elapsed:.1f} s, "
        f"{args.posts / elapsed:,.0f} posts/s; {Item.objects.count():,} items, "
        f"{Group.objects.count():,} groups, {result.flagged_items:,} flagged"
    )


if __name__ == "__main__":
    main()
