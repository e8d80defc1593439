"""The tipline webhooks: Telegram (secret token header) and WhatsApp Cloud API (HMAC signature)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from netra.monitoring.core import whatsapp
from netra.monitoring.core.telegram import SECRET_HEADER, read_update, secret_matches
from netra.monitoring.tiplines import CHANNEL_WHATSAPP, receive_telegram_tip, receive_tip

MAX_UPDATE_BYTES = 1024 * 1024


@csrf_exempt  # a machine-to-machine endpoint: authenticated by the shared secret, not a cookie
@require_POST
def telegram_webhook(request: HttpRequest) -> HttpResponse:
    if not (settings.NETRA_TELEGRAM_BOT_TOKEN and settings.NETRA_TELEGRAM_WEBHOOK_SECRET):
        return JsonResponse({"code": "not_found", "message": "no tipline here"}, status=404)
    if not secret_matches(
        settings.NETRA_TELEGRAM_WEBHOOK_SECRET, request.headers.get(SECRET_HEADER)
    ):
        return JsonResponse(
            {"code": "forbidden", "message": f"missing or wrong {SECRET_HEADER}"}, status=403
        )
    if len(request.body) > MAX_UPDATE_BYTES:
        return JsonResponse({"code": "too_large", "message": "update too large"}, status=413)
    try:
        incoming = read_update(request.body)
    except ValueError as error:
        return JsonResponse({"code": "invalid", "message": str(error)}, status=400)
    if incoming is not None:
        receive_telegram_tip(incoming, now=timezone.now())
    # Telegram redelivers on anything but 2xx, so an update carrying no tip is still "ok".
    return JsonResponse({"ok": True})


def _whatsapp_configured() -> bool:
    return all(
        (
            settings.NETRA_WHATSAPP_APP_SECRET,
            settings.NETRA_WHATSAPP_VERIFY_TOKEN,
            settings.NETRA_WHATSAPP_ACCESS_TOKEN,
            settings.NETRA_WHATSAPP_PHONE_NUMBER_ID,
        )
    )


@csrf_exempt  # authenticated by the HMAC signature of the body, not a cookie
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    if not _whatsapp_configured():
        return JsonResponse({"code": "not_found", "message": "no tipline here"}, status=404)
    if request.method == "GET":
        # Meta's one-time check of the endpoint: echo the challenge if the token is ours.
        token = request.GET.get("hub.verify_token")
        if request.GET.get("hub.mode") == "subscribe" and secret_matches(
            settings.NETRA_WHATSAPP_VERIFY_TOKEN, token
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return JsonResponse({"code": "forbidden", "message": "wrong verify token"}, status=403)
    if request.method != "POST":
        return JsonResponse({"code": "method_not_allowed", "message": "GET or POST"}, status=405)
    if len(request.body) > MAX_UPDATE_BYTES:
        return JsonResponse({"code": "too_large", "message": "payload too large"}, status=413)
    signature = request.headers.get(whatsapp.SIGNATURE_HEADER)
    if not whatsapp.signature_matches(settings.NETRA_WHATSAPP_APP_SECRET, request.body, signature):
        return JsonResponse(
            {"code": "forbidden", "message": f"missing or wrong {whatsapp.SIGNATURE_HEADER}"},
            status=403,
        )
    try:
        messages = whatsapp.read_messages(request.body)
    except ValueError as error:
        return JsonResponse({"code": "invalid", "message": str(error)}, status=400)
    now = timezone.now()
    for incoming in messages:
        receive_tip(incoming, channel=CHANNEL_WHATSAPP, now=now)
    return JsonResponse({"ok": True})
