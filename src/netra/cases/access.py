"""Who may open the staff pages: the view decorator and the signed-in user, for every staff app.

The desk, the letters, the recap, the map and the other staff pages share these; they live here,
below all of them, so no staff app imports another's views.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from netra.accounts.models import User
from netra.cases.scope import CaseNotFoundError, is_staff_role

View = Callable[..., HttpResponseBase]


def staff_required(view: View) -> View:
    """Logged in, and holding a staff role: anyone else is sent to the login page or refused.

    A case outside the user's scope (CaseNotFoundError) becomes a 404, as if it did not exist.
    """

    @login_required(login_url="desk:login")
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_staff_role(request.user):  # type: ignore[arg-type]
            return render(request, "403.html", status=403)
        try:
            return view(request, *args, **kwargs)
        except CaseNotFoundError:
            raise Http404(_("Case not found.")) from None

    return wrapped


def current_user(request: HttpRequest) -> User:
    """The signed-in staff member of a view behind `staff_required`."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- staff_required guarantees it
    return user
