from __future__ import annotations

from django.urls import path

from netra.documents import views

app_name = "documents"

urlpatterns = [
    path("kasus/<int:case_id>/dokumen/", views.generate, name="generate"),
    path("dokumen/<int:document_id>/", views.download, name="download"),
]
