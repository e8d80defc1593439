"""The Telegram tipline against a fake Bot API on 127.0.0.1: webhook secret, tracking code,
grouping with other posts, status pushed back, retries."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from netra.monitoring.core.fake_telegram import FakeTelegram
from netra.monitoring.core.telegram import Attachment, TelegramError, read_update
from netra.monitoring.models import (
    Group,
    Item,
    OutboundMessage,
    Tip,
    TipFile,
    TipFileKind,
    TipFileStatus,
)
from netra.monitoring.services import accept_group, dismiss_group
from netra.monitoring.tiplines import (
    MAX_ATTEMPTS,
    TipFileRun,
    fetch_tip_files,
    send_outbox,
    telegram_sender,
)
from tests.monitoring.conftest import BOGOR_POST, NOW
from tests.monitoring.test_images import _edited, _jpeg, _photo

TOKEN = "123:uji"  # noqa: S105 -- the fake platform's token
SECRET = "rahasia-webhook-uji"  # noqa: S105


@pytest.fixture
def fake_telegram(settings) -> Iterator[FakeTelegram]:
    server = FakeTelegram(TOKEN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NETRA_TELEGRAM_BOT_TOKEN = TOKEN
    settings.NETRA_TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.NETRA_TELEGRAM_API_BASE = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _update(text: str, *, message_id: int = 1, chat_id: int = 555) -> dict[str, object]:
    return {
        "update_id": message_id,
        "message": {
            "message_id": message_id,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "username": "warga_peduli"},
            "text": text,
        },
    }


def _post(client, update: dict[str, object], secret: str | None = SECRET):
    headers = {} if secret is None else {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret}
    return client.post(
        "/tipline/telegram/", json.dumps(update), content_type="application/json", **headers
    )


def test_reading_an_update_takes_text_or_caption_and_spots_commands():
    tip = read_update(json.dumps(_update("/start")).encode())
    assert tip is not None
    assert tip.is_command
    assert read_update(b'{"update_id": 1, "edited_message": {}}') is None
    with pytest.raises(ValueError, match="not JSON"):
        read_update(b"<xml/>")


@pytest.mark.django_db
def test_the_webhook_is_closed_without_configuration_and_refuses_a_wrong_secret(
    client, settings, fake_telegram
):
    assert _post(client, _update(BOGOR_POST), secret="salah").status_code == 403  # noqa: S106
    assert _post(client, _update(BOGOR_POST), secret=None).status_code == 403
    settings.NETRA_TELEGRAM_WEBHOOK_SECRET = ""
    assert _post(client, _update(BOGOR_POST), secret="").status_code == 404
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_a_forwarded_post_gets_a_tracking_code_and_its_outcome(
    client, fake_telegram, regions, cast, elections
):
    assert _post(client, _update(BOGOR_POST)).status_code == 200
    assert _post(client, _update(BOGOR_POST)).status_code == 200  # redelivered: one tip
    tip = Tip.objects.get()
    assert tip.item.region == regions["bogor"]
    assert send_outbox(now=timezone.now()).sent == 1
    [reply] = fake_telegram.sent
    assert reply["chat_id"] == "555"
    assert tip.tracking_code in str(reply["text"])

    accept_group(
        tip.item.group,
        actor=cast["panwas_bogor"],
        election=elections["bogor"],
        now=NOW,
        today=NOW.date(),
    )
    assert send_outbox(now=timezone.now()).sent == 1
    assert "menindaklanjutinya sebagai temuan" in str(fake_telegram.sent[-1]["text"])


@pytest.mark.django_db
def test_five_citizens_reporting_one_post_are_one_item_with_five_tips(
    client, fake_telegram, ingest, cast
):
    ingest([{"id": "x1", "text": BOGOR_POST, "platform": "x"}])
    for chat in range(5):
        _post(client, _update(f"Lihat ini: {BOGOR_POST}", chat_id=1000 + chat))
    assert Tip.objects.count() == 5
    assert Item.objects.count() == 2  # the post and the forwarded copy, one group
    group = Group.objects.get()
    assert group.item_count == 2
    dismiss_group(group, actor=cast["panwas_bogor"], reason="sudah diproses", now=NOW)
    assert send_outbox(now=timezone.now()).sent == 10  # five tracking codes and five outcomes
    assert "sudah diproses" not in json.dumps(fake_telegram.sent)  # internal reasons stay in


@pytest.mark.django_db
def test_a_failed_send_is_retried_later_and_gives_up_after_the_last_attempt(
    client, fake_telegram, regions
):
    _post(client, _update("/start"))
    fake_telegram.failures = 1
    assert send_outbox(now=timezone.now()).retrying == 1
    assert send_outbox(now=timezone.now()).sent == 0  # not due yet
    assert send_outbox(now=timezone.now() + timedelta(seconds=31)).sent == 1

    _post(client, _update("/start", message_id=2))
    fake_telegram.failures = MAX_ATTEMPTS
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(hours=1)
        send_outbox(now=later)
    message = OutboundMessage.objects.latest("id")
    assert message.status == "failed"
    assert message.attempts == MAX_ATTEMPTS
    assert "HTTP 500" in message.last_error


@pytest.mark.django_db
def test_without_a_token_sending_fails_clearly(settings):
    settings.NETRA_TELEGRAM_BOT_TOKEN = ""
    with pytest.raises(TelegramError, match="NETRA_TELEGRAM_BOT_TOKEN"):
        telegram_sender()("1", "x")


def _photo_update(
    file_id: str, *, caption: str = "", message_id: int = 1, chat_id: int = 555
) -> dict[str, object]:
    message: dict[str, object] = {
        "message_id": message_id,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "username": "warga_peduli"},
        # Telegram sends each photo in several sizes, the largest last.
        "photo": [
            {"file_id": f"{file_id}-kecil", "width": 90, "height": 67},
            {"file_id": file_id, "width": 480, "height": 360},
        ],
    }
    if caption:
        message["caption"] = caption
    return {"update_id": message_id, "message": message}


@pytest.mark.django_db
def test_a_photo_is_downloaded_checked_stored_and_grouped_with_its_copy(
    client, fake_telegram, regions
):
    fake_telegram.files["asli"] = _jpeg(_photo(3))
    fake_telegram.files["salinan"] = _jpeg(_edited(_photo(3)), quality=40)
    assert _post(client, _photo_update("asli")).status_code == 200  # a bare photo
    caption = "Foto camat Cibinong kampanye, beredar di grup"
    _post(client, _photo_update("salinan", caption=caption, message_id=2, chat_id=777))
    first, second = Tip.objects.order_by("id")
    assert (first.item, second.item) == (None, None)  # the photos are not here yet
    assert TipFile.objects.filter(status=TipFileStatus.PENDING).count() == 2
    assert send_outbox(now=timezone.now()).sent == 2  # the tracking codes do not wait

    run = fetch_tip_files(now=timezone.now())
    assert (run.stored, run.retrying, run.failed) == (2, 0, 0)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.item is not None
    assert second.item is not None
    assert second.item.text == caption
    assert first.item.text == ""
    assert first.item.group_id == second.item.group_id  # joined by the perceptual hash
    assert Group.objects.get().item_count == 2
    photo = TipFile.objects.get(tip=first)
    [media] = first.item.media
    assert (
        media["sha256"] == photo.sha256 == hashlib.sha256(fake_telegram.files["asli"]).hexdigest()
    )
    assert media["phash"]
    assert default_storage.exists(f"monitoring/{photo.sha256}")
    assert fake_telegram.downloads == 2  # the largest size only, once each
    assert fetch_tip_files(now=timezone.now()) == TipFileRun(0, 0, 0)


@pytest.mark.django_db
def test_a_photo_that_cannot_be_fetched_is_retried_and_its_tip_kept(client, fake_telegram):
    fake_telegram.missing.add("hilang")  # getFile knows it, the download is a 404
    caption = "Lurah membagikan stiker paslon di pasar"
    _post(client, _photo_update("hilang", caption=caption))
    tip = Tip.objects.get()
    later = timezone.now()
    assert fetch_tip_files(now=later).retrying == 1
    photo = TipFile.objects.get()
    assert "HTTP 404" in photo.last_error
    assert fetch_tip_files(now=later).retrying == 0  # not due yet

    fake_telegram.files["hilang"] = _jpeg(_photo(4))  # the platform's storage caught up
    assert fetch_tip_files(now=later + timedelta(seconds=31)).stored == 1
    tip.refresh_from_db()
    assert tip.item is not None
    assert tip.item.text == caption

    fake_telegram.missing.add("lenyap")
    _post(client, _photo_update("lenyap", caption=caption + " lagi", message_id=2))
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(hours=1)
        fetch_tip_files(now=later)
    lost = TipFile.objects.get(file_ref="lenyap")
    assert (lost.status, lost.attempts) == (TipFileStatus.FAILED, MAX_ATTEMPTS)
    assert lost.tip.item is not None  # its caption is still filed
    assert lost.tip.item.text == caption + " lagi"
    told = OutboundMessage.objects.filter(tip=lost.tip).latest("id")
    assert "tidak dapat diunduh" in told.text


@pytest.mark.django_db
def test_a_photo_too_large_or_not_an_image_is_refused_at_once(client, fake_telegram, settings):
    fake_telegram.files["besar"] = _jpeg(_photo(5))
    fake_telegram.files["palsu"] = b"bukan foto, hanya teks"
    settings.NETRA_MAX_UPLOAD_BYTES = 1000
    _post(client, _photo_update("besar"))
    _post(client, _photo_update("palsu", message_id=2))
    run = fetch_tip_files(now=timezone.now())
    assert (run.stored, run.failed) == (0, 2)
    big, fake = TipFile.objects.order_by("id")
    assert "1000" in big.last_error
    assert "not an accepted type" in fake.last_error
    assert fake_telegram.downloads == 1  # getFile told the size: the large one was not fetched
    replies = [m.text for m in OutboundMessage.objects.filter(tip__file__isnull=False)]
    assert any("terlalu besar" in text for text in replies)
    assert any("bukan berkas foto" in text for text in replies)
    assert Tip.objects.filter(item__isnull=True).count() == 2  # no caption: nothing to file


@pytest.mark.django_db
def test_a_photo_is_retried_while_the_bot_api_is_offline(client, fake_telegram, settings):
    fake_telegram.files["asli"] = _jpeg(_photo(6))
    _post(client, _photo_update("asli"))
    settings.NETRA_TELEGRAM_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    run = fetch_tip_files(now=timezone.now())
    assert run.retrying == 1
    assert "cannot fetch" in TipFile.objects.get().last_error


# Videos and documents: downloaded by the worker, hashed and stored as photos are, shown on the
# group page; a file over the limit is not downloaded and its tip is kept.

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40  # an MP4's first bytes, then data
DOCUMENT = b"%PDF-1.4\n% surat edaran camat\n" + b"0" * 3000


def _file_update(
    kind: str,
    file_id: str,
    *,
    caption: str = "",
    file_name: str = "",
    message_id: int = 1,
    chat_id: int = 555,
    size: int | None = None,
) -> dict[str, object]:
    details: dict[str, object] = {"file_id": file_id, "file_unique_id": f"u-{file_id}"}
    details["mime_type"] = "video/mp4" if kind == "video" else "application/pdf"
    if file_name:
        details["file_name"] = file_name
    if size is not None:
        details["file_size"] = size
    message: dict[str, object] = {
        "message_id": message_id,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "username": "warga_peduli"},
        kind: details,
    }
    if caption:
        message["caption"] = caption
    return {"update_id": message_id, "message": message}


def test_reading_a_video_or_a_document_keeps_its_handle_name_and_stated_size():
    update = _file_update("document", "DOC-1", file_name="../../surat.pdf", caption=" Surat ")
    tip = read_update(json.dumps(update).encode())
    assert tip is not None
    assert tip.text == "Surat"
    assert tip.photo_ref == ""
    assert tip.attachment == Attachment("document", "DOC-1", "surat.pdf", "application/pdf")
    video = read_update(json.dumps(_file_update("video", "VID-1", size=1234)).encode())
    assert video is not None
    assert video.attachment == Attachment("video", "VID-1", "", "video/mp4", 1234)


@pytest.mark.django_db
def test_a_video_and_a_document_are_downloaded_hashed_stored_and_shown(
    client, fake_telegram, regions, cast
):
    fake_telegram.files["video-1"] = VIDEO
    fake_telegram.files["dok-1"] = DOCUMENT
    _post(client, _file_update("video", "video-1", caption=BOGOR_POST))
    _post(client, _file_update("document", "dok-1", file_name="surat edaran.pdf",
                                        message_id=2, chat_id=777))  # fmt: skip
    video_tip, document_tip = Tip.objects.order_by("id")
    assert (video_tip.item, document_tip.item) == (None, None)  # the files are not here yet

    run = fetch_tip_files(now=timezone.now())
    assert (run.stored, run.retrying, run.failed) == (2, 0, 0)
    video, document = TipFile.objects.order_by("id")
    assert (video.kind, document.kind) == (TipFileKind.VIDEO, TipFileKind.DOCUMENT)
    assert video.sha256 == hashlib.sha256(VIDEO).hexdigest()
    assert document.sha256 == hashlib.sha256(DOCUMENT).hexdigest()
    assert (video.size, document.size) == (len(VIDEO), len(DOCUMENT))
    for stored, content in ((video, VIDEO), (document, DOCUMENT)):
        with default_storage.open(f"monitoring/{stored.sha256}", "rb") as handle:
            assert handle.read() == content
    video_tip.refresh_from_db()
    document_tip.refresh_from_db()
    assert video_tip.item is not None
    assert document_tip.item is not None
    assert video_tip.item.text == BOGOR_POST  # the caption is the item's text
    assert document_tip.item.text == ""  # a bare document: identified by its file's hash
    [media] = video_tip.item.media
    assert media["sha256"] == video.sha256
    assert "phash" not in media  # not an image
    [media] = document_tip.item.media
    assert (media["name"], media["sha256"]) == ("surat edaran.pdf", document.sha256)

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(cast["panwas_bogor"])
    page = client.get(f"/desk/pantauan/kelompok/{video_tip.item.group_id}/").content.decode()
    assert video_tip.tracking_code in page
    assert "Video" in page
    assert f"SHA-256 {video.sha256}" in page
    assert f"{len(VIDEO)} B" in page


@pytest.mark.django_db
def test_a_file_over_the_limit_is_not_downloaded_and_its_tip_is_kept(
    client, fake_telegram, regions, cast, settings
):
    settings.NETRA_TIPLINE_MAX_FILE_BYTES = 1000
    fake_telegram.files["besar"] = VIDEO  # getFile states its size: 10 KB
    _post(client, _file_update("video", "besar", caption=BOGOR_POST))
    run = fetch_tip_files(now=timezone.now())
    assert (run.stored, run.retrying, run.failed) == (0, 0, 1)
    assert fake_telegram.downloads == 0  # not fetched at all
    big = TipFile.objects.get()
    assert (big.status, big.sha256, big.size) == (TipFileStatus.FAILED, "", None)
    assert f"the file is {len(VIDEO)} bytes; at most 1000" in big.last_error
    tip = Tip.objects.get()
    assert tip.item is not None  # the caption is filed: the tip is kept
    assert tip.item.text == BOGOR_POST
    told = OutboundMessage.objects.filter(tip=tip).latest("id").text
    assert "video" in told
    assert "melebihi batas" in told

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(cast["panwas_bogor"])
    page = client.get(f"/desk/pantauan/kelompok/{tip.item.group_id}/").content.decode()
    assert "not downloaded" in page
    assert "at most 1000" in page
    # The worker kept the failure as a template: the desk words it in its reader's language.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    page = client.get(f"/desk/pantauan/kelompok/{tip.item.group_id}/").content.decode()
    assert f"berkas berukuran {len(VIDEO)} bita; paling besar 1000" in page
    assert "at most" not in page

    # A photo keeps the evidence limit: the tipline file limit does not apply to it.
    settings.NETRA_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    fake_telegram.files["foto"] = _jpeg(_photo(8))
    photo = {"message_id": 2, "chat": {"id": 9, "type": "private"}, "from": {"id": 9},
             "photo": [{"file_id": "foto", "width": 480, "height": 360}]}  # fmt: skip
    _post(client, {"update_id": 2, "message": photo})
    assert fetch_tip_files(now=timezone.now()).stored == 1


@pytest.mark.django_db
def test_a_document_that_cannot_be_downloaded_is_retried_then_given_up(client, fake_telegram):
    fake_telegram.missing.add("hilang")  # getFile knows it, the download is a 404
    _post(client, _file_update("document", "hilang", caption=BOGOR_POST))
    later = timezone.now()
    assert fetch_tip_files(now=later).retrying == 1
    pending = TipFile.objects.get()
    assert pending.status == TipFileStatus.PENDING
    assert "HTTP 404" in pending.last_error
    for _ in range(MAX_ATTEMPTS - 1):
        later += timedelta(hours=1)
        fetch_tip_files(now=later)
    lost = TipFile.objects.get()
    assert (lost.status, lost.attempts) == (TipFileStatus.FAILED, MAX_ATTEMPTS)
    assert lost.tip.item is not None
    assert lost.tip.item.text == BOGOR_POST
    told = OutboundMessage.objects.filter(tip=lost.tip).latest("id").text
    assert "dokumen tidak dapat diunduh" in told
