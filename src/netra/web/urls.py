"""Root URLs: the REST API under /api/v1/ and the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from netra.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
