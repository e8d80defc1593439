"""A step must go to the body with authority over the official, on a date that has happened,
and a violation is decided on a classification staff confirmed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from netra.cases.models import Case
from netra.cases.services import (
    AuthorityError,
    CaseInputError,
    confirm_classification,
    move_case,
)
from netra.desk.forms import recipients_offered
from netra.procedure import CaseState
from netra.procedure.states import ForwardRecipient
from tests.conftest import JAKARTA
from tests.steps import TO_SANCTION, payload_for, step, walk

REGISTERED = TO_SANCTION[:2]  # formal_material_check, registered


def decided(case: Case, actor: Any, *, subject: str, day: date = date(2024, 10, 7)) -> Case:
    walk(case, REGISTERED, cast={}, day=day, actor=actor)
    confirm_classification(
        case, category=5, acts=["campaign_attendance"], subject_type=subject, actor=actor
    )
    return step(case, CaseState.DECIDED_VIOLATION, actor, day, violation_type="pidana")


def forward(case: Case, actor: Any, recipient: str, letter_date: str, day: date) -> None:
    step(case, CaseState.FORWARDED, actor, day, recipient=recipient, letter_date=letter_date)


def test_a_village_heads_case_is_not_forwarded_to_bkn(file_report, cast):
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject="village_head")
    with pytest.raises(AuthorityError) as raised:
        forward(case, supervisor, "bkn", "2024-10-08", date(2024, 10, 8))
    assert raised.value.details["field"] == "payload.recipient"
    assert raised.value.details["expected"] == ["regional_government"]
    forward(case, supervisor, "regional_government", "2024-10-08", date(2024, 10, 8))
    case.refresh_from_db()
    assert case.state == CaseState.FORWARDED


def test_the_refusal_names_the_official_and_the_bodies_by_their_labels(file_report, cast):
    # QA walk-through: the desk showed "Terlapor berstatus village_head, bukan ASN: rekomendasi
    # ditujukan kepada regional_government, bukan kepada bkn." The details keep the codes.
    from django.utils import translation

    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject="village_head")
    with pytest.raises(AuthorityError) as raised:
        forward(case, supervisor, "bkn", "2024-10-08", date(2024, 10, 8))
    with translation.override("id"):
        indonesian = raised.value.message
    with translation.override("en"):
        english = raised.value.message
    for message in (indonesian, english):
        assert "village_head" not in message
        assert "regional_government" not in message
    assert "Kepala desa" in indonesian
    assert "Pemerintah daerah (Bupati/Wali Kota)" in indonesian
    assert "BKN (sejak 24 Agustus 2024)" in indonesian
    assert "Village head" in english
    assert "Regional government (Bupati/Wali Kota)" in english
    assert raised.value.details["expected"] == ["regional_government"]


def test_a_police_officers_case_goes_to_polri_not_to_bkn(file_report, cast):
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject="polri")
    with pytest.raises(AuthorityError):
        forward(case, supervisor, "bkn", "2024-10-08", date(2024, 10, 8))


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("regional_head", "kemendagri"),
        ("bumn_bumd", "other_authority"),
        ("other", "other_authority"),
    ],
)
def test_a_case_no_asn_authority_judges_is_not_forwarded_to_one(
    file_report, cast, subject, expected
):
    # BKN's accounts could never see such a case, so only Bawaslu could move it on: refused at
    # the forwarding, pointing to the body the rulebook names for the subject.
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject=subject)
    with pytest.raises(AuthorityError) as raised:
        forward(case, supervisor, "bkn", "2024-10-08", date(2024, 10, 8))
    assert raised.value.details["expected"] == [expected]
    forward(case, supervisor, expected, "2024-10-08", date(2024, 10, 8))
    case.refresh_from_db()
    assert case.state == CaseState.FORWARDED


@pytest.mark.parametrize(
    ("subject", "recipient", "expected"),
    [
        # An elected bupati's case is not sent to the bupati's own government.
        ("regional_head", "regional_government", "kemendagri"),
        ("tni", "regional_government", "tni"),
        ("tni", "polri", "tni"),
        ("village_head", "tni", "regional_government"),
        ("pns", "polri", "bkn"),
        ("pns", "kemendagri", "bkn"),
        ("polri", "kemendagri", "polri"),
    ],
)
def test_a_body_that_judges_another_kind_of_official_is_refused(
    file_report, cast, subject, recipient, expected
):
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject=subject)
    with pytest.raises(AuthorityError) as raised:
        forward(case, supervisor, recipient, "2024-10-08", date(2024, 10, 8))
    assert raised.value.details["expected"] == [expected]
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED_VIOLATION


@pytest.mark.parametrize("recipient", ["kpu", "dkpp", "other_authority"])
def test_kpu_dkpp_and_another_authority_are_open_to_any_official(file_report, cast, recipient):
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject="village_head")
    forward(case, supervisor, recipient, "2024-10-08", date(2024, 10, 8))
    case.refresh_from_db()
    assert case.state == CaseState.FORWARDED


@pytest.mark.parametrize("subject", ["pns", "pppk", "asn", "acting_regional_head"])
def test_an_asn_s_case_is_forwarded_to_bkn(file_report, cast, subject):
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject=subject)
    forward(case, supervisor, "bkn", "2024-10-08", date(2024, 10, 8))
    case.refresh_from_db()
    assert case.state == CaseState.FORWARDED


def test_a_letter_dated_in_the_future_is_refused_naming_the_field(file_report, cast):
    supervisor = cast["panwas_bogor"]
    case = decided(file_report().case, supervisor, subject="pns")
    with pytest.raises(CaseInputError, match="future") as raised:
        forward(case, supervisor, "bkn", "2024-10-09", date(2024, 10, 8))
    assert raised.value.details["field"] == "payload.letter_date"
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED_VIOLATION


def test_a_violation_is_not_decided_on_the_analyzers_suggestion_alone(file_report, cast):
    supervisor = cast["panwas_bogor"]
    case = walk(file_report().case, REGISTERED, cast=cast, day=date(2024, 10, 5))
    with pytest.raises(CaseInputError, match="confirm the classification"):
        step(case, CaseState.DECIDED_VIOLATION, supervisor, date(2024, 10, 6))
    # "Not a violation" needs no classification.
    step(case, CaseState.DECIDED_NOT_VIOLATION, supervisor, date(2024, 10, 6))


@pytest.mark.parametrize(
    ("today", "offers_kasn"),
    [(date(2024, 8, 1), True), (date(2024, 8, 30), True), (date(2024, 10, 1), False)],
)
def test_kasn_is_offered_only_while_it_handled_or_wound_up_cases(today, offers_kasn):
    codes = tuple(recipient.value for recipient in ForwardRecipient)
    offered = recipients_offered(codes, today=today)
    assert ("kasn" in offered) is offers_kasn
    assert "bkn" in offered


@pytest.mark.parametrize(
    ("subject", "offered_body", "not_offered"),
    [
        ("regional_head", "kemendagri", {"bkn", "regional_government", "tni", "polri"}),
        ("village_head", "regional_government", {"bkn", "kemendagri", "tni", "polri"}),
        ("pns", "bkn", {"kemendagri", "regional_government", "tni", "polri"}),
    ],
)
def test_the_desk_offers_only_bodies_that_judge_the_official(subject, offered_body, not_offered):
    codes = tuple(recipient.value for recipient in ForwardRecipient)
    offered = recipients_offered(codes, today=date(2024, 10, 1), subject=subject)
    assert offered_body in offered
    assert not_offered.isdisjoint(offered)
    assert {"kpu", "dkpp", "other_authority"} <= set(offered)


def test_a_letter_dated_today_in_jayapura_is_accepted_before_jakartas_midnight(
    file_report, cast, regions
):
    from netra.cases.models import Election, Regime
    from netra.regions.models import Region, RegionLevel

    papua = Region.objects.create(code="91", name="Papua", level=RegionLevel.PROVINCE)
    jayapura = Region.objects.create(
        code="91.71", name="Kota Jayapura", level=RegionLevel.CITY, parent=papua
    )
    Election.objects.create(
        code="pilkada-2024-9171",
        series="pilkada-2024",
        name="Pilkada 2024 Kota Jayapura",
        regime=Regime.PILKADA,
        region=jayapura,
        voting_on=date(2024, 11, 27),
    )
    supervisor = cast["bawaslu_ri"]
    case = file_report(election="bogor").case
    Case.objects.filter(pk=case.pk).update(region=jayapura)
    case.refresh_from_db()
    case = decided(case, supervisor, subject="pns")
    # 23:00 WIB on 7 Oct is already 8 Oct in Jayapura (WIT, UTC+9).
    late_evening = datetime(2024, 10, 7, 23, 0, tzinfo=JAKARTA)
    move_case(
        case,
        target=CaseState.FORWARDED,
        actor=supervisor,
        payload=payload_for(CaseState.DECIDED_VIOLATION, CaseState.FORWARDED, date(2024, 10, 8)),
        now=late_evening,
        today=date(2024, 10, 7),
    )
    case.refresh_from_db()
    assert case.state == CaseState.FORWARDED


def test_an_incident_before_2014_is_refused_naming_the_field(file_report):
    with pytest.raises(CaseInputError) as raised:
        file_report(incident_on=date(2013, 12, 31), known_on=date(2024, 10, 2))
    assert raised.value.details["field"] == "incident_on"
    assert "2014-01-01" in raised.value.message
