"""The labels the API gives beside its codes follow the request's language, as the desk does.

Found in the qa-2 walk-through: with Accept-Language: en the API answered "state_label":
"Temuan ditetapkan" and recap categories in Indonesian, while its errors and the desk were in
English. The codes stay the same in both languages; only the labels change.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from netra.accounts.services import issue_token
from tests.api.test_api import report_body


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _client(language: str, token: str | None = None) -> Client:
    headers = {"accept-language": language}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return Client(headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "received", "category_1"),
    [
        ("id", "Laporan diterima", "ASN memberikan dukungan melalui media sosial/massa"),
        ("en", "Report received", "ASN support through social or mass media"),
    ],
)
def test_state_and_category_labels_follow_the_language(
    elections, cast, language, received, category_1
):
    public = _client(language)
    filed = public.post(
        "/api/v1/reports", json.dumps(report_body()), content_type="application/json"
    )
    assert filed.status_code == 201, filed.content
    assert filed.json()["status"] == "received"
    assert filed.json()["status_label"] == received
    followed = public.get(f"/api/v1/reports/{filed.json()['tracking_code']}").json()
    assert followed["status_label"] == received
    assert [step["label"] for step in followed["timeline"]] == [received]

    staff = _client(language, issue_token(cast["panwas_bogor"], actor=None).secret)
    listed = staff.get("/api/v1/cases").json()["items"]
    assert [(item["state"], item["state_label"]) for item in listed] == [("received", received)]
    detail: dict[str, Any] = staff.get(f"/api/v1/cases/{listed[0]['id']}").json()
    assert detail["state_label"] == received
    step_labels = {step["target"]: step["label"] for step in detail["next_steps"]}
    initial_study = "Kajian awal" if language == "id" else "Initial study"
    assert step_labels["formal_material_check"].startswith(initial_study)
    recap = staff.get("/api/v1/recap").json()
    assert recap["categories"]["1"] == category_1
