"""`netra screen --executor dask`: the same screening, over partitions of a file, on Dask.

The input is cut into partitions where the workers read it (byte blocks of a JSONL file ending
on line breaks, or the row groups of a Parquet file), so a cluster whose workers see the same
path (a shared disk) reads it in parallel. A first pass counts
each partition's lines, so every line keeps the number it has in the file (errors name it); the
second screens each partition with `netra.analysis.screen` as the local engine does, and the
results come back in input order, a bounded number of partitions in flight. The output is
therefore the local engine's, line for line (tests/scaleout/test_dask_screen.py).

Each worker process builds the analyzer once (engine, mode and threshold as given) and keeps it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from netra.analysis import Analyzer
from netra.analysis.screen import ScreenedLine, Screener, screen_json_lines, screen_record

BLOCK_BYTES = 8 * 1024 * 1024
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class AnalyzerSettings:
    """How the workers configure their analyzer (the CLI's --engine, --mode, --threshold)."""

    engine: str = "hybrid"
    mode: str = "balanced"
    threshold: float | None = None


@cache
def _screener(settings: AnalyzerSettings) -> Screener:
    analyzer = Analyzer.default().configured(
        engine=settings.engine, mode=settings.mode, threshold=settings.threshold
    )
    return Screener(analyzer)


def warm_up(settings: AnalyzerSettings) -> None:
    """Load the analyzer in this worker now (`client.run(warm_up, settings)`)."""
    _screener(settings)


def _count_lines(block: bytes) -> int:
    return block.count(b"\n")


def _lines(block: bytes) -> list[bytes]:
    """The block's lines as the local engine reads a file (split on newlines only)."""
    lines = block.split(b"\n")
    if block.endswith(b"\n"):
        lines.pop()
    return lines


def screen_block(block: bytes, first_line: int, settings: AnalyzerSettings) -> list[ScreenedLine]:
    """Screen one JSONL partition whose first line has number `first_line` in the file."""
    numbered = zip(itertools.count(first_line), _lines(block), strict=False)
    return [
        result.rendered_for_transfer()
        for result in screen_json_lines(numbered, _screener(settings))
    ]


def screen_rows(
    rows: list[dict[str, Any]], first_line: int, settings: AnalyzerSettings
) -> list[ScreenedLine]:
    """Screen one Parquet partition (rows as dicts); row N of the file is 'line' N."""
    screener = _screener(settings)
    return [
        screen_record(number, row, screener).rendered_for_transfer()
        for number, row in enumerate(rows, start=first_line)
    ]


def _parquet_rows(path: str, row_group: int) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.ParquetFile(path).read_row_group(row_group).to_pylist()
    return rows


def _parquet_length(path: str, row_group: int) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.row_group(row_group).num_rows)


def screen_on_dask(
    path: str,
    *,
    client: Any,
    settings: AnalyzerSettings,
    block_bytes: int = BLOCK_BYTES,
) -> Iterator[ScreenedLine]:
    """Every line's outcome, in input order, screened on the cluster `client` is connected to."""
    from dask.delayed import delayed

    if path.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        groups = range(pq.ParquetFile(path).num_row_groups)
        lengths = client.gather(client.compute([delayed(_parquet_length)(path, g) for g in groups]))
        starts = _starts(lengths)
        tasks = [
            delayed(screen_rows)(delayed(_parquet_rows)(path, group), start, settings)
            for group, start in zip(groups, starts, strict=True)
        ]
    else:
        from dask.bytes.core import read_bytes

        _, [blocks] = read_bytes(  # type: ignore[no-untyped-call]
            path, delimiter=b"\n", blocksize=block_bytes, sample=False
        )
        counts = client.gather(client.compute([delayed(_count_lines)(b) for b in blocks]))
        starts = _starts(counts)
        tasks = [
            delayed(screen_block)(block, start, settings)
            for block, start in zip(blocks, starts, strict=True)
        ]
    window = max(1, len(client.scheduler_info()["workers"])) * IN_FLIGHT_PER_WORKER
    pending = []
    for task in tasks:
        pending.append(client.compute(task))
        while len(pending) >= window:
            yield from pending.pop(0).result()
    for future in pending:
        yield from future.result()


def _starts(counts: Sequence[int]) -> list[int]:
    """The number of each partition's first line, from the lines in the partitions before it."""
    return [1 + sum(counts[:index]) for index in range(len(counts))]


@dataclass
class Cluster:
    """A client of a Dask scheduler, and the local cluster this process started for it."""

    client: Any
    local: Any = None

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()


def connect(scheduler: str | None, *, workers: int, processes: bool = True) -> Cluster:
    """A client of the scheduler at `scheduler` (tcp://HOST:PORT), else of a local cluster of
    `workers` single-threaded workers started here (stopped by `Cluster.close`)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Cluster(Client(scheduler, timeout="30s"))  # type: ignore[no-untyped-call]
    local = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        host="127.0.0.1",
    )
    return Cluster(Client(local), local)  # type: ignore[no-untyped-call]


def write_parquet(results: Iterator[ScreenedLine], output: str, *, errors: list[str]) -> int:
    """Write the records to Parquet: the fixed screening columns, plus each line's JSON output
    (so extra input fields survive whatever their types); errors are collected, not written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {
        name: []
        for name in ("line", "id", "is_violation", "bawaslu_category", "subject", "acts", "score")
    }
    columns["json"] = []
    for result in results:
        if result.error:
            errors.append(result.error)
            continue
        record = json.loads(result.as_json())
        columns["line"].append(result.line)
        columns["id"].append(str(record["id"]))
        columns["is_violation"].append(record["is_violation"])
        columns["bawaslu_category"].append(record["bawaslu_category"])
        columns["subject"].append(record["subject"]["type"])
        columns["acts"].append(record["acts"])
        columns["score"].append(record["score"])
        columns["json"].append(result.as_json())
    schema = pa.schema(
        [
            ("line", pa.int64()),
            ("id", pa.string()),
            ("is_violation", pa.bool_()),
            ("bawaslu_category", pa.int64()),
            ("subject", pa.string()),
            ("acts", pa.list_(pa.string())),
            ("score", pa.float64()),
            ("json", pa.string()),
        ]
    )
    pq.write_table(pa.table(columns, schema=schema), output)
    return len(columns["line"])
