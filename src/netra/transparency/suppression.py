"""Small-cell suppression for everything the public sees: fewer than 5 cases is shown as "<5".

Plain Python. A count of 1 to 4 could single out one official in a small regency, so it is never
published. Zero is published: it reveals nobody. Where a table also publishes its total and only
one of its cells is suppressed, that cell could be recovered by subtraction, so the smallest other
non-zero cell is suppressed as well (secondary suppression).
"""

from __future__ import annotations

from collections.abc import Sequence

SMALL_CELL = 5  # Bawaslu publishes no count under five that could identify a terlapor
SUPPRESSED = "<5"

Cell = int | str  # a published count, or SUPPRESSED


def is_small(count: int) -> bool:
    return 0 < count < SMALL_CELL


def publish(count: int) -> Cell:
    """One count on its own (no total beside it)."""
    return SUPPRESSED if is_small(count) else count


def publish_table(counts: Sequence[int], *, total_is_published: bool = True) -> list[Cell]:
    """A table's cells; if its total is published, never exactly one suppressed cell."""
    cells: list[Cell] = [publish(c) for c in counts]
    hidden = [i for i, c in enumerate(counts) if is_small(c)]
    if total_is_published and len(hidden) == 1:
        visible = [i for i, c in enumerate(counts) if c >= SMALL_CELL]
        if visible:
            smallest = min(visible, key=lambda i: (counts[i], i))
            cells[smallest] = SUPPRESSED
    return cells
