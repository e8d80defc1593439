"""The completion loop on the tracking page and through the API, as the reporter uses it."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Case, Evidence
from netra.cases.services import move_case
from netra.procedure import CaseState
from tests.api.test_api import post_report, report_body
from tests.web_ui.conftest import PNG

REQUEST = "Sebutkan nama camat dan kirim foto unggahannya."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def awaiting(elections: Any, cast: dict[str, Any]) -> dict[str, Any]:
    """A fresh report the Bogor office asked to complete within three days."""
    filed = post_report(report_body())
    assert filed.status_code == 201, filed.content
    case = Case.objects.get()
    now = timezone.now()
    today = timezone.localdate(now)
    supervisor = cast["panwas_bogor"]
    move_case(
        case,
        target=CaseState.FORMAL_MATERIAL_CHECK,
        actor=supervisor,
        payload={},
        now=now,
        today=today,
    )
    move_case(
        case,
        target=CaseState.NEEDS_COMPLETION,
        actor=supervisor,
        payload={"missing_items": REQUEST, "completion_due_on": today + timedelta(days=3)},
        now=now,
        today=today,
    )
    return {"code": filed.json()["tracking_code"], "case": case}


def test_the_tracking_page_asks_in_words_and_offers_the_answer_form(awaiting, id_client):
    page = id_client.get(reverse("public:status", args=[awaiting["code"]])).content.decode()
    assert REQUEST in page
    assert 'name="note"' in page
    assert 'name="evidence"' in page
    assert "MB" in page  # the upload limit is stated next to the file field


def test_the_reporter_answers_with_a_photo_and_the_case_goes_back_to_kajian(awaiting, id_client):
    code = awaiting["code"]
    response = id_client.post(
        reverse("public:complete", args=[code]),
        {
            "note": "Nama camat Budi Santoso, foto terlampir.",
            "evidence": [SimpleUploadedFile("foto.png", PNG, content_type="image/png")],
            "links": "https://example.org/post/9",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.state == CaseState.FORMAL_MATERIAL_CHECK
    assert Evidence.objects.filter(case=case, kind="file", media_type="image/png").exists()
    page = id_client.get(response["Location"]).content.decode()
    assert 'name="note"' not in page  # nothing more is asked


def test_a_fake_photo_in_the_answer_is_shown_on_the_evidence_field(awaiting, id_client):
    response = id_client.post(
        reverse("public:complete", args=[awaiting["code"]]),
        {
            "note": "Foto terlampir di sini.",
            "evidence": [SimpleUploadedFile("foto.jpg", b"nope", content_type="image/jpeg")],
        },
    )
    assert response.status_code == 422
    assert "foto.jpg" in response.content.decode()
    assert Case.objects.get().state == CaseState.NEEDS_COMPLETION


def test_the_lookup_accepts_the_code_typed_in_lower_case(awaiting, id_client):
    typed = awaiting["code"].lower().replace("-", "")
    response = id_client.get(reverse("public:status_lookup"), {"code": typed})
    assert response["Location"] == reverse("public:status", args=[awaiting["code"]])


def test_the_api_shows_the_request_and_takes_the_answer(awaiting):
    code = awaiting["code"]
    status = Client().get(f"/api/v1/reports/{code}").json()
    assert status["completion_request"] == REQUEST
    assert status["can_complete"] is True
    response = Client().post(
        f"/api/v1/reports/{code.lower()}/completion",
        json.dumps({"note": "Nama camat Budi Santoso.", "links": ["https://example.org/x"]}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "formal_material_check"
    again = Client().post(
        f"/api/v1/reports/{code}/completion",
        json.dumps({"note": "Sekali lagi."}),
        content_type="application/json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "completion_closed"


def test_the_api_answer_to_an_unknown_code_is_404(db):
    response = Client().post(
        "/api/v1/reports/7K3MQ-9XD2P-FAB4R/completion",
        json.dumps({"note": "Nama camat Budi."}),
        content_type="application/json",
    )
    assert response.status_code == 404
