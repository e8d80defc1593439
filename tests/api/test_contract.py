"""The API against its own OpenAPI document: generated input never makes the server fail (5xx).

Schemathesis reads /api/v1/openapi.json from the WSGI app and generates requests for every
operation, valid and invalid alike; each test is bounded (few examples, derandomized, no deadline)
so it is quick and gives the same result on every CI run. Staff operations run twice: without a
token (must be 401, never 500) and with a nationwide supervisor's token against a database that
holds a case, so ids sometimes hit a real case and the transition, classification and evidence
paths are reached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation.case import Case

from netra.accounts.services import issue_token

MAX_EXAMPLES = 25
STATUSES: Counter[str] = Counter()  # what the generated requests got, to check they go deep
CONTRACT_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,  # the same examples on every run: a CI failure reproduces locally
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is reported as is
    suppress_health_check=list(HealthCheck),
)


# Loaded at collection: pytest-django has configured Django by then, and building the OpenAPI
# document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # Django's test Client stops each request from closing the database connection; a plain
    # WSGIHandler does not, and on PostgreSQL that would close the test's own transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(elections, cast, file_report) -> dict[str, Any]:
    """A case in Bogor and a nationwide supervisor's token; rate limits start empty."""
    cache.clear()
    report = file_report()
    return {
        "case": report.case,
        "tracking_code": report.tracking_code,
        "token": issue_token(cast["bawaslu_ri"], actor=None).secret,
    }


def _no_server_error(case: Case, **kwargs: Any) -> None:
    cache.clear()  # the public rate limit would turn later examples into 429s
    response = case.call(**kwargs)
    STATUSES[f"{case.method} {case.operation.path} {response.status_code}"] += 1
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}\n"
        f"{case.as_curl_command()}\n{response.text[:2000]}"
    )


@pytest.mark.django_db
@schema.include(tag="public").parametrize()
@CONTRACT_SETTINGS
def test_public_endpoints_never_fail_on_generated_input(case: Case, world: dict[str, Any]) -> None:
    # Half the examples name a real election, region and tracking code, so generated reports get
    # past the lookups into the intake service's own checks.
    aim = len(repr(case.body)) % 2 == 0
    if aim and isinstance(case.body, dict) and "election" in case.body:
        today = timezone.localdate()
        case.body |= {
            "election": "pilkada-2024-3201",
            "region": "32.01",
            "incident_on": (today - timedelta(days=3)).isoformat(),
            "known_on": (today - timedelta(days=2)).isoformat(),
        }
    if aim and case.path_parameters and "tracking_code" in case.path_parameters:
        case.path_parameters["tracking_code"] = world["tracking_code"]
    _no_server_error(case)


@pytest.mark.django_db
@schema.exclude(tag="public").parametrize()
@CONTRACT_SETTINGS
def test_staff_endpoints_never_fail_with_a_token(case: Case, world: dict[str, Any]) -> None:
    case_id = (case.path_parameters or {}).get("case_id")
    if case.path_parameters is not None and isinstance(case_id, int) and case_id % 2 == 0:
        # Half the valid ids aim at the real case so the deeper paths run, not only the 404.
        case.path_parameters["case_id"] = world["case"].pk
    _no_server_error(case, headers={"Authorization": f"Bearer {world['token']}"})


@pytest.mark.django_db
@schema.exclude(tag="public").parametrize()
@settings(CONTRACT_SETTINGS, max_examples=5)
def test_staff_endpoints_without_a_token_are_401(case: Case, world: dict[str, Any]) -> None:
    cache.clear()
    response = case.call(headers={"Authorization": ""})
    # Schemathesis also tries methods the path does not have: those are 405 before any auth.
    expected = 401 if case.method.upper() == case.operation.method.upper() else 405
    assert response.status_code == expected, f"{case.method} {response.text[:500]}"


REPORT_JSON = schema["/api/v1/reports"]["POST"].as_strategy(media_type="application/json")


@pytest.mark.django_db
@given(case=REPORT_JSON)
@settings(CONTRACT_SETTINGS, max_examples=40)
def test_generated_json_reports_aimed_at_a_real_election_never_fail(
    case: Case, world: dict[str, Any]
) -> None:
    # The parametrized test above mostly draws multipart bodies; this one fuzzes the JSON intake
    # with a real election, region and recent dates, so bodies reach receive_report itself.
    if isinstance(case.body, dict) and len(repr(case.body)) % 3:
        today = timezone.localdate()
        case.body |= {
            "election": "pilkada-2024-3201",
            "region": "32.01",
            "incident_on": (today - timedelta(days=3)).isoformat(),
            "known_on": (today - timedelta(days=2)).isoformat(),
        }
    _no_server_error(case)


def test_the_generated_requests_reached_success_paths() -> None:
    # Runs after the tests above (file order): bounded fuzzing that only ever got 4xx would prove
    # little, so some generated requests must have succeeded.
    if not STATUSES:
        pytest.skip("run with the contract tests above")
    assert STATUSES["POST /api/v1/reports 201"] > 0, STATUSES
    assert any(key.endswith(" 200") and "{case_id}" in key for key in STATUSES), STATUSES
