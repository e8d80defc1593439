"""`netra ask`: text and JSON answers, exit codes for unanswered questions and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from netra.cli import app

runner = CliRunner()


def test_ask_json_gives_the_issue_shape_with_the_date_dependent_sanction() -> None:
    result = runner.invoke(
        app, ["ask", "bolehkah ASN like postingan paslon?", "--date", "2024-10-01", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["allowed"] is False
    assert body["act"] == "social_media_engagement"
    assert "SKB 2022 Lampiran II B6" in body["norms"]
    assert {"allowed", "act", "subject", "norms", "sanctions", "caveats", "sources"} <= set(body)


def test_ask_text_names_the_verdict_and_the_articles() -> None:
    result = runner.invoke(
        app, ["ask", "bolehkah ASN like postingan paslon?", "--date", "2024-09-01"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("TIDAK BOLEH")
    assert "SKB 2022 Lampiran II A4" in result.output


def test_the_headline_says_the_verdict_once() -> None:
    refused = runner.invoke(
        app, ["ask", "bolehkah ASN like postingan paslon?", "--date", "2024-09-01"]
    )
    allowed = runner.invoke(app, ["ask", "Apakah ASN boleh memilih?"])
    assert refused.output.startswith("TIDAK BOLEH pada 2024-09-01.")
    assert allowed.output.startswith("BOLEH. ")
    for output in (refused.output, allowed.output):
        headline = output.splitlines()[0].casefold()
        assert headline.count("boleh") == 1, headline


def test_a_question_that_names_no_one_is_answered_for_each_kind() -> None:
    result = runner.invoke(
        app, ["ask", "Bolehkah mobil dinas dipakai untuk kampanye?", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert (body["allowed"], body["subject"]) == (False, "asn")
    assert [row["subject"] for row in body["by_subject"]][:3] == ["asn", "tni", "polri"]
    text = runner.invoke(app, ["ask", "Bolehkah mobil dinas dipakai untuk kampanye?"]).output
    assert "Bagi pelaku lain: Anggota TNI: tidak boleh" in text
    assert "catatan: pertanyaan tidak menyebut siapa pelakunya: dijawab untuk ASN" in text


def test_an_unanswered_question_exits_1() -> None:
    result = runner.invoke(app, ["ask", "Berapa gaji PNS golongan III?"])
    assert result.exit_code == 1
    assert "Belum ada jawaban" in result.output


def test_a_bad_date_or_subject_exits_2_naming_the_option() -> None:
    bad_date = runner.invoke(app, ["ask", "Bolehkah ASN ikut kampanye?", "--date", "1/9/2024"])
    bad_subject = runner.invoke(app, ["ask", "Bolehkah ASN ikut kampanye?", "--subject", "guru"])
    assert bad_date.exit_code == 2
    assert "--date" in bad_date.output
    assert bad_subject.exit_code == 2
    assert "unknown subject 'guru'" in bad_subject.output


def test_ask_eval_prints_the_figures_and_the_errors(tmp_path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n"
        "  - {id: a1, q: 'Apakah ASN boleh memilih?', src: 'https://a', scope: in,"
        " allowed: true, faq: asn-vote}\n"
        "  - {id: a2, q: 'Bolehkah polisi mencoblos?', src: 'https://b', scope: in,"
        " allowed: true, faq: tni-polri-vote}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ask-eval", str(path), "--errors"])
    assert result.exit_code == 0, result.output
    assert "verdict right (in scope):             50.0%" in result.output
    assert "a2: Bolehkah polisi mencoblos?" in result.output


def test_ask_eval_names_a_missing_file() -> None:
    result = runner.invoke(app, ["ask-eval", "/nonexistent/q.yaml"])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def _two_sets(tmp_path):
    first = tmp_path / "a.yaml"
    first.write_text(
        "questions:\n"
        "  - {id: a1, q: 'Bolehkah ASN like postingan paslon?', src: 'https://a', scope: in,"
        " allowed: false, act: social_media_engagement}\n"
        "  - {id: a2, q: 'Berapa gaji PNS?', src: 'https://b', scope: out}\n",
        encoding="utf-8",
    )
    second = tmp_path / "b.yaml"
    second.write_text(
        "questions:\n"
        "  - {id: b1, q: 'Bolehkah PNS memasang baliho calon?', src: 'https://c', scope: in,"
        " allowed: false, act: props_installation}\n",
        encoding="utf-8",
    )
    return first, second


@pytest.mark.parametrize("command", ["ask-train", "ask-train-chooser"])
def test_training_writes_the_same_file_twice(tmp_path, command: str) -> None:
    first, second = _two_sets(tmp_path)
    out_1, out_2 = tmp_path / "m1.json", tmp_path / "m2.json"
    for out in (out_1, out_2):
        result = runner.invoke(app, [command, str(first), str(second), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert out_1.read_bytes() == out_2.read_bytes()
    assert json.loads(out_1.read_text(encoding="utf-8"))["trained_on"] == ["a.yaml", "b.yaml"]


def test_ask_generalise_holds_each_set_out_and_reads_the_cue_phrases(tmp_path) -> None:
    first, second = _two_sets(tmp_path)
    result = runner.invoke(app, ["ask-generalise", str(first), str(second)])
    assert result.exit_code == 0, result.output
    assert "a.yaml" in result.output
    assert "pooled" in result.output
    assert "'Bolehkah ASN {phrase}?':" in result.output


def test_ask_generalise_holds_sets_joined_with_a_plus_out_as_one_fold(tmp_path) -> None:
    first, second = _two_sets(tmp_path)
    third = tmp_path / "c.yaml"
    third.write_text(
        "questions:\n"
        "  - {id: c1, q: 'Bolehkah PNS like postingan paslon?', src: 'https://d', scope: in,"
        " allowed: false, act: social_media_engagement}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ask-generalise", str(first), f"{second}+c.yaml"])
    assert result.exit_code == 0, result.output
    assert "b.yaml+c.yaml" in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("b.yaml+c.yaml")]
    assert len(rows) == 1
    assert "/  2" in rows[0]


def test_ask_train_names_a_missing_file(tmp_path) -> None:
    result = runner.invoke(app, ["ask-train", "/nonexistent/q.yaml", "-o", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_ask_generalise_reports_the_chooser_when_asked(tmp_path) -> None:
    first, second = _two_sets(tmp_path)
    result = runner.invoke(
        app, ["ask-generalise", str(first), str(second), "--chooser-threshold", "0.6"]
    )
    assert result.exit_code == 0, result.output
    assert "with chooser" in result.output
    bad = runner.invoke(
        app, ["ask-generalise", str(first), str(second), "--chooser-threshold", "2"]
    )
    assert bad.exit_code == 2


def test_ask_generalise_defaults_to_the_fallbacks_own_threshold() -> None:
    # The CLI keeps its own copy so that loading it does not import the guidance modules.
    from netra.cli.ask import FALLBACK_THRESHOLD
    from netra.guidance.fallback_training import THRESHOLD

    assert FALLBACK_THRESHOLD == THRESHOLD


def test_loading_the_cli_imports_no_guidance_module() -> None:
    # `netra screen` starts with the whole command line loaded: the guidance modules cost it
    # some 0.1 s of start-up, so `netra ask` and its siblings import them when they run.
    code = (
        "import sys, netra.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('netra.guidance')))"
    )
    shown = subprocess.run(  # noqa: S603 -- fixed argv
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"
