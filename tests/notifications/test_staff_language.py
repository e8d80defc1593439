"""Staff notices are read in the desk's language: kept as templates and values, worded when shown.

The stored text stays Indonesian; the e-mail is in the language the staff member last chose on
the site (Indonesian until they choose); the desk's "My notifications" builds the words in the
language of the page. Notices stored before (only their Indonesian text) are read back into
templates by migration 0005.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from netra.cases.models import Case
from netra.cases.notices import send_ppk_overdue_notices
from netra.cases.services import assign_case
from netra.notifications import texts
from netra.notifications.models import Channel, Notification
from netra.procedure import CaseState
from tests.conftest import JAKARTA

backfill = importlib.import_module(
    "netra.notifications.migrations.0005_staff_notice_content_backfill"
)


def _page(user, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client.get("/desk/pemberitahuan/").content.decode()


def test_a_new_case_notice_reads_in_the_desk_s_language(file_report, cast):
    case = file_report().case
    supervisor = cast["panwas_bogor"]
    english, indonesian = _page(supervisor, "en"), _page(supervisor, "id")
    assert f"New case {case.number} in your region" in english
    assert "Kasus baru" not in english
    assert f"Kasus baru {case.number} di wilayah Anda" in indonesian
    stored = Notification.objects.get(user=supervisor, channel=Channel.IN_APP)
    assert stored.subject == f"Kasus baru {case.number} di wilayah Anda"


@pytest.fixture
def assignee(cast):
    """A supervisor with an e-mail address, whom a case is assigned to."""
    user = cast["panwas_bogor"]
    user.email = "panwas@bawaslu.example"
    user.save()
    return user


def test_the_e_mail_is_indonesian_until_the_staff_member_chooses(
    file_report, cast, assignee, django_capture_on_commit_callbacks
):
    case = file_report().case
    with django_capture_on_commit_callbacks(execute=True):
        assign_case(case, assignee=assignee, actor=cast["bawaslu_jabar"])
    assert mail.outbox[-1].subject.startswith(f"Kasus {case.number}")
    assert f"Case {case.number} is assigned to you" in _page(assignee, "en")


def test_the_e_mail_is_in_the_language_the_staff_member_chose(
    file_report, cast, assignee, django_capture_on_commit_callbacks
):
    case = file_report().case
    client = Client()
    client.force_login(assignee)
    client.post(reverse("set_language"), {"language": "en", "next": "/desk/"})
    assignee.refresh_from_db()
    assert assignee.language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        assign_case(case, assignee=assignee, actor=cast["bawaslu_jabar"])
    assert mail.outbox[-1].subject == f"Case {case.number} is assigned to you"
    # What the desk keeps stays Indonesian; the page words it for whoever reads it.
    stored = Notification.objects.get(user=assignee, channel=Channel.IN_APP, kind="staff.assigned")
    assert stored.subject.startswith(f"Kasus {case.number}")


def test_a_language_the_site_does_not_offer_is_not_kept(cast):
    client = Client()
    client.force_login(cast["panwas_bogor"])
    client.post(reverse("set_language"), {"language": "fr", "next": "/desk/"})
    cast["panwas_bogor"].refresh_from_db()
    assert cast["panwas_bogor"].language == ""


def test_the_choice_follows_the_account_to_another_browser(cast):
    user = cast["panwas_bogor"]
    user.set_password("kata-sandi-uji-1")
    user.save()
    first = Client()
    first.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    first.post(reverse("desk:login"), {"username": user.username, "password": "kata-sandi-uji-1"})
    user.refresh_from_db()
    assert user.language == "en"
    second = Client()
    response = second.post(
        reverse("desk:login"), {"username": user.username, "password": "kata-sandi-uji-1"}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in second.get("/desk/").content.decode()


def test_an_overdue_ppk_notice_names_the_step_and_date_in_english(file_report, cast):
    case = file_report().case
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.AWAITING_PPK.value, deadline_on=date(2024, 11, 19)
    )
    send_ppk_overdue_notices(
        today=date(2024, 11, 20), now=datetime(2024, 11, 20, 7, 0, tzinfo=JAKARTA)
    )
    english = _page(cast["panwas_bogor"], "en")
    assert "The PPK is overdue on 1 case(s)" in english
    assert f"19 November 2024 ({CaseState.AWAITING_PPK.label_en})" in english
    assert CaseState.AWAITING_PPK.label_id in _page(cast["panwas_bogor"], "id")


def test_a_notice_stored_as_indonesian_text_is_read_back_into_templates(db):
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("id"):
        backfill._templates(gettext)
    states = {state.label_id: state.value for state in CaseState}
    found = backfill.content_of(
        "staff.deadline_digest",
        "Tenggat: 2 kasus Anda perlu ditindaklanjuti",
        "NTR-2024-000001: lewat tenggat sejak 3 Oktober 2024\nNTR-2024-000002: tenggat besok",
        states,
    )
    with translation.override("en"):
        subject, body = texts.rendered(found)
    assert subject == "Deadlines: 2 of your cases need action"
    assert body == ("NTR-2024-000001: overdue since 3 October 2024\nNTR-2024-000002: due tomorrow")
    assert backfill.content_of("staff.new_case", "Sesuatu yang lain", "", states) == {}
