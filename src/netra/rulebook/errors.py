"""The rulebook's error: bad data names the file, the entry and the field."""

from __future__ import annotations

from typing import ClassVar

from netra.errors import NetraError


class RulebookError(NetraError):
    """The rulebook data is invalid, or a query names something the rulebook does not define.

    The message always names where the problem is, e.g.
    ``acts.yaml: act 'ktp_support': sanction 'berat2' is not defined``.
    """

    code: ClassVar[str] = "rulebook_invalid"


class UnknownCodeError(RulebookError):
    """A query used a code (act, subject, election, clock) the rulebook does not define.

    ``choices`` lists the valid codes so adapters can show them.
    """

    code: ClassVar[str] = "rulebook_unknown_code"

    def __init__(self, kind: str, value: str, choices: tuple[str, ...]) -> None:
        super().__init__(
            f"unknown {kind} {value!r}; valid: {', '.join(choices)}",
            kind=kind,
            value=value,
            choices=choices,
        )
        self.kind = kind
        self.value = value
        self.choices = choices
