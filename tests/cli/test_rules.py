"""`netra rules ...` and `netra sanction` through Typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netra.cli import app
from netra.rulebook import DEFAULT_DATA_DIR

runner = CliRunner()


def test_sanction_json_before_penetapan_is_sanksi_moral() -> None:
    result = runner.invoke(
        app,
        [
            "sanction",
            "--act",
            "social_media_engagement",
            "--subject",
            "pns",
            "--date",
            "2024-09-01",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "act",
        "subject",
        "date",
        "stage",
        "applicable",
        "sanctions",
        "candidate_kind",
    ]
    assert data["applicable"] is True
    assert data["date"] == "2024-09-01"
    (sanction,) = data["sanctions"]
    assert sanction["type"] == "moral"
    assert sanction["level"] is None
    assert sanction["part"] == "A"
    assert "PP 42/2004 Pasal 15" in sanction["norms"]
    assert sanction["certainty"] == "confirmed"


def test_sanction_json_after_penetapan_is_hukuman_disiplin_berat() -> None:
    result = runner.invoke(
        app,
        [
            "sanction",
            "--act",
            "social_media_engagement",
            "--subject",
            "pns",
            "--date",
            "2024-10-01",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stage"] == "kampanye"
    (sanction,) = data["sanctions"]
    assert (sanction["type"], sanction["level"]) == ("disciplinary", "berat")
    assert "PP 94/2021 Pasal 14 huruf i" in sanction["norms"]


def test_sanction_text_names_category_recipient_and_norms() -> None:
    result = runner.invoke(
        app, ["sanction", "--act", "ktp_support", "--subject", "pns", "--date", "2024-08-01"]
    )
    assert result.exit_code == 0, result.output
    assert "Bawaslu category: 4" in result.stdout
    assert "recipient on that date: KASN" in result.stdout
    assert "PP 94/2021 Pasal 5 huruf n angka 7" in result.stdout


def test_sanction_not_applicable_is_reported_not_failed() -> None:
    result = runner.invoke(
        app,
        ["sanction", "--act", "official_rotation", "--subject", "pns", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["applicable"] is False
    assert data["sanctions"] == []
    assert data["date"] is None


def test_sanction_for_pemilu_uses_its_calendar() -> None:
    args = ["sanction", "--act", "partisan_decision", "--subject", "village_head"]
    args += ["--date", "2024-01-10", "--election", "pemilu-2024", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stage"] == "kampanye"
    norms = {norm for s in data["sanctions"] for norm in s["norms"]}
    assert "UU 7/2017 Pasal 490" in norms


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--act", "kampanye", "--subject", "pns"], "social_media_campaign"),
        (["--act", "ktp_support", "--subject", "guru"], "village_head"),
        (["--act", "ktp_support", "--subject", "pns", "--date", "2024-13-01"], "YYYY-MM-DD"),
        (["--act", "ktp_support", "--subject", "pns", "--date", "1/10/2024"], "YYYY-MM-DD"),
        (["--act", "ktp_support", "--subject", "pns", "--election", "x"], "pilkada-2024"),
        (["--act", "ktp_support", "--subject", "pns", "--format", "xml"], "json"),
    ],
)
def test_sanction_bad_input_exits_2_listing_valid_choices(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["sanction", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_rules_list_shows_acts_and_subjects() -> None:
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    assert "party_membership" in result.stdout
    assert "village_official" in result.stdout


def test_rules_list_clocks_shows_units() -> None:
    result = runner.invoke(app, ["rules", "list", "--kind", "clocks"])
    assert result.exit_code == 0, result.output
    assert "pemilu.decision_extension  14 working days" in result.stdout
    assert "party_membership" not in result.stdout


def test_rules_show_act_lists_rules_per_subject() -> None:
    result = runner.invoke(app, ["rules", "show", "official_rotation"])
    assert result.exit_code == 0, result.output
    assert "UU 10/2016 Pasal 190" in result.stdout
    assert "not bound: pns" in result.stdout


def test_rules_show_unknown_code_exits_2() -> None:
    result = runner.invoke(app, ["rules", "show", "nothing"])
    assert result.exit_code == 2
    assert "unknown code 'nothing'" in result.output


def test_rules_check_passes_on_shipped_data() -> None:
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.stdout


def test_rules_check_exits_1_naming_the_broken_entry(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    acts = data / "acts.yaml"
    text = acts.read_text(encoding="utf-8")
    acts.write_text(text.replace("sanction: hd_sedang", "sanction: sedang2", 1), encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", "--path", str(data)])
    assert result.exit_code == 1
    assert (
        "acts.yaml: act 'campaign_attendance_with_attributes': sanction 'sedang2' is not defined"
        in result.output
    )


@pytest.mark.parametrize(
    "command",
    [["rules"], ["rules", "list"], ["rules", "show"], ["rules", "check"], ["sanction"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_sanction_text_flags_provisional_readings() -> None:
    # Issue 8: Pasal 71(1) jo. 188 for a kepala desa is a provisional reading, and says so.
    result = runner.invoke(
        app,
        ["sanction", "--act", "mobilization", "--subject", "village_head", "--date", "2024-10-01"],
    )
    assert result.exit_code == 0, result.output
    assert "Pidana Pasal 188 UU 1/2015 jo. UU 10/2016 (criminal) [PROVISIONAL]" in result.stdout
    assert "PROVISIONAL: a reading marked so" in result.stdout


def test_sanction_without_a_candidate_kind_names_the_kind_of_each_reading() -> None:
    # Pemilu 2024: DCT on 3 Nov 2023, presidential tickets on 13 Nov 2023 (issue 8 item 5).
    args = ["sanction", "--act", "social_media_engagement", "--subject", "pns"]
    args += ["--date", "2023-11-06", "--election", "pemilu-2024"]
    both = runner.invoke(app, args)
    assert both.exit_code == 0, both.output
    assert "only if the candidate is: presidential" in both.stdout
    assert "only if the candidate is: legislative" in both.stdout
    caleg = runner.invoke(app, [*args, "--candidate-kind", "legislative", "--format", "json"])
    data = json.loads(caleg.stdout)
    assert [s["code"] for s in data["sanctions"]] == ["hd_berat"]
    assert data["candidate_kind"] == "legislative"


def test_sanction_unknown_candidate_kind_exits_2() -> None:
    args = ["sanction", "--act", "ktp_support", "--subject", "pns", "--election", "pemilu-2024"]
    result = runner.invoke(app, [*args, "--candidate-kind", "dpr"])
    assert result.exit_code == 2
    assert "invalid --candidate-kind value" in result.output
