"""A choropleth as data: each region's shape, count and colour class, ready for an SVG template.

Plain Python over the shipped shapes (netra.maps.boundaries); the counts come from a selector.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from netra.maps.boundaries import Shape

CLASSES = 5  # colour steps besides "no cases"; five stay apart on a phone screen and in print
MARGIN = 10  # map units around the drawn regions


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    name: str
    count: int
    label: str  # the count as shown (the public page shows "<5" for small counts)
    shade: int  # 0 = no cases, 1..CLASSES = darker is more
    path: str  # empty: no polygon ("tanpa peta"), listed but not drawn
    href: str
    known: bool = True  # False: the layer has no data here (drawn apart, never as zero)


@dataclass(frozen=True, slots=True)
class Step:
    shade: int
    low: int
    high: int
    label: str = ""  # shown instead of "low–high" when set ("<5", "50+")


@dataclass(frozen=True, slots=True)
class Choropleth:
    areas: tuple[Area, ...]  # every region of the view, drawn or not, by code
    view_box: str
    legend: tuple[Step, ...]

    @property
    def unmapped(self) -> tuple[Area, ...]:
        """Regions without a polygon: shown in the list as "tanpa peta" with their counts."""
        return tuple(area for area in self.areas if not area.path)

    @property
    def total(self) -> int:
        return sum(area.count for area in self.areas)

    @property
    def has_unknown(self) -> bool:
        return any(not area.known for area in self.areas)


def breaks(counts: Sequence[int], classes: int = CLASSES) -> tuple[Step, ...]:
    """Quantile classes over the non-zero counts, merged where they would repeat a value.

    Quantiles rather than equal steps because case counts are skewed: one busy regency would
    otherwise leave every other region in the palest shade.
    """
    values = sorted(c for c in counts if c > 0)
    if not values:
        return ()
    uppers: list[int] = []
    for i in range(1, classes + 1):
        upper = values[min(len(values) - 1, max(0, (i * len(values)) // classes - 1))]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    if uppers[-1] < values[-1]:
        uppers.append(values[-1])
    steps: list[Step] = []
    low = values[0]
    for upper in uppers:
        steps.append(Step(shade=len(steps) + 1, low=low, high=upper))
        low = upper + 1
    # Spread the shades across the palette when there are fewer steps than colours.
    if len(steps) < classes:
        spread = [round(1 + i * (classes - 1) / max(1, len(steps) - 1)) for i in range(len(steps))]
        steps = [Step(shade=s, low=x.low, high=x.high) for s, x in zip(spread, steps, strict=True)]
    return tuple(steps)


def shade_of(count: int, legend: Sequence[Step]) -> int:
    for step in legend:
        if count <= step.high:
            return step.shade if count > 0 else 0
    return legend[-1].shade if legend and count > 0 else 0


def build(
    regions: Sequence[tuple[str, str]],
    counts: Mapping[str, int],
    shapes: Mapping[str, Shape],
    *,
    href: Mapping[str, str],
    legend: Sequence[Step] | None = None,
    label: Callable[[int], str] = str,
    unknown: Collection[str] = (),
) -> Choropleth:
    """The choropleth of `regions` ((code, name), every one kept) coloured by `counts`.

    Without a `legend`, the classes are quantiles of the counts (`breaks`). Regions in
    `unknown` have no value for this map and are labelled and shaded as such.
    """
    if legend is None:
        legend = breaks([counts.get(code, 0) for code, _ in regions])
    areas: list[Area] = []
    bounds: list[list[int]] = []
    for code, name in regions:
        shape = shapes.get(code)
        count = counts.get(code, 0)
        if shape is not None:
            bounds.append(shape["bounds"])
        areas.append(
            Area(
                code=code,
                name=name,
                count=count,
                label=label(count) if code not in unknown else "–",
                shade=shade_of(count, legend),
                path=shape["path"] if shape is not None else "",
                href=href.get(code, ""),
                known=code not in unknown,
            )
        )
    if bounds:
        x0 = min(b[0] for b in bounds) - MARGIN
        y0 = min(b[1] for b in bounds) - MARGIN
        x1 = max(b[2] for b in bounds) + MARGIN
        y1 = max(b[3] for b in bounds) + MARGIN
        view_box = f"{x0} {y0} {x1 - x0} {y1 - y0}"
    else:
        view_box = "0 0 100 100"
    return Choropleth(areas=tuple(areas), view_box=view_box, legend=tuple(legend))
