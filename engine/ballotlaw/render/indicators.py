"""Text and JSON forms of the forensic indicators (integrity/indicators.py). Nothing is recomputed here; each
line of the text is escaped (render/escape.py)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..exact import show
from ..integrity.indicators import CHI_SQUARE_9_DF_5_PERCENT, Indicators, IntegerPercentages
from .escape import escape

TITLE = "Forensic indicators (INDICATORS, not findings: they pass or fail nothing and never change the exit code)"
_DECILES = [f"{10 * i}-{10 * i + 10}" for i in range(10)]


def render_indicators(found: Indicators) -> str:
    lines = [TITLE, f"  units: {found.units:,}"]
    if found.histogram_units:
        lines.append(
            f"  turnout ({found.turnout}) against the vote share of {found.leader} (the most votes overall), "
            f"units by decile in %:"
        )
        lines.append("    turnout \\ share " + " ".join(f"{d:>7}" for d in _DECILES))
        for label, row in zip(_DECILES, found.histogram, strict=True):
            lines.append(f"    {label:>15}  " + " ".join(f"{n:>7,}" for n in row))
        if found.above_whole:
            lines.append(f"    {found.above_whole:,} unit(s) with a turnout above 100% are left out")
    else:
        lines.append(f"  turnout against the leader's share: not computed (no unit gives {found.turnout} and votes)")
    for item in (found.integer_turnout, found.integer_leader):
        lines.append("  " + _integer_line(item))
    counted = sum(found.digits)
    if found.chi_square is None:
        lines.append("  last digits: no vote count of at least 10")
    else:
        spread = ", ".join(f"{d}: {show(Fraction(100 * n, counted), 1)}%" for d, n in enumerate(found.digits))
        lines.append(f"  last digits of the {counted:,} vote counts of at least 10: {spread}")
        lines.append(
            f"    chi-square {show(found.chi_square, 2)} with 9 degrees of freedom (a uniform spread exceeds "
            f"{show(CHI_SQUARE_9_DF_5_PERCENT, 3)} one time in 20)"
        )
    return "\n".join(escape(line) for line in lines)


def _integer_line(item: IntegerPercentages) -> str:
    if not item.units:
        return f"integer percentages of {item.base}: not computed (no unit gives the figures)"
    return (
        f"integer percentages of {item.base}: {item.observed:,} of {item.units:,} units "
        f"(about {show(item.expected, 1)} if every count were equally likely)"
    )


def indicators_json(found: Indicators) -> dict[str, Any]:
    def integer(item: IntegerPercentages) -> dict[str, Any]:
        return {"base": item.base, "units": item.units, "observed": item.observed, "expected": str(item.expected)}

    return {
        "label": "indicators, not findings",
        "units": found.units,
        "turnout": found.turnout,
        "leader": found.leader,
        "turnout_by_leader_share": [list(row) for row in found.histogram],
        "turnout_above_whole": found.above_whole,
        "integer_turnout": integer(found.integer_turnout),
        "integer_leader_share": integer(found.integer_leader),
        "last_digits": list(found.digits),
        "chi_square": None if found.chi_square is None else str(found.chi_square),
    }
