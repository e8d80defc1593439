from __future__ import annotations

from django.urls import path

from netra.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("unggah/", views.upload, name="upload"),
    path("kelompok/<int:group_id>/", views.group_detail, name="group"),
    path("kelompok/<int:group_id>/terima/", views.accept, name="accept"),
    path("kelompok/<int:group_id>/tolak/", views.dismiss, name="dismiss"),
    path("kelompok/<int:group_id>/duplikat/", views.duplicate, name="duplicate"),
    path("massal/tolak/", views.batch_dismiss, name="batch_dismiss"),
]
