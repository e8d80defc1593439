"""Screenshots of the main pages at phone and desktop widths for docs/screenshots/.

Skipped unless NETRA_SCREENSHOTS names the output folder:
    NETRA_SCREENSHOTS=docs/screenshots .venv/bin/pytest tests/browser/test_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser

from netra.cases.models import Report
from netra.cases.services import move_case, new_upload
from netra.procedure import CaseState
from tests.web_ui.conftest import PNG

OUTPUT = os.environ.get("NETRA_SCREENSHOTS", "")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not OUTPUT, reason="set NETRA_SCREENSHOTS to a folder to take screenshots"),
]


def test_take_screenshots_of_the_main_pages(
    live_server, browser: Browser, file_report, cast, staff_password, regions
):
    from netra.accounts.models import User

    # A Panwascam account from before the kecamatan was required: its inbox says what to do.
    unscoped = User.objects.create(
        username="panwascam_lama", role="panwascam", region=regions["bogor"]
    )
    unscoped.set_password(staff_password)
    unscoped.save()
    report: Report = file_report(files=(new_upload("foto.png", PNG),))
    file_report(election="surabaya")
    today = timezone.localdate()
    asked: Report = file_report(
        incident_on=today - timedelta(days=2), known_on=today - timedelta(days=1), today=today
    )
    supervisor = cast["panwas_bogor"]
    now = timezone.now()
    move_case(asked.case, target=CaseState.FORMAL_MATERIAL_CHECK, actor=supervisor, payload={},
              now=now, today=today)  # fmt: skip
    move_case(
        asked.case,
        target=CaseState.NEEDS_COMPLETION,
        actor=supervisor,
        payload={
            "missing_items": "Mohon kirim tangkapan layar unggahan dan tanggal unggahnya.",
            "completion_due_on": today + timedelta(days=3),
        },
        now=now,
        today=today,
    )
    out = Path(OUTPUT)
    out.mkdir(parents=True, exist_ok=True)
    public_pages = {
        "home": "/",
        "report-form": "/lapor/",
        "status": f"/status/{report.tracking_code}/",
        "status-completion": f"/status/{asked.tracking_code}/",
    }
    staff_pages = {
        "inbox": "/desk/",
        "case": f"/desk/kasus/{report.case.pk}/",
        "recap": "/desk/rekap/",
        "new-case": "/desk/kasus/baru/",
    }
    for size, (width, height) in WIDTHS.items():
        context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
        page = context.new_page()
        for name, path in public_pages.items():
            page.goto(live_server.url + path)
            page.screenshot(path=str(out / f"{name}-{size}.png"), full_page=True)
        page.goto(live_server.url + "/desk/masuk/")
        page.locator("#id_username").fill("bawaslu_jabar")
        page.locator("#id_password").fill(staff_password)
        page.locator("button[type=submit].primary").click()
        page.wait_for_url("**/desk/")
        for name, path in staff_pages.items():
            page.goto(live_server.url + path)
            page.screenshot(path=str(out / f"{name}-{size}.png"), full_page=True)
        context.close()
        context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(live_server.url + "/desk/masuk/")
        page.locator("#id_username").fill("panwascam_lama")
        page.locator("#id_password").fill(staff_password)
        page.locator("button[type=submit].primary").click()
        page.wait_for_url("**/desk/")
        page.screenshot(path=str(out / f"inbox-no-kecamatan-{size}.png"), full_page=True)
        context.close()
    assert (out / "case-desktop.png").exists()
    _letters(report, cast["bawaslu_jabar"], out)


def _letters(report: Report, user: object, out: Path) -> None:
    """Each letter's first page as PNG (needs pdftoppm from poppler-utils)."""
    from datetime import date

    from django.utils import timezone

    from netra.documents.services import DocumentKind, generate_document

    for kind in DocumentKind:
        document = generate_document(
            user,  # type: ignore[arg-type]
            report.case.pk,
            kind,
            now=timezone.now(),
            today=date(2024, 10, 7),
        )
        pdf = out / f"letter-{kind.value}.pdf"
        pdf.write_bytes(document.file.read())
        subprocess.run(  # noqa: S603 -- fixed argv
            ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(pdf.with_suffix(""))],  # noqa: S607
            check=True,
        )
        pdf.unlink()
