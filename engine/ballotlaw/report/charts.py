"""The report's charts as geometry: a hemicycle of seats and bars of each list's exact share against the threshold
lines. The templates draw the SVG from these values; nothing here counts. Shares and seats come from the outcome;
coordinates are rounded for drawing only, with fixed decimals, so the same outcome draws the same bytes."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from attrs import frozen

#: Colours of the lists in a chart, in the order of the seat table (chosen to stay apart for colour-blind readers).
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#ad494a",
    "#637939",
    "#843c39",
    "#7b4173",
    "#3182bd",
)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def fixed(value: Fraction | float, digits: int = 2) -> str:
    """A coordinate with `digits` decimals, rounded half up; `-0.00` is written `0.00`."""
    exact = Fraction(value)
    scale = 10**digits
    rounded = math.floor(exact * scale + Fraction(1, 2))
    sign = "-" if rounded < 0 else ""
    whole, part = divmod(abs(rounded), scale)
    return f"{sign}{whole}.{part:0{digits}d}"


# ---- the hemicycle -----------------------------------------------------------------------------------------


@frozen
class Seat:
    x: str
    y: str
    colour: str
    owner: str


@frozen
class Hemicycle:
    width: str
    height: str
    radius: str  # of each seat's dot
    seats: tuple[Seat, ...]
    total: int
    centre: str  # where the total is written
    baseline: str


WIDTH = 400  # the hemicycle's width in SVG units; its height is half of it plus a margin
MOST_DRAWN = 3000  # more seats than any house has: a rule file asking for more gets its seat table, not a chart


def _rows(total: int) -> int:
    """The fewest rows of a half ring (inner radius 0.4 of the outer) that hold `total` seats at even spacing."""
    rows = 1
    while True:
        spacing = Fraction(6, 10) / rows
        radii = [_radius(row, rows) for row in range(rows)]
        if sum(math.floor(math.pi * float(r) / float(spacing)) + 1 for r in radii) >= total:
            return rows
        rows += 1


def _radius(row: int, rows: int) -> Fraction:
    return Fraction(1) if rows == 1 else Fraction(4, 10) + Fraction(6, 10) * row / (rows - 1)


def _per_row(total: int, rows: int) -> list[int]:
    """Seats of each row in proportion to its radius (largest remainders, exact; ties to the outer row)."""
    radii = [_radius(row, rows) for row in range(rows)]
    whole = sum(radii)
    quotas = [total * r / whole for r in radii]
    given = [math.floor(q) for q in quotas]
    order = sorted(range(rows), key=lambda i: (-(quotas[i] - given[i]), -i))
    for i in order[: total - sum(given)]:
        given[i] += 1
    return given


def hemicycle(owners: list[tuple[str, int]]) -> Hemicycle | None:
    """Seats as dots on a half ring, filled left to right in the order given: `owners` is (name, seats) in the
    order of the seat table. None when no seat is given, or more than MOST_DRAWN."""
    total = sum(seats for _name, seats in owners)
    if total <= 0 or total > MOST_DRAWN:
        return None
    rows = _rows(total)
    spacing = Fraction(6, 10) / rows if rows > 1 else Fraction(1, 2)
    places: list[tuple[float, Fraction, float, float]] = []  # (angle, radius, x, y), angle from the left
    for row, count in enumerate(_per_row(total, rows)):
        radius = _radius(row, rows)
        for j in range(count):
            angle = math.pi / 2 if count == 1 else math.pi * j / (count - 1)
            places.append((round(angle, 9), radius, -math.cos(angle) * float(radius), math.sin(angle) * float(radius)))
    places.sort(key=lambda p: (p[0], -p[1]))
    half = Fraction(WIDTH, 2)
    scale = half - 10
    dot = min(Fraction(9), spacing * scale * Fraction(4, 10))
    names = [name for name, seats in owners for _ in range(seats)]
    colours = [colour(i) for i, (_name, seats) in enumerate(owners) for _ in range(seats)]
    seats = tuple(
        Seat(fixed(half + Fraction(x) * scale), fixed(half + 5 - Fraction(y) * scale), colours[k], names[k])
        for k, (_angle, _radius, x, y) in enumerate(places)
    )
    return Hemicycle(str(WIDTH), fixed(half + 15), fixed(dot), seats, total, fixed(half), fixed(half + 9))


# ---- the shares against the thresholds ---------------------------------------------------------------------


@frozen
class Bar:
    name: str
    y: str
    width: str | None  # None: the share is not published (no bar, never a zero)
    end: str  # where the bar ends (where its label starts)
    text_y: str
    label: str  # the share as a percent, or the words for "not published"
    colour: str
    passed: bool


@frozen
class Line:
    x: str
    label: str  # e.g. "5%  national_threshold"


@frozen
class ShareChart:
    width: str
    height: str
    left: str  # where the bars start (after the names)
    plot: str  # the width of the plotting area
    bars: tuple[Bar, ...]
    lines: tuple[Line, ...]
    ticks: tuple[tuple[str, str], ...]  # (x, label)
    row: str
    bottom: str  # the axis


ROW = 22  # the height of one bar's row
NAMES = 250  # the room for the lists' names
PLOT = 420  # the plotting area's width


def _scale(highest: Fraction) -> Fraction:
    """The share at the right edge: the next multiple of 5% above the highest share or line (at least 10%)."""
    step = Fraction(5, 100)
    top = max(Fraction(10, 100), (highest / step).__ceil__() * step)
    return top if top > highest else top + step


def _bars(rows: list[tuple[str, Fraction | None, str, bool]], top: Fraction) -> tuple[Bar, ...]:
    """One bar per row, its length `value / top` of the plot (a value above zero is never drawn thinner than half
    a unit, so that it shows); a row without a value has no bar."""
    plot = Fraction(PLOT)
    bars = []
    for i, (name, value, label, passed) in enumerate(rows):
        length = None if value is None else (max(value / top * plot, Fraction(1, 2)) if value > 0 else Fraction(0))
        bars.append(
            Bar(
                name,
                str(28 + ROW * i),
                None if length is None else fixed(length),
                fixed(NAMES + (length or 0)),
                str(28 + ROW * i + 15),
                label,
                colour(i),
                passed,
            )
        )
    return tuple(bars)


def _chart(bars: tuple[Bar, ...], lines: tuple[Line, ...], ticks: tuple[tuple[str, str], ...]) -> ShareChart:
    bottom = 28 + ROW * len(bars)
    height = bottom + 30 + 16 * len(lines)
    return ShareChart(
        str(NAMES + PLOT + 90), str(height), str(NAMES), str(PLOT), bars, lines, ticks, str(ROW), str(bottom)
    )


def share_chart(
    rows: list[tuple[str, Fraction | None, str, bool]],
    lines: list[tuple[Fraction, str]],
    percent_label: Callable[[Fraction], str],
) -> ShareChart | None:
    """Bars of each list's exact share (`rows`: name, share or None when not published, its label, whether it
    qualified) against threshold lines (`lines`: share, label). `percent_label` writes a tick's percent. None
    when no share is known."""
    known = [share for _n, share, _l, _p in rows if share is not None]
    if not known:
        return None
    top = _scale(max(known + [share for share, _label in lines]))
    plot = Fraction(PLOT)
    drawn = tuple(Line(fixed(NAMES + share / top * plot), label) for share, label in sorted(lines))
    step = Fraction(5, 100)
    while top / step > 10:  # at most ten ticks, whatever the shares (results with errors may exceed 100%)
        step *= 2
    count = int(top / step)
    ticks = tuple((fixed(NAMES + k * step / top * plot), percent_label(k * step)) for k in range(count + 1))
    return _chart(_bars(rows, top), drawn, ticks)


def vote_chart(rows: list[tuple[str, int | None, str, bool]]) -> ShareChart | None:
    """Bars of each candidate's or option's votes (`rows`: name, votes or None when not published, its label,
    whether elected or approved), the most votes filling the plot. None when no count is known or all are 0."""
    highest = max((votes for _n, votes, _l, _e in rows if votes is not None), default=0)
    if highest <= 0:
        return None
    scaled = [(name, None if votes is None else Fraction(votes), label, won) for name, votes, label, won in rows]
    return _chart(_bars(scaled, Fraction(highest)), (), ())
