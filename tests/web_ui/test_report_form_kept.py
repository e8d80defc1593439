"""The report form keeps attached evidence across an error, picks a kecamatan, warns on dates."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Case, Evidence
from netra.public import quarantine
from netra.regions.models import Agency, AgencyKind
from tests.web_ui.conftest import PNG
from tests.web_ui.test_public import _valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def kecamatan(regions):
    return Agency.objects.create(
        code="32.01.01",
        name="Kecamatan Cibinong",
        kind=AgencyKind.KECAMATAN,
        region=regions["bogor"],
    )


def _held(body: str) -> tuple[str, list[str]]:
    token = re.search(r'name="held_evidence" value="([^"]+)"', body)
    assert token is not None, "the form lists no held evidence"
    return token.group(1), re.findall(r'name="held_keep" value="([0-9a-f]{32})"', body)


def test_evidence_attached_before_a_validation_error_is_kept_and_filed(elections, id_client):
    upload = SimpleUploadedFile("bukti.png", PNG, content_type="image/png")
    first = id_client.post(reverse("public:report"), _valid_post(description="", evidence=[upload]))
    body = first.content.decode()
    assert first.status_code == 200
    assert "bukti.png" in body
    token, ids = _held(body)
    assert len(ids) == 1
    again = id_client.post(
        reverse("public:report"), _valid_post(held_evidence=token, held_keep=ids)
    )
    assert again.status_code == 302
    evidence = Evidence.objects.get(kind="file")
    assert evidence.original_name == "bukti.png"
    assert evidence.size == len(PNG)
    assert not default_storage.exists(f"{quarantine.FOLDER}/{ids[0]}")  # released once filed


def test_an_unticked_held_file_is_left_out(elections, id_client):
    upload = SimpleUploadedFile("bukti.png", PNG, content_type="image/png")
    body = id_client.post(
        reverse("public:report"), _valid_post(description="", evidence=[upload])
    ).content.decode()
    token, _ = _held(body)
    response = id_client.post(reverse("public:report"), _valid_post(held_evidence=token))
    assert response.status_code == 302
    assert not Evidence.objects.filter(kind="file").exists()


def test_a_rejected_file_is_not_held(elections, id_client):
    fake = SimpleUploadedFile("x.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    body = id_client.post(
        reverse("public:report"), _valid_post(description="", evidence=[fake])
    ).content.decode()
    assert 'name="held_evidence"' not in body


def test_a_forged_or_foreign_token_names_nothing():
    assert quarantine.read_token("not-a-token") == []
    forged = quarantine.token_for([quarantine.HeldFile(id="../../etc/passwd", name="x", size=1)])
    assert quarantine.read_token(forged) == []


def test_a_date_after_the_voting_day_is_warned_about_then_filed_when_confirmed(
    elections, id_client
):
    post = _valid_post()
    del post["date_confirmed"]
    upload = SimpleUploadedFile("bukti.png", PNG, content_type="image/png")
    warned = id_client.post(reverse("public:report"), post | {"evidence": [upload]})
    body = warned.content.decode()
    assert warned.status_code == 200
    assert "setelah hari pemungutan suara Pilkada 2024 Kabupaten Bogor (27 November 2024)" in body
    assert not Case.objects.exists()
    token, ids = _held(body)
    confirmed = id_client.post(
        reverse("public:report"),
        post | {"date_confirmed": "on", "held_evidence": token, "held_keep": ids},
    )
    assert confirmed.status_code == 302
    assert Evidence.objects.filter(kind="file").count() == 1


def test_a_date_inside_the_election_is_not_warned_about(elections, id_client):
    post = _valid_post(incident_on="2024-10-01", known_on="2024-10-02")
    del post["date_confirmed"]
    assert id_client.post(reverse("public:report"), post).status_code == 302


def test_the_kecamatan_is_picked_by_its_name(elections, kecamatan, id_client):
    page = id_client.post(reverse("public:report"), _valid_post(description="")).content.decode()
    assert '<option value="Cibinong">' in page  # the chosen region's kecamatan, without JS
    response = id_client.post(reverse("public:report"), _valid_post(kecamatan="cibinong"))
    assert response.status_code == 302
    assert Case.objects.get().kecamatan == kecamatan


def test_an_unknown_kecamatan_is_refused_by_name(elections, kecamatan, id_client):
    response = id_client.post(reverse("public:report"), _valid_post(kecamatan="Atlantis"))
    assert response.status_code == 200
    assert "Kabupaten Bogor tidak memiliki kecamatan Atlantis" in response.content.decode()


def test_the_kecamatan_list_follows_the_region(kecamatan, client):
    listed = client.get(reverse("public:kecamatan_list"), {"wilayah": "32.01"}).json()
    assert listed == {"kecamatan": ["Cibinong"]}
    assert client.get(reverse("public:kecamatan_list"), {"wilayah": "99"}).json() == {
        "kecamatan": []
    }


def test_held_files_nobody_came_back_for_are_purged():
    upload = SimpleUploadedFile("bukti.png", PNG, content_type="image/png")
    [held] = quarantine.hold([upload], now=timezone.now())
    assert quarantine.purge(older_than=timezone.now() - timedelta(hours=1)) == 0
    assert quarantine.purge(older_than=timezone.now() + timedelta(seconds=1)) >= 1
    assert not default_storage.exists(held.path)


def test_the_desk_keeps_evidence_across_an_error_and_warns_after_entering(elections, cast, client):
    from tests.desk.test_staff_entry import _form

    client.force_login(cast["panwas_bogor"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"
    upload = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    refused = client.post(reverse("desk:new_case"), _form(place="", evidence=[upload]))
    assert refused.status_code == 422
    token, ids = _held(refused.content.decode())
    entered = client.post(
        reverse("desk:new_case"), _form(held_evidence=token, held_keep=ids), follow=True
    )
    case = Case.objects.get()
    assert case.evidence.get(kind="file").original_name == "foto.png"
    # Today is after the 2024 voting day: staff are told, not stopped.
    assert "setelah hari pemungutan suara" in entered.content.decode()


def test_held_files_count_against_the_daily_upload_quota(elections, id_client, settings):
    settings.NETRA_PUBLIC_DAILY_UPLOAD_BYTES = len(PNG) + 10
    first = SimpleUploadedFile("satu.png", PNG, content_type="image/png")
    body = id_client.post(
        reverse("public:report"), _valid_post(description="", evidence=[first])
    ).content.decode()
    token, ids = _held(body)
    second = SimpleUploadedFile("dua.png", PNG, content_type="image/png")
    refused = id_client.post(
        reverse("public:report"),
        _valid_post(description="", evidence=[second], held_evidence=token, held_keep=ids),
    ).content.decode()
    assert "Terlalu banyak berkas bukti" in refused
    assert "dua.png" not in refused  # not kept: the quota is used up
    assert "satu.png" in refused  # the file held earlier stays
    filed = id_client.post(
        reverse("public:report"), _valid_post(held_evidence=_held(refused)[0], held_keep=ids)
    )
    assert filed.status_code == 302  # the held file was counted once, when it was held
    assert Evidence.objects.get(kind="file").original_name == "satu.png"
