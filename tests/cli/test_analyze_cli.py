"""`netra analyze`, `netra screen` and `netra eval` through Typer's CliRunner."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netra.cli import app

runner = CliRunner()

CAMAT = "Camat Sukamaju mengunggah ajakan memilih paslon nomor urut 2 di akun Facebook pribadinya."
KADES = "Kepala desa Sukamaju memasang baliho paslon nomor urut 1 di depan balai desa."
CHATTER = "Nanti sore nonton bola bareng di warung kopi, jangan lupa bawa payung."


@pytest.fixture
def camat_file(tmp_path: Path) -> Path:
    path = tmp_path / "laporan.txt"
    path.write_text(CAMAT, encoding="utf-8")
    return path


# --- netra analyze ---


def test_analyze_file_prints_the_verdict_subject_and_sanctions(camat_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(camat_file), "--date", "2024-10-01"])
    assert result.exit_code == 0, result.output
    assert f"== {camat_file}" in result.stdout
    assert "Verdict: ALLEGED VIOLATION (Bawaslu category 1; P(incident) " in result.stdout
    assert "Subject: pns (Camat Sukamaju)" in result.stdout
    assert "Date: 2024-10-01 (argument)" in result.stdout
    assert "- social_media_campaign (category 1" in result.stdout
    (evidence,) = [line for line in result.stdout.splitlines() if "evidence: " in line]
    marked = re.findall(r"\[([^\]]+)\]", evidence)
    assert marked
    assert all(piece in CAMAT for piece in marked)
    assert "[SKB part B]" in result.stdout
    assert "[SKB part A]" not in result.stdout


def test_analyze_without_a_date_shows_both_skb_parts_and_a_note(camat_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(camat_file)])
    assert result.exit_code == 0, result.output
    assert "[SKB part A]" in result.stdout
    assert "[SKB part B]" in result.stdout
    assert "note: incident date unknown" in result.stdout


def test_analyze_reads_standard_input() -> None:
    result = runner.invoke(app, ["analyze", "--format", "json"], input=KADES)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["input"] == "-"
    assert data["is_violation"] is True
    assert data["bawaslu_category"] == 5
    assert data["subject"]["type"] == "village_head"


def test_analyze_json_is_one_object_per_input(camat_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "obrolan.txt"
    other.write_text(CHATTER, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(camat_file), str(other), "-f", "json"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["input"], first["is_violation"]) == (str(camat_file), True)
    assert (second["input"], second["is_violation"]) == (str(other), False)
    assert first["findings"][0]["act"] == "social_media_campaign"
    span = first["findings"][0]["evidence"][0]
    assert CAMAT[span["start"] : span["end"]] == span["text"]


def test_analyze_chatter_says_no_violation() -> None:
    result = runner.invoke(app, ["analyze"], input=CHATTER)
    assert result.exit_code == 0, result.output
    assert "Verdict: no alleged neutrality violation described." in result.stdout


@pytest.mark.parametrize("bad", ["2024-13-01", "1/10/2024", "kemarin"])
def test_analyze_bad_date_exits_2_naming_the_value(camat_file: Path, bad: str) -> None:
    result = runner.invoke(app, ["analyze", str(camat_file), "--date", bad])
    assert result.exit_code == 2
    assert f"'{bad}' is not a date in the form YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


def test_analyze_missing_file_is_reported_and_other_files_still_run(
    camat_file: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "tidak-ada.txt"
    result = runner.invoke(app, ["analyze", str(missing), str(camat_file)])
    assert result.exit_code == 1
    assert f"error: cannot read {missing}: No such file or directory" in result.stderr
    assert "ALLEGED VIOLATION" in result.stdout


def test_analyze_text_option_analyzes_the_text_itself(camat_file: Path) -> None:
    # QA walk-through: `netra analyze "Camat ..."` was read as a file name and failed.
    result = runner.invoke(
        app, ["analyze", "--text", CAMAT, "--text", CHATTER, "--date", "2024-10-01"]
    )
    assert result.exit_code == 0, result.output
    assert "== text 1" in result.stdout
    assert "== text 2" in result.stdout
    assert result.stdout.count("ALLEGED VIOLATION") == 1
    assert "Verdict: no alleged neutrality violation described" in result.stdout
    both = runner.invoke(app, ["analyze", str(camat_file), "-t", KADES, "--format", "json"])
    assert both.exit_code == 0, both.output
    assert [json.loads(line)["input"] for line in both.stdout.splitlines()] == [
        str(camat_file),
        "text",
    ]


def test_analyze_a_text_given_as_a_file_name_says_how_to_analyze_a_text() -> None:
    result = runner.invoke(app, ["analyze", CAMAT])
    assert result.exit_code == 1
    assert "No such file or directory" in result.stderr
    assert "--text" in result.stderr
    empty = runner.invoke(app, ["analyze", ""])
    assert empty.exit_code == 1
    assert "Is a directory" not in empty.stderr
    assert "empty file name" in empty.stderr


def test_analyze_warns_about_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(KADES.encode("utf-8") + b" caf\xe9")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "bytes that are not UTF-8 were replaced" in result.stderr
    assert "ALLEGED VIOLATION" in result.stdout


def test_analyze_bad_candidate_registry_exits_2(camat_file: Path, tmp_path: Path) -> None:
    registry = tmp_path / "paslon.csv"
    registry.write_text("region_code,names\n32.05,Budi\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(camat_file), "--candidates", str(registry)])
    assert result.exit_code == 2
    assert "--candidates" in result.stderr
    assert "paslon.csv" in result.stderr


# --- netra screen ---

POSTS = [
    {"id": "p1", "text": CAMAT, "source": "fb"},
    {"id": "p2", "text": CHATTER},
    {"id": "p3", "text": KADES, "source": "x"},
]


def _write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
        encoding="utf-8",
    )
    return path


def test_screen_jsonl_prints_one_line_per_post_in_order(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "posts.jsonl", POSTS)
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2", "p3"]
    assert [line["is_violation"] for line in lines] == [True, False, True]
    assert [line["bawaslu_category"] for line in lines] == [1, None, 5]
    assert [line["subject"]["type"] for line in lines] == ["pns", "none", "village_head"]
    assert lines[0]["source"] == "fb"
    assert "text" not in lines[0]
    assert "read 3, screened 3, flagged 2, errors 0" in result.stderr


def test_screen_reports_bad_lines_on_stderr_and_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "posts.jsonl"
    source.write_bytes(
        b'{"id": "a", "text": "hujan"}\n'
        b"{broken\n"
        b'{"id": "c"}\n'
        b'{"id": "d", "text": "\xff"}\n'
        b'{"id": "e", "text": "cerah"}\n'
    )
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "e"]
    assert "line 2: invalid JSON" in result.stderr
    assert "line 3: missing field 'text'" in result.stderr
    assert "line 4: not valid UTF-8" in result.stderr
    assert "read 5, screened 2, flagged 0, errors 3" in result.stderr


def test_screen_csv_with_id_and_text_columns(tmp_path: Path) -> None:
    source = tmp_path / "posts.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "source"])
        writer.writerow(["c1", CHATTER, "wa"])
        writer.writerow(["c2", KADES + "\nbaris kedua, dengan koma", "fb"])
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["id"], first["is_violation"], first["source"]) == ("c1", False, "wa")
    assert (second["id"], second["is_violation"], second["bawaslu_category"]) == ("c2", True, 5)


def test_screen_csv_without_a_text_column_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "posts.csv"
    source.write_text("id,body\n1,halo\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 2
    assert "CSV header lacks column(s): text" in result.stderr


def test_screen_of_a_binary_csv_says_the_file_is_not_text(tmp_path: Path) -> None:
    # qa-3: told "CSV header lacks column(s): id, text", read with replacement characters.
    source = tmp_path / "posts.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"SOURCE: {source} is not a text file (a CSV must be UTF-8 text)"
    )
    # A bad byte below a good header costs its line only, as before.
    source.write_bytes(b"id,text\n1,\xff\xfe\n2," + CAMAT.encode() + b"\n")
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 0
    assert "not a text file" not in result.stderr


def test_screen_missing_source_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", str(tmp_path / "tidak-ada.jsonl")])
    assert result.exit_code == 2
    assert "is not a readable file" in result.stderr


def test_screen_writes_to_output_file(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "posts.jsonl", POSTS)
    target = tmp_path / "verdicts.jsonl"
    result = runner.invoke(app, ["screen", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2", "p3"]
    assert "flagged 2" in result.stderr


def test_screen_with_two_workers_keeps_input_order_across_chunks(tmp_path: Path) -> None:
    # More lines than one chunk (2000), so several workers' results must be put back in order.
    texts = [CAMAT, CHATTER, KADES, CHATTER, CHATTER]
    records: list[dict[str, object]] = [
        {"id": n, "text": texts[n % len(texts)]} for n in range(4500)
    ]
    source = _write_jsonl(tmp_path / "posts.jsonl", records)
    single = tmp_path / "one.jsonl"
    double = tmp_path / "two.jsonl"
    first = runner.invoke(app, ["screen", str(source), "-o", str(single)])
    second = runner.invoke(app, ["screen", str(source), "-o", str(double), "--workers", "2"])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    lines = [json.loads(line) for line in double.read_text("utf-8").splitlines()]
    assert [line["id"] for line in lines] == list(range(4500))
    assert double.read_text("utf-8") == single.read_text("utf-8")
    assert "read 4,500, screened 4,500, flagged 1,800, errors 0" in second.stderr


# --- netra eval ---


def test_eval_scores_a_small_labelled_file(tmp_path: Path) -> None:
    labelled = _write_jsonl(
        tmp_path / "labelled.jsonl",
        [
            {
                "id": "l1",
                "text": CAMAT,
                "is_incident": True,
                "subject": "pns",
                "acts": ["social_media_campaign"],
                "bawaslu_category": 1,
            },
            {
                "id": "l2",
                "text": KADES,
                "is_incident": True,
                "subject": "village_head",
                "acts": ["props_installation"],
                "bawaslu_category": 5,
            },
            {"id": "l3", "text": CHATTER, "is_incident": False},
            # Labelled wrong on purpose: one false negative, category and subject missed.
            {
                "id": "l4",
                "text": CHATTER + " Cuaca cerah.",
                "is_incident": True,
                "subject": "pns",
                "bawaslu_category": 9,
            },
        ],
    )
    result = runner.invoke(app, ["eval", str(labelled), "--errors"])
    assert result.exit_code == 0, result.output
    assert "items 4" in result.stdout
    assert "incident precision 1.000" in result.stdout
    assert "incident recall 0.667" in result.stdout
    assert "incident F1 0.800" in result.stdout
    assert "(tp 2, fp 0, fn 1, tn 1)" in result.stdout
    assert "category accuracy (on true incidents) 0.667" in result.stdout
    assert "subject accuracy (on true incidents) 0.667" in result.stdout
    assert "l4: missed incident" in result.stdout

    as_json = runner.invoke(app, ["eval", str(labelled), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.stdout)
    assert report["items"] == 4
    assert report["incident"] == {
        "precision": 1.0,
        "recall": 0.6667,
        "f1": 0.8,
        "tp": 2,
        "fp": 0,
        "fn": 1,
        "tn": 1,
    }


def test_eval_malformed_file_exits_2_naming_the_line(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text('{"id": "a", "text": "x", "is_incident": false}\n{oops\n', "utf-8")
    result = runner.invoke(app, ["eval", str(labelled)])
    assert result.exit_code == 2
    assert "labelled.jsonl: line 2:" in result.stderr


def test_eval_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "tidak-ada.jsonl")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_analyze_failure_names_the_input_instead_of_a_traceback(
    camat_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netra.cli.analyze as command

    real = command._analyzer

    class Exploding:
        def __init__(self, analyzer: object) -> None:
            self.analyzer = analyzer

        def analyze(self, text: str, **options: object) -> object:
            if "meledak" in text:
                raise ValueError("boom")
            return self.analyzer.analyze(text, **options)  # type: ignore[attr-defined]

    monkeypatch.setattr(command, "_analyzer", lambda *args: Exploding(real(*args)))
    bad = tmp_path / "aneh.txt"
    bad.write_text("teks ini meledak", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(bad), str(camat_file)])
    assert result.exit_code == 1
    assert f"error: {bad}: the analyzer failed on this text: ValueError('boom')" in result.stderr
    assert "Traceback" not in result.output
    assert "ALLEGED VIOLATION" in result.stdout


# --- qa-3: the command line's errors, as a new user meets them ---


def test_screen_into_a_folder_that_does_not_exist_says_so_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "posts.jsonl"
    source.write_text(json.dumps({"id": "a", "text": CAMAT}) + "\n", encoding="utf-8")
    target = tmp_path / "missing" / "out.jsonl"
    result = runner.invoke(app, ["screen", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip() == f"--output: cannot write {target}: No such file or directory"


def test_screen_names_the_file_in_each_bad_line_and_fails_when_no_line_was_read(
    tmp_path: Path,
) -> None:
    source = tmp_path / "posts.jsonl"
    source.write_bytes(b"\x00\x01\xff\n{broken\n")
    result = runner.invoke(app, ["screen", str(source)])
    assert f"{source}: line 1: not valid UTF-8" in result.stderr
    assert f"{source}: line 2: invalid JSON" in result.stderr
    assert "read 2, screened 0, flagged 0, errors 2" in result.stderr
    assert result.exit_code == 1
    # One good line among bad ones is a run that worked: the bad lines are reported, exit 0.
    source.write_bytes(b"{broken\n" + json.dumps({"id": "a", "text": CAMAT}).encode() + b"\n")
    assert runner.invoke(app, ["screen", str(source)]).exit_code == 0


def test_eval_of_a_file_with_no_labelled_item_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(empty)])
    assert result.exit_code == 2
    assert "no labelled items" in result.output
    assert "confusion" not in result.stdout


def test_analyze_of_an_empty_text_or_file_says_there_is_nothing_to_analyze(tmp_path: Path) -> None:
    # qa-3: an empty file got "Verdict: no alleged neutrality violation described." and exit 0.
    empty = tmp_path / "laporan.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(empty), "--text", KADES])
    assert result.exit_code == 1
    assert f"error: {empty}: the text is empty, nothing to analyze" in result.stderr
    assert "== text" in result.stdout  # the other input is still analyzed
    assert f"== {empty}" not in result.stdout
    blank = runner.invoke(app, ["analyze", "--text", ""])
    assert blank.exit_code == 1
    assert "Verdict" not in blank.stdout
