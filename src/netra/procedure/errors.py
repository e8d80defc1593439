"""Errors of the procedure core; each names the state, role, field or date that was wrong."""

from __future__ import annotations

from netra.errors import NetraError


class TransitionNotAllowed(NetraError):  # noqa: N818 -- name fixed by the issue #3 API
    """The move between two states does not exist, or this role may not make it."""

    code = "transition_not_allowed"


class MissingRequirement(NetraError):  # noqa: N818 -- name fixed by the issue #3 API
    """A transition needs a field (a reason, a letter number, an SK date ...) the payload lacks."""

    code = "transition_requirement_missing"


class InvalidRequirement(NetraError):  # noqa: N818 -- sibling of MissingRequirement
    """A required field is present but has the wrong type, an unknown code or an impossible date."""

    code = "transition_requirement_invalid"


class UnknownCodeError(NetraError):
    """A string given for a state, role, regime or other code is not one we know."""

    code = "code_unknown"


class CalendarNotCoveredError(NetraError):
    """A working-day count reached a year without holiday data; guessing would move deadlines."""

    code = "calendar_not_covered"


class HolidayDataError(NetraError):
    """The holiday data file is malformed; the message names the file, year, entry and field."""

    code = "holiday_data_invalid"


class DateOrderError(NetraError):
    """Two dates are in an impossible order (e.g. a report filed before the act became known)."""

    code = "date_order_invalid"
