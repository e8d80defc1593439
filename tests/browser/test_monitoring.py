"""The monitoring queue in a real browser: keyboard triage (j/k, d with a reason, a to accept)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netra.monitoring.models import (
    Group,
    GroupStatus,
    Item,
    OutboundMessage,
    OutboxStatus,
    Tip,
)
from tests.monitoring.conftest import BOGOR_ATTENDANCE, BOGOR_POST, ingest_posts_as_jsonl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECOND_POST = (
    "Kepala Desa Sukamaju Kabupaten Bogor terekam mengajak warga memilih calon bupati nomor "
    "urut 1 saat membagikan sembako di balai desa"
)


def _login(page: Page, base: str, username: str, password: str) -> None:
    page.set_default_timeout(10_000)
    page.goto(f"{base}/desk/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_a_supervisor_triages_the_queue_with_the_keyboard(
    live_server, page, elections, staff_password
):
    ingest_posts_as_jsonl(
        [{"id": "1", "text": BOGOR_POST, "reach": 500}, {"id": "2", "text": SECOND_POST}]
    )
    assert Group.objects.filter(is_violation=True, region__code="32.01").count() == 2
    _login(page, live_server.url, "panwas_bogor", staff_password)
    page.goto(f"{live_server.url}/desk/pantauan/")
    rows = page.locator("tr.queue-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_class("queue-row is-current")

    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_class("queue-row is-current")
    second = Group.objects.get(pk=int(rows.nth(1).get_attribute("data-group") or 0))
    page.keyboard.press("d")
    page.locator("#triage-reason").fill("sudah ditangani Panwascam")
    page.keyboard.press("Enter")
    expect(page.locator("tr.queue-row")).to_have_count(1)
    second.refresh_from_db()
    assert second.status == GroupStatus.DISMISSED

    page.keyboard.press("a")
    page.locator("#triage-election").select_option(elections["bogor"].code)
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text("Tidak ada yang perlu ditinjau di wilayah Anda.")).to_be_visible()
    first = Group.objects.exclude(pk=second.pk).get()
    assert first.status == GroupStatus.ACCEPTED
    assert first.case is not None
    assert first.case.region.code == "32.01"


def test_the_group_page_shows_the_analyzers_reading_and_the_tiplines_replies(
    live_server, page, regions, staff_password
):
    ingest_posts_as_jsonl([{"id": "1", "text": BOGOR_ATTENDANCE, "reach": 500}])
    group = Group.objects.get()
    item = group.items.get()
    tip = Tip.objects.create(
        channel="telegram", tracking_code="5A1B2C3D4E5F", chat_id="7001", sender="warga",
        message_id="2", item=item, received_at=item.first_seen_at,
    )  # fmt: skip
    OutboundMessage.objects.create(
        channel="telegram", chat_id="7001", tip=tip, status=OutboxStatus.SENT,
        text="Terima kasih, kiriman Anda kami terima. Kode pelacakan: 5A1B2C3D4E5F.",
        next_attempt_at=item.first_seen_at, created_at=item.first_seen_at,
        sent_at=item.first_seen_at,
    )  # fmt: skip
    _login(page, live_server.url, "panwas_bogor", staff_password)
    page.goto(f"{live_server.url}/desk/pantauan/")
    page.keyboard.press("Enter")  # open the current group
    expect(page.get_by_role("heading", name="Bacaan penganalisis")).to_be_visible()
    reading = page.locator("section.reading")
    expect(reading.locator("mark").first).to_have_text("ikut")
    expect(reading.get_by_role("heading", name="Menghadiri/mengikuti deklarasi")).to_be_visible()
    expect(reading).to_contain_text("Bukti dalam teks: ikut; kampanye; pasangan calon")
    expect(reading).to_contain_text("PP 94/2021 Pasal 5 huruf n")
    expect(reading).to_contain_text("Pegawai Negeri Sipil (termasuk CPNS) · Camat Cibinong")
    tips = page.locator("section.tips")
    expect(tips.get_by_role("heading", name="Pesan tipline dan balasannya")).to_be_visible()
    expect(tips).to_contain_text("Kode pelacakan: 5A1B2C3D4E5F")
    expect(tips).to_contain_text("Terkirim")


@pytest.mark.skipif(
    not os.environ.get("NETRA_SCREENSHOTS"), reason="set NETRA_SCREENSHOTS to take screenshots"
)
def test_take_a_screenshot_of_the_queue(live_server, page, regions, staff_password):
    examples = Path(__file__).resolve().parents[2] / "examples" / "monitoring-posts.jsonl"
    records = [json.loads(line) for line in examples.read_text(encoding="utf-8").splitlines()]
    ingest_posts_as_jsonl(records, source="contoh impor")
    _login(page, live_server.url, "bawaslu_ri", staff_password)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/desk/pantauan/")
    page.keyboard.press("j")
    out = Path(os.environ["NETRA_SCREENSHOTS"])
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / "monitoring-queue-desktop.png"), full_page=True)

    # The group of the first post, with a tip forwarded to the bot and the replies it got.
    item = Item.objects.get(external_id="m1")
    received = item.first_seen_at
    tip = Tip.objects.create(
        channel="telegram", tracking_code="A9FC648FF56B", chat_id="7001", sender="warga_cibinong",
        message_id="2", item=item, received_at=received,
    )  # fmt: skip
    OutboundMessage.objects.create(
        channel="telegram", chat_id="7001", tip=tip, status=OutboxStatus.SENT,
        text="Terima kasih, kiriman Anda kami terima. Kode pelacakan: A9FC648FF56B. Kami akan "
        "mengabari Anda bila kiriman ini ditindaklanjuti.",
        next_attempt_at=received, created_at=received, sent_at=received,
    )  # fmt: skip
    page.goto(f"{live_server.url}/desk/pantauan/kelompok/{item.group_id}/")
    page.screenshot(path=str(out / "monitoring-group-desktop.png"), full_page=True)
