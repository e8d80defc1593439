"""A slice of the original input, shared by every analyzer component that points at evidence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """Offsets into the ORIGINAL input; ``text == original[start:end]`` always holds."""

    start: int
    end: int
    text: str
