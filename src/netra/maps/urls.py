from __future__ import annotations

from django.urls import path

from netra.maps import views

app_name = "maps"

urlpatterns = [
    path("", views.staff_map, name="map"),
    path("lihat-berikutnya.<str:fmt>", views.look_next_export, name="look_next"),
]
