"""What every page's menu needs to know about monitoring."""

from __future__ import annotations

from django.http import HttpRequest

from netra.monitoring.scope import sees_monitoring


def menu(request: HttpRequest) -> dict[str, bool]:
    """Whether the menu offers the monitoring queue: BKN and the PPK have none to see."""
    user = getattr(request, "user", None)
    return {"sees_monitoring": bool(user and user.is_authenticated and sees_monitoring(user))}
