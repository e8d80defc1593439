"""PDF letters (stored with their SHA-256, addressed by date and subject) and the recap pages."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netra.audit.models import AuditEvent
from netra.documents.models import GeneratedDocument
from netra.documents.services import addressee_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(id_client, cast):
    def login(name: str):
        id_client.force_login(cast[name])
        return id_client

    return login


def test_a_receipt_is_generated_as_a_pdf_stored_with_its_sha256(file_report, desk):
    report = file_report()
    client = desk("panwas_bogor")
    response = client.post(
        reverse("documents:generate", args=[report.case.pk]), {"kind": "tanda_terima"}
    )
    assert response.status_code == 302
    document = GeneratedDocument.objects.get()
    stored = document.file.read()
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert AuditEvent.objects.filter(action="document.generate").exists()
    download = client.get(reverse("documents:download", args=[document.pk]))
    assert b"".join(download.streaming_content) == stored
    assert download["X-Content-SHA256"] == document.sha256


@pytest.mark.parametrize("kind", ["formulir_kajian", "surat_penerusan"])
def test_the_study_form_and_the_forwarding_letter_render(file_report, desk, kind):
    report = file_report()
    desk("bawaslu_jabar").post(reverse("documents:generate", args=[report.case.pk]), {"kind": kind})
    assert GeneratedDocument.objects.get().kind == kind


def test_a_viewer_may_not_generate_letters(file_report, desk):
    report = file_report()
    desk("viewer_bogor").post(
        reverse("documents:generate", args=[report.case.pk]), {"kind": "tanda_terima"}
    )
    assert not GeneratedDocument.objects.exists()


def test_another_regions_document_is_not_found(file_report, desk):
    report = file_report()
    desk("panwas_bogor").post(
        reverse("documents:generate", args=[report.case.pk]), {"kind": "tanda_terima"}
    )
    document = GeneratedDocument.objects.get()
    desk("outsider_surabaya")
    response = desk("outsider_surabaya").get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("subject", "on", "expected", "why"),
    [
        ("pns", date(2024, 8, 23), "kasn", "KASN handled ASN neutrality until 23 Aug 2024"),
        ("pns", date(2024, 8, 24), "bkn", "BKN from 24 Aug 2024 (SE MenPANRB 4/2024)"),
        ("tni", date(2024, 10, 1), "tni", "TNI discipline is internal"),
        ("polri", date(2024, 10, 1), "polri", "Polri discipline is internal"),
        ("village_head", date(2024, 10, 1), "regional_government", "kades go to the Bupati"),
        ("regional_head", date(2024, 10, 1), "kemendagri", "elected heads go to Kemendagri"),
        ("acting_regional_head", date(2024, 10, 1), "bkn", "a Pj is an ASN official"),
    ],
)
def test_the_forwarding_letter_is_addressed_by_subject_and_date(
    file_report, subject, on, expected, why
):
    case = file_report().case
    case.subject_type = subject
    addressee = addressee_for(case, on=on)
    assert addressee.recipient == expected, why
    if expected == "regional_government":
        assert addressee.name == "Bupati Bogor"
    if expected == "kemendagri":
        assert addressee.name == "Menteri Dalam Negeri Republik Indonesia"


def test_the_recap_dashboard_counts_the_ten_categories(file_report, desk):
    file_report()
    body = desk("bawaslu_ri").get(reverse("insights:dashboard")).content.decode()
    assert "Sepuluh kategori Bawaslu" in body
    assert "Menurut provinsi" in body
    assert "Jawa Barat" in body


def test_election_stages_are_named_in_the_readers_language(file_report, desk):
    # QA walk-through: with English chosen, the recap's table by stage and the map's
    # stage filter still read "Kampanye", "Penelitian persyaratan calon", ...
    file_report()  # incident on 1 Oct 2024: the Pilkada's campaign (kampanye)
    client = desk("bawaslu_ri")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    everything = {"basis": "all"}  # the report is not decided: count every case received
    dashboard = client.get(reverse("insights:dashboard"), everything).content.decode()
    assert ">Campaign<" in dashboard
    assert ">Kampanye<" not in dashboard
    map_page = client.get("/desk/peta/").content.decode()
    assert "Verification of candidate requirements</option>" in map_page
    assert "Penelitian persyaratan calon</option>" not in map_page
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    indonesian = client.get(reverse("insights:dashboard"), everything).content.decode()
    assert ">Kampanye<" in indonesian
    assert "Penelitian persyaratan calon</option>" in client.get("/desk/peta/").content.decode()


def test_the_recap_drills_down_from_province_to_regency(file_report, desk):
    file_report()
    body = desk("bawaslu_ri").get(reverse("insights:dashboard"), {"province": "32", "basis": "all"})
    assert "Kabupaten Bogor" in body.content.decode()


def test_the_recap_exports_csv_and_xlsx(file_report, desk):
    file_report()
    client = desk("bawaslu_ri")
    csv_body = client.get(reverse("insights:export", args=["region", "csv"])).content
    assert csv_body.decode("utf-8-sig").splitlines()[0].startswith("key,label,1. ")
    xlsx = client.get(reverse("insights:export", args=["category", "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet.cell(row=1, column=1).value == "key"


def test_the_recap_prints_as_pdf(file_report, desk):
    file_report()
    response = desk("bawaslu_ri").get(reverse("insights:pdf"))
    assert response.content.startswith(b"%PDF-")


def test_every_indonesian_message_is_translated():
    from pathlib import Path

    import netra

    po = Path(netra.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]
    untranslated = [e for e in entries if 'msgstr ""' in e and 'msgstr ""\n"' not in e]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("kind", ["formulir_kajian", "surat_penerusan"])
def test_letters_mark_provisional_norms_as_sementara(file_report, desk, monkeypatch, kind):
    # Issue 8: the default report is mobilization by a camat after penetapan; Pasal 71(1) jo.
    # 188 is a provisional reading, and a letter must not present it as settled law.
    from django.template.loader import render_to_string

    from netra.documents import services

    rendered: list[str] = []

    def fake_pdf(template: str, context: dict[str, object]) -> bytes:
        rendered.append(render_to_string(template, context))
        return b"%PDF-1.4 test"

    monkeypatch.setattr(services, "render_pdf", fake_pdf)
    report = file_report()
    desk("bawaslu_jabar").post(reverse("documents:generate", args=[report.case.pk]), {"kind": kind})
    (html,) = rendered
    assert "UU 1/2015 jo. UU 10/2016 Pasal 188 (sementara)" in html
    assert "belum dapat dipastikan dari naskah resmi" in html


def test_the_recap_shows_how_often_staff_agreed_with_the_analyzer(file_report, desk, cast):
    from netra.cases.services import confirm_classification

    case = file_report().case
    suggested = case.suggestion
    confirm_classification(
        case,
        category=suggested.category or 10,
        acts=list(suggested.acts),
        subject_type=suggested.subject_type,
        actor=cast["panwas_bogor"],
    )
    body = desk("bawaslu_ri").get(reverse("insights:dashboard")).content.decode()
    assert "Saran analyzer dan keputusan staf" in body
    card = body[body.index('id="analyzer-agreement"') :]
    assert "Kasus yang diputus atas saran analyzer</dt><dd>1</dd>" in card
