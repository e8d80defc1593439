"""Issue 13 in a real browser, at phone and desktop widths: a signed declaration uploaded and
shown, prevention coverage on the recap, and a regional head's conditional answer in Tanya Aturan.

Screenshots go to NETRA_SCREENSHOTS when it names a folder (docs/screenshots/ in the repo).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfWriter

from netra.prevention.models import Declaration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NETRA_SCREENSHOTS", "")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _signed_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_signed_declaration_is_uploaded_shown_and_counted_on_the_recap(
    live_server, browser: Browser, regions, cast, staff_password, width
):
    context = browser.new_context(
        viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)),  # type: ignore[arg-type]
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/desk/masuk/")
    page.locator("#id_username").fill("panwas_bogor")
    page.locator("#id_password").fill(staff_password)
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"{live_server.url}/desk/pencegahan/32.01/")
    page.locator("#id_declaration-signed_by").fill("Bupati Bogor")
    page.locator("#id_declaration-signed_on").fill("2024-08-01")
    page.get_by_label("Deklarasi bertanda tangan (PDF atau foto)").first.set_input_files(
        {"name": "deklarasi.pdf", "mimeType": "application/pdf", "buffer": _signed_pdf()}
    )
    page.get_by_role("button", name="Catat deklarasi").click()
    declaration = Declaration.objects.get()
    link = page.locator(".declarations").get_by_role("link", name="Dokumen bertanda tangan")
    expect(link).to_be_visible()
    expect(page.locator(".declarations")).to_contain_text(declaration.document_sha256[:14])
    _shot(page, f"pencegahan-signed-declaration-{width}")

    page.goto(f"{live_server.url}/desk/rekap/")
    section = page.locator("#prevention-coverage")
    expect(section.get_by_role("heading")).to_have_text(
        "Pencegahan: deklarasi, sosialisasi, imbauan terkirim"
    )
    row = section.locator('tr[data-region="32"]')
    expect(row.locator(".declared")).to_contain_text("1")
    expect(row.locator(".imbauan")).to_contain_text("0")
    section.scroll_into_view_if_needed()
    _shot(page, f"rekap-prevention-coverage-{width}")
    context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_regional_head_may_campaign_on_leave_and_the_page_names_the_conditions(
    live_server, browser: Browser, regions, width
):
    context = browser.new_context(
        viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)),  # type: ignore[arg-type]
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tanya/")
    page.get_by_label("Pertanyaan Anda").fill("Bolehkah bupati kampanye di hari libur?")
    page.get_by_label("Tanggal yang ditanyakan").fill("2024-10-12")
    page.get_by_role("button", name="Tanya", exact=True).click()
    answer = page.locator(".answer")
    expect(answer.get_by_role("heading", name="Boleh")).to_be_visible()
    expect(answer).to_contain_text("cuti di luar tanggungan negara")
    expect(answer).to_contain_text("UU 10/2016 Pasal 70 ayat (2)")
    _shot(page, f"tanya-regional-head-on-leave-{width}")
    context.close()
