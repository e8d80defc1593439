"""Small-cell suppression, without a database."""

from __future__ import annotations

from netra.transparency.suppression import SUPPRESSED, publish, publish_table


def test_counts_from_one_to_four_are_suppressed_and_zero_and_five_are_not():
    assert [publish(n) for n in (0, 1, 4, 5, 12)] == [0, SUPPRESSED, SUPPRESSED, 5, 12]


def test_a_lone_suppressed_cell_beside_a_total_takes_the_smallest_other_cell_with_it():
    assert publish_table([3, 9, 6, 0]) == [SUPPRESSED, 9, SUPPRESSED, 0]


def test_two_suppressed_cells_need_no_more_and_a_table_without_total_needs_none():
    assert publish_table([3, 2, 9]) == [SUPPRESSED, SUPPRESSED, 9]
    assert publish_table([3, 9], total_is_published=False) == [SUPPRESSED, 9]
