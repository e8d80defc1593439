"""End-to-end flows in a real browser: report, track, log in, move a case, scope, XSS."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from netra.cases.models import Case, Report
from tests.web_ui.conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Page, base: str, username: str, password: str) -> None:
    page.set_default_timeout(10_000)
    page.goto(f"{base}/desk/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_a_citizen_reports_with_evidence_then_follows_it(live_server, page, elections, tmp_path):
    evidence = tmp_path / "bukti.png"
    evidence.write_bytes(PNG)
    today = timezone.localdate()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/lapor/")
    expect(page.get_by_role("heading", name="Buat laporan")).to_be_visible()
    page.get_by_label("Pemilih", exact=True).check()
    page.get_by_label("Nama lengkap Anda").fill("Dewi Lestari")
    page.get_by_label("Alamat Anda").fill("Jl. Melati 9, Bogor")
    page.get_by_label("Nama pejabat/pegawai yang Anda laporkan").fill("Hendra Gunawan")
    page.get_by_label("Kabupaten/kota tempat kejadian").select_option("32.01")
    page.locator("#id_place").fill("Balai desa")
    page.get_by_label("Kapan kejadiannya?").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Kapan Anda mengetahuinya?").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Apa yang terjadi?").fill(
        "Kepala dinas mengajak pegawai hadir di kampanye calon bupati nomor urut 1."
    )
    page.get_by_label("Berkas bukti").set_input_files(str(evidence))
    page.get_by_label("Saya menyatakan laporan ini benar").check()
    page.get_by_role("button", name="Kirim laporan").click()
    # Today is after the 2024 voting day: the form asks to confirm the date, keeping the file.
    expect(page.locator("#date-warning")).to_contain_text("setelah hari pemungutan suara")
    expect(page.locator("#held-evidence")).to_contain_text("bukti.png")
    page.get_by_label("Tanggalnya benar: kirim laporan dengan tanggal ini").check()
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", name="Laporan Anda telah diterima")).to_be_visible()
    code = page.locator("#tracking-code").inner_text().strip()
    report = Report.objects.get(tracking_code=code)
    assert report.case.evidence.filter(kind="file").count() == 1

    page.get_by_role("link", name="Ikuti laporan ini").click()
    expect(page.get_by_text("Laporan diterima").first).to_be_visible()
    assert "Dewi Lestari" not in page.content()


def test_staff_log_in_move_a_case_and_see_its_deadline(
    live_server, page, file_report, regions, staff_password
):
    report = file_report(election="pemilu", region=regions["bogor"])
    _login(page, live_server.url, "panwas_bogor", staff_password)
    expect(page.get_by_role("heading", name="Kotak perkara")).to_be_visible()
    page.get_by_role("link", name=report.case.number).click()
    page.get_by_text("Kajian awal (pemeriksaan syarat formal dan materiel)").first.click()
    page.get_by_role("button", name="Lanjut ke tahap ini").first.click()
    expect(page.locator("#case-state")).to_contain_text("Kajian awal")
    case = Case.objects.get(pk=report.case.pk)
    assert case.state == "formal_material_check"
    expect(page.locator("#case-deadline")).to_contain_text("Tenggat")
    if case.deadline_on:
        expect(page.locator("#case-deadline time")).to_have_attribute(
            "datetime", case.deadline_on.isoformat()
        )


def test_a_region_scoped_user_is_refused_another_regions_case(
    live_server, page, file_report, staff_password
):
    report = file_report()
    _login(page, live_server.url, "outsider_surabaya", staff_password)
    response = page.goto(f"{live_server.url}/desk/kasus/{report.case.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()


def test_an_xss_payload_in_a_report_is_shown_as_text(
    live_server, page, file_report, staff_password
):
    payload = "<img src=x onerror=\"document.title='pwned'\"><script>window.pwned=1</script>"
    report = file_report(description=f"{payload} camat membagikan poster calon di grup kantor")
    _login(page, live_server.url, "panwas_bogor", staff_password)
    page.goto(f"{live_server.url}/desk/kasus/{report.case.pk}/")
    expect(page.locator("#report-text")).to_contain_text("<script>window.pwned=1</script>")
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"
    assert page.locator("#report-text img").count() == 0
