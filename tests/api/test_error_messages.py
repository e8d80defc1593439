"""The API's error bodies say which field is wrong and why, in the request's language.

Found in the qa-2 walk-through: a body missing seven fields was answered "election: Field
required" (pydantic's words, English to an Indonesian client, naming one field of seven), and the
API's own field errors ("unknown region code '99.99'") were English whatever the client asked for.
Indonesian is the default (LANGUAGE_CODE), English when the client asks for it.
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


def _post(body: Any, language: str | None, path: str = "/api/v1/reports") -> dict[str, Any]:
    headers = {"accept-language": language} if language else {}
    data = body if isinstance(body, str) else json.dumps(body)
    response = Client(headers=headers).post(path, data, content_type="application/json")
    assert response.status_code == 422, response.content
    return response.json()


def _staff(cast: dict[str, Any], name: str, language: str) -> Client:
    token = issue_token(cast[name], actor=None).secret
    return Client(headers={"authorization": f"Bearer {token}", "accept-language": language})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "required", "also"),
    [(None, "wajib diisi", "dan 6 isian lain"), ("en", "required", "and 6 more fields")],
)
def test_an_empty_report_names_every_missing_field_in_the_client_s_language(
    language, required, also
):
    body = _post({}, language)
    assert body["code"] == "validation_error"
    fields = body["details"]["fields"]
    assert [f["field"] for f in fields][:2] == ["election", "region"]
    assert {f["message"] for f in fields} == {required}
    assert {f["type"] for f in fields} == {"missing"}  # the machine-readable type is kept
    assert body["message"].startswith(f"election: {required}")
    assert also in body["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("override", "field", "indonesian", "english"),
    [
        pytest.param(
            {"description": "pendek"},
            "description",
            "paling sedikit 20 karakter",
            "at least 20 characters",
            id="too-short",
        ),
        pytest.param(
            {"incident_on": "kemarin"},
            "incident_on",
            "tanggal dengan format YYYY-MM-DD",
            "a date as YYYY-MM-DD",
            id="not-a-date",
        ),
        pytest.param(
            {"reporter": {"kind": "wartawan", "name": "X Y", "address": "Jl. A 1"}},
            "reporter.kind",
            "salah satu dari 'pemilih', 'pemantau', 'peserta'",
            "one of 'pemilih', 'pemantau', 'peserta'",
            id="not-a-choice",
        ),
        pytest.param(
            {"links": ["bukan alamat"]},
            "links.0",
            "alamat web (http:// atau https://)",
            "a web address (http:// or https://)",
            id="not-a-url",
        ),
        pytest.param(
            {"reporter": "Siti Aminah"},
            "reporter",
            "harus berupa objek JSON",
            "expected a JSON object",
            id="not-an-object",  # was told reporter.kind, .name and .address were missing
        ),
        pytest.param(
            {"parties": ["Budi Santoso"]},
            "parties.0",
            "harus berupa objek JSON",
            "expected a JSON object",
            id="party-not-an-object",
        ),
    ],
)
def test_a_bad_value_is_explained_in_either_language(
    elections, override, field, indonesian, english
):
    for language, expected in ((None, indonesian), ("en", english)):
        body = _post(report_body(**override), language)
        named = {f["field"]: f["message"] for f in body["details"]["fields"]}
        assert field in named, body
        assert expected in named[field], (language, named)
        assert body["message"].startswith(f"{field}: ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [(None, "isi permintaan bukan JSON yang sah"), ("en", "the request body is not valid JSON")],
)
def test_a_body_that_is_not_json_says_so(language, expected):
    body = _post("{bukan json", language)
    assert body["details"]["fields"][0]["field"] == "body"
    assert body["message"].startswith(f"body: {expected}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "region", "election"),
    [
        (None, "kode wilayah '99.99' tidak dikenal", "pemilihan 'pilkada-1999' tidak dikenal"),
        ("en", "unknown region code '99.99'", "unknown election 'pilkada-1999'"),
    ],
)
def test_the_api_s_own_field_errors_follow_the_language(elections, language, region, election):
    bad_region = _post(report_body(region="99.99"), language)
    assert bad_region["code"] == "field_invalid"
    assert bad_region["details"] == {"field": "region"}
    assert bad_region["message"] == f"region: {region}"
    bad_election = _post(report_body(election="pilkada-1999"), language)
    assert bad_election["details"] == {"field": "election"}
    assert bad_election["message"].startswith(f"election: {election}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "pemilihan pilkada-2024 dikodekan per wilayah; untuk wilayah 32.01 kodenya "),
        ("en", "a pilkada-2024 election is coded per region; for region 32.01 it is "),
    ],
)
def test_the_series_hint_follows_the_language(elections, language, expected):
    body = _post(report_body(election="pilkada-2024"), language)
    assert expected + "'pilkada-2024-3201'" in body["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "pemilihan 'pilkada-2031' tidak dikenal"), ("en", "unknown election 'pilkada-2031'")],
)
def test_a_case_list_filtered_by_an_unknown_election_is_refused_not_empty(
    elections, cast, language, expected
):
    """An election filter with a typo answered 200 and no cases, which reads as 'no cases'."""
    client = _staff(cast, "bawaslu_ri", language)
    refused = client.get("/api/v1/cases?election=pilkada-2031")
    assert refused.status_code == 422, refused.content
    assert refused.json()["details"] == {"field": "election"}
    assert refused.json()["message"].startswith(f"election: {expected}")
    assert client.get("/api/v1/cases?election=pilkada-2024").status_code == 200  # a series
    recap = client.get("/api/v1/recap?election=pilkada-2031")
    assert recap.status_code == 422, recap.content
    assert recap.json()["details"] == {"field": "election"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("id", "token staf yang sah"), ("en", "a valid staff token")]
)
def test_a_missing_token_is_explained_in_the_language(language, expected):
    response = Client(headers={"accept-language": language}).get("/api/v1/cases")
    assert response.status_code == 401
    assert expected in response.json()["message"]
