"""Screening throughput on Dask (`make bench`): a local cluster of 1 and of 2 worker processes.

Writes seeded synthetic posts (bench/generate.py) as JSONL into a temporary folder and screens
them with `netra.scaleout.dask_screen` in 2 MB partitions, after every worker has loaded the
analyzer (outside the timing), and, for reference, with the local engine in
this process. Checks that the outputs are equal; prints posts/s. On this 2-core machine two
workers can at best double one; on a real cluster the figure grows with the workers.

    .venv/bin/python bench/dask_screen.py [--posts 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import posts, write_jsonl  # noqa: E402

BLOCK_BYTES = 2 * 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from netra.analysis.screen import default_screener, screen_json_lines
    from netra.scaleout.dask_screen import AnalyzerSettings, screen_on_dask, warm_up

    with tempfile.TemporaryDirectory(prefix="netra-bench-dask-") as tmp:
        source = Path(tmp) / "posts.jsonl"
        write_jsonl(source, posts(args.posts, seed=11))
        screener = default_screener()
        screener.screen("pemanasan")
        started = time.perf_counter()
        with source.open("rb") as handle:
            local = [r.as_json() for r in screen_json_lines(enumerate(handle, 1), screener)]
        elapsed = time.perf_counter() - started
        rate = args.posts / elapsed
        print(f"screen {args.posts:,} posts, local engine, 1 process: {rate:,.0f} posts/s")
        for workers in (1, 2):
            with (
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    dashboard_address=None,
                    host="127.0.0.1",
                ) as cluster,
                Client(cluster) as client,
            ):
                settings = AnalyzerSettings()
                client.run(warm_up, settings)  # every worker loads the analyzer first
                started = time.perf_counter()
                results = screen_on_dask(
                    str(source), client=client, settings=settings, block_bytes=BLOCK_BYTES
                )
                out = [r.as_json() for r in results if not r.error]
                elapsed = time.perf_counter() - started
            same = "same output as local" if out == local else "OUTPUT DIFFERS FROM LOCAL"
            print(
                f"screen {args.posts:,} posts on Dask, local cluster of {workers} worker "
                f"process(es): {args.posts / elapsed:,.0f} posts/s ({same})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
