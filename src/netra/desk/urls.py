from __future__ import annotations

from django.urls import path

from netra.desk import views

app_name = "desk"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("", views.inbox, name="inbox"),
    path("ekspor.csv", views.inbox_export, {"fmt": "csv"}, name="inbox_export"),
    path("ekspor.xlsx", views.inbox_export, {"fmt": "xlsx"}, name="inbox_export_xlsx"),
    path("massal/", views.bulk, name="bulk"),
    path("pemberitahuan/", views.my_notifications, name="notifications"),
    path("kasus/baru/", views.new_case, name="new_case"),
    path("kasus/<int:case_id>/", views.case_detail, name="case"),
    path("kasus/<int:case_id>/langkah/<str:target>/", views.transition, name="transition"),
    path("kasus/<int:case_id>/klasifikasi/", views.classify, name="classify"),
    path("kasus/<int:case_id>/buka-kembali/", views.reopen, name="reopen"),
    path("kasus/<int:case_id>/tautan/<int:other_id>/<str:kind>/", views.link, name="link"),
    path("kasus/<int:case_id>/penugasan/", views.assign, name="assign"),
    path("kasus/<int:case_id>/bukti/", views.upload_evidence, name="upload_evidence"),
    path(
        "kasus/<int:case_id>/bukti/<int:evidence_id>/",
        views.download_evidence,
        name="download_evidence",
    ),
]
