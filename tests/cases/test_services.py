"""Case services: intake, the procedure's checks and clocks, evidence, and their audit events."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.utils import translation

from netra.audit.models import AuditEvent
from netra.cases.evidence import EvidenceRejectedError
from netra.cases.models import Case, CaseTransition, ReporterKind
from netra.cases.scope import CaseNotFoundError
from netra.cases.services import (
    CaseInputError,
    IncidentData,
    PartyData,
    ReporterData,
    add_evidence,
    confirm_classification,
    move_case,
    new_upload,
    receive_report,
    step_warning,
)
from netra.procedure import CaseState, MissingRequirement, TransitionNotAllowed
from tests.steps import TO_SANCTION, at, step, walk
from tests.web_ui.conftest import PNG  # a real 1x1 PNG: evidence is decoded on arrival


def move(case: Case, target: CaseState, actor: Any, day: date, **payload: Any) -> Case:
    """One move with exactly `payload` (tests.steps.step fills in the step's usual fields)."""
    move_case(case, target=target, actor=actor, payload=payload, **at(day))
    case.refresh_from_db()
    return case


def confirm(case: Case, actor: Any) -> Case:
    """Staff confirm the classification: a violation is decided on nothing less."""
    return confirm_classification(
        case, category=4, acts=["campaign_attendance"], subject_type="pns", actor=actor
    )


def register(case: Case, actor: Any, day: date) -> Case:
    return walk(case, TO_SANCTION[:2], cast={}, day=day, actor=actor)


def test_report_opens_a_case_in_received_with_an_unguessable_tracking_code(file_report, cast):
    report = file_report()
    other = file_report()
    assert report.case.state == CaseState.RECEIVED
    assert report.case.number.startswith("NTR-2024-")
    assert re.fullmatch(
        r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", report.tracking_code
    )
    assert report.tracking_code != other.tracking_code
    assert CaseTransition.objects.filter(case=report.case, to_state="received").count() == 1


def test_report_filed_on_day_seven_is_on_time_and_on_day_eight_is_late(file_report):
    # UU 10/2016 Pasal 134(4): at the latest 7 days after the act became known.
    on_time = file_report(known_on=date(2024, 10, 2), today=date(2024, 10, 9))
    late = file_report(known_on=date(2024, 10, 2), today=date(2024, 10, 10))
    assert on_time.case.is_late is False
    assert late.case.is_late is True


def test_report_known_before_it_happened_is_refused_naming_the_field(file_report):
    with pytest.raises(CaseInputError) as error:
        file_report(incident_on=date(2024, 10, 3), known_on=date(2024, 10, 2))
    assert error.value.details["field"] == "known_on"


def test_report_for_a_region_outside_the_election_is_refused(file_report, regions):
    with pytest.raises(CaseInputError) as error:
        file_report(election="bogor", region=regions["surabaya"])
    assert error.value.details["field"] == "region"


def test_report_audit_event_does_not_copy_the_reporters_identity(file_report):
    report = file_report()
    event = AuditEvent.objects.get(action="case.receive_report", object_id=str(report.case.pk))
    assert "Siti" not in str(event.after)
    assert event.actor is None


def test_the_pilkada_decision_clock_runs_three_days_from_receipt(file_report, cast):
    case = register(file_report().case, cast["panwas_bogor"], date(2024, 10, 5))
    # UU 10/2016 Pasal 134(5): "paling lama 3 (tiga) hari setelah laporan diterima": the report
    # came in on 4 Oct, so 7 Oct, not 3 days after the registration of 5 Oct (issue 8 item 7).
    assert case.state == CaseState.REGISTERED
    assert case.deadline_on == date(2024, 10, 7)


def test_clarification_keeps_the_clock_running_from_receipt(file_report, cast):
    case = register(file_report().case, cast["panwas_bogor"], date(2024, 10, 5))
    move_case(
        case,
        target=CaseState.CLARIFICATION_STUDY,
        actor=cast["panwas_bogor"],
        payload={},
        extended=True,
        **at(date(2024, 10, 6)),
    )
    case.refresh_from_db()
    # Pasal 134(6): keterangan tambahan adds 2 days to the 3 from receipt (4 Oct).
    assert case.deadline_on == date(2024, 10, 9)


def test_a_role_the_procedure_does_not_allow_cannot_move_the_case(file_report, cast):
    case = file_report().case
    # The viewer sees the case but takes no step; the PPK does not even see a received report.
    with pytest.raises(TransitionNotAllowed):
        move(case, CaseState.FORMAL_MATERIAL_CHECK, cast["viewer_bogor"], date(2024, 10, 5))
    with pytest.raises(CaseNotFoundError):
        move(case, CaseState.FORMAL_MATERIAL_CHECK, cast["ppk_bogor"], date(2024, 10, 5))
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    assert not AuditEvent.objects.filter(action="case.move").exists()


def test_a_move_missing_its_required_field_changes_nothing(file_report, cast):
    case = file_report().case
    move(case, CaseState.FORMAL_MATERIAL_CHECK, cast["panwas_bogor"], date(2024, 10, 5))
    with pytest.raises(MissingRequirement):
        move(case, CaseState.REGISTERED, cast["panwas_bogor"], date(2024, 10, 5))
    case.refresh_from_db()
    assert case.state == CaseState.FORMAL_MATERIAL_CHECK


def test_an_officer_of_another_region_cannot_move_the_case(file_report, cast):
    case = file_report().case
    with pytest.raises(CaseNotFoundError):
        move(case, CaseState.FORMAL_MATERIAL_CHECK, cast["outsider_surabaya"], date(2024, 10, 5))


def test_every_move_is_audited_with_the_state_before_and_after(file_report, cast):
    case = file_report().case
    move(case, CaseState.FORMAL_MATERIAL_CHECK, cast["panwas_bogor"], date(2024, 10, 5))
    event = AuditEvent.objects.get(action="case.move")
    assert event.actor == cast["panwas_bogor"]
    assert event.before is not None
    assert event.before["state"] == "received"
    assert event.after is not None
    assert event.after["state"] == "formal_material_check"


def test_date_fields_of_a_transition_payload_accept_iso_text(file_report, cast):
    case = register(file_report().case, cast["panwas_bogor"], date(2024, 10, 5))
    confirm(case, cast["panwas_bogor"])
    case = step(case, CaseState.DECIDED_VIOLATION, cast["panwas_bogor"], date(2024, 10, 7))
    case = step(
        case, CaseState.FORWARDED, cast["panwas_bogor"], date(2024, 10, 8), letter_date="2024-10-08"
    )
    assert case.state == CaseState.FORWARDED
    last = CaseTransition.objects.filter(case=case).last()
    assert last is not None
    assert last.payload["letter_date"] == "2024-10-08"


def test_a_kasn_letter_in_the_changeover_is_kept_with_a_warning(file_report, cast):
    # Issue 8 item 12: KASN stopped on 24 Aug 2024, but SE MenPANRB 4/2024 on its pending files
    # was signed on 4 Sep 2024: a letter to KASN in between is recorded and flagged.
    case = register(file_report().case, cast["panwas_bogor"], date(2024, 10, 5))
    confirm(case, cast["panwas_bogor"])
    case = step(case, CaseState.DECIDED_VIOLATION, cast["panwas_bogor"], date(2024, 10, 7))
    case = step(
        case,
        CaseState.FORWARDED,
        cast["panwas_bogor"],
        date(2024, 10, 8),
        recipient="kasn",
        letter_date="2024-08-30",
    )
    assert case.state == CaseState.FORWARDED
    last = CaseTransition.objects.filter(case=case).last()
    assert last is not None
    assert "SE MenPANRB 4/2024" in last.payload["warning"]  # kept in English, as written
    with translation.override("id"):
        assert step_warning(last.payload).startswith("KASN berhenti menangani netralitas ASN")
    with translation.override("en"):
        assert step_warning(last.payload) == last.payload["warning"]


def test_a_badly_written_date_in_the_payload_names_the_field(file_report, cast):
    case = register(file_report().case, cast["panwas_bogor"], date(2024, 10, 5))
    confirm(case, cast["panwas_bogor"])
    case = step(case, CaseState.DECIDED_VIOLATION, cast["panwas_bogor"], date(2024, 10, 7))
    with pytest.raises(CaseInputError) as error:
        step(
            case,
            CaseState.FORWARDED,
            cast["panwas_bogor"],
            date(2024, 10, 8),
            letter_date="8 Oktober",
        )
    assert error.value.details["field"] == "payload.letter_date"


def test_evidence_file_is_hashed_and_typed_by_its_content(file_report, cast):
    case = file_report().case
    evidence = add_evidence(
        case,
        actor=cast["panwas_bogor"],
        upload=new_upload("foto.txt", PNG),
        **{"now": at(date(2024, 10, 5))["now"]},
    )
    assert evidence.media_type == "image/png"
    assert evidence.size == len(PNG)
    assert len(evidence.sha256) == 64
    assert evidence.file.name.endswith(".png")


def test_evidence_that_only_claims_to_be_a_photo_is_rejected(file_report, cast):
    case = file_report().case
    with pytest.raises(EvidenceRejectedError):
        add_evidence(
            case,
            actor=cast["panwas_bogor"],
            upload=new_upload("foto.jpg", b"#!/bin/sh\necho not a photo\n"),
            now=at(date(2024, 10, 5))["now"],
        )


def test_a_report_is_screened_on_arrival_and_the_suggestion_kept_beside_it(file_report):
    # The description has a camat sharing a candidate's poster and urging staff: a violation.
    case = file_report().case
    suggestion = case.suggestion
    assert suggestion.is_violation
    assert suggestion.analyzer_version
    assert suggestion.subject_type == "pns"
    assert suggestion.spans
    assert all(span["text"] for span in suggestion.spans)
    # The case carries the suggestion until staff confirm it.
    assert case.category == suggestion.category
    assert case.acts == suggestion.acts
    assert case.is_classification_confirmed is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"place": "x" * 301}, "place"),
        ({"links": ("https://example.org/" + "a" * 1000,)}, "links.0"),
        ({"parties": (PartyData(name="N" * 201),)}, "parties.0.name"),
    ],
    ids=["place", "link", "party-name"],
)
def test_an_over_long_field_is_refused_by_name_before_the_database_sees_it(
    elections, overrides, field
):
    # PostgreSQL would raise a DataError (a 500) for these; SQLite would silently keep them.
    data = IncidentData(
        election=elections["bogor"],
        region=elections["bogor"].region,
        incident_on=date(2024, 10, 1),
        known_on=date(2024, 10, 2),
        place="Balai Desa",
        description="Kepala desa mengajak warga memilih calon bupati nomor 1.",
    )
    with pytest.raises(CaseInputError) as error:
        receive_report(
            replace(data, **overrides),
            reporter=ReporterData(kind=ReporterKind.PEMILIH, name="Ani", address="Jl. Melati 1"),
            actor=None,
            **at(date(2024, 10, 4)),
        )
    assert error.value.details["field"] == field


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("acts", "subject_type", "field", "indonesian"),
    [
        (["kampanye_medsos"], "pns", "acts.0", "Perbuatan 'kampanye_medsos' tidak dikenal"),
        (["campaign_attendance"], "lurah", "subject_type", "Jenis terlapor 'lurah' tidak dikenal"),
    ],
)
def test_a_classification_with_an_unknown_act_or_subject_is_refused(
    file_report, cast, acts, subject_type, field, indonesian
):
    """The API confirmed acts ['zz'] and subject 'zz' (found in the qa-2 walk-through): the
    recap, the forwarding check (TNI, Polri, village officials) and the letters read them."""
    case = file_report().case
    with pytest.raises(CaseInputError) as refused:
        confirm_classification(
            case, category=4, acts=acts, subject_type=subject_type, actor=cast["panwas_bogor"]
        )
    assert refused.value.details["field"] == field
    with translation.override("id"):
        assert indonesian in refused.value.message
    case.refresh_from_db()
    assert not case.is_classification_confirmed
