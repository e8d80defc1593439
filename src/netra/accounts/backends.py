"""Password logins: Django's model backend, refusing the demo accounts outside demo mode."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser

from netra.accounts.models import User


class NetraModelBackend(ModelBackend):
    """Demo logins have public passwords: they work only while NETRA_DEMO is on.

    `user_can_authenticate` is consulted both at login and for every request of an existing
    session, so turning demo mode off also ends the demo accounts' open sessions.
    """

    def user_can_authenticate(self, user: User | AnonymousUser | None) -> bool:
        if isinstance(user, User) and user.is_demo and not settings.DEMO:
            return False
        return super().user_can_authenticate(user)
