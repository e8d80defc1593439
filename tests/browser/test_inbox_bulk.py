"""Bulk actions in the inbox and the reporter's letters, in a real browser.

With NETRA_SCREENSHOTS set, the inbox after a bulk move is photographed at phone and desktop
widths (docs/screenshots/inbox-bulk-*.png).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from netra.cases.models import Case
from tests.browser.test_flows import _login
from tests.browser.test_screenshots import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_supervisor_moves_ticked_cases_and_sees_each_outcome(
    live_server, browser: Browser, file_report, staff_password, size
):
    first, second = file_report().case, file_report().case
    width, height = WIDTHS[size]
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
    page: Page = context.new_page()
    _login(page, live_server.url, "panwas_bogor", staff_password)
    page.locator(f"#select-{first.pk}").check()
    page.locator(f"#select-{second.pk}").check()
    page.locator("#bulk-target").select_option("formal_material_check")
    page.locator("#bulk-move").click()
    expect(page.locator(".messages")).to_contain_text("Dipindahkan ke tahap berikutnya:")
    expect(page.locator(".messages")).to_contain_text(first.number)
    expect(page.locator(".messages")).to_contain_text(second.number)
    assert set(Case.objects.values_list("state", flat=True)) == {"formal_material_check"}
    if out := os.environ.get("NETRA_SCREENSHOTS", ""):
        Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(out) / f"inbox-bulk-{size}.png"), full_page=True)

    # Exporting the ticked case downloads a spreadsheet of it.
    page.locator(f"#select-{first.pk}").check()
    with page.expect_download() as download:
        page.locator("#bulk-export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()


def test_the_reporter_downloads_the_receipt_from_the_status_page(
    live_server, page: Page, file_report
):
    report = file_report()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/status/{report.tracking_code}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tanda terima laporan, PDF").click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == f"Tanda Terima Laporan {report.case.number}.pdf"


def test_select_all_ticks_every_case_on_the_page(
    live_server, page: Page, file_report, staff_password
):
    cases = [file_report().case for _ in range(3)]
    _login(page, live_server.url, "panwas_bogor", staff_password)
    page.locator("#select-all").check()
    for case in cases:
        expect(page.locator(f"#select-{case.pk}")).to_be_checked()
    page.locator("#select-all").uncheck()
    expect(page.locator(f"#select-{cases[0].pk}")).not_to_be_checked()
