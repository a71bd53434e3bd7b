"""Write results in the CSV format of docs/contracts.md section 8 (`convert`, counterexamples, test fixtures)."""

from __future__ import annotations

import csv
import io

from .load import HEADER, SHARE
from .model import PublishedShare, Results


def to_csv(results: Results, comments: tuple[str, ...] = ()) -> str:
    """The results as CSV text; reading it back gives the same figures."""
    buffer = io.StringIO()
    for line in comments:
        buffer.write(f"# {line}\n")
    for key, (title, url) in results.sources.items():
        if url:
            buffer.write(f'# source {key} "{title}" {url}\n')
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for unit in results.units.values():
        parent = unit.parent or ""
        for (unit_id, name), figure in results.counts.items():
            if unit_id == unit.id:
                writer.writerow([unit.level, unit.id, parent, name, "", _value(figure), _source(results, figure)])
        every = results.every_selection.get(unit.id)
        if every is not None:
            writer.writerow([unit.level, unit.id, parent, "votes", "*", _value(every), _source(results, every)])
        for selection, figure in results.votes.get(unit.id, {}).items():
            writer.writerow([unit.level, unit.id, parent, "votes", selection, _value(figure), _source(results, figure)])
        for selection, share in results.shares.get(unit.id, {}).items():
            writer.writerow([unit.level, unit.id, parent, SHARE, selection, _share(share), ""])
        for (unit_id, selection), attributes in results.attributes.items():
            if unit_id == unit.id:
                for name, value in attributes.items():
                    writer.writerow([unit.level, unit.id, parent, name, selection, str(value), ""])
    return buffer.getvalue()


def _share(share: PublishedShare) -> str:
    """A published share as it was displayed: its exact value with its number of decimals."""
    scaled = share.value * 10**share.decimals
    assert scaled.denominator == 1, "a share read from a file has no more decimals than it shows"
    whole, part = divmod(scaled.numerator, 10**share.decimals)
    return f"{whole}.{part:0{share.decimals}d}" if share.decimals else str(whole)


def _value(figure: object) -> str:
    from .model import ABSENT, Figure

    assert isinstance(figure, Figure)
    return "no poll" if figure.status == ABSENT else figure.describe()  # a figure the data gives is absent only so


def _source(results: Results, figure: object) -> str:
    source = getattr(figure, "source", None)
    return source if source and results.sources.get(source, ("", ""))[1] else ""
