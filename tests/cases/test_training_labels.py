"""Staff's decisions on the analyzer's suggestions: kept as labels, exported redacted, counted."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from netra.cases.models import SupervisorLabel
from netra.cases.selectors import labels_for_training, suggestion_agreement
from netra.cases.services import confirm_classification
from netra.cases.training import training_records
from netra.cli import app
from netra.procedure import CaseState
from tests.steps import TO_SANCTION, step, walk

NIP = "198203152008011004"
NAMED = (
    f"Camat Cibinong Budi Santoso, NIP {NIP}, membagikan poster bakal calon bupati di grup "
    "WhatsApp kantor dan mengajak staf kecamatan memilih calon itu. Hubungi pelapor di "
    "0812-3456-7890 atau siti@contoh.id."
)


def test_confirming_a_classification_keeps_a_label_beside_the_suggestion(file_report, cast):
    case = file_report().case
    suggestion = case.suggestion
    confirm_classification(
        case, category=10, acts=["mobilization"], subject_type="pns", actor=cast["panwas_bogor"]
    )
    label = SupervisorLabel.objects.get(case=case)
    assert (label.is_violation, label.category, label.subject_type) == (True, 10, "pns")
    assert label.acts == ["mobilization"]
    assert label.suggested_is_violation == suggestion.is_violation
    assert label.suggested_category == suggestion.category
    assert label.analyzer_version == suggestion.analyzer_version
    assert label.decided_by == cast["panwas_bogor"]


def test_deciding_not_a_violation_keeps_a_negative_label(file_report, cast):
    case = walk(file_report().case, TO_SANCTION[:2], cast=cast, day=date(2024, 10, 5))
    step(case, CaseState.DECIDED_NOT_VIOLATION, cast["panwas_bogor"], date(2024, 10, 7))
    label = SupervisorLabel.objects.get(case=case)
    assert label.is_violation is False
    assert label.category is None


def test_the_export_keeps_the_latest_decision_and_removes_personal_data(file_report, cast):
    case = file_report(description=NAMED).case
    actor = cast["panwas_bogor"]
    confirm_classification(case, category=1, acts=[], subject_type="asn", actor=actor)
    confirm_classification(
        case, category=10, acts=["mobilization"], subject_type="pns", actor=actor
    )
    [record] = list(training_records(labels_for_training()))
    assert (record["bawaslu_category"], record["subject"]) == (10, "pns")
    text = str(record["text"])
    for secret in ("Budi", "Santoso", NIP, "0812", "siti@contoh.id"):
        assert secret not in text
    assert "[NAMA]" in text
    assert "[NIP]" in text
    assert "Camat Cibinong" in text  # the office stays: it is what the analyzer learns from
    assert record["id"] == f"case-{case.number}"


def test_exported_labels_read_back_as_training_texts(file_report, cast, tmp_path: Path):
    case = file_report(description=NAMED).case
    confirm_classification(
        case, category=10, acts=["mobilization"], subject_type="pns", actor=cast["panwas_bogor"]
    )
    target = tmp_path / "labels.jsonl"
    result = CliRunner().invoke(app, ["export", "training", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "exported 1 labelled text(s)" in result.stderr
    record = json.loads(target.read_text("utf-8"))
    from netra.analysis import Analyzer
    from netra.analysis.corpus import parse_item

    item = parse_item(record, Analyzer.rules_only().rulebook)
    assert item.is_violation
    assert item.category == 10


def test_export_refuses_a_bad_since_date(db: Any) -> None:
    result = CliRunner().invoke(app, ["export", "training", "--since", "kemarin"])
    assert result.exit_code == 2
    assert "--since: 'kemarin' is not a date" in result.stderr


def test_agreement_counts_the_latest_decision_in_the_viewers_scope(file_report, cast):
    agreeing = file_report().case
    suggested = agreeing.suggestion
    confirm_classification(
        agreeing,
        category=suggested.category or 10,
        acts=list(suggested.acts),
        subject_type=suggested.subject_type,
        actor=cast["panwas_bogor"],
    )
    differing = file_report().case
    confirm_classification(
        differing,
        category=3,
        acts=["party_approach"],
        subject_type="tni",
        actor=cast["panwas_bogor"],
    )
    seen = suggestion_agreement(cast["panwas_bogor"])
    assert seen.decided == 2
    assert seen.both_violation == (2 if suggested.is_violation else 0)
    if suggested.is_violation:
        assert seen.category_agreed == 1
        assert seen.subject_agreed == 1
    assert suggestion_agreement(cast["outsider_surabaya"]).decided == 0
