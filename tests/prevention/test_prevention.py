"""The prevention register: declare, hold meetings, send imbauan letters, see coverage."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from netra.audit.models import AuditEvent
from netra.prevention import selectors
from netra.prevention.models import Declaration, ImbauanBatch
from netra.prevention.reminders import reminders_on
from netra.prevention.services import (
    OutOfScopeError,
    PreventionError,
    record_declaration,
    record_meeting,
)
from netra.prevention.template import TemplateError, declaration_template, parse_template
from netra.regions.models import Agency, AgencyKind, Region
from netra.rulebook import load_rulebook

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(regions):
    bogor = regions["bogor"]
    return [
        Agency.objects.create(
            code="32.01/disdik", name="Dinas Pendidikan", kind=AgencyKind.DINAS, region=bogor
        ),
        Agency.objects.create(
            code="32.01/dinkes", name="Dinas Kesehatan", kind=AgencyKind.DINAS, region=bogor
        ),
        Agency.objects.create(
            code="32.01.01", name="Kecamatan Cibinong", kind=AgencyKind.KECAMATAN, region=bogor
        ),
    ]


@pytest.fixture
def desk(client, cast):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"

    def login(name: str):
        client.force_login(cast[name])
        return client

    return login


def _declare(region, actor, agency=None):
    return record_declaration(
        region,
        actor=actor,
        agency=agency,
        signed_by="Bupati Bogor",
        signed_on=date(2024, 8, 1),
        points=declaration_template().text.splitlines(),
        document_reference="800/123/2024",
        now=timezone.now(),
    )


def test_the_template_has_five_points_each_with_a_source():
    template = declaration_template()
    assert len(template.points) == 5
    assert all(point.source for point in template.points)


def test_a_template_point_without_a_source_fails_naming_it():
    with pytest.raises(TemplateError, match="point 1: field 'source' is required"):
        parse_template(
            {"title": "x", "points": [{"text": "t", "certainty": "confirmed"}]}, source="d.yaml"
        )


def test_a_regency_declares_once_and_its_agencies_each_once(regions, cast, agencies):
    bogor, officer = regions["bogor"], cast["panwas_bogor"]
    _declare(bogor, officer)
    _declare(bogor, officer, agencies[0])
    with pytest.raises(PreventionError, match="Kabupaten Bogor has already declared"):
        _declare(bogor, officer)
    assert list(selectors.undeclared_agencies(bogor)) == [agencies[1]]  # kecamatan not an OPD
    assert AuditEvent.objects.filter(action="prevention.declaration_recorded").count() == 2


def test_a_region_outside_the_scope_cannot_be_declared(regions, cast):
    with pytest.raises(OutOfScopeError):
        _declare(regions["bogor"], cast["outsider_surabaya"])


def test_coverage_shows_declared_socialised_and_imbauan_per_regency(regions, cast, agencies):
    bogor, officer = regions["bogor"], cast["panwas_bogor"]
    _declare(bogor, officer)
    record_meeting(
        bogor,
        actor=officer,
        kind="socialisation",
        held_on=date(2024, 9, 10),
        place="Aula Tegar Beriman",
        organiser="Bawaslu Kabupaten Bogor",
        audience="Kepala OPD dan camat",
        attendees=120,
        agencies=agencies[:2],
        materials="SKB 2022",
        now=timezone.now(),
    )
    rows = {row.region.code: row for row in selectors.coverage_for(cast["bawaslu_jabar"])}
    assert set(rows) == {"32.01", "32.73"}  # Jawa Barat's regencies, not Surabaya
    assert rows["32.01"].is_declared
    assert rows["32.01"].is_socialised
    assert not rows["32.73"].is_declared
    assert not rows["32.73"].is_imbauan_sent
    assert (rows["32.01"].agencies_declared, rows["32.01"].agencies) == (0, 2)


def test_a_meeting_needs_attendees_and_a_known_kind(regions, cast):
    with pytest.raises(PreventionError, match="unknown meeting kind 'rapat'"):
        record_meeting(
            regions["bogor"],
            actor=cast["panwas_bogor"],
            kind="rapat",
            held_on=date(2024, 9, 1),
            place="x",
            organiser="y",
            audience="z",
            attendees=5,
            agencies=[],
            materials="",
            now=timezone.now(),
        )


def test_reminders_come_a_week_before_penetapan_and_the_campaign():
    book = load_rulebook()
    assert [r.stage for r in reminders_on(book, "pilkada-2024", date(2024, 9, 15))] == [
        "penetapan_paslon"
    ]
    assert [r.stage for r in reminders_on(book, "pilkada-2024", date(2024, 9, 20))] == [
        "penetapan_paslon",
        "kampanye",
    ]
    assert reminders_on(book, "pilkada-2024", date(2024, 7, 1)) == []


def test_a_regency_generates_imbauan_letters_for_every_agency(desk, regions, agencies):
    client = desk("panwas_bogor")
    response = client.post(
        reverse("prevention:imbauan", args=["32.01"]),
        {
            "imbauan-letter_number": "123/PM.00/K.JB-01/09/2024",
            "imbauan-sent_on": "2024-09-15",
            "imbauan-tipline": "0812-0000-0000",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    assert "Kepala Dinas Kesehatan" in pages[0]
    assert "Kepala Dinas Pendidikan" in pages[1]
    assert "WAJIB\nNETRAL" in pages[-1]
    assert "0812-0000-0000" in pages[-1]
    batch = ImbauanBatch.objects.get()
    assert batch.agency_count == 2
    assert batch.report_url.endswith("/lapor/")
    page = client.get(reverse("prevention:coverage")).content.decode()
    assert "15 September 2024" in page


def test_the_pages_keep_to_the_region_scope(desk, regions):
    client = desk("outsider_surabaya")
    assert client.get(reverse("prevention:region", args=["32.01"])).status_code == 404
    assert client.get(reverse("prevention:region", args=["35.78"])).status_code == 200


def test_a_declaration_form_with_a_future_date_is_refused_with_the_reason(desk, regions):
    client = desk("panwas_bogor")
    response = client.post(
        reverse("prevention:declare", args=["32.01"]),
        {
            "declaration-signed_by": "Bupati",
            "declaration-signed_on": "2099-01-01",
            "declaration-points": "Netral",
        },
    )
    assert response.status_code == 422
    # In the desk's language (it was the service's English, found in the qa-2 walk-through).
    assert "2099-01-01 belum tiba" in response.content.decode()
    assert "in the future" not in response.content.decode()
    assert Declaration.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("id-ID,id;q=0.9", "Sosialisasi netralitas", "Neutrality socialisation"),
        ("en", "Neutrality socialisation", "Sosialisasi netralitas"),
    ],
)
def test_the_meeting_kinds_are_named_in_the_page_s_language(
    client, cast, regions, language, shown, hidden
):
    """The kinds were Indonesian in the English desk too (found in the qa-2 walk-through)."""
    client.force_login(cast["panwas_bogor"])
    record_meeting(
        regions["bogor"],
        actor=cast["panwas_bogor"],
        kind="socialisation",
        held_on=date(2024, 8, 2),
        place="Aula Setda",
        organiser="Bawaslu Kabupaten Bogor",
        audience="Kepala perangkat daerah",
        attendees=40,
        agencies=[],
        materials="",
        now=timezone.now(),
    )
    page = client.get(
        reverse("prevention:region", args=["32.01"]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert page.count(shown) == 2  # the form's choice and the recorded meeting
    assert hidden not in page


def test_each_imbauan_letter_is_addressed_to_the_head_s_own_title(desk, regions):
    """ "Kepala Pemerintah Kabupaten Bogor" and "Kepala Sekretariat Daerah ..." were written on
    the letters (found in the qa-2 walk-through): the regional government is headed by the
    bupati or wali kota, a sekretariat by its sekretaris, the inspektorat by the inspektur."""
    for region, kind, name in [
        ("bogor", AgencyKind.PEMDA, "Pemerintah Kabupaten Bogor"),
        ("bogor", AgencyKind.SEKRETARIAT, "Sekretariat Daerah Kabupaten Bogor"),
        ("bogor", AgencyKind.SEKRETARIAT, "Sekretariat DPRD Kabupaten Bogor"),
        ("bogor", AgencyKind.INSPEKTORAT, "Inspektorat Kabupaten Bogor"),
        ("bogor", AgencyKind.RSUD, "Rumah Sakit Umum Daerah Kabupaten Bogor"),
        ("bogor", AgencyKind.DINAS, "Dinas Sosial Kabupaten Bogor"),
        ("bandung", AgencyKind.PEMDA, "Pemerintah Kota Bandung"),
    ]:
        Agency.objects.create(
            code=f"{regions[region].code}/{name}", name=name, kind=kind, region=regions[region]
        )
    jabar = Region.objects.get(code="32")
    Agency.objects.create(
        code="32/pemda", name="Pemerintah Provinsi Jawa Barat", kind=AgencyKind.PEMDA, region=jabar
    )
    addressees = {agency.name: agency.head_title for agency in Agency.objects.all()}
    assert addressees == {
        "Pemerintah Kabupaten Bogor": "Bupati Bogor",
        "Sekretariat Daerah Kabupaten Bogor": "Sekretaris Daerah Kabupaten Bogor",
        "Sekretariat DPRD Kabupaten Bogor": "Sekretaris DPRD Kabupaten Bogor",
        "Inspektorat Kabupaten Bogor": "Inspektur Kabupaten Bogor",
        "Rumah Sakit Umum Daerah Kabupaten Bogor": (
            "Direktur Rumah Sakit Umum Daerah Kabupaten Bogor"
        ),
        "Dinas Sosial Kabupaten Bogor": "Kepala Dinas Sosial Kabupaten Bogor",
        "Pemerintah Kota Bandung": "Wali Kota Bandung",
        "Pemerintah Provinsi Jawa Barat": "Gubernur Jawa Barat",
    }
    response = desk("panwas_bogor").post(
        reverse("prevention:imbauan", args=["32.01"]),
        {"imbauan-letter_number": "7/PM.00/2024", "imbauan-sent_on": "2024-09-15"},
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kepada Yth.\nBupati Bogor\n" in text
    assert "Kepala Pemerintah" not in text
    assert "Kepala Sekretariat" not in text


def test_the_stage_reminder_on_the_coverage_page_names_the_stage_in_the_page_s_language(
    desk, regions, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2024, 9, 15))
    client = desk("panwas_bogor")
    indonesian = client.get(reverse("prevention:coverage")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("prevention:coverage")).content.decode()
    (stage,) = [
        s for s in load_rulebook().election("pilkada-2024").stages if s.code == "penetapan_paslon"
    ]
    assert stage.label_id in indonesian
    assert stage.label_en in english
    assert stage.label_id not in english
