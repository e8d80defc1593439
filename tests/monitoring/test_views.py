"""The monitoring pages: queue, group, triage posts and the upload page."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.monitoring.models import Group, GroupStatus, Item
from tests.monitoring.conftest import BOGOR_ATTENDANCE, BOGOR_POST, SURABAYA_POST

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client, cast):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def login(name: str):
        client.force_login(cast[name])
        return client

    return login


def test_the_queue_lists_only_the_users_region(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}])
    page = as_user("panwas_bogor").get("/desk/pantauan/").content.decode()
    assert "Cibinong" in page
    assert "Surabaya" not in page


def test_the_queue_names_the_subject_type_in_the_readers_language(ingest, as_user):
    # QA walk-through: the queue's category column showed the bare code ("10 pns",
    # "5 village_head") where the group page shows the subject's label.
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    assert group.subject_type
    client = as_user("panwas_bogor")
    english = client.get("/desk/pantauan/").content.decode()
    indonesian = client.get("/desk/pantauan/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    cell = f"{group.category} {group.subject_type}</td>"
    assert cell not in english
    assert cell not in indonesian
    assert "Civil servant" in english
    assert "Pegawai Negeri Sipil" in indonesian


def test_the_platforms_netra_names_itself_read_in_the_readers_language(ingest, as_user):
    # QA walk-through: the Indonesian queue and group page showed "news" (a feed's articles)
    # and "form" (the public report form) as they are stored.
    ingest([{"id": "1", "text": BOGOR_POST, "platform": "news"}])
    group = Group.objects.get()
    client = as_user("panwas_bogor")
    for url in ("/desk/pantauan/", f"/desk/pantauan/kelompok/{group.pk}/"):
        indonesian = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
        assert re.search(r">\s*berita\b", indonesian), url
        assert not re.search(r">\s*news\b", indonesian), url
        english = client.get(url).content.decode()
        assert re.search(r">\s*news\b", english), url


def test_the_queue_needs_a_staff_login(db, client):
    response = client.get("/desk/pantauan/")
    assert response.status_code == 302
    assert "/desk/masuk/" in response["Location"]


def test_another_regions_group_is_not_found(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    assert (
        as_user("outsider_surabaya").get(f"/desk/pantauan/kelompok/{group.pk}/").status_code == 404
    )


def test_the_group_page_hides_authors_from_non_supervisors(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST, "author": "@sumber_rahasia"}])
    group = Group.objects.get()
    url = f"/desk/pantauan/kelompok/{group.pk}/"
    assert "@sumber_rahasia" in as_user("panwas_bogor").get(url).content.decode()
    assert "@sumber_rahasia" not in as_user("ppk_bogor").get(url).content.decode()


def test_accept_from_the_queue_opens_a_case(ingest, as_user, elections):
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    client = as_user("panwas_bogor")
    response = client.post(
        f"/desk/pantauan/kelompok/{group.pk}/terima/",
        {"election": elections["bogor"].code, "next": "queue"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == GroupStatus.ACCEPTED
    assert group.case is not None


def test_dismiss_without_a_reason_is_refused_and_with_one_closes_the_group(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    client = as_user("panwas_bogor")
    url = f"/desk/pantauan/kelompok/{group.pk}/tolak/"
    client.post(url, {"reason": ""})
    group.refresh_from_db()
    assert group.status == GroupStatus.OPEN
    client.post(url, {"reason": "bukan ASN"})
    group.refresh_from_db()
    assert group.status == GroupStatus.DISMISSED


def test_batch_dismissal_skips_groups_outside_scope(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}])
    ids = ",".join(str(pk) for pk in Group.objects.values_list("pk", flat=True))
    response = as_user("panwas_bogor").post(
        "/desk/pantauan/massal/tolak/", {"groups": ids, "reason": "hoaks lama"}, follow=True
    )
    assert "1 group(s) dismissed, 1 refused." in response.content.decode()
    statuses = dict(Group.objects.values_list("region__code", "status"))
    assert statuses == {"32.01": "dismissed", "35.78": "open"}


def test_batch_dismissal_says_which_group_was_refused_and_why(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}])
    bogor = Group.objects.get(region__code="32.01")
    surabaya = Group.objects.get(region__code="35.78")
    client = as_user("panwas_bogor")
    client.post(f"/desk/pantauan/kelompok/{bogor.pk}/tolak/", {"reason": "bukan ASN"})
    ids = f"{bogor.pk},{surabaya.pk}"
    page = client.post(
        "/desk/pantauan/massal/tolak/",
        {"groups": ids, "reason": "hoaks lama"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="id",
    )
    body = html.unescape(page.content.decode())
    assert "0 kelompok ditolak, 2 tidak dapat diproses." in body
    assert f"Kelompok #{bogor.pk} tidak ditolak: kelompok {bogor.key[:12]} sudah dipilah" in body
    assert f"Kelompok #{surabaya.pk} tidak ditolak: kelompok tidak ditemukan" in body
    english = client.post(
        "/desk/pantauan/massal/tolak/",
        {"groups": ids, "reason": "old hoax"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert f"Group #{surabaya.pk} was not dismissed: group not found" in english.content.decode()


def test_the_upload_page_imports_a_file_and_lists_bad_lines(db, as_user, regions):
    data = "\n".join([json.dumps({"id": "1", "text": BOGOR_POST}), "{broken"]).encode()
    response = as_user("panwas_bogor").post(
        "/desk/pantauan/unggah/",
        {
            "file": SimpleUploadedFile("posts.jsonl", data),
            "format": "auto",
            "source": "unggahan",
            "threshold": "0.5",
        },
    )
    page = response.content.decode()
    assert "1 new item(s), 1 flagged" in page
    assert "line 2: invalid JSON" in page
    item = Item.objects.get()
    assert item.source.name == "unggahan (32.01)"
    assert item.source.region == regions["bogor"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "bukan teks UTF-8"), ("en", "not UTF-8 text")],
)
def test_a_file_that_cannot_be_read_is_refused_in_the_page_s_language(
    db, as_user, language, expected
):
    client = as_user("panwas_bogor")
    response = client.post(
        "/desk/pantauan/unggah/",
        {
            "file": SimpleUploadedFile("posts.jsonl", b"\xff\xfe{not text"),
            "format": "auto",
            "source": "unggahan",
            "threshold": "0.5",
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )
    page = response.content.decode()
    assert expected in page
    assert "posts.jsonl" in page


def test_the_bad_lines_of_an_upload_are_told_in_the_page_s_language(db, as_user, regions):
    data = "\n".join(
        [
            json.dumps({"id": "v1", "text": BOGOR_POST}),
            "broken",
            json.dumps({"id": "v3"}),
            json.dumps({"id": "v4", "text": BOGOR_POST + " lagi", "posted_at": "kemarin"}),
            json.dumps({"id": "v5", "text": "   "}),
        ]
    ).encode()
    client = as_user("panwas_bogor")

    def upload(language: str) -> str:
        response = client.post(
            "/desk/pantauan/unggah/",
            {
                "file": SimpleUploadedFile("posts.jsonl", data),
                "format": "auto",
                "source": "unggahan",
                "threshold": "0.5",
            },
            HTTP_ACCEPT_LANGUAGE=language,
        )
        return html.unescape(response.content.decode())

    page = upload("id")
    # json's own reason stays as it came, inside the Indonesian sentence.
    assert "baris 2: JSON tidak sah: Expecting value (kolom 1)" in page
    assert "baris 3: kolom 'text' tidak ada" in page
    assert "baris 4: posted_at 'kemarin' bukan tanggal dan waktu ISO 8601" in page
    assert "baris 5: kolom 'text' kosong" in page
    assert "missing field" not in page
    assert "is not an ISO 8601" not in page
    english = upload("en")
    assert "line 3: missing field 'text'" in english
    assert "line 4: posted_at 'kemarin' is not an ISO 8601 date and time" in english


def test_only_supervisors_may_import(db, as_user):
    assert as_user("ppk_bogor").get("/desk/pantauan/unggah/").status_code == 403
    assert as_user("panwas_bogor").get("/desk/pantauan/unggah/").status_code == 200


def test_the_queue_alerts_to_new_high_scores_and_viral_posts_in_scope(ingest, as_user):
    from datetime import timedelta

    from django.utils import timezone

    from netra.monitoring.models import Sighting

    now = timezone.now()
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}], now=now)
    # The Bogor post is then seen 25 times from other sources within the hour.
    for n in range(25):
        ingest([{"id": f"s{n}", "text": BOGOR_POST}], source=f"grup {n}", now=now)
    bogor = Group.objects.get(region__code="32.01")
    page = as_user("panwas_bogor").get("/desk/pantauan/").content.decode()
    assert f"#{bogor.pk}" in page
    assert "Going viral: seen 26 times in the last hour" in page
    assert "New high-score group" in page
    surabaya = Group.objects.get(region__code="35.78")
    assert f'href="/desk/pantauan/kelompok/{surabaya.pk}/"' not in page
    Sighting.objects.update(seen_at=now - timedelta(hours=2))
    page = as_user("panwas_bogor").get("/desk/pantauan/").content.decode()
    assert "Going viral" not in page


def test_the_alert_digest_mails_supervisors_their_own_regions_alerts(ingest, cast, mailoutbox):
    from django.utils import timezone

    from netra.monitoring.services import send_alert_digests

    now = timezone.now()
    ingest([{"id": "1", "text": BOGOR_POST}, {"id": "2", "text": SURABAYA_POST}], now=now)
    for name in ("panwas_bogor", "outsider_surabaya", "ppk_bogor"):
        cast[name].email = f"{name}@bawaslu.example"
        cast[name].save(update_fields=["email"])
    run = send_alert_digests(now=now, base_url="https://netra.example/")
    bogor = Group.objects.get(region__code="32.01")
    surabaya = Group.objects.get(region__code="35.78")
    by_address = {mail.to[0]: mail.body for mail in mailoutbox}
    assert set(by_address) == {
        "panwas_bogor@bawaslu.example",
        "outsider_surabaya@bawaslu.example",
    }  # the PPK is no supervisor
    body = by_address["panwas_bogor@bawaslu.example"]
    assert f"https://netra.example/desk/pantauan/kelompok/{bogor.pk}/" in body
    assert f"kelompok/{surabaya.pk}/" not in body
    assert run.sent == 2


def test_the_group_page_shows_the_analyzers_full_reading(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_ATTENDANCE}])
    group = Group.objects.get()
    assert Item.objects.get().is_analysis_pending  # deferred at ingest
    client = as_user("panwas_bogor")
    page = client.get(f"/desk/pantauan/kelompok/{group.pk}/").content.decode()
    assert "Analyzer's reading" in page
    assert "<strong>Likely a neutrality violation.</strong>" in page
    assert "Attending a declaration, campaign or social event" in page  # the act
    assert "<q>kampanye</q>; <q>pasangan calon</q>" in page  # evidence passages
    assert '<mark title="Attending a declaration' in page  # highlighted in the text
    assert "2. ASN attending events of a prospective candidate or party" in page  # category
    assert "Civil servant (PNS, incl. CPNS) · Camat Cibinong" in page  # subject as stated
    assert "PP 94/2021 Pasal 5 huruf n" in page  # the legal basis
    assert "Heavy disciplinary penalty" in page  # the sanction in the page's language (qa-2)

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    page = client.get(f"/desk/pantauan/kelompok/{group.pk}/").content.decode()
    assert "Hukuman disiplin berat" in page
    assert "Bacaan penganalisis" in page
    assert "Bukti dalam teks" in page
    assert "Menghadiri/mengikuti deklarasi" in page


def test_a_group_of_unflagged_items_says_it_has_no_full_reading(ingest, as_user):
    ingest([{"id": "1", "text": "Cuaca cerah hari ini, jalan ramai lancar", "region": "32.01"}])
    group = Group.objects.get()
    page = as_user("panwas_bogor").get(f"/desk/pantauan/kelompok/{group.pk}/").content.decode()
    assert "No full reading: no item of this group was flagged." in page


def test_the_group_page_shows_each_tips_replies_and_their_state(ingest, as_user):
    from netra.monitoring.models import OutboundMessage, OutboxStatus, Tip

    ingest([{"id": "1", "text": BOGOR_POST}])
    item = Item.objects.get()
    tip = Tip.objects.create(
        channel="whatsapp", tracking_code="ABC123", chat_id="628", sender="Ani",
        message_id="m1", item=item, received_at=item.first_seen_at,
    )  # fmt: skip
    OutboundMessage.objects.create(
        channel="whatsapp", chat_id="628", text="Kode pelacakan: ABC123", tip=tip,
        status=OutboxStatus.SENT, next_attempt_at=item.first_seen_at,
        created_at=item.first_seen_at, sent_at=item.first_seen_at,
    )  # fmt: skip
    OutboundMessage.objects.create(
        channel="whatsapp", chat_id="628", text="Kabar untuk kiriman ABC123", tip=tip,
        status=OutboxStatus.WINDOW_CLOSED, next_attempt_at=item.first_seen_at,
        created_at=item.first_seen_at, last_error="more than 24 hours",
    )  # fmt: skip
    OutboundMessage.objects.create(
        channel="whatsapp", chat_id="628", text="Kabar untuk kiriman ABC123 (templat)", tip=tip,
        status=OutboxStatus.SENT, sent_as_template=True, next_attempt_at=item.first_seen_at,
        created_at=item.first_seen_at, sent_at=item.first_seen_at,
    )  # fmt: skip
    url = f"/desk/pantauan/kelompok/{item.group_id}/"
    page = as_user("panwas_bogor").get(url).content.decode()
    assert "ABC123" in page
    assert "Sent (sent as the approved template)" in page
    assert "Kode pelacakan: ABC123" in page
    assert "Not sent: WhatsApp&#x27;s 24-hour window has closed" in page
    assert "Ani" in page
    assert " · Ani " not in as_user("ppk_bogor").get(url).content.decode()  # personal data


def test_a_refused_fold_is_told_in_the_page_s_language(ingest, as_user):
    # qa-3: the Indonesian desk read "Tidak digabung: a group cannot be a duplicate of itself".
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    client = as_user("panwas_bogor")
    url = f"/desk/pantauan/kelompok/{group.pk}/duplikat/"
    page = client.post(url, {"of": group.pk}, follow=True, HTTP_ACCEPT_LANGUAGE="id")
    body = html.unescape(page.content.decode())
    assert "Tidak digabung: kelompok tidak dapat menjadi duplikat dirinya sendiri" in body
    english = client.post(url, {"of": group.pk}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Not folded: a group cannot be a duplicate of itself" in english.content.decode()


def test_a_group_already_triaged_is_refused_in_the_page_s_language(ingest, as_user):
    ingest([{"id": "1", "text": BOGOR_POST}])
    group = Group.objects.get()
    client = as_user("panwas_bogor")
    url = f"/desk/pantauan/kelompok/{group.pk}/tolak/"
    client.post(url, {"reason": "bukan ASN"})
    page = client.post(url, {"reason": "lagi"}, follow=True, HTTP_ACCEPT_LANGUAGE="id")
    body = html.unescape(page.content.decode())
    assert f"Tidak ditolak: kelompok {group.key[:12]} sudah dipilah (Ditolak)" in body
    assert "already" not in body
    english = client.post(url, {"reason": "again"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert f"group {group.key[:12]} is already dismissed" in html.unescape(english.content.decode())
