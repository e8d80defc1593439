"""Root URLs: the REST API under /api/v1/, the admin, the staff desk and the public pages."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from netra.accounts.views import set_language
from netra.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("desk/rekap/", include("netra.insights.urls")),
    path("desk/peta/", include("netra.maps.urls")),
    path("desk/pencegahan/", include("netra.prevention.urls")),  # issue 13, part 2
    path("", include("netra.guidance.urls")),  # Tanya Aturan: /tanya/ and /desk/tanya/ (issue 13)
    path("desk/pantauan/", include("netra.monitoring.urls")),
    path("tipline/", include("netra.monitoring.tipline_urls")),
    path("desk/", include("netra.documents.urls")),
    path("desk/", include("netra.desk.urls")),
    path("transparansi/", include("netra.transparency.urls")),
    path("", include("netra.public.urls")),
]

handler400 = "netra.web.errors.bad_request"
handler403 = "netra.web.errors.permission_denied"
handler404 = "netra.web.errors.page_not_found"
handler500 = "netra.web.errors.server_error"
