"""A Panwaslu Kecamatan account sees and acts on the cases of its own kecamatan only.

The cast here adds two Panwascam of Kabupaten Bogor: Cibinong (32.01.01) and Gunungputri
(32.01.02). The kabupaten office (panwas_bogor) still sees both kecamatan and the cases that
name none.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client

from netra.accounts.models import User
from netra.accounts.services import InvalidScopeError, create_staff, issue_token
from netra.cases.scope import CaseNotFoundError, case_filter
from netra.cases.selectors import cases_visible_to, get_case_for, supervisors_of
from netra.cases.services import (
    CaseInputError,
    IncidentData,
    OutOfScopeError,
    StaffEntryKind,
    assign_case,
    move_case,
    open_case_as_staff,
)
from netra.procedure import Role
from tests.conftest import JAKARTA

NOW = datetime(2024, 10, 4, 9, 0, tzinfo=JAKARTA)
TODAY = date(2024, 10, 4)


@pytest.fixture
def panwascam(regions, kecamatan, cast) -> dict[str, Any]:
    def make(name: str) -> Any:
        return create_staff(
            f"panwascam_{name}",
            role=Role.PANWASCAM,
            region=regions["bogor"],
            kecamatan=kecamatan[name],
            actor=None,
        )

    return {"cibinong": make("cibinong"), "gunungputri": make("gunungputri")}


@pytest.fixture
def cases(file_report, kecamatan) -> dict[str, Any]:
    return {
        "cibinong": file_report(kecamatan=kecamatan["cibinong"]).case,
        "gunungputri": file_report(kecamatan=kecamatan["gunungputri"]).case,
        "unnamed": file_report().case,
    }


def test_a_panwascam_lists_only_the_cases_of_its_kecamatan(panwascam, cases, cast):
    assert list(cases_visible_to(panwascam["cibinong"])) == [cases["cibinong"]]
    assert list(cases_visible_to(panwascam["gunungputri"])) == [cases["gunungputri"]]
    assert cases_visible_to(cast["panwas_bogor"]).count() == 3


def test_another_kecamatans_case_is_not_found_as_if_absent(panwascam, cases):
    with pytest.raises(CaseNotFoundError):
        get_case_for(panwascam["cibinong"], cases["gunungputri"].pk)
    with pytest.raises(CaseNotFoundError):
        get_case_for(panwascam["cibinong"], cases["unnamed"].pk)


def test_a_panwascam_cannot_move_another_kecamatans_case(panwascam, cases):
    with pytest.raises(CaseNotFoundError):
        move_case(
            cases["gunungputri"],
            target="formal_material_check",
            actor=panwascam["cibinong"],
            payload={},
            now=NOW,
            today=TODAY,
        )
    moved = move_case(
        cases["cibinong"],
        target="formal_material_check",
        actor=panwascam["cibinong"],
        payload={},
        now=NOW,
        today=TODAY,
    )
    assert moved.to_state == "formal_material_check"


def test_a_case_is_assigned_only_to_a_panwascam_of_its_kecamatan(panwascam, cases, cast):
    with pytest.raises(OutOfScopeError, match="Kecamatan Gunungputri"):
        assign_case(
            cases["gunungputri"], assignee=panwascam["cibinong"], actor=cast["panwas_bogor"]
        )
    assigned = assign_case(
        cases["cibinong"], assignee=panwascam["cibinong"], actor=cast["panwas_bogor"]
    )
    assert assigned.assigned_to == panwascam["cibinong"]


def test_news_of_a_new_case_reaches_only_the_panwascam_of_its_kecamatan(panwascam, cases, cast):
    told = supervisors_of(cases["cibinong"].region, cases["cibinong"].kecamatan)
    assert panwascam["cibinong"] in told
    assert panwascam["gunungputri"] not in told
    assert cast["panwas_bogor"] in told
    assert panwascam["cibinong"] not in supervisors_of(cases["unnamed"].region, None)


def _finding(elections, regions, kecamatan=None) -> IncidentData:
    return IncidentData(
        election=elections["bogor"],
        region=regions["bogor"],
        incident_on=date(2024, 10, 1),
        known_on=date(2024, 10, 2),
        place="Kantor Kecamatan",
        description="Seorang camat membagikan poster bakal calon bupati di grup WhatsApp kantor.",
        kecamatan=kecamatan,
    )


def test_a_panwascams_own_finding_takes_its_kecamatan(panwascam, elections, regions, kecamatan):
    case = open_case_as_staff(
        StaffEntryKind.FINDING,
        _finding(elections, regions),
        actor=panwascam["cibinong"],
        now=NOW,
        today=TODAY,
    )
    assert case.kecamatan == kecamatan["cibinong"]
    with pytest.raises(OutOfScopeError, match="covers only Kecamatan Cibinong"):
        open_case_as_staff(
            StaffEntryKind.FINDING,
            _finding(elections, regions, kecamatan["gunungputri"]),
            actor=panwascam["cibinong"],
            now=NOW,
            today=TODAY,
        )


def test_a_kecamatan_outside_the_cases_region_is_refused(cast, elections, regions, kecamatan):
    with pytest.raises(CaseInputError, match=r"Kecamatan Coblong .* is not in Kabupaten Bogor"):
        open_case_as_staff(
            StaffEntryKind.FINDING,
            _finding(elections, regions, kecamatan["coblong"]),
            actor=cast["panwas_bogor"],
            now=NOW,
            today=TODAY,
        )


def test_only_a_panwascam_account_is_scoped_to_a_kecamatan_of_its_region(regions, kecamatan):
    with pytest.raises(InvalidScopeError, match="only a Panwaslu Kecamatan"):
        create_staff(
            "kab",
            role=Role.BAWASLU_KABKOTA,
            region=regions["bogor"],
            kecamatan=kecamatan["cibinong"],
            actor=None,
        )
    with pytest.raises(InvalidScopeError, match=r"is not in region 32\.73"):
        create_staff(
            "pc",
            role=Role.PANWASCAM,
            region=regions["bandung"],
            kecamatan=kecamatan["cibinong"],
            actor=None,
        )


# -- the same through the desk and the API -----------------------------------------------------


def test_the_desk_gives_404_for_another_kecamatans_case(client, panwascam, cases):
    client.force_login(panwascam["cibinong"])
    assert client.get(f"/desk/kasus/{cases['cibinong'].pk}/").status_code == 200
    other = cases["gunungputri"].pk
    assert client.get(f"/desk/kasus/{other}/").status_code == 404
    assert client.get(f"/desk/kasus/{other}/bukti/1/").status_code == 404
    letter = client.post(f"/desk/kasus/{other}/dokumen/", {"kind": "tanda_terima"})
    assert letter.status_code == 404
    inbox = client.get("/desk/").content.decode()
    assert cases["cibinong"].number in inbox
    assert cases["gunungputri"].number not in inbox
    assert cases["unnamed"].number not in inbox


def test_the_api_gives_404_for_another_kecamatans_case(panwascam, cases):
    secret = issue_token(panwascam["cibinong"], actor=None).secret
    api = Client(headers={"authorization": f"Bearer {secret}"})
    listed = api.get("/api/v1/cases").json()
    assert [item["number"] for item in listed["items"]] == [cases["cibinong"].number]
    assert listed["items"][0]["kecamatan"] == "32.01.01"
    other = cases["gunungputri"].pk
    assert api.get(f"/api/v1/cases/{other}").status_code == 404
    moved = api.post(
        f"/api/v1/cases/{other}/transitions",
        json.dumps({"target": "formal_material_check"}),
        content_type="application/json",
    )
    assert moved.status_code == 404
    assert api.get(f"/api/v1/cases/{other}/duplicates").status_code == 404


def test_a_report_names_its_kecamatan_by_code_through_the_api(elections, kecamatan):
    body = {
        "election": "pilkada-2024-3201",
        "region": "32.01",
        "kecamatan": "32.01.02",
        "reporter": {"kind": "pemilih", "name": "Siti", "address": "Jl. Mawar 3"},
        "incident_on": "2024-10-01",
        "known_on": "2024-10-02",
        "place": "Kantor Kecamatan",
        "description": "Camat menghadiri kampanye pasangan calon bupati nomor urut 2.",
    }
    client = Client()
    created = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    body["kecamatan"] = "32.01.99"
    unknown = client.post(
        "/api/v1/reports",
        json.dumps(body),
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert unknown.status_code == 422
    assert "unknown kecamatan code '32.01.99'" in unknown.content.decode()


def test_the_api_warns_of_an_incident_after_the_voting_day_without_refusing_it(elections):
    body = {
        "election": "pilkada-2024-3201",
        "region": "32.01",
        "reporter": {"kind": "pemilih", "name": "Siti", "address": "Jl. Mawar 3"},
        "incident_on": "2024-11-28",
        "known_on": "2024-11-28",
        "place": "Kantor Kecamatan",
        "description": "Camat menghadiri kampanye pasangan calon bupati nomor urut 2.",
    }
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    created = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    [warning] = created.json()["warnings"]
    assert "after the voting day of Pilkada 2024 Kabupaten Bogor (27 November 2024)" in warning
    body["incident_on"] = body["known_on"] = "2024-10-01"
    inside = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert inside.json()["warnings"] == []


def test_the_kabupaten_office_filters_its_inbox_by_kecamatan(cast, cases, panwascam):
    client = Client(HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    client.force_login(cast["panwas_bogor"])
    page = client.get("/desk/", {"kecamatan": "32.01.02"}).content.decode()
    assert 'name="kecamatan"' in page
    assert cases["gunungputri"].number in page
    assert cases["cibinong"].number not in page
    assert cases["unnamed"].number not in page
    # A province office and a kecamatan-scoped account get no such filter.
    client.force_login(cast["bawaslu_jabar"])
    assert 'name="kecamatan"' not in client.get("/desk/").content.decode()
    client.force_login(panwascam["cibinong"])
    assert 'name="kecamatan"' not in client.get("/desk/").content.decode()


def test_the_api_lists_one_kecamatans_cases(cast, cases):
    secret = issue_token(cast["panwas_bogor"], actor=None).secret
    api = Client(headers={"authorization": f"Bearer {secret}"})
    listed = api.get("/api/v1/cases", {"kecamatan": "32.01.01"}).json()
    assert [item["number"] for item in listed["items"]] == [cases["cibinong"].number]
    unknown = api.get("/api/v1/cases", {"kecamatan": "32.01.99"}, headers={"accept-language": "en"})
    assert unknown.status_code == 422
    assert "unknown kecamatan code '32.01.99'" in unknown.content.decode()


# -- least privilege: a Panwascam has its kecamatan, or sees nothing ----------------------------


def test_a_panwascam_account_cannot_be_made_without_its_kecamatan(regions):
    with pytest.raises(InvalidScopeError, match="needs its kecamatan") as raised:
        create_staff("pc", role=Role.PANWASCAM, region=regions["bogor"], actor=None)
    assert raised.value.code == "invalid_scope"
    assert raised.value.details["field"] == "kecamatan"


def test_the_command_line_refuses_a_panwascam_without_kecamatan(regions):
    from typer.testing import CliRunner

    from netra.cli import app

    result = CliRunner().invoke(
        app, ["staff", "pc", "--role", "panwascam", "--region", regions["bogor"].code]
    )
    assert result.exit_code == 2
    assert "--kecamatan: a Panwaslu Kecamatan (panwascam) account needs its kecamatan" in (
        result.stderr
    )
    assert not User.objects.filter(username="pc").exists()


def test_the_admin_form_refuses_a_panwascam_without_kecamatan(rf, regions, kecamatan, cast):
    from django.contrib import admin

    user = cast["panwas_bogor"]
    request = rf.get("/admin/")
    request.user = User.objects.create(username="root", is_staff=True, is_superuser=True)
    form_class = admin.site._registry[User].get_form(request, obj=user)
    data = {
        "username": user.username,
        "role": Role.PANWASCAM.value,
        "region": regions["bogor"].pk,
        "date_joined_0": "2024-01-01",
        "date_joined_1": "00:00:00",
    }
    form = form_class(data=data, instance=user)
    assert not form.is_valid()
    assert "kecamatan" in form.errors
    form = form_class(data=data | {"kecamatan": kecamatan["cibinong"].pk}, instance=user)
    assert form.is_valid(), form.errors


@pytest.fixture
def unscoped(regions) -> Any:
    """A Panwascam account from before the kecamatan was required (written around the service)."""
    return User.objects.create(
        username="pc_old", role=Role.PANWASCAM.value, region=regions["bogor"]
    )


def test_a_panwascam_without_kecamatan_sees_no_case_in_the_one_case_query(unscoped, cases):
    from netra.cases.models import Case

    assert list(Case.objects.filter(case_filter(unscoped))) == []
    assert list(cases_visible_to(unscoped)) == []
    with pytest.raises(CaseNotFoundError):
        get_case_for(unscoped, cases["unnamed"].pk)


def test_a_panwascam_without_kecamatan_may_not_enter_a_case(unscoped, elections):
    with pytest.raises(OutOfScopeError, match="ask an administrator"):
        open_case_as_staff(
            StaffEntryKind.FINDING,
            IncidentData(
                election=elections["bogor"],
                region=elections["bogor"].region,
                incident_on=date(2024, 10, 1),
                known_on=date(2024, 10, 2),
                place="Pasar Cibinong",
                description="Camat hadir di kampanye pasangan calon.",
            ),
            actor=unscoped,
            now=NOW,
            today=TODAY,
        )


def test_the_desk_tells_a_panwascam_without_kecamatan_to_ask_an_administrator(unscoped, cases):
    client = Client(HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    client.force_login(unscoped)
    page = client.get("/desk/").content.decode()
    assert 'id="no-kecamatan"' in page
    assert "Mintalah administrator mengisi kecamatan" in page
    assert cases["unnamed"].number not in page
