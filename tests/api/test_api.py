"""The REST API: public intake, region scope on every staff endpoint, transitions per role, the
recap, and the error contract (bad input is 4xx with named fields, never 500)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from netra.accounts.services import issue_token
from netra.cases.models import Case
from tests.steps import hand_to_ppk
from tests.web_ui.conftest import PNG  # a real 1x1 PNG: evidence is decoded on arrival


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the limiter's counts are database rows, fresh in each test


@pytest.fixture
def tokens(cast: dict[str, Any]) -> dict[str, str]:
    return {name: issue_token(user, actor=None).secret for name, user in cast.items()}


def as_user(tokens: dict[str, str], name: str) -> Client:
    return Client(headers={"authorization": f"Bearer {tokens[name]}"})


def report_body(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    body: dict[str, Any] = {
        "election": "pilkada-2024-3201",
        "region": "32.01",
        "reporter": {"kind": "pemilih", "name": "Siti Aminah", "address": "Jl. Mawar 3, Cibinong"},
        "incident_on": (today - timedelta(days=3)).isoformat(),
        "known_on": (today - timedelta(days=2)).isoformat(),
        "place": "Kantor Kecamatan Cibinong",
        "description": "Camat membagikan poster bakal calon bupati di grup WhatsApp kantor.",
        "parties": [{"name": "Budi Santoso", "subject_type": "pns", "position": "Camat"}],
    }
    body.update(overrides)
    return body


def post_report(body: dict[str, Any]) -> Any:
    return Client().post("/api/v1/reports", json.dumps(body), content_type="application/json")


@pytest.fixture
def bogor_case(elections: Any) -> dict[str, Any]:
    response = post_report(report_body())
    assert response.status_code == 201, response.content
    return {"code": response.json()["tracking_code"], "case": Case.objects.get()}


# -- public -----------------------------------------------------------------------------------


def test_a_report_is_received_with_a_tracking_code_and_no_login(elections):
    response = post_report(report_body())
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "received"
    assert len(data["tracking_code"]) == 17  # XXXXX-XXXXX-XXXXX
    assert "deadline" in data


def test_the_public_status_shows_the_timeline_but_no_personal_data(bogor_case):
    response = Client().get(f"/api/v1/reports/{bogor_case['code']}")
    assert response.status_code == 200
    text = response.content.decode()
    assert response.json()["timeline"][0]["state"] == "received"
    for private in ("Siti", "Mawar", "Budi", "Camat membagikan"):
        assert private not in text


def test_a_question_is_answered_as_netra_ask_prints_it(db):
    response = Client().get(
        "/api/v1/ask", {"q": "Bolehkah ASN like postingan paslon?", "date": "2024-10-01"}
    )
    assert response.status_code == 200
    answer = response.json()
    assert (answer["allowed"], answer["act"], answer["subject"]) == (
        False,
        "social_media_engagement",
        "asn",
    )
    assert "SKB 2022 Lampiran II B6" in answer["norms"]
    assert answer["by_subject"] == []


def test_a_question_that_names_no_one_is_answered_for_each_kind(db):
    response = Client().get("/api/v1/ask", {"q": "Bolehkah mobil dinas dipakai untuk kampanye?"})
    assert response.status_code == 200
    kinds = {row["subject"]: row for row in response.json()["by_subject"]}
    assert response.json()["subject"] == "asn"
    assert kinds["tni"]["allowed"] is False
    assert kinds["tni"]["summary"] == "tidak boleh"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"q": "   "}, "q"),
        ({"q": "Bolehkah ASN ikut kampanye?" * 100}, "q"),
        ({"q": "Bolehkah ASN ikut kampanye?", "subject": "lurah"}, "subject"),
        ({"q": "Bolehkah ASN ikut kampanye?", "election": "pilkades"}, "election"),
    ],
)
def test_a_bad_question_or_code_is_422_naming_the_field(db, query, field):
    response = Client().get("/api/v1/ask", query)
    assert response.status_code == 422
    assert response.json()["details"]["field"] == field


def test_an_unknown_tracking_code_is_404(db):
    assert Client().get("/api/v1/reports/not-a-real-code").status_code == 404


def test_a_report_with_evidence_files_is_accepted_as_multipart(elections):
    response = Client().post(
        "/api/v1/reports",
        {"payload": json.dumps(report_body()), "evidence": [_file("foto.png", PNG)]},
    )
    assert response.status_code == 201, response.content
    evidence = Case.objects.get().evidence.get()
    assert evidence.media_type == "image/png"


def test_an_evidence_file_that_is_not_what_it_claims_is_422(elections):
    response = Client().post(
        "/api/v1/reports",
        {"payload": json.dumps(report_body()), "evidence": [_file("foto.jpg", b"MZ\x90\x00exe")]},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "evidence_rejected"
    assert not Case.objects.exists()


def test_public_endpoints_are_rate_limited(elections, settings):
    settings.NETRA_PUBLIC_RATE_PER_MINUTE = 2
    statuses = [Client().get("/api/v1/reports/nope").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]


# -- the error contract -----------------------------------------------------------------------

BAD_REPORTS = [
    pytest.param({"incident_on": "kemarin"}, "incident_on", id="date-in-words"),
    pytest.param(
        {"reporter": {"kind": "wartawan", "name": "X Y", "address": "Jl. A 1"}},
        "reporter.kind",
        id="unknown-reporter-kind",
    ),
    pytest.param({"reporter": "Siti"}, "reporter", id="reporter-not-an-object"),
    pytest.param({"description": "pendek"}, "description", id="description-too-short"),
    pytest.param(
        {"parties": [{"name": "Budi", "nip": "12ab"}]}, "parties.0.nip", id="nip-not-digits"
    ),
    pytest.param({"links": ["not a url"]}, "links.0", id="bad-link"),
    pytest.param({"region": "99.99"}, "region", id="unknown-region"),
    pytest.param({"election": "pilkada-1999"}, "election", id="unknown-election"),
    pytest.param({"known_on": "2000-01-01"}, "known_on", id="known-before-incident"),
]


@pytest.mark.parametrize(("override", "field"), BAD_REPORTS)
def test_bad_report_input_is_422_naming_the_field(elections, override, field):
    response = post_report(report_body(**override))
    assert response.status_code == 422, response.content
    data = response.json()
    named = [f["field"] for f in data["details"].get("fields", [])] + [data["details"].get("field")]
    assert field in named, data


def test_a_body_that_is_not_json_is_4xx_not_500(elections):
    response = Client().post("/api/v1/reports", "{not json", content_type="application/json")
    assert response.status_code == 422


def test_the_openapi_document_and_docs_are_served(db):
    assert Client().get("/api/v1/openapi.json").status_code == 200
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn.jsdelivr" not in docs.content  # served locally: works offline


# -- staff: authentication and scope ----------------------------------------------------------


def test_staff_endpoints_need_a_valid_token(bogor_case):
    assert Client().get("/api/v1/cases").status_code == 401
    wrong = Client(headers={"authorization": "Bearer nope"})
    assert wrong.get("/api/v1/cases").status_code == 401


SCOPE = [
    ("panwas_bogor", True),
    ("bawaslu_jabar", True),
    ("bawaslu_ri", True),
    # A report just received is not yet BKN's or the PPK's (UU PDP least privilege, security-2):
    # to them it is a 404 like another region's case.
    ("bkn_analyst", False),
    ("ppk_bogor", False),
    ("viewer_bogor", True),
    ("outsider_surabaya", False),
]


@pytest.mark.parametrize(("who", "sees"), SCOPE)
def test_region_scope_applies_to_every_case_endpoint(bogor_case, tokens, who, sees):
    client = as_user(tokens, who)
    case_id = bogor_case["case"].pk
    listed = client.get("/api/v1/cases").json()["count"]
    assert listed == (1 if sees else 0)
    expected = 200 if sees else 404
    assert client.get(f"/api/v1/cases/{case_id}").status_code == expected
    if not sees:
        for path, body in [
            (f"/api/v1/cases/{case_id}/transitions", {"target": "formal_material_check"}),
            (f"/api/v1/cases/{case_id}/assignment", {"username": None}),
            (f"/api/v1/cases/{case_id}/classification", {"category": 1, "subject_type": "pns"}),
        ]:
            response = client.post(path, json.dumps(body), content_type="application/json")
            assert response.status_code == 404, path
        assert client.get(f"/api/v1/cases/{case_id}/evidence/1").status_code == 404


REPORTER_VISIBLE = [
    ("panwas_bogor", True),
    ("bawaslu_jabar", True),
    ("bawaslu_ri", True),
    ("bkn_analyst", False),
    ("ppk_bogor", False),
    ("viewer_bogor", False),
]


@pytest.mark.parametrize(("who", "visible"), REPORTER_VISIBLE)
def test_reporter_identity_is_shown_only_to_supervisors_of_the_region(
    bogor_case, tokens, who, visible
):
    if who in {"bkn_analyst", "ppk_bogor"}:
        hand_to_ppk(bogor_case["case"])  # they see a case only once it is in the PPK's hands
    data = as_user(tokens, who).get(f"/api/v1/cases/{bogor_case['case'].pk}").json()
    assert (data["reporter"] is not None) == visible
    assert data["reporter_kind"] == "pemilih"


TRANSITIONS_BY_ROLE = [
    ("panwas_bogor", 201),
    ("bawaslu_jabar", 201),
    ("ppk_bogor", 404),  # a received report is outside their scope (security-2)
    ("bkn_analyst", 404),
    ("viewer_bogor", 403),
]


@pytest.mark.parametrize(("who", "status"), TRANSITIONS_BY_ROLE)
def test_starting_the_initial_study_is_for_supervisors_only(bogor_case, tokens, who, status):
    response = as_user(tokens, who).post(
        f"/api/v1/cases/{bogor_case['case'].pk}/transitions",
        json.dumps({"target": "formal_material_check"}),
        content_type="application/json",
    )
    assert response.status_code == status, response.content
    if status == 403:
        assert response.json()["code"] == "transition_not_allowed"
    if status == 404:
        assert response.json()["code"] == "not_found"


def test_a_case_walks_from_report_to_forwarding_with_deadlines(bogor_case, tokens):
    client = as_user(tokens, "panwas_bogor")
    url = f"/api/v1/cases/{bogor_case['case'].pk}/transitions"
    today = timezone.localdate()

    def step(target: str, **payload: Any) -> Any:
        response = client.post(
            url, json.dumps({"target": target, "payload": payload}), content_type="application/json"
        )
        assert response.status_code == 201, response.content
        return response.json()

    step("formal_material_check")
    registered = step("registered", registration_number="001/Reg/LP/PB/32.01/2024")
    assert registered["deadline"] == (today + timedelta(days=3)).isoformat()
    step("clarification_study")
    undecided = client.post(
        url,
        json.dumps(
            {
                "target": "decided_violation",
                "payload": {"study": "k", "decision": "p", "violation_type": "pidana"},
            }
        ),
        content_type="application/json",
    )
    assert undecided.status_code == 422  # the analyzer's suggestion alone is no decision
    assert undecided.json()["details"]["field"] == "classification"
    classified = client.post(
        f"/api/v1/cases/{bogor_case['case'].pk}/classification",
        json.dumps({"category": 4, "acts": ["campaign_attendance"], "subject_type": "pns"}),
        content_type="application/json",
    )
    assert classified.status_code == 200, classified.content
    step(
        "decided_violation",
        study="kajian",
        decision="pleno",
        violation_type="peraturan_perundangan_lainnya",
    )
    done = step(
        "forwarded", recipient="bkn", letter_number="12/PP/2024", letter_date=today.isoformat()
    )
    assert done["state"] == "forwarded"
    assert [t["to_state"] for t in done["transitions"]][-1] == "forwarded"
    public = Client().get(f"/api/v1/reports/{bogor_case['code']}").json()
    assert public["status"] == "forwarded"
    assert "12/PP/2024" not in json.dumps(public)


def test_an_impossible_move_is_409_and_a_missing_field_is_422(bogor_case, tokens):
    client = as_user(tokens, "panwas_bogor")
    url = f"/api/v1/cases/{bogor_case['case'].pk}/transitions"
    skip = client.post(
        url, json.dumps({"target": "sanction_imposed"}), content_type="application/json"
    )
    assert skip.status_code == 409
    assert skip.json()["code"] == "transition_not_allowed"
    client.post(
        url, json.dumps({"target": "formal_material_check"}), content_type="application/json"
    )
    missing = client.post(
        url, json.dumps({"target": "registered"}), content_type="application/json"
    )
    assert missing.status_code == 422
    assert missing.json()["code"] == "transition_requirement_missing"
    assert missing.json()["details"]["field"] == "registration_number"


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [
        ("en-US,en;q=0.9", "a case cannot move from 'received' to 'sanction_imposed'"),
        ("id-ID,id;q=0.9", "Kasus tidak dapat dipindahkan dari tahap “Laporan diterima”"),
    ],
)
def test_an_error_keeps_its_code_and_speaks_the_request_s_language(
    bogor_case, tokens, accept_language, message
):
    client = Client(
        headers={
            "authorization": f"Bearer {tokens['panwas_bogor']}",
            "accept-language": accept_language,
        }
    )
    refused = client.post(
        f"/api/v1/cases/{bogor_case['case'].pk}/transitions",
        json.dumps({"target": "sanction_imposed"}),
        content_type="application/json",
    )
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "transition_not_allowed"
    assert body["details"] == {"source": "received", "target": "sanction_imposed"}
    assert body["message"].startswith(message)


def test_assignment_only_to_staff_covering_the_region(bogor_case, tokens):
    client = as_user(tokens, "bawaslu_jabar")
    url = f"/api/v1/cases/{bogor_case['case'].pk}/assignment"
    ok = client.post(url, json.dumps({"username": "panwas_bogor"}), content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["assigned_to"] == "panwas_bogor"
    refused = client.post(
        url, json.dumps({"username": "outsider_surabaya"}), content_type="application/json"
    )
    assert refused.status_code == 403


def test_evidence_upload_and_download_keep_the_bytes_and_the_hash(bogor_case, tokens):
    client = as_user(tokens, "panwas_bogor")
    case_id = bogor_case["case"].pk
    uploaded = client.post(f"/api/v1/cases/{case_id}/evidence", {"file": _file("bukti.png", PNG)})
    assert uploaded.status_code == 201, uploaded.content
    evidence = uploaded.json()
    download = client.get(f"/api/v1/cases/{case_id}/evidence/{evidence['id']}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png"


def test_the_recap_counts_confirmed_categories_within_scope(bogor_case, tokens, elections):
    bandung = post_report(report_body(election="pilkada-2024-3273", region="32.73"))
    assert bandung.status_code == 201
    for case, category in zip(Case.objects.order_by("id"), (1, 10), strict=True):
        response = as_user(tokens, "bawaslu_jabar").post(
            f"/api/v1/cases/{case.pk}/classification",
            json.dumps({"category": category, "acts": [], "subject_type": "pns"}),
            content_type="application/json",
        )
        assert response.status_code == 200
    jabar = (
        as_user(tokens, "bawaslu_jabar")
        .get("/api/v1/recap?election=pilkada-2024&group_by=region")
        .json()
    )
    assert {row["key"]: row["total"] for row in jabar["rows"]} == {"32.01": 1, "32.73": 1}
    assert jabar["totals"]["1"] == 1
    assert jabar["totals"]["10"] == 1
    bogor = as_user(tokens, "panwas_bogor").get("/api/v1/recap?group_by=category").json()
    assert [row["key"] for row in bogor["rows"]] == ["1"]
    assert len(bogor["categories"]) == 10


@pytest.mark.parametrize(
    "group_by", ["category", "region", "subject", "position", "month", "stage"]
)
def test_every_recap_grouping_answers(bogor_case, tokens, group_by):
    response = as_user(tokens, "bawaslu_ri").get(f"/api/v1/recap?group_by={group_by}")
    assert response.status_code == 200


def test_an_unknown_recap_grouping_is_422(db, tokens):
    assert as_user(tokens, "bawaslu_ri").get("/api/v1/recap?group_by=colour").status_code == 422


def _file(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_a_multipart_report_without_a_boundary_is_422_not_500(elections):
    # Found by the schemathesis contract test: Django's parser raised straight through.
    response = Client().post("/api/v1/reports", b"payload=x", content_type="multipart/form-data")
    assert response.status_code == 422
    assert response.json()["details"]["field"] == "body"


def test_the_openapi_document_defines_the_report_body_it_refers_to():
    document = Client().get("/api/v1/openapi.json").json()
    body = document["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"]["$ref"] == "#/components/schemas/ReportIn"
    schemas = document["components"]["schemas"]
    assert {"ReportIn", "ReporterIn", "PartyIn"} <= set(schemas)
    assert "reporter" in schemas["ReportIn"]["required"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/reports", "ReportIn"),
        ("/api/v1/reports/{tracking_code}/completion", "CompletionIn"),
    ],
)
def test_the_openapi_document_offers_a_multipart_body_with_files(path, body):
    document = Client().get("/api/v1/openapi.json").json()
    content = document["paths"][path]["post"]["requestBody"]["content"]
    assert content["application/json"]["schema"]["$ref"] == f"#/components/schemas/{body}"
    multipart = content["multipart/form-data"]["schema"]
    assert multipart["required"] == ["payload"]
    assert multipart["properties"]["payload"]["description"] == f"{body} as JSON text"
    evidence = multipart["properties"]["evidence"]
    assert evidence["items"] == {"type": "string", "format": "binary"}
    assert evidence["description"] == "up to 10 files (photo, PDF, video, audio)"


def test_an_election_given_by_its_series_is_told_the_regions_code(elections):
    response = post_report(report_body(election="pilkada-2024"))
    assert response.status_code == 422, response.content
    message = json.dumps(response.json(), ensure_ascii=False)
    assert "'pilkada-2024-3201'" in message, message


def test_a_step_refuses_a_payload_field_it_does_not_take(bogor_case, tokens):
    # QA walk-through: {"zzz": 1} in a step's payload was accepted (201) and kept in the file.
    client = as_user(tokens, "panwas_bogor")
    url = f"/api/v1/cases/{bogor_case['case'].pk}/transitions"
    response = client.post(
        url,
        json.dumps({"target": "formal_material_check", "payload": {"zzz": 1}}),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["details"]["field"] == "payload.zzz"
    assert Case.objects.get(pk=bogor_case["case"].pk).state == "received"
    registered = client.post(
        url,
        json.dumps({"target": "formal_material_check", "payload": {}}),
        content_type="application/json",
    )
    assert registered.status_code == 201, registered.content
