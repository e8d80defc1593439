"""Reopening a finished case: which final states Bawaslu may reopen, and who may.

Reopening is not a step of the statutory path (the transition table): it undoes a close when new
facts or a mistake come to light, returns the case to the state it was closed from, and always
carries a reason for the file and the reporter. BKN's and the PPK's outcomes are theirs to revisit,
not Bawaslu's, so they are not reopenable here.
"""

from __future__ import annotations

from collections.abc import Mapping

from netra.procedure.errors import MissingRequirement, TransitionNotAllowed
from netra.procedure.roles import DECIDING_SUPERVISORS, SUPERVISORS, Role, parse_role
from netra.procedure.states import CaseState, parse_state

# Final state -> the roles that may reopen it. A decision or a close is reopened by those who may
# decide; a refusal before registration by any supervisor.
REOPENABLE: Mapping[CaseState, frozenset[Role]] = {
    CaseState.NOT_REGISTERED: SUPERVISORS,
    CaseState.INVALID: SUPERVISORS,
    CaseState.OUT_OF_SCOPE: SUPERVISORS,
    CaseState.DECIDED_NOT_VIOLATION: DECIDING_SUPERVISORS,
    CaseState.CLOSED: DECIDING_SUPERVISORS,
}
REOPEN_REASON = "reopen_reason"


def check_reopening(state: CaseState | str, role: Role | str, reason: str) -> None:
    """Raise unless `role` may reopen a case in `state` with this (non-blank) reason."""
    state, role = parse_state(state), parse_role(role)
    roles = REOPENABLE.get(state)
    if roles is None:
        reopenable = ", ".join(sorted(s.value for s in REOPENABLE))
        raise TransitionNotAllowed(
            "a case in %(source)r cannot be reopened; only %(reopenable)s can",
            params={
                "reopenable": reopenable,
                "source_label": state.label_id,
                "reopenable_labels": ", ".join(sorted(s.label_id for s in REOPENABLE)),
            },
            source=state.value,
        )
    if role not in roles:
        raise TransitionNotAllowed(
            "role %(role)r may not reopen a case in %(source)r",
            params={"role_label": role.label_id, "source_label": state.label_id},
            source=state.value,
            role=role.value,
        )
    if not reason.strip():
        raise MissingRequirement(
            "reopening a case in %(source)r requires %(field)r "
            "(why, for the case file and the reporter)",
            params={"source": state.value, "source_label": state.label_id},
            field=REOPEN_REASON,
        )
