from __future__ import annotations

from django.urls import path

from netra.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("ekspor/<str:group>.<str:fmt>", views.export, name="export"),
    path("cetak.pdf", views.recap_pdf, name="pdf"),
]
