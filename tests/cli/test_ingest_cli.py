"""`netra ingest FILE --groups-out`: every input line with its group, bad lines on stderr."""

from __future__ import annotations

import json

import pytest
from tests.monitoring.conftest import BOGOR_POST
from typer.testing import CliRunner

from netra.cli import app

pytestmark = pytest.mark.django_db(transaction=True)


def test_ingest_writes_a_group_for_every_line_and_reports_bad_lines(tmp_path, regions):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": BOGOR_POST}),
                json.dumps({"id": "b", "text": f"RT @x: {BOGOR_POST}"}),
                json.dumps({"id": "c"}),
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "groups.jsonl"
    result = CliRunner().invoke(app, ["ingest", str(posts), "--groups-out", str(out)])
    assert result.exit_code == 1, result.output
    assert "posts.jsonl: line 3: missing field 'text'" in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert lines[0]["group"] == lines[1]["group"]
    assert lines[2]["group"] is None


def test_ingest_refuses_an_unknown_region_and_a_bad_mapping(tmp_path, regions):
    posts = tmp_path / "posts.csv"
    posts.write_text("id,body\n1,teks\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(posts), "--region", "99.99"])
    assert result.exit_code == 2
    assert "no such region code" in result.output
    result = runner.invoke(app, ["ingest", str(posts), "--map", "text"])
    assert result.exit_code == 2
    assert "FIELD=COLUMN" in result.output
    result = runner.invoke(app, ["ingest", str(posts), "--map", "text=body"])
    assert result.exit_code == 0, result.output


def test_a_file_in_no_known_format_is_told_which_option_to_give(tmp_path, regions):
    notes = tmp_path / "notes.md"
    notes.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(notes)])
    assert result.exit_code == 2
    assert "notes.md: cannot tell the format" in result.output
    assert "give it with --format" in result.output
