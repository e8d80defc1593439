"""Colour classes of the choropleth, and regions without a polygon kept in the list."""

from __future__ import annotations

import itertools

from netra.maps.choropleth import Step, breaks, build, shade_of


def test_quantile_breaks_cover_every_count_and_leave_zero_unshaded():
    counts = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]
    legend = breaks(counts)
    assert legend[0].low == 1
    assert legend[-1].high == 55
    assert [shade_of(c, legend) for c in (0, 1, 55)] == [0, 1, 5]
    assert all(a.high < b.low for a, b in itertools.pairwise(legend))


def test_one_distinct_count_gives_one_step_and_no_cases_gives_no_legend():
    assert breaks([0, 4, 4]) == (Step(shade=1, low=4, high=4),)
    assert breaks([0, 0]) == ()


def test_a_region_without_a_polygon_is_kept_with_its_count_as_unmapped():
    shapes = {"32.01": {"name": "Bogor", "path": "M0 0L10 0L10 10Z", "bounds": [0, 0, 10, 10]}}
    chart = build(
        [("32.01", "Kabupaten Bogor"), ("33.71", "Kota Magelang")],
        {"32.01": 3, "33.71": 7},
        shapes,
        href={},
    )
    assert [a.code for a in chart.unmapped] == ["33.71"]
    assert chart.unmapped[0].count == 7
    assert chart.total == 10
    assert chart.view_box == "-10 -10 30 30"


def test_two_counts_get_two_steps_so_a_single_case_is_not_shaded_like_the_busiest():
    legend = breaks([1, 7])
    assert shade_of(1, legend) < shade_of(7, legend)
