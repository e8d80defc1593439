"""What each role may do to a case, beside the procedure's own transitions and region scope.

The procedure core (netra.procedure) decides who may open and move a case; this table covers the
other writes. Each service calls `ensure_allowed` before anything else, so the desk, the API, the
CLI and imports cannot differ (issue #9, finding 6). Reading stays open to every staff role in
scope, with the reporter's identity and original files masked by netra.cases.scope.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import User
from netra.errors import NetraError
from netra.procedure.roles import SUPERVISORS, Role
from netra.procedure.transitions import TRANSITIONS


class Action(StrEnum):
    RECEIVE_REPORT = "receive_report"  # staff typing in a report on the reporter's behalf
    CLASSIFY = "classify"
    ASSIGN = "assign"
    ADD_EVIDENCE = "add_evidence"


ALLOWED: dict[Action, frozenset[Role]] = {
    Action.RECEIVE_REPORT: SUPERVISORS,
    Action.CLASSIFY: SUPERVISORS | {Role.ADMIN},
    Action.ASSIGN: SUPERVISORS | {Role.ADMIN},
    # BKN and the PPK send their results through the transitions (letter and SK numbers);
    # evidence files come from the reporter and the supervisors.
    Action.ADD_EVIDENCE: SUPERVISORS,
}


# What each action is called in a refusal, in the reader's language.
_ACTION_LABELS: dict[Action, Promise] = {
    Action.RECEIVE_REPORT: _("receive a report on the reporter's behalf"),
    Action.CLASSIFY: _("classify a case"),
    Action.ASSIGN: _("assign a case"),
    Action.ADD_EVIDENCE: _("add evidence"),
}


class ActionNotAllowedError(NetraError):
    """The actor's role may not take this action on any case (a 403)."""

    code = "forbidden"


def may(user: User, action: Action) -> bool:
    try:
        return Role(user.role) in ALLOWED[action]
    except ValueError:
        return False


# The staff roles that take at least one step of the procedure. A case is assigned only to one
# of them: the assignee is reminded of its deadlines, and a read-only viewer or the system
# administrator could not move it.
STEP_ROLES: frozenset[Role] = frozenset(
    role for transition in TRANSITIONS for role in transition.roles if role is not Role.PUBLIC
)


def takes_steps(user: User) -> bool:
    """Whether the user's role moves cases through the procedure (so may be assigned one)."""
    try:
        return user.is_active and Role(user.role) in STEP_ROLES
    except ValueError:
        return False


def ensure_allowed(user: User, action: Action) -> None:
    """Raise ActionNotAllowedError naming the role and the action unless the role may."""
    if not (user.is_active and may(user, action)):
        raise ActionNotAllowedError(
            "role %(role_code)r may not %(action_words)s",
            params={
                "role_code": user.role or "none",
                "action_words": action.value.replace("_", " "),
                "action_label": _ACTION_LABELS[action],
            },
            role=user.role,
            action=action.value,
        )
