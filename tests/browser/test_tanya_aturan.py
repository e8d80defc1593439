"""Tanya Aturan in a real browser: ask by date, send an unanswered question, answer, publish.

Screenshots go to NETRA_SCREENSHOTS when it names a folder (docs/screenshots/ in the repo).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netra.guidance.models import Question, QuestionStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NETRA_SCREENSHOTS", "")
UNANSWERED = "Bolehkah ASN menerima bingkisan ulang tahun dari tetangga?"


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"tanya-{name}.png"), full_page=True)


def _login(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/desk/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_a_citizen_asks_about_a_like_before_and_after_penetapan(live_server, page, regions):
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tanya/")
    expect(page.get_by_role("heading", name="Tanya Aturan")).to_be_visible()
    page.get_by_label("Pertanyaan Anda").fill("bolehkah ASN like postingan paslon?")
    page.get_by_label("Tanggal yang ditanyakan").fill("2024-09-01")
    page.get_by_role("button", name="Tanya", exact=True).click()
    answer = page.locator(".answer")
    expect(answer.get_by_role("heading", name="Tidak boleh")).to_be_visible()
    expect(answer).to_contain_text("SKB 2022 Lampiran II A4")
    expect(answer).not_to_contain_text("SKB 2022 Lampiran II B6")
    _shot(page, "answer-1-sep-2024")

    page.get_by_label("Tanggal yang ditanyakan").fill("2024-10-01")
    page.get_by_role("button", name="Tanya", exact=True).click()
    expect(page.locator(".answer")).to_contain_text("SKB 2022 Lampiran II B6")
    expect(page.locator(".answer")).to_contain_text("Hukuman disiplin berat")


def test_an_unanswered_question_is_answered_in_the_desk_and_published(
    live_server, page, cast, staff_password
):
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tanya/")
    page.get_by_label("Pertanyaan Anda").fill(UNANSWERED)
    page.get_by_role("button", name="Tanya", exact=True).click()
    expect(page.get_by_role("heading", name="Belum ada jawaban")).to_be_visible()
    expect(page.get_by_role("heading", name="Tidak menemukan jawaban?")).to_be_visible()
    _shot(page, "not-found")
    page.get_by_label("Kabupaten/kota Anda").select_option(label="Kabupaten Bogor")
    page.get_by_role("button", name="Kirim ke Bawaslu").click()
    expect(page.get_by_text("Menunggu jawaban dari Bawaslu.")).to_be_visible()
    question = Question.objects.get(text=UNANSWERED)

    _login(page, live_server.url, "panwas_bogor", staff_password)
    page.goto(f"{live_server.url}/desk/tanya/")
    page.get_by_role("link", name=UNANSWERED).click()
    page.get_by_label("Jawaban").fill(
        "Boleh menerima bingkisan pribadi; bingkisan dari calon ditolak atau dilaporkan."
    )
    page.get_by_label("Putusan").select_option("")
    page.get_by_label("Sumber").fill("Bawaslu Kabupaten Bogor")
    page.get_by_role("button", name="Simpan jawaban").click()
    expect(page.locator(".question-status")).to_have_text("Dijawab")
    expect(page.get_by_role("button", name="Terbitkan ke FAQ")).to_have_count(0)
    _shot(page, "desk-answer")

    page.context.clear_cookies()
    _login(page, live_server.url, "bawaslu_jabar", staff_password)
    page.goto(f"{live_server.url}/desk/tanya/{question.pk}/")
    page.get_by_role("button", name="Terbitkan ke FAQ").click()
    expect(page.locator(".question-status")).to_have_text("Diterbitkan di FAQ")
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tanya/?q=ASN+terima+bingkisan+ulang+tahun+tetangga%3F")
    expect(page.locator(".answer")).to_contain_text("bingkisan dari calon ditolak")
    _shot(page, "published-answer")
