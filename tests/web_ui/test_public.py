"""Public pages: landing, the report form (valid, invalid, bad files), receipt and status."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Evidence, Report
from netra.public.models import ReporterPreference
from tests.web_ui.conftest import PNG

pytestmark = pytest.mark.django_db


def _valid_post(**overrides):
    today = timezone.localdate()
    data = {
        "reporter_kind": "pemilih",
        "reporter_name": "Rina Wulandari",
        "reporter_address": "Jl. Kenanga 7, Cibinong",
        "reporter_contact": "0812000000",
        "party_name": "Ahmad Fauzi",
        "party_position": "Camat",
        "party_subject_type": "pns",
        "series": "pilkada-2024",
        "region": "32.01",
        "place": "Grup WhatsApp kantor kecamatan",
        "incident_on": (today - timedelta(days=2)).isoformat(),
        # Today is after the 2024 voting days: the form warns, and this confirms the date.
        "date_confirmed": "on",
        "known_on": (today - timedelta(days=1)).isoformat(),
        "description": "Camat mengirim ajakan memilih pasangan calon nomor 2 ke grup kantor.",
        "links": "https://example.org/post/1",
        "may_be_contacted": "on",
        "truthful": "on",
    }
    data.update(overrides)
    return data


def test_landing_page_is_indonesian_by_default_and_states_the_seven_day_rule(id_client):
    response = id_client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in body
    assert "Laporkan dalam 7 hari" in body
    assert "Buat laporan" in body


def test_landing_page_can_be_switched_to_english(id_client):
    id_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = id_client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Report within 7 days" in body


def test_the_accepted_file_types_are_listed_without_an_english_word(elections, id_client):
    # QA walk-through: the Indonesian form said "jenis yang diterima: JPEG, ..., OGG or MP3".
    import re

    body = id_client.get(reverse("public:report")).content.decode()
    (limits,) = re.findall(r'id="upload-limits">([^<]*)<', body)
    assert "MP3" in limits
    assert " or " not in limits


def test_a_complete_report_with_evidence_is_filed_and_its_code_shown_once(elections, id_client):
    upload = SimpleUploadedFile("bukti.png", PNG, content_type="image/png")
    response = id_client.post(reverse("public:report"), _valid_post(evidence=[upload]))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:receipt")
    report = Report.objects.get()
    assert report.case.region.code == "32.01"
    assert report.case.election.code == "pilkada-2024-3201"
    assert Evidence.objects.filter(case=report.case, kind="file", media_type="image/png").exists()
    assert Evidence.objects.filter(case=report.case, kind="link").exists()
    preference = ReporterPreference.objects.get(report=report)
    assert (preference.may_disclose_identity, preference.may_be_contacted) == (False, True)
    receipt = id_client.get(reverse("public:receipt")).content.decode()
    assert report.tracking_code in receipt
    assert "Laporan Anda telah diterima" in receipt


def test_a_pemilu_report_goes_to_the_nationwide_election(elections, id_client):
    response = id_client.post(reverse("public:report"), _valid_post(series="pemilu-2024"))
    assert response.status_code == 302
    assert Report.objects.get().case.election.code == "pemilu-2024"


def test_errors_are_shown_next_to_their_fields_and_tied_to_the_inputs(elections, id_client):
    today = timezone.localdate()
    response = id_client.post(
        reverse("public:report"),
        _valid_post(
            reporter_name="",
            known_on=(today - timedelta(days=5)).isoformat(),
            party_nip="12345",
            description="terlalu pendek",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert not Report.objects.exists()
    assert 'id="id_reporter_name_error"' in body
    assert 'aria-describedby="id_reporter_name_error"' in body
    assert 'aria-invalid="true"' in body
    assert "Anda tidak mungkin mengetahuinya sebelum kejadian." in body
    assert "NIP terdiri dari tepat 18 angka." in body
    assert 'href="#id_description"' in body  # the error summary links to the field


def test_a_file_that_is_not_evidence_is_refused_on_the_evidence_field(elections, id_client):
    upload = SimpleUploadedFile("skrip.exe", b"MZ\x90\x00not an image", content_type="image/png")
    response = id_client.post(reverse("public:report"), _valid_post(evidence=[upload]))
    body = response.content.decode()
    assert response.status_code == 200
    assert not Report.objects.exists()
    assert 'id="id_evidence_error"' in body
    assert "skrip.exe" in body


def test_a_report_for_a_future_date_is_refused(elections, id_client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = id_client.post(
        reverse("public:report"), _valid_post(incident_on=tomorrow, known_on=tomorrow)
    )
    assert response.status_code == 200
    assert "Tanggal ini ada di masa depan." in response.content.decode()


def test_the_status_page_shows_the_steps_but_no_personal_data(file_report, id_client):
    report = file_report()
    response = id_client.get(reverse("public:status", args=[report.tracking_code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert report.case.number in body
    assert "Laporan diterima" in body
    for private in ("Siti Aminah", "Jl. Mawar", "Budi Santoso", "Cibinong"):
        assert private not in body


def test_an_unknown_tracking_code_is_a_404_with_the_lookup_form(db, id_client):
    response = id_client.get(reverse("public:status", args=["not-a-real-code-123"]))
    assert response.status_code == 404
    assert "Tidak ada laporan dengan kode pelacakan ini" in response.content.decode()


def test_the_lookup_form_sends_the_reporter_to_the_status_page(file_report, id_client):
    report = file_report()
    response = id_client.get(reverse("public:status_lookup"), {"code": report.tracking_code})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:status", args=[report.tracking_code])


def test_the_receipt_page_without_a_report_sends_back_to_the_form(db, id_client):
    response = id_client.get(reverse("public:receipt"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:report")


def test_static_css_is_served_without_a_cdn(db, id_client):
    body = id_client.get("/").content.decode()
    assert "/static/netra/netra.css" in body
    head = body.split("<body")[0]
    assert "http://" not in head
    assert "https://" not in head
