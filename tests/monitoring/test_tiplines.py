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
from netra.monitoring.core.telegram import TelegramError, read_update
from netra.monitoring.models import Group, Item, OutboundMessage, PhotoStatus, Tip, TipPhoto
from netra.monitoring.services import accept_group, dismiss_group
from netra.monitoring.tiplines import (
    MAX_ATTEMPTS,
    PhotoRun,
    fetch_tip_photos,
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
    assert TipPhoto.objects.filter(status=PhotoStatus.PENDING).count() == 2
    assert send_outbox(now=timezone.now()).sent == 2  # the tracking codes do not wait

    run = fetch_tip_photos(now=timezone.now())
    assert (run.stored, run.retrying, run.failed) == (2, 0, 0)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.item is not None
    assert second.item is not None
    assert second.item.text == caption
    assert first.item.text == ""
    assert first.item.group_id == second.item.group_id  # joined by the perceptual hash
    assert Group.objects.get().item_count == 2
    photo = TipPhoto.objects.get(tip=first)
    [media] = first.item.media
    assert (
        media["sha256"] == photo.sha256 == hashlib.sha256(fake_telegram.files["asli"]).hexdigest()
    )
    assert media["phash"]
    assert default_storage.exists(f"monitoring/{photo.sha256}")
    assert fake_telegram.downloads == 2  # the largest size only, once each
    assert fetch_tip_photos(now=timezone.now()) == PhotoRun(0, 0, 0)


@pytest.mark.django_db
def test_a_photo_that_cannot_be_fetched_is_retried_and_its_tip_kept(client, fake_telegram):
    fake_telegram.missing.add("hilang")  # getFile knows it, the download is a 404
    caption = "Lurah membagikan stiker paslon di pasar"
    _post(client, _photo_update("hilang", caption=caption))
    tip = Tip.objects.get()
    later = timezone.now()
    assert fetch_tip_photos(now=later).retrying == 1
    photo = TipPhoto.objects.get()
    assert "HTTP 404" in photo.last_error
    assert fetch_tip_photos(now=later).retrying == 0  # not due yet

    fake_telegram.files["hilang"] = _jpeg(_photo(4))  # the platform's storage caught up
    assert fetch_tip_photos(now=later + timedelta(seconds=31)).stored == 1
    tip.refresh_from_db()
    assert tip.item is not None
    assert tip.item.text == caption

    fake_telegram.missing.add("lenyap")
    _post(client, _photo_update("lenyap", caption=caption + " lagi", message_id=2))
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(hours=1)
        fetch_tip_photos(now=later)
    lost = TipPhoto.objects.get(file_ref="lenyap")
    assert (lost.status, lost.attempts) == (PhotoStatus.FAILED, MAX_ATTEMPTS)
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
    run = fetch_tip_photos(now=timezone.now())
    assert (run.stored, run.failed) == (0, 2)
    big, fake = TipPhoto.objects.order_by("id")
    assert "1000" in big.last_error
    assert "not an accepted type" in fake.last_error
    assert fake_telegram.downloads == 1  # getFile told the size: the large one was not fetched
    replies = [m.text for m in OutboundMessage.objects.filter(tip__photo__isnull=False)]
    assert any("terlalu besar" in text for text in replies)
    assert any("bukan berkas foto" in text for text in replies)
    assert Tip.objects.filter(item__isnull=True).count() == 2  # no caption: nothing to file


@pytest.mark.django_db
def test_a_photo_is_retried_while_the_bot_api_is_offline(client, fake_telegram, settings):
    fake_telegram.files["asli"] = _jpeg(_photo(6))
    _post(client, _photo_update("asli"))
    settings.NETRA_TELEGRAM_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    run = fetch_tip_photos(now=timezone.now())
    assert run.retrying == 1
    assert "cannot fetch" in TipPhoto.objects.get().last_error
