"""`netra screen --executor dask`: run the screening on a Dask cluster (netra.scaleout)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import typer


def screen_on_cluster(
    source: Path,
    output: Path | None,
    *,
    scheduler: str | None,
    workers: int,
    engine: str,
    mode: str,
    threshold: float | None,
) -> None:
    """Screen `source` (JSONL or Parquet) on the cluster; write JSONL, or Parquet when the
    output's name ends in .parquet. Errors go to standard error with their line number."""
    from netra.scaleout.dask_screen import AnalyzerSettings, connect, screen_on_dask, write_parquet

    if source.suffix.lower() == ".csv":
        raise typer.BadParameter(
            "--executor dask reads JSONL or Parquet; convert the CSV, or use --executor local",
            param_hint="SOURCE",
        )
    settings = AnalyzerSettings(engine=engine, mode=mode, threshold=threshold)
    started = time.perf_counter()
    try:
        cluster = connect(scheduler, workers=workers)
    except OSError as error:
        typer.echo(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({error})", err=True)
        raise typer.Exit(2) from None
    try:
        results = screen_on_dask(str(source), client=cluster.client, settings=settings)
        errors: list[str] = []
        if output is not None and output.suffix.lower() == ".parquet":
            written = write_parquet(results, str(output), errors=errors)
        else:
            written = 0
            sink = output.open("w", encoding="utf-8") if output else sys.stdout
            try:
                for result in results:
                    if result.error:
                        errors.append(result.error)
                        continue
                    sink.write(result.as_json() + "\n")
                    written += 1
            finally:
                if output:
                    sink.close()
    finally:
        cluster.close()
    for message in errors:
        typer.echo(message, err=True)
    elapsed = max(time.perf_counter() - started, 1e-9)
    typer.echo(
        f"screened {written:,} on Dask ({scheduler or f'local cluster of {workers}'}), errors "
        f"{len(errors):,} in {elapsed:.1f} s ({written / elapsed:,.0f} posts/s)",
        err=True,
    )
