"""Issue 10 in a real browser: the completion loop, a temuan entered at the desk, the inbox
order, merging a duplicate, and the reporter's notices in the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from netra.cases.models import Case, CaseLink
from netra.notifications.models import Notification
from tests.browser.test_flows import _login
from tests.web_ui.conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_case(page: Page, base: str, case: Case) -> None:
    page.goto(f"{base}/desk/kasus/{case.pk}/")


def _take_step(page: Page, summary: str, **fields: str) -> None:
    step = page.locator("details.action", has_text=summary).first
    step.locator("summary").click()
    for label, value in fields.items():
        step.get_by_label(label).fill(value)
    step.get_by_role("button", name="Lanjut ke tahap ini").click()


def test_the_supervisor_asks_for_completion_and_the_reporter_answers(
    live_server, page, file_report, staff_password, tmp_path
):
    report = file_report(
        incident_on=timezone.localdate() - timedelta(days=2),
        known_on=timezone.localdate() - timedelta(days=1),
        today=timezone.localdate(),
    )
    base = live_server.url
    _login(page, base, "panwas_bogor", staff_password)
    _open_case(page, base, report.case)
    _take_step(page, "Kajian awal")
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    _take_step(
        page,
        "Perlu kelengkapan laporan",
        **{
            "Yang harus dilengkapi pelapor": "Kirim tangkapan layar unggahan camat.",
            "Batas waktu pelapor menjawab": due,
        },
    )
    expect(page.locator("#case-state")).to_contain_text("Perlu kelengkapan")

    # The reporter types the code in lower case, without dashes.
    reporter = page.context.browser.new_page(locale="id-ID")  # type: ignore[union-attr]
    reporter.set_default_timeout(10_000)
    reporter.goto(f"{base}/status/")
    reporter.get_by_label("Kode pelacakan").fill(report.tracking_code.lower().replace("-", ""))
    reporter.get_by_role("button", name="Cek status").click()
    expect(reporter.get_by_text("Kirim tangkapan layar unggahan camat.")).to_be_visible()
    evidence = tmp_path / "tangkapan.png"
    evidence.write_bytes(PNG)
    reporter.get_by_label("Yang Anda tambahkan").fill(
        "Tangkapan layar terlampir, diunggah 3 hari lalu."
    )
    reporter.get_by_label("Berkas bukti tambahan").set_input_files(str(evidence))
    reporter.get_by_role("button", name="Kirim jawaban saya").click()
    expect(reporter.get_by_text("Jawaban Anda telah ditambahkan")).to_be_visible()

    page.reload()
    expect(page.locator("#case-state")).to_contain_text("Kajian awal")
    expect(page.get_by_text("Tangkapan layar terlampir, diunggah 3 hari lalu.")).to_be_visible()
    assert report.case.evidence.filter(kind="file").count() == 1


def test_a_supervisor_enters_a_temuan_at_the_desk(live_server, page, elections, staff_password):
    today = timezone.localdate()
    base = live_server.url
    _login(page, base, "panwas_bogor", staff_password)
    page.locator("#new-case").click()
    page.get_by_label("Temuan (Formulir A)").check()
    page.locator("input[name=series][value=pilkada-2024]").check()
    page.locator("#id_region").select_option("32.01")
    page.locator("#id_incident_on").fill((today - timedelta(days=2)).isoformat())
    page.locator("#id_known_on").fill((today - timedelta(days=1)).isoformat())
    page.locator("#id_place").fill("Kantor Kecamatan Cibinong")
    page.locator("#id_description").fill(
        "Camat Cibinong mengunggah foto bersama calon bupati nomor urut 2 di akun Facebook."
    )
    page.locator("#id_party_name").fill("Budi Santoso")
    page.locator("#enter-case").click()
    expect(page.locator("#case-state")).to_contain_text("Temuan ditetapkan")
    assert Case.objects.get().origin == "finding"


def test_the_inbox_shows_overdue_cases_first_and_undated_last(
    live_server, page, file_report, staff_password
):
    today = timezone.localdate()
    undated, overdue, later = (file_report().case for _ in range(3))
    Case.objects.filter(pk=undated.pk).update(deadline_on=None)
    Case.objects.filter(pk=overdue.pk).update(deadline_on=today - timedelta(days=5))
    Case.objects.filter(pk=later.pk).update(deadline_on=today + timedelta(days=5))
    _login(page, live_server.url, "panwas_bogor", staff_password)
    # The first column holds the bulk-action checkbox; the number is in the "Nomor" cell.
    numbers = page.locator("table tbody tr td[data-label=Nomor]").all_inner_texts()
    assert [n.strip() for n in numbers][:3] == [overdue.number, later.number, undated.number]


def test_a_duplicate_is_offered_and_merged_in_one_click(
    live_server, page, file_report, staff_password
):
    first, second = file_report().case, file_report().case
    base = live_server.url
    _login(page, base, "panwas_bogor", staff_password)
    _open_case(page, base, second)
    expect(page.locator("#duplicates")).to_contain_text(first.number)
    page.get_by_role("button", name="Gabungkan sebagai duplikat kasus ini").click()
    expect(page.locator("#duplicates")).to_contain_text("Digabung ke")
    assert CaseLink.objects.get().other_id == first.pk


def test_the_reporters_receipt_is_kept_in_the_outbox_and_shown_on_the_case(
    live_server, page, elections, staff_password
):
    today = timezone.localdate()
    base = live_server.url
    page.set_default_timeout(10_000)
    page.goto(f"{base}/lapor/")
    page.get_by_label("Pemilih", exact=True).check()
    page.get_by_label("Nama lengkap Anda").fill("Dewi Lestari")
    page.get_by_label("Alamat Anda").fill("Jl. Melati 9, Bogor")
    page.locator("#id_reporter_contact").fill("dewi@example.org")
    page.get_by_label("Kabupaten/kota tempat kejadian").select_option("32.01")
    page.locator("#id_place").fill("Balai desa")
    page.get_by_label("Kapan kejadiannya?").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Kapan Anda mengetahuinya?").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Apa yang terjadi?").fill(
        "Kepala dinas mengajak pegawai hadir di kampanye calon bupati nomor urut 1."
    )
    page.get_by_label("Saya menyatakan laporan ini benar").check()
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_label("Tanggalnya benar: kirim laporan dengan tanggal ini").check()
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", name="Laporan Anda telah diterima")).to_be_visible()
    notice = Notification.objects.get(kind="reporter.received")
    assert notice.recipient == "dewi@example.org"
    assert notice.kind == "reporter.received"

    _login(page, base, "panwas_bogor", staff_password)
    _open_case(page, base, Case.objects.get())
    expect(page.locator("#notices")).to_contain_text("Laporan diterima")
    expect(page.locator("#notices")).not_to_contain_text("dewi@example.org")
