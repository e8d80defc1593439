from __future__ import annotations

from django.urls import path, re_path

from netra.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("lapor/", views.report, name="report"),
    path("lapor/diterima/", views.receipt, name="receipt"),
    path("lapor/kecamatan.json", views.kecamatan_list, name="kecamatan_list"),
    path("status/", views.status_lookup, name="status_lookup"),
    path("status/<str:code>/", views.status, name="status"),
    path("status/<str:code>/lengkapi/", views.complete, name="complete"),
    re_path(
        r"^status/(?P<code>[^/]+)/(?P<kind>tanda-terima|pemberitahuan)\.pdf$",
        views.reporter_letter,
        name="reporter_letter",
    ),
    re_path(
        r"^status/(?P<code>[^/]+)/(?P<kind>pemberitahuan)-(?P<step>[0-9]{1,3})\.pdf$",
        views.reporter_letter,
        name="reporter_step_letter",
    ),
]
