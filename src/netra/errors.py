"""The one exception family of Netra; adapters map its codes to HTTP statuses and exit codes."""

from __future__ import annotations

from typing import ClassVar


class NetraError(Exception):
    """A domain error with a machine-readable code and a message naming the bad part."""

    code: ClassVar[str] = "netra_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message
