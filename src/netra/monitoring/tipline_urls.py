from __future__ import annotations

from django.urls import path

from netra.monitoring import webhooks

app_name = "tipline"

urlpatterns = [
    path("telegram/", webhooks.telegram_webhook, name="telegram"),
    path("whatsapp/", webhooks.whatsapp_webhook, name="whatsapp"),
]
