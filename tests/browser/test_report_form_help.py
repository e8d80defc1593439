"""The report form in a real browser: searching the region, picking a kecamatan from the list the
region brings, and evidence kept while a date is confirmed. With NETRA_SCREENSHOTS set, the kept
state is photographed at phone and desktop widths (docs/screenshots/report-form-kept-*.png)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from netra.cases.models import Case
from netra.regions.models import Agency, AgencyKind
from tests.browser.test_screenshots import WIDTHS
from tests.web_ui.conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_reporter_finds_the_region_picks_a_kecamatan_and_keeps_the_evidence(
    live_server, browser: Browser, elections, regions, tmp_path, size
):
    for code, name in (("32.01.01", "Cibinong"), ("32.01.02", "Gunungputri")):
        Agency.objects.create(
            code=code, name=f"Kecamatan {name}", kind=AgencyKind.KECAMATAN, region=regions["bogor"]
        )
    evidence = tmp_path / "bukti.png"
    evidence.write_bytes(PNG)
    today = timezone.localdate()
    width, height = WIDTHS[size]
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/lapor/")
    page.get_by_label("Pemilih", exact=True).check()
    page.get_by_label("Nama lengkap Anda").fill("Dewi Lestari")
    page.get_by_label("Alamat Anda").fill("Jl. Melati 9, Bogor")
    # The search box (JavaScript) narrows the select to one regency and chooses it.
    page.get_by_placeholder("Cari kabupaten atau kota").fill("kabupaten bog")
    expect(page.locator("#id_region")).to_have_value("32.01")
    expect(page.locator("#kecamatan-options option[value='Gunungputri']")).to_have_count(1)
    page.get_by_label("Kecamatan").fill("Gunungputri")
    page.locator("#id_place").fill("Balai desa")
    page.get_by_label("Kapan kejadiannya?").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Kapan Anda mengetahuinya?").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Apa yang terjadi?").fill("terlalu pendek")
    page.get_by_label("Berkas bukti").set_input_files(str(evidence))
    page.get_by_label("Saya menyatakan laporan ini benar").check()
    page.get_by_role("button", name="Kirim laporan").click()

    # An error and a date to confirm: the file stays attached, listed by name.
    expect(page.locator("#held-evidence")).to_contain_text("bukti.png")
    expect(page.locator("#id_kecamatan")).to_have_value("Gunungputri")
    page.get_by_label("Apa yang terjadi?").fill(
        "Kepala dinas mengajak pegawai hadir di kampanye calon bupati nomor urut 1."
    )
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("#date-warning")).to_contain_text("setelah hari pemungutan suara")
    expect(page.locator("#held-evidence")).to_contain_text("bukti.png")
    if out := os.environ.get("NETRA_SCREENSHOTS", ""):
        Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(out) / f"report-form-kept-{size}.png"), full_page=True)
    page.get_by_label("Tanggalnya benar: kirim laporan dengan tanggal ini").check()
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", name="Laporan Anda telah diterima")).to_be_visible()
    case = Case.objects.get()
    assert case.kecamatan is not None
    assert case.kecamatan.code == "32.01.02"
    assert case.evidence.filter(kind="file", original_name="bukti.png").count() == 1
    context.close()
