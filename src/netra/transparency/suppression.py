"""Small-cell suppression for everything the public sees: fewer than 5 cases is shown as "<5".

Plain Python. A count of 1 to 4 could single out one official in a small regency, so it is never
published. Zero is published: it reveals nobody. Where a table also publishes its total and only
one of its cells is suppressed, that cell could be recovered by subtraction, so the smallest other
non-zero cell is suppressed as well (secondary suppression).

A filtered view has a parent view that differs by one filter (one election series against all
elections, one province against the whole country). Subtracting a cell from the parent's same
cell gives the count of the rest; if that rest is 1-4, the cell is suppressed too
(complement suppression), so two public views cannot be differenced into a small count.
"""

from __future__ import annotations

from collections.abc import Sequence

SMALL_CELL = 5  # Bawaslu publishes no count under five that could identify a terlapor
SUPPRESSED = "<5"

Cell = int | str  # a published count, or SUPPRESSED


def is_small(count: int) -> bool:
    return 0 < count < SMALL_CELL


def publish(count: int, *, parents: Sequence[int] = ()) -> Cell:
    """One count on its own (no total beside it), beside the same count of its parent views."""
    return SUPPRESSED if is_small(count) or _differs_by_few(count, parents) else count


def _differs_by_few(count: int, parents: Sequence[int]) -> bool:
    return any(is_small(parent - count) for parent in parents)


def publish_table(
    counts: Sequence[int],
    *,
    total_is_published: bool = True,
    parents: Sequence[Sequence[int]] = (),
    hide_some: bool = False,
) -> list[Cell]:
    """A table's cells; if its total is published, never exactly one suppressed cell.

    `parents` holds, per parent view, the same cells counted there (aligned with `counts`).
    `hide_some`: the table's sum must not be recoverable (it differs from a published total by
    under five), so at least one non-zero cell is hidden, and then a second beside it.
    """
    hidden = [
        i
        for i, c in enumerate(counts)
        if is_small(c) or _differs_by_few(c, [parent[i] for parent in parents])
    ]
    if hide_some and not hidden and any(counts):
        hidden.append(min((i for i, c in enumerate(counts) if c), key=lambda i: (counts[i], i)))
    cells: list[Cell] = [SUPPRESSED if i in hidden else c for i, c in enumerate(counts)]
    if total_is_published and len(hidden) == 1:
        visible = [i for i, c in enumerate(counts) if c >= SMALL_CELL and i not in hidden]
        if visible:
            smallest = min(visible, key=lambda i: (counts[i], i))
            cells[smallest] = SUPPRESSED
    return cells
