"""The prevention register in a real browser: declare, record a socialisation, send imbauan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netra.prevention.models import ImbauanBatch
from netra.regions.models import Agency, AgencyKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NETRA_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"pencegahan-{name}.png"), full_page=True)


def test_a_regency_declares_socialises_sends_imbauan_and_sees_its_coverage(
    live_server, page, regions, cast, staff_password
):
    for code, name in (("disdik", "Dinas Pendidikan"), ("dinkes", "Dinas Kesehatan")):
        Agency.objects.create(
            code=f"32.01/{code}", name=name, kind=AgencyKind.DINAS, region=regions["bogor"]
        )
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/desk/masuk/")
    page.locator("#id_username").fill("panwas_bogor")
    page.locator("#id_password").fill(staff_password)
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"{live_server.url}/desk/pencegahan/32.01/")
    page.locator("#id_declaration-signed_by").fill("Bupati Bogor")
    page.locator("#id_declaration-signed_on").fill("2024-08-01")
    page.get_by_role("button", name="Catat deklarasi").click()
    expect(page.locator(".declarations")).to_contain_text("Bupati Bogor")

    page.locator("#id_meeting-kind").select_option("socialisation")
    page.locator("#id_meeting-held_on").fill("2024-09-10")
    page.locator("#id_meeting-place").fill("Aula Tegar Beriman")
    page.locator("#id_meeting-organiser").fill("Bawaslu Kabupaten Bogor")
    page.locator("#id_meeting-audience").fill("Kepala OPD dan camat")
    page.locator("#id_meeting-attendees").fill("120")
    page.get_by_role("button", name="Catat rapat").click()
    expect(page.locator(".meetings")).to_contain_text("Aula Tegar Beriman")

    page.locator("#id_imbauan-letter_number").fill("123/PM.00/K.JB-01/09/2024")
    page.locator("#id_imbauan-sent_on").fill("2024-09-15")
    with page.expect_download() as download:
        page.get_by_role("button", name="Buat surat untuk setiap instansi (PDF)").click()
    assert download.value.suggested_filename == "imbauan-32.01-2024-09-15.pdf"
    assert ImbauanBatch.objects.get().agency_count == 2
    _shot(page, "region")

    page.goto(f"{live_server.url}/desk/pencegahan/")
    row = page.locator('tr[data-region="32.01"]')
    expect(row.locator(".declared")).to_have_text("ya")
    expect(row.locator(".imbauan")).to_contain_text("15 September 2024")
    _shot(page, "coverage")
