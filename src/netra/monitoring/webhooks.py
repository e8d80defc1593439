"""The tipline webhook: Telegram posts updates here, verified by the secret token header."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from netra.monitoring.core.telegram import SECRET_HEADER, read_update, secret_matches
from netra.monitoring.tiplines import receive_telegram_tip

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
