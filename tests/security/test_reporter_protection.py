"""Findings 1-3 of issue #9: identity in letters, metadata in photos, dangerous downloads.

Each role of the cast downloads each letter kind and each evidence file of a Kab. Bogor case; only
Bawaslu's supervisors of the region ever get the reporter's identity or an original file.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image
from pypdf import PdfReader

from netra.cases.evidence import EvidenceRejectedError
from netra.cases.models import Evidence
from netra.cases.services import add_evidence, new_upload
from netra.documents.models import GeneratedDocument
from netra.documents.services import IDENTITY_KINDS, DocumentKind, generate_document
from tests.conftest import JAKARTA
from tests.security.conftest import (
    BAWASLU_OF_BOGOR,
    EVERYONE,
    OUT_OF_SCOPE,
    PHONE_MAKE,
    REPORTER_NAME,
    gps_jpeg,
    mp4,
    pdf_with_author,
    real_png,
)
from tests.steps import hand_to_ppk

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_report(file_report: Any) -> Any:
    """Reports of Kab. Bogor already in the PPK's hands: BKN and the PPK see a case only then
    (tests/security/test_least_privilege.py); what they see of it is tested here."""

    def make(**kwargs: Any) -> Any:
        report = file_report(**kwargs)
        hand_to_ppk(report.case)
        return report

    return make


ISSUERS = {
    DocumentKind.RECEIPT: "panwas_bogor",
    DocumentKind.STUDY: "panwas_bogor",
    DocumentKind.FORWARDING: "bawaslu_jabar",
    DocumentKind.STATUS_NOTICE: "panwas_bogor",
}


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _now() -> Any:
    from datetime import datetime

    return datetime(2024, 10, 5, 10, 0, tzinfo=JAKARTA)


@pytest.fixture
def letters(file_report, full_cast) -> dict[DocumentKind, GeneratedDocument]:
    """Each letter kind for one Bogor report, issued by a supervisor who sees the reporter."""
    report = file_report()
    return {
        kind: generate_document(
            full_cast[issuer], report.case.pk, kind, now=_now(), today=_now().date()
        )
        for kind, issuer in ISSUERS.items()
    }


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_a_letter_names_the_reporter_only_to_bawaslu_of_the_region(letters, full_cast, who, kind):
    document = letters[kind]
    response = _client(full_cast[who]).get(reverse("documents:download", args=[document.pk]))
    if who in OUT_OF_SCOPE:
        assert response.status_code == 404
        return
    if response.status_code == 404:
        # Refused only a letter that names the reporter, and only to those who may not see them.
        assert document.names_reporter
        assert who not in BAWASLU_OF_BOGOR
        return
    assert response.status_code == 200
    text = _pdf_text(b"".join(response.streaming_content))
    assert (REPORTER_NAME in text) == (kind in IDENTITY_KINDS and who in BAWASLU_OF_BOGOR)


@pytest.mark.parametrize("who", sorted(BAWASLU_OF_BOGOR | {"admin"}))
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_a_letter_prints_the_identity_only_when_its_issuer_may_see_it(
    file_report, full_cast, who, kind
):
    from netra.documents.services import DocumentError

    report = file_report()
    try:
        document = generate_document(
            full_cast[who], report.case.pk, kind, now=_now(), today=_now().date()
        )
    except DocumentError:
        assert kind is DocumentKind.FORWARDING  # a Panwaslu Kecamatan does not recommend
        return
    text = _pdf_text(document.file.read())
    names = kind in IDENTITY_KINDS and who in BAWASLU_OF_BOGOR
    assert (REPORTER_NAME in text) is names
    assert document.names_reporter is names
    if not names and kind is DocumentKind.RECEIPT:
        assert "(dirahasiakan)" in text


def test_the_case_page_lists_no_identity_letter_to_the_ppk(letters, full_cast):
    from netra.documents.selectors import documents_for

    case_id = letters[DocumentKind.RECEIPT].case_id
    seen_by_ppk = {d.kind for d in documents_for(full_cast["ppk_bogor"], case_id)}
    seen_by_bawaslu = {d.kind for d in documents_for(full_cast["panwas_bogor"], case_id)}
    assert seen_by_ppk == {"formulir_kajian", "surat_penerusan"}
    assert seen_by_bawaslu == {
        "tanda_terima",
        "formulir_kajian",
        "surat_penerusan",
        "pemberitahuan_status",
    }


# --- Finding 2: metadata in photos -----------------------------------------------------------


@pytest.fixture
def photo(file_report) -> Evidence:
    report = file_report(files=(new_upload("IMG_2024.jpg", gps_jpeg()),))
    return report.case.evidence.get()


def test_a_photo_keeps_its_original_and_a_copy_without_exif_with_both_hashes(photo):
    original = photo.file.read()
    assert original == gps_jpeg()
    assert photo.sha256 == hashlib.sha256(original).hexdigest()
    redacted = photo.redacted_file.read()
    assert photo.redacted_sha256 == hashlib.sha256(redacted).hexdigest()
    assert photo.redacted_sha256 != photo.sha256
    exif = Image.open(io.BytesIO(redacted)).getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert len(exif) == 0
    assert PHONE_MAKE.encode() not in redacted
    assert Image.open(io.BytesIO(redacted)).size == (64, 48)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_bawaslu_of_the_region_download_the_original_photo(photo, full_cast, who):
    url = reverse("desk:download_evidence", args=[photo.case_id, photo.pk])
    response = _client(full_cast[who]).get(url)
    if who in OUT_OF_SCOPE:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    gps = Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    if who in BAWASLU_OF_BOGOR:
        assert content == gps_jpeg()
        assert gps
        assert response["X-Content-SHA256"] == photo.sha256
    else:
        assert not gps
        assert PHONE_MAKE.encode() not in content
        assert response["X-Content-SHA256"] == photo.redacted_sha256


def test_a_pdf_is_shared_outside_bawaslu_without_its_author(file_report, full_cast):
    report = file_report(files=(new_upload("laporan.pdf", pdf_with_author("Siti Aminah")),))
    evidence = report.case.evidence.get()
    url = reverse("desk:download_evidence", args=[evidence.case_id, evidence.pk])
    ppk = b"".join(_client(full_cast["ppk_bogor"]).get(url).streaming_content)
    assert PdfReader(io.BytesIO(ppk)).metadata.get("/Author") is None
    assert b"Siti Aminah" not in ppk
    bawaslu = b"".join(_client(full_cast["panwas_bogor"]).get(url).streaming_content)
    assert PdfReader(io.BytesIO(bawaslu)).metadata["/Author"] == "Siti Aminah"


def test_a_video_stays_with_bawaslu_because_its_metadata_cannot_be_removed(file_report, full_cast):
    report = file_report(files=(new_upload("video.mp4", mp4()),))
    evidence = report.case.evidence.get()
    assert not evidence.redacted_file
    url = reverse("desk:download_evidence", args=[evidence.case_id, evidence.pk])
    refused = _client(full_cast["ppk_bogor"]).get(url)
    assert refused.status_code == 403
    assert "Bawaslu" in refused.content.decode()
    assert _client(full_cast["panwas_bogor"]).get(url).status_code == 200


def test_the_api_refuses_a_withheld_video_with_403_in_its_own_format(file_report, full_cast):
    from netra.accounts.services import issue_token

    report = file_report(files=(new_upload("video.mp4", mp4()),))
    evidence = report.case.evidence.get()
    secret = issue_token(full_cast["bkn_analyst"], actor=None).secret
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
        f"/api/v1/cases/{evidence.case_id}/evidence/{evidence.pk}"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


# --- Finding 3: dangerous downloads ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "media_type", "extension"),
    [
        ("bukti.hta", gps_jpeg(), "image/jpeg", "jpg"),
        ("bukti.bat", pdf_with_author("x"), "application/pdf", "pdf"),
        ('"; filename=evil.exe', real_png(), "image/png", "png"),
    ],
)
def test_evidence_is_served_under_a_name_netra_builds_from_the_detected_type(
    file_report, full_cast, name, content, media_type, extension
):
    report = file_report(files=(new_upload(name, content),))
    evidence = report.case.evidence.get()
    for who in ("panwas_bogor", "ppk_bogor"):
        response = _client(full_cast[who]).get(
            reverse("desk:download_evidence", args=[evidence.case_id, evidence.pk])
        )
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert disposition == f'attachment; filename="bukti-{evidence.pk}.{extension}"'
        assert response["Content-Type"] == media_type
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>",  # JPEG magic, then HTML
        b"%PDF-1.7\n<hta:application><script>x</script>",  # PDF magic, no PDF inside
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,  # PNG signature and nothing decodable
        b"GIF89a" + b"MZ\x90\x00" * 16,
        (24).to_bytes(4, "big") + b"ftypisom" + b"\x00" * 12 + b"<script>",  # MP4 with junk
    ],
)
def test_a_file_that_does_not_parse_as_its_claimed_type_is_refused(file_report, content):
    with pytest.raises(EvidenceRejectedError, match="is not a valid"):
        file_report(files=(new_upload("bukti.jpg", content),))
    assert not Evidence.objects.exists()


def test_staff_uploads_are_checked_the_same_way(file_report, full_cast):
    case = file_report().case
    with pytest.raises(EvidenceRejectedError, match="is not a valid JPG"):
        add_evidence(
            case,
            actor=full_cast["panwas_bogor"],
            now=_now(),
            upload=new_upload("x.jpg", b"\xff\xd8\xff<svg onload=alert(1)>"),
        )


def test_a_photo_stored_before_copies_existed_gets_one_on_first_download(photo, full_cast):
    Evidence.objects.filter(pk=photo.pk).update(redacted_file="", redacted_sha256="")
    url = reverse("desk:download_evidence", args=[photo.case_id, photo.pk])
    response = _client(full_cast["ppk_bogor"]).get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert PHONE_MAKE.encode() not in content
    photo.refresh_from_db()
    assert photo.redacted_sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("who", sorted(BAWASLU_OF_BOGOR | {"ppk_bogor", "bkn_analyst"}))
def test_the_reporter_s_file_name_is_shown_only_to_bawaslu(photo, full_cast, who):
    from netra.accounts.services import issue_token

    secret = issue_token(full_cast[who], actor=None).secret
    detail = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(f"/api/v1/cases/{photo.case_id}")
    [item] = detail.json()["evidence"]
    page = _client(full_cast[who]).get(reverse("desk:case", args=[photo.case_id]))
    if who in BAWASLU_OF_BOGOR:
        assert item["original_name"] == "IMG_2024.jpg"
        assert "IMG_2024.jpg" in page.content.decode()
    else:
        assert item["original_name"] == f"bukti-{photo.pk}.jpg"
        assert "IMG_2024.jpg" not in page.content.decode()
    assert item["redacted_sha256"] == photo.redacted_sha256
