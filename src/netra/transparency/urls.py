from __future__ import annotations

from django.urls import path

from netra.transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.page, name="page"),
    path("data/", views.dictionary, name="dictionary"),
    path("data/<slug:election>.csv", views.data_csv, name="data_csv"),
    path("data/<slug:election>.json", views.data_json, name="data_json"),
]
