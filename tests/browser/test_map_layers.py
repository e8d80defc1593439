"""The staff map's layers (cases per 10,000 ASN, prevention coverage) and a region's prevention
in Chromium, at a phone's and a desktop's width; screenshots with NETRA_SCREENSHOTS set."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.test_maps import WIDTHS, _fits, _shot, nationwide  # noqa: F401 -- a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOW = datetime(2024, 10, 10, 9, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def covered(request: pytest.FixtureRequest, regions: dict[str, Any], cast: dict[str, Any]) -> None:
    """test_maps' nationwide map and cases, with Bogor socialised and its ASN counted."""
    request.getfixturevalue("nationwide")
    from netra.prevention.models import Meeting, MeetingKind
    from netra.vulnerability.models import AsnHeadcount
    from netra.vulnerability.services import load_published_headcounts

    load_published_headcounts(actor=None, now=NOW)  # the 38 provinces, 2023
    AsnHeadcount.objects.create(region=regions["bogor"], year=2024, count=3_500, imported_at=NOW)
    Meeting.objects.create(
        region=regions["bogor"],
        kind=MeetingKind.SOCIALISATION,
        held_on=date(2024, 9, 1),
        place="Aula Setda",
        organiser="Bawaslu Kabupaten Bogor",
        audience="ASN perangkat daerah",
        attendees=120,
        recorded_by=cast["bawaslu_ri"],
        recorded_at=NOW,
    )


def _logged_in(browser: Browser, live_server: Any, password: str, size: str) -> Page:
    width, height = WIDTHS[size]
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server.url + "/desk/masuk/")
    page.locator("#id_username").fill("bawaslu_ri")
    page.locator("#id_password").fill(password)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url("**/desk/")
    return page


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_supervisor_switches_the_map_to_prevention_and_to_cases_per_asn(
    live_server, browser: Browser, covered, staff_password, size
):
    width, _ = WIDTHS[size]
    page = _logged_in(browser, live_server, staff_password, size)
    # Nationally, every province has its published PNS count: none is hatched.
    page.goto(live_server.url + "/desk/peta/?layer=per_asn")
    assert page.locator("svg.choropleth path").count() == 38
    assert page.locator("svg.choropleth path.shade-unknown").count() == 0
    jabar = page.locator('svg.choropleth path[data-code="32"] title').text_content() or ""
    assert jabar.endswith(": 0,24")  # 8 cases per 327,676 PNS x 10,000
    _shot(page, f"map-per-asn-national-{size}")
    page.goto(live_server.url + "/desk/peta/?province=32")
    page.locator("#id_layer").select_option("prevention")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**layer=prevention**")
    card = page.locator("section.map-card")
    assert card.get_attribute("data-layer") == "prevention"
    assert "belum ada langkah" in page.locator(".map-legend").inner_text()
    bogor = page.locator('svg.choropleth path[data-code="32.01"] title')
    assert bogor.text_content() == "Kabupaten Bogor: 33 %"
    _fits(page, width)
    _shot(page, f"map-prevention-{size}")

    page.locator("#id_layer").select_option("per_asn")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**layer=per_asn**")
    # 7 cases over 3,500 ASN = 20 per 10,000; Bandung has no headcount and is hatched.
    assert bogor.text_content() == "Kabupaten Bogor: 20,00"
    bandung = page.locator('svg.choropleth path[data-code="32.73"]')
    assert bandung.get_attribute("class") == "shade-unknown"
    assert "tidak diketahui" in page.locator(".map-legend").inner_text()
    _fits(page, width)
    _shot(page, f"map-per-asn-{size}")

    page.locator('svg.choropleth a[href$="region=32.01"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**region=32.01")
    prevention = page.locator("#recap-prevention").inner_text()
    assert "Sosialisasi" in prevention
    assert "1 Sep. 2024" in prevention
    assert "20,00" in page.locator("#recap-rate").inner_text()
    _fits(page, width)
    _shot(page, f"map-region-prevention-{size}")
    page.context.close()
