from __future__ import annotations

from django.urls import path

from netra.prevention import views

app_name = "prevention"

urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("<str:code>/", views.region_page, name="region"),
    path("<str:code>/deklarasi/", views.declare, name="declare"),
    path(
        "<str:code>/deklarasi/<int:pk>/dokumen/",
        views.declaration_document,
        name="declaration_document",
    ),
    path("<str:code>/deklarasi/<int:pk>/unggah/", views.attach_document, name="attach_document"),
    path("<str:code>/rapat/", views.meet, name="meet"),
    path("<str:code>/imbauan/", views.send_imbauan, name="imbauan"),
    path("<str:code>/poster.pdf", views.poster, name="poster"),
]
