from __future__ import annotations

from django.urls import path

from netra.guidance import views

app_name = "guidance"

urlpatterns = [
    path("tanya/", views.ask, name="ask"),
    path("tanya/kirim/", views.submit, name="submit"),
    path("tanya/pertanyaan/<str:code>/", views.question, name="question"),
    path("desk/tanya/", views.queue, name="queue"),
    path("desk/tanya/<int:question_id>/", views.desk_question, name="desk_question"),
]
