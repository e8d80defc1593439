"""Finding 6 of issue #9: every service checks the role, not only the region.

Each role of the full cast (all in scope of a Kab. Bogor case, except the outsider) calls each
writing service; the ones not listed as allowed must be refused, whichever interface calls them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from netra.accounts.services import create_staff, issue_token
from netra.cases.models import ReporterKind
from netra.cases.services import (
    IncidentData,
    ReporterData,
    add_evidence,
    assign_case,
    confirm_classification,
    move_case,
    new_upload,
    receive_report,
    record_finding,
)
from netra.documents.services import DocumentKind, generate_document
from netra.errors import NetraError
from tests.conftest import JAKARTA
from tests.security.conftest import EVERYONE, real_png
from tests.steps import hand_to_ppk

pytestmark = pytest.mark.django_db

TODAY = date(2024, 10, 4)
NOW = datetime(2024, 10, 4, 10, 0, tzinfo=JAKARTA)
SUPERVISORS = {"panwascam_bogor", "panwas_bogor", "bawaslu_jabar", "bawaslu_ri"}
DECIDING = {"panwas_bogor", "bawaslu_jabar", "bawaslu_ri"}

# Who may do what on a Kab. Bogor case: the outsider (Surabaya) is refused everything by scope.
EXPECTED: dict[str, set[str]] = {
    "receive_report": SUPERVISORS,
    "record_finding": SUPERVISORS,
    "start_study": SUPERVISORS,  # received -> formal_material_check
    "classify": SUPERVISORS | {"admin"},
    "assign": SUPERVISORS | {"admin"},
    "add_evidence": SUPERVISORS,
    "receipt": SUPERVISORS | {"admin"},
    "forwarding_letter": DECIDING | {"admin"},
    "create_staff": {"admin"},
    "issue_token": {"admin"},
}


# How a refusal is told: the role (forbidden, or the procedure's own code) or the scope (404).
REFUSALS = {"forbidden", "not_found", "out_of_scope", "transition_not_allowed", "document_invalid"}


def _incident(elections: dict[str, Any]) -> IncidentData:
    election = elections["bogor"]
    return IncidentData(
        election=election,
        region=election.region,
        incident_on=date(2024, 10, 1),
        known_on=date(2024, 10, 2),
        place="Cibinong",
        description="Seorang camat membagikan poster calon bupati di grup WhatsApp kantor.",
    )


def _services(elections: dict[str, Any], regions: dict[str, Any], case: Any) -> dict[str, Any]:
    def report(actor: Any) -> Any:
        return receive_report(
            _incident(elections),
            reporter=ReporterData(kind=ReporterKind.PEMILIH, name="Siti", address="Jl. A 1"),
            actor=actor,
            now=NOW,
            today=TODAY,
        )

    return {
        "receive_report": report,
        "record_finding": lambda actor: record_finding(
            _incident(elections), actor=actor, now=NOW, today=TODAY
        ),
        "start_study": lambda actor: move_case(
            case,
            target="formal_material_check",
            actor=actor,
            payload={},
            now=NOW,
            today=TODAY,
        ),
        "classify": lambda actor: confirm_classification(
            case, category=1, acts=[], subject_type="pns", actor=actor
        ),
        "assign": lambda actor: assign_case(case, assignee=None, actor=actor),
        "add_evidence": lambda actor: add_evidence(
            case, actor=actor, now=NOW, upload=new_upload("foto.png", real_png())
        ),
        "receipt": lambda actor: generate_document(
            actor, case.pk, DocumentKind.RECEIPT, now=NOW, today=TODAY
        ),
        "forwarding_letter": lambda actor: generate_document(
            actor, case.pk, DocumentKind.FORWARDING, now=NOW, today=TODAY
        ),
        "create_staff": lambda actor: create_staff(
            f"new_{actor.username}", role="viewer", region=regions["bogor"], actor=actor
        ),
        "issue_token": lambda actor: issue_token(actor, actor=actor),
    }


@pytest.mark.parametrize("service", sorted(EXPECTED))
@pytest.mark.parametrize("who", EVERYONE)
def test_each_role_may_use_only_its_services(
    file_report, full_cast, elections, regions, who, service
):
    case = file_report().case
    call: Callable[[Any], Any] = _services(elections, regions, case)[service]
    if who in EXPECTED[service]:
        call(full_cast[who])
        return
    with pytest.raises(NetraError) as refused:
        call(full_cast[who])
    assert refused.value.code in REFUSALS


def test_the_desk_hides_and_refuses_assignment_to_a_viewer(file_report, full_cast, client):
    from django.urls import reverse

    case = file_report().case
    client.force_login(full_cast["viewer_bogor"])
    page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert reverse("desk:assign", args=[case.pk]) not in page
    assert reverse("desk:upload_evidence", args=[case.pk]) not in page
    client.post(reverse("desk:assign", args=[case.pk]), {"assignee": "viewer_bogor"})
    case.refresh_from_db()
    assert case.assigned_to is None


@pytest.mark.parametrize("who", ["ppk_bogor", "bkn_analyst", "viewer_bogor"])
def test_the_api_answers_403_to_a_role_that_may_not_assign(file_report, full_cast, who):
    import json

    from django.test import Client

    # In the PPK's hands, so BKN and the PPK see it: the refusal is for the role, not the scope.
    case = hand_to_ppk(file_report().case)
    secret = issue_token(full_cast[who], actor=None).secret
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        f"/api/v1/cases/{case.pk}/assignment",
        json.dumps({"username": who}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
