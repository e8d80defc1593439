"""Reports join the grouping: one post forwarded five times is one item with five reporters; public
reports linking the same post are one group; the group page and the case page say so."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from netra.cases.models import ReporterKind
from netra.cases.services import ReporterData
from netra.monitoring.core.telegram import IncomingTip
from netra.monitoring.models import FormReport, Group, Item
from netra.monitoring.reports import group_of_case, reporters_of
from netra.monitoring.tiplines import receive_tip
from netra.public.services import PublicReport, submit_public_report
from tests.monitoring.conftest import BOGOR_POST, NOW

pytestmark = pytest.mark.django_db
POST_URL = "https://x.example/warga/status/123"


def _public_report(regions: dict[str, Any], description: str, name: str) -> Any:
    return submit_public_report(
        PublicReport(
            series="pilkada-2024",
            region=regions["bogor"],
            kecamatan=None,
            incident_on=date(2024, 9, 30),
            known_on=date(2024, 10, 1),
            place="Lapangan desa Cibinong",
            description=description,
            reporter=ReporterData(kind=ReporterKind.PEMILIH, name=name, address="Jl. Melati 1"),
            party=None,
            links=[POST_URL],
            files=[],
            may_disclose_identity=False,
            may_be_contacted=False,
        ),
        now=NOW,
        today=date(2024, 10, 1),
    )


def test_a_post_forwarded_five_times_is_one_item_with_five_reporters(regions):
    for chat in range(5):
        incoming = IncomingTip(str(chat), "7", f"warga{chat}", BOGOR_POST, False, False)
        receive_tip(incoming, channel="telegram" if chat < 3 else "whatsapp", now=NOW)
    item = Item.objects.get()
    assert item.tips.count() == 5
    reporters = reporters_of(item.group)
    assert reporters.by_channel == {"telegram": 3, "whatsapp": 2}
    assert reporters.total == 5


def test_public_reports_linking_one_post_join_one_group_shown_on_group_and_case(
    regions, elections, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _public_report(regions, f"Saya melihat postingan ini: {BOGOR_POST}", "Ani")
    with django_capture_on_commit_callbacks(execute=True):
        second = _public_report(regions, "Tolong ditindak, camat kampanye di video ini", "Budi")
    assert FormReport.objects.count() == 2
    group = Group.objects.get()  # different words, the same linked post
    reporters = reporters_of(group)
    assert reporters.by_channel == {"form": 2}
    assert reporters.cases == (first.case.number, second.case.number)
    found = group_of_case(second.case)
    assert found is not None
    assert found.group == group
    client = Client()
    client.force_login(cast["panwas_bogor"])
    case_page = client.get(f"/desk/kasus/{second.case.pk}/").content.decode()
    assert f"/desk/pantauan/kelompok/{group.pk}/" in case_page
    group_page = client.get(f"/desk/pantauan/kelompok/{group.pk}/").content.decode()
    assert first.case.number in group_page
    assert "Ani" not in group_page  # the reporter's identity stays on the report


def test_a_report_is_filed_even_when_grouping_fails(
    regions, elections, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("grouping is down")

    monkeypatch.setattr("netra.monitoring.services.ingest_posts", broken)
    with django_capture_on_commit_callbacks(execute=True):
        filed = _public_report(regions, BOGOR_POST, "Ani")
    assert filed.case.pk is not None
    assert FormReport.objects.count() == 0


def test_the_group_page_spells_the_tipline_services_as_they_spell_themselves(regions, cast):
    # qa-3: the group page read "Reported by 2 reporters (Whatsapp 1, Telegram 1)" and
    # "7C02FAE35A47 · Whatsapp · Sri" (capfirst and title of the stored code).
    for chat, channel in enumerate(("whatsapp", "whatsapp", "telegram")):
        incoming = IncomingTip(str(chat), "7", f"warga{chat}", BOGOR_POST, False, False)
        receive_tip(incoming, channel=channel, now=NOW)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(cast["panwas_bogor"])
    page = client.get(f"/desk/pantauan/kelompok/{Item.objects.get().group_id}/").content.decode()
    assert "WhatsApp 2, Telegram 1" in page
    assert " · WhatsApp · " in page
    assert "Whatsapp" not in page
