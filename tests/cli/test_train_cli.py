"""`netra train`, `netra corpus` and the real-text options of `netra eval`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from netra.cli import app

runner = CliRunner()


def _said(stderr: str) -> str:
    """Typer's error box wraps long messages: drop its frame and join the lines."""
    return " ".join(stderr.replace("│", " ").split())


CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "real" / "corpus.jsonl"


def test_eval_scores_one_split_with_intervals_and_tables() -> None:
    result = runner.invoke(app, ["eval", str(CORPUS), "--split", "dev", "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    assert "incident F1" in result.stdout
    assert "[95% " in result.stdout
    for table in ("by gold category:", "by gold subject:", "by gold register:"):
        assert table in result.stdout


def test_eval_json_gives_intervals_breakdowns_and_reasons() -> None:
    result = runner.invoke(
        app,
        [
            "eval",
            str(CORPUS),
            "--split",
            "dev",
            "--format",
            "json",
            "--errors",
            "--bootstrap",
            "100",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    low, high = payload["intervals"]["f1"]
    assert low <= payload["incident"]["f1"] <= high
    assert set(payload["by"]) == {"category", "subject", "register"}
    assert all(error["reason"] for error in payload["errors"])


def test_eval_rules_engine_differs_from_the_hybrid() -> None:
    hybrid = runner.invoke(app, ["eval", str(CORPUS), "--split", "dev", "-f", "json"])
    rules = runner.invoke(
        app, ["eval", str(CORPUS), "--split", "dev", "-f", "json", "--engine", "rules"]
    )
    assert json.loads(hybrid.stdout)["incident"] != json.loads(rules.stdout)["incident"]


def test_eval_refuses_a_model_file_it_cannot_use(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["eval", str(CORPUS), "--model", str(tmp_path / "none.npz")])
    assert missing.exit_code == 2
    assert "cannot read" in _said(missing.stderr)
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not a model")
    refused = runner.invoke(app, ["eval", str(CORPUS), "--model", str(damaged)])
    assert refused.exit_code == 2
    assert "not a Netra model file" in _said(refused.stderr)


def test_eval_refuses_an_unknown_split() -> None:
    result = runner.invoke(app, ["eval", str(CORPUS), "--split", "holdout"])
    assert result.exit_code == 2
    assert "choose one of train, dev, test" in _said(result.stderr)


def test_corpus_stats_and_agreement() -> None:
    stats = runner.invoke(app, ["corpus", "stats", str(CORPUS)])
    assert stats.exit_code == 0, stats.output
    assert "outlets" in stats.stdout
    assert "test:" in stats.stdout
    passes = CORPUS.parent / "passes"
    agreement = runner.invoke(
        app, ["corpus", "agreement", str(passes / "first.jsonl"), str(passes / "second.jsonl")]
    )
    assert agreement.exit_code == 0, agreement.output
    assert "is_violation: kappa" in agreement.stdout


def test_corpus_sisters_writes_the_pairs_to_read_and_refuses_an_unknown_split(
    tmp_path: Path,
) -> None:
    out = tmp_path / "pairs.jsonl"
    result = runner.invoke(
        app, ["corpus", "sisters", str(CORPUS), "--min-cosine", "0.3", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert pairs, "the corpus has rule explanations alike enough to list at 0.3"
    assert all(p["checked_split"] == "test" and p["other_split"] != "test" for p in pairs)
    assert [p["cosine"] for p in pairs] == sorted((p["cosine"] for p in pairs), reverse=True)
    bad = runner.invoke(app, ["corpus", "sisters", str(CORPUS), "--against", "holdout"])
    assert bad.exit_code == 2
    assert "unknown split 'holdout'" in _said(bad.stderr)


def test_train_names_a_bad_corpus_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "r1", "text": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "--output", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "corpus.jsonl: line 1: field 'is_violation' must be true or false" in _said(
        result.stderr
    )


def test_train_needs_a_dev_split(tmp_path: Path) -> None:
    lines = [line for line in CORPUS.read_text("utf-8").splitlines() if '"split": "train"' in line]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "--output", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "needs items of both the train and the dev split" in _said(result.stderr)
