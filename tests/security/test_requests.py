"""Findings 7, 9, 10 and 12 of issue #9: redirects, demo logins, NUL bytes, API-format errors."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import User
from netra.accounts.services import issue_token
from netra.cases.models import ReporterKind
from netra.cases.services import CaseInputError, IncidentData, ReporterData, receive_report

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"  # noqa: S105 -- a test account's password


@pytest.fixture
def officer(cast: dict[str, Any]) -> User:
    user: User = cast["panwas_bogor"]
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def _login(next_url: str) -> Any:
    return Client().post(
        f"{reverse('desk:login')}?next={next_url}",
        {"username": "panwas_bogor", "password": PASSWORD, "next": next_url},
    )


# --- 7: open redirect ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver@evil.example/",
        "javascript:alert(1)",
        "/desk/\r\nSet-Cookie:x=1",
    ],
)
def test_login_never_redirects_off_site(officer, target):
    response = _login(target)
    assert response.status_code == 302
    assert response["Location"] == "/desk/"


def test_login_follows_a_path_on_this_site(officer):
    assert _login("/desk/kasus/7/")["Location"] == "/desk/kasus/7/"


# --- 9: demo logins ----------------------------------------------------------------------------


@pytest.fixture
def demo_login(officer: User) -> User:
    officer.is_demo = True
    officer.save(update_fields=["is_demo"])
    return officer


def test_a_demo_login_is_refused_outside_demo_mode(demo_login, settings):
    settings.DEMO = False
    response = _login("/desk/")
    assert response.status_code == 200  # the login form again, not the inbox
    assert "_auth_user_id" not in Client().session


def test_a_demo_login_works_in_demo_mode(demo_login, settings):
    settings.DEMO = True
    assert _login("/desk/")["Location"] == "/desk/"


def test_an_open_demo_session_ends_when_demo_mode_is_off(demo_login, settings):
    settings.DEMO = True
    client = Client()
    client.force_login(demo_login)
    assert client.get(reverse("desk:inbox")).status_code == 200
    settings.DEMO = False
    assert client.get(reverse("desk:inbox")).status_code == 302  # back to the login page


def test_a_demo_token_is_refused_outside_demo_mode(demo_login, settings):
    secret = issue_token(demo_login, actor=None).secret
    settings.DEMO = False
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/cases")
    assert response.status_code == 401


# --- 10: NUL bytes -----------------------------------------------------------------------------


def _report_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "election": "pilkada-2024-3201",
        "region": "32.01",
        "incident_on": "2024-10-01",
        "known_on": "2024-10-02",
        "place": "Kantor Kecamatan Cibinong",
        "description": "Seorang camat membagikan poster bakal calon bupati di grup WhatsApp.",
        "reporter": {"kind": "pemilih", "name": "Siti Aminah", "address": "Jl. Mawar 3"},
    }
    return body | overrides


@pytest.mark.parametrize("field", ["description", "place"])
def test_a_nul_byte_in_a_public_report_is_422_naming_the_field(elections, field):
    body = _report_body(**{field: "Kantor\x00 Kecamatan Cibinong yang ada di kabupaten"})
    response = Client().post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] in {"field_invalid", "case_input_invalid"}


def test_a_nul_byte_in_the_reporter_name_is_refused_by_the_service(elections):
    election = elections["bogor"]
    with pytest.raises(CaseInputError, match="U\\+0000") as raised:
        receive_report(
            IncidentData(
                election=election,
                region=election.region,
                incident_on=date(2024, 10, 1),
                known_on=date(2024, 10, 2),
                place="Cibinong",
                description="Camat membagikan poster calon.",
            ),
            reporter=ReporterData(kind=ReporterKind.PEMILIH, name="Siti\x00", address="Jl. A"),
            actor=None,
            now=timezone.now(),
            today=date(2024, 10, 3),
        )
    assert raised.value.details["field"] == "reporter.name"


def test_a_nul_byte_in_a_query_is_422_in_the_api_format(cast):
    secret = issue_token(cast["panwas_bogor"], actor=None).secret
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/cases?q=a%00b")
    assert response.status_code == 422
    assert response.json()["details"]["field"] == "query"


# --- 12: errors in the API's own format --------------------------------------------------------


@pytest.fixture
def api(cast: dict[str, Any]) -> Client:
    secret = issue_token(cast["bawaslu_ri"], actor=None).secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _is_api_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "details"}
    return body


def test_a_huge_offset_is_422_not_500(api):
    _is_api_error(api.get(f"/api/v1/cases?offset={2**63}"), 422)


def test_a_huge_case_id_is_an_api_error_not_500(api):
    response = api.get(f"/api/v1/cases/{2**70}")
    assert response.status_code in {404, 422}
    _is_api_error(response, response.status_code)


def test_an_oversized_json_body_is_413_in_the_api_format(elections, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = _report_body(description="x" * 5000)
    response = Client().post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert _is_api_error(response, 413)["code"] == "payload_too_large"


def test_a_read_only_database_is_503_with_retry_after(api):
    with mock.patch(
        "netra.api.cases.cases_visible_to",
        side_effect=OperationalError("attempt to write a readonly database"),
    ):
        response = api.get("/api/v1/cases")
    assert _is_api_error(response, 503)["code"] == "unavailable"
    assert int(response["Retry-After"]) > 0


def test_an_unknown_api_path_is_404_in_the_api_format(db):
    _is_api_error(Client().get("/api/v1/tidak-ada"), 404)


def test_a_public_rate_limit_carries_retry_after(elections, settings):
    settings.NETRA_PUBLIC_RATE_PER_MINUTE = 1
    client = Client()
    client.get("/api/v1/reports/nope")
    limited = client.get("/api/v1/reports/nope")
    assert _is_api_error(limited, 429)["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    page = client.get(reverse("public:status", args=["nope"]))
    assert page.status_code == 429
    assert 1 <= int(page["Retry-After"]) <= 60
