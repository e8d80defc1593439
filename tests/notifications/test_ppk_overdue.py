"""Staff hear when the PPK lets its deadline for a sanction pass (the daily run)."""

from __future__ import annotations

from datetime import date, datetime

from typer.testing import CliRunner

from netra.cases.models import Case
from netra.cases.notices import send_ppk_overdue_notices
from netra.notifications.models import Channel, Notification
from netra.procedure import CaseState
from tests.conftest import JAKARTA

TODAY = date(2024, 11, 20)
NOW = datetime(2024, 11, 20, 7, 0, tzinfo=JAKARTA)


def _waiting_for_ppk(case: Case, *, due: date, state: CaseState = CaseState.AWAITING_PPK) -> None:
    # The walk to this state (decision, forwarding, BKN verification) is tested elsewhere; here
    # only the state and its deadline matter.
    Case.objects.filter(pk=case.pk).update(state=state.value, deadline_on=due)


def _told(user) -> list[Notification]:
    return list(
        Notification.objects.filter(user=user, channel=Channel.IN_APP, kind="staff.ppk_overdue")
    )


def test_the_regions_office_and_bkn_hear_of_an_overdue_ppk(file_report, cast):
    overdue, on_time = file_report().case, file_report().case
    _waiting_for_ppk(overdue, due=date(2024, 11, 19))
    _waiting_for_ppk(on_time, due=TODAY, state=CaseState.PPK_EXAMINATION)
    assert send_ppk_overdue_notices(today=TODAY, now=NOW) == 2
    for name in ("panwas_bogor", "bkn_analyst"):
        [notice] = _told(cast[name])
        assert overdue.number in notice.body
        assert on_time.number not in notice.body
        assert "19 November 2024" in notice.body
        assert notice.case_id == overdue.pk
    assert _told(cast["outsider_surabaya"]) == []
    assert _told(cast["ppk_bogor"]) == []


def test_an_assigned_case_is_told_to_its_assignee_not_the_whole_office(file_report, cast):
    case = file_report().case
    Case.objects.filter(pk=case.pk).update(assigned_to=cast["bawaslu_jabar"])
    _waiting_for_ppk(case, due=date(2024, 11, 1))
    send_ppk_overdue_notices(today=TODAY, now=NOW)
    assert len(_told(cast["bawaslu_jabar"])) == 1
    assert _told(cast["panwas_bogor"]) == []


def test_a_decided_sanction_is_not_overdue(file_report, cast):
    case = file_report().case
    _waiting_for_ppk(case, due=date(2024, 11, 1), state=CaseState.SANCTION_IMPOSED)
    assert send_ppk_overdue_notices(today=TODAY, now=NOW) == 0


def test_the_daily_digest_command_sends_them(file_report, cast):
    from netra.cli import app

    _waiting_for_ppk(file_report().case, due=date(2020, 1, 1))
    result = CliRunner().invoke(app, ["outbox", "digest"])
    assert result.exit_code == 0, result.output
    assert "PPK overdue notices for 2 staff members" in result.output
