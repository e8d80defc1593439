"""The staff map and the public transparency page in Chromium, at a phone's and a desktop's width.

With NETRA_SCREENSHOTS set to a folder, each page is also saved there (docs/screenshots/).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.vulnerability.test_index_views import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
OUTPUT = os.environ.get("NETRA_SCREENSHOTS", "")


@pytest.fixture
def nationwide(regions, elections):
    """Every province and regency/city (so the map is whole), and proven cases in Jawa Barat."""
    from netra.regions.services import load_regions

    load_regions()
    for day in range(1, 8):
        make_case(
            elections["bogor"],
            regions["bogor"],
            known_on=date(2024, 10, day),
            reached=(("decided_violation", date(2024, 10, 9)),),
        )
    make_case(elections["bandung"], regions["bandung"], known_on=date(2024, 10, 2))


def _fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"page is {scroll} px wide in a {width} px window"
    box = page.locator("svg.choropleth").bounding_box()
    assert box is not None
    assert box["width"] > 0.8 * min(width, 1000) - 80


def _shot(page: Page, name: str) -> None:
    if OUTPUT:
        Path(OUTPUT).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(OUTPUT) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_supervisor_drills_down_from_the_national_map_to_a_regency_recap(
    live_server, browser: Browser, nationwide, staff_password, size
):
    width, height = WIDTHS[size]
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server.url + "/desk/masuk/")
    page.locator("#id_username").fill("bawaslu_ri")
    page.locator("#id_password").fill(staff_password)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url("**/desk/")
    page.goto(live_server.url + "/desk/peta/")
    assert page.locator("svg.choropleth path").count() == 38
    _fits(page, width)
    _shot(page, f"map-{size}")
    page.locator('svg.choropleth path[data-code="32"]').click()
    page.wait_for_url("**province=32")
    assert page.locator("svg.choropleth path").count() == 27
    # Kota Bogor sits inside Kabupaten Bogor and covers its middle: reach the regency's link
    # with the keyboard, as anyone who cannot point at a small shape would.
    page.locator('svg.choropleth a[href$="region=32.01"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**region=32.01")
    recap = page.locator("#region-recap")
    assert "Kabupaten Bogor" in recap.inner_text()
    _fits(page, width)
    _shot(page, f"map-regency-{size}")
    context.close()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_the_public_transparency_page_works_without_login(
    live_server, browser: Browser, nationwide, size
):
    width, height = WIDTHS[size]
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server.url + "/transparansi/")
    assert "Pelanggaran netralitas" in page.locator("h1").inner_text()
    _fits(page, width)
    _shot(page, f"transparency-{size}")
    page.locator('svg.choropleth path[data-code="32"]').click()
    page.wait_for_url("**province=32")
    assert "Kabupaten Bogor" in page.content()
    context.close()
