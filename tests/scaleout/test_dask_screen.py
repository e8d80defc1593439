"""The Dask engine gives the local engine's results line for line, on a LocalCluster of 2 workers
(threads, so the test starts in a second), for JSONL and Parquet in and out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from netra.analysis.screen import ScreenedLine, default_screener, screen_json_lines, screen_record
from netra.cli import app
from netra.scaleout.dask_screen import AnalyzerSettings, screen_on_dask

POSTS = [
    "Kepala Desa Sukamaju mengajak warga memilih paslon nomor 2 saat rapat di balai desa",
    "macet parah di ringroad pagi ini, mending naik krl aja",
    "Camat Cibinong ikut kampanye pasangan calon nomor urut 2 di lapangan desa kemarin sore",
    "harga cabai naik lagi bun, pasar induk udah 80rb/kg",
    "Lurah terekam membagikan sembako bergambar calon wali kota di kelurahan",
]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with Client(cluster) as connected:
        yield connected
    cluster.close()


def _lines(count: int) -> list[bytes]:
    lines = []
    for number in range(count):
        record = {"id": number, "text": POSTS[number % len(POSTS)], "platform": "x"}
        lines.append(json.dumps(record).encode())
        if number % 97 == 13:
            lines.append(b"{not json")  # a bad line: reported with its number, the rest go on
        if number % 89 == 5:
            lines.append(b"")  # a blank line: skipped, as locally
    return lines


def _local(lines: list[bytes]) -> list[tuple[int, str | None, str | None]]:
    numbered = enumerate((line + b"\n" for line in lines), start=1)
    return [_key(r) for r in screen_json_lines(numbered, default_screener())]


def _key(result: ScreenedLine) -> tuple[int, str | None, str | None]:
    return (result.line, None if result.error else result.as_json(), result.error)


def test_jsonl_partitions_on_dask_equal_the_local_engine_line_for_line(client, tmp_path: Path):
    lines = _lines(600)
    source = tmp_path / "posts.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    results = list(
        screen_on_dask(str(source), client=client, settings=AnalyzerSettings(), block_bytes=4096)
    )
    assert [_key(r) for r in results] == _local(lines)
    assert sum(1 for r in results if r.error) == 7  # the bad lines, with their own numbers
    assert any(r.error and r.error.startswith("line 16: invalid JSON") for r in results)


def test_parquet_row_groups_on_dask_equal_the_records_screened_locally(client, tmp_path: Path):
    rows = [{"id": f"p{n}", "text": POSTS[n % len(POSTS)]} for n in range(250)]
    rows[7]["text"] = None  # type: ignore[assignment]
    source = tmp_path / "posts.parquet"
    pq.write_table(pa.Table.from_pylist(rows), source, row_group_size=60)
    results = list(screen_on_dask(str(source), client=client, settings=AnalyzerSettings()))
    screener = default_screener()
    expected = [_key(screen_record(n, row, screener)) for n, row in enumerate(rows, start=1)]
    assert [_key(r) for r in results] == expected
    assert results[7].error == "line 8: missing field 'text'"


def test_the_cli_screens_on_a_given_scheduler_into_parquet(client, tmp_path: Path):
    lines = _lines(120)
    source = tmp_path / "posts.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    local_out, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.parquet"
    runner = CliRunner()
    assert runner.invoke(app, ["screen", str(source), "-o", str(local_out)]).exit_code == 0
    address = client.scheduler.address
    result = runner.invoke(
        app,
        ["screen", str(source), "-o", str(dask_out), "--executor", "dask", "--scheduler", address],
    )
    assert result.exit_code == 0, result.output
    assert "line 16: invalid JSON" in result.output
    table = pq.read_table(dask_out)
    assert table.column("json").to_pylist() == local_out.read_text("utf-8").splitlines()
    assert table.column("is_violation").to_pylist()[0] is True


def test_a_csv_is_refused_on_dask_with_what_to_do(tmp_path: Path):
    source = tmp_path / "posts.csv"
    source.write_text("id,text\n1,halo\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", str(source), "--executor", "dask"])
    assert result.exit_code == 2
    assert "reads JSONL or Parquet" in result.output
