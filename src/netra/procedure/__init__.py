"""The statutory procedure core: case states, who may move them, and the clocks that run on them.

Pure Python (no Django): the cases app and the CLI call these functions; time is always passed in.
"""

from __future__ import annotations

from netra.procedure.calendar import Holiday, HolidayKind, WorkingCalendar
from netra.procedure.criminal import CriminalStage, CriminalStep, CriminalTrack, criminal_deadline
from netra.procedure.deadlines import (
    ClockLike,
    ClockLookup,
    Deadline,
    DeadlineStatus,
    Lateness,
    Regime,
    deadline_for,
    finding_lateness,
    report_lateness,
)
from netra.procedure.errors import (
    CalendarNotCoveredError,
    DateOrderError,
    HolidayDataError,
    InvalidRequirement,
    MissingRequirement,
    TransitionNotAllowed,
    UnknownCodeError,
)
from netra.procedure.roles import DEFAULT_POLICY, ProcedurePolicy, Role, parse_role
from netra.procedure.states import (
    AppealKind,
    CaseState,
    ControlAction,
    ForwardRecipient,
    SanctionLevel,
    ViolationType,
    asn_authority_on,
    parse_state,
)
from netra.procedure.transitions import (
    TRANSITIONS,
    Requirement,
    Transition,
    allowed_transitions,
    check_opening,
    check_transition,
    forwarding_warning,
    transition_between,
)
from netra.rulebook import Certainty

__all__ = [
    "DEFAULT_POLICY",
    "TRANSITIONS",
    "AppealKind",
    "CalendarNotCoveredError",
    "CaseState",
    "Certainty",
    "ClockLike",
    "ClockLookup",
    "ControlAction",
    "CriminalStage",
    "CriminalStep",
    "CriminalTrack",
    "DateOrderError",
    "Deadline",
    "DeadlineStatus",
    "ForwardRecipient",
    "Holiday",
    "HolidayDataError",
    "HolidayKind",
    "InvalidRequirement",
    "Lateness",
    "MissingRequirement",
    "ProcedurePolicy",
    "Regime",
    "Requirement",
    "Role",
    "SanctionLevel",
    "Transition",
    "TransitionNotAllowed",
    "UnknownCodeError",
    "ViolationType",
    "WorkingCalendar",
    "allowed_transitions",
    "asn_authority_on",
    "check_opening",
    "check_transition",
    "criminal_deadline",
    "deadline_for",
    "finding_lateness",
    "forwarding_warning",
    "parse_role",
    "parse_state",
    "report_lateness",
    "transition_between",
]
