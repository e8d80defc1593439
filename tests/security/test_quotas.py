"""Finding 5 of issue #9: anonymous uploads cannot fill the disk."""

from __future__ import annotations

import json
from collections import namedtuple
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from netra.cases.evidence import EvidenceRejectedError
from netra.cases.models import Case, Evidence
from netra.cases.services import StorageFullError, add_evidence, new_upload
from tests.security.conftest import real_png

pytestmark = pytest.mark.django_db

Usage = namedtuple("Usage", "total used free")


def _body() -> dict[str, Any]:
    return {
        "election": "pilkada-2024-3201",
        "region": "32.01",
        "incident_on": "2024-10-01",
        "known_on": "2024-10-02",
        "place": "Kantor Kecamatan Cibinong",
        "description": "Seorang camat membagikan poster bakal calon bupati di grup WhatsApp.",
        "reporter": {"kind": "pemilih", "name": "Siti Aminah", "address": "Jl. Mawar 3"},
    }


def _post(client: Client, files: int = 1) -> Any:
    return client.post(
        "/api/v1/reports",
        {
            "payload": json.dumps(_body()),
            "evidence": [SimpleUploadedFile(f"f{n}.png", real_png()) for n in range(files)],
        },
    )


def test_a_client_s_daily_upload_quota_is_enforced_with_retry_after(elections, settings):
    settings.NETRA_PUBLIC_DAILY_UPLOAD_BYTES = len(real_png()) * 3
    client = Client(REMOTE_ADDR="198.51.100.9")
    assert _post(client, files=2).status_code == 201
    refused = _post(client, files=2)
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "quota_exceeded"
    assert body["details"]["quota"] == "upload_bytes_per_day"
    assert int(refused["Retry-After"]) > 0
    # Another address is not affected.
    assert _post(Client(REMOTE_ADDR="192.0.2.1"), files=1).status_code == 201


def test_a_client_s_daily_report_quota_is_enforced(elections, settings):
    settings.NETRA_PUBLIC_DAILY_REPORTS = 2
    client = Client(REMOTE_ADDR="198.51.100.9")
    statuses = [_post(client, files=0).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert Case.objects.count() == 2


def test_the_public_form_tells_the_reporter_the_quota_is_used_up(elections, settings):
    settings.NETRA_PUBLIC_DAILY_REPORTS = 0
    from tests.web_ui.test_public import _valid_post

    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(reverse("public:report"), _valid_post())
    assert response.status_code == 200
    assert "Too many reports were sent from this address today" in response.content.decode()
    assert not Case.objects.exists()


def test_one_report_may_not_carry_more_than_the_per_report_total(file_report, settings):
    settings.NETRA_MAX_REPORT_BYTES = len(real_png()) + 10
    files = (new_upload("a.png", real_png()), new_upload("b.png", real_png()))
    with pytest.raises(EvidenceRejectedError, match="at most"):
        file_report(files=files)
    assert not Case.objects.exists()


def test_uploads_stop_before_the_disk_is_full(file_report, cast, settings):
    settings.NETRA_MIN_FREE_BYTES = 10 * 1024**3
    nearly_full = Usage(total=100 * 1024**3, used=90 * 1024**3, free=10 * 1024**3)
    with mock.patch("netra.cases.services.shutil.disk_usage", return_value=nearly_full):
        with pytest.raises(StorageFullError, match="storage is nearly full"):
            file_report(files=(new_upload("a.png", real_png()),))
        case = file_report().case  # a report without files is still received
        with pytest.raises(StorageFullError):
            add_evidence(
                case,
                actor=cast["panwas_bogor"],
                now=case.created_at,
                upload=new_upload("a.png", real_png()),
            )
    assert not Evidence.objects.filter(kind="file").exists()


def test_the_api_answers_507_when_the_disk_is_nearly_full(elections, settings):
    settings.NETRA_MIN_FREE_BYTES = 10 * 1024**3
    nearly_full = Usage(total=100 * 1024**3, used=95 * 1024**3, free=5 * 1024**3)
    with mock.patch("netra.cases.services.shutil.disk_usage", return_value=nearly_full):
        response = _post(Client())
    assert response.status_code == 507
    assert response.json()["code"] == "storage_full"
