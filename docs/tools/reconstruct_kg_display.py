"""Write data/kg/2021/reconstructed-erroneous-display.csv from the corrected display of the same evening.

A RECONSTRUCTION, not the erroneous figures (they are not public). On 28 Nov 2021 the Kyrgyz CEC's site first
showed list shares adding up to more than 150%, with ten lists above 5%; the CEC chair said a formula of a
visualisation table "added 2 positions that should not have been added". The exact formula and the order of
the CEC's table are not public either. This script applies one reading of that explanation to the corrected
figures (data/kg/2021/preliminary-display.csv, in Kabar's listing order): each row's percentage also adds the
percentage of the position two rows below it. Run from the repository root:
`python docs/tools/reconstruct_kg_display.py`; tests/test_integrity.py checks that the committed file is what
this script writes, and that `ballotlaw validate` rejects it.
"""

from __future__ import annotations

import csv
import io
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORRECTED = ROOT / "data" / "kg" / "2021" / "preliminary-display.csv"
RECONSTRUCTED = ROOT / "data" / "kg" / "2021" / "reconstructed-erroneous-display.csv"
OFFSET = 2  # "added 2 positions": the row two positions further down the table

HEADER = """\
# RECONSTRUCTION, NOT THE PUBLISHED FIGURES. The erroneous display of the Kyrgyz CEC's site on the evening of
# 28 Nov 2021 (list shares adding up to more than 150%, ten lists above 5%) was not preserved in any public copy.
# This file applies one reading of the CEC chair's explanation ("added 2 positions that should not have been
# added") to the corrected display of the same evening (preliminary-display.csv): each row's percentage also
# adds the percentage of the position two rows below it. It gives {total}% and {passing} lists at 5% or more,
# where the press reported more than 150% and ten. Written by docs/tools/reconstruct_kg_display.py; see SOURCES.md.
# source kabar "Kabar, 28 Nov 2021: Какие партии прошли в Жогорку Кенеш? Данные АСУ (the corrected figures the reconstruction starts from)" https://www.kabar.kg/news/kakie-partii-proshli-v-zhogorku-kenesh-dannye-asu/
# source kloop "Kloop, 29 Nov 2021: Глава ЦИК о сбоях в системе: в одной таблице была заложена некорректно маленькая формула (the explanation applied)" https://kloop.kg/blog/2021/11/29/glava-tsik-o-sboyah-v-sisteme-v-odnoj-tablitse-byla-zalozhena-nekorrektno-malenkaya-formula/
"""


def _rows() -> list[list[str]]:
    lines = [line for line in CORRECTED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.reader(lines))


def _two_decimals(value: Fraction) -> str:
    hundredths = value * 100
    assert hundredths.denominator == 1, "sums of two-decimal percentages stay exact"
    return f"{hundredths.numerator // 100}.{hundredths.numerator % 100:02d}"


def build() -> str:
    """The reconstructed display as CSV text."""
    header, *rows = _rows()
    shares = [row for row in rows if row[3] == "share"]
    values = [Fraction(row[5]) for row in shares]
    wrong = [value + (values[i + OFFSET] if i + OFFSET < len(values) else 0) for i, value in enumerate(values)]
    total = sum(wrong, Fraction(0))
    passing = sum(1 for row, value in zip(shares, wrong, strict=True) if row[4] != "against all" and value >= 5)
    out = io.StringIO()
    out.write(HEADER.format(total=_two_decimals(total), passing=passing))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    by_selection = dict(zip((row[4] for row in shares), wrong, strict=True))
    for row in rows:
        if row[3] == "share":
            row = [*row[:5], _two_decimals(by_selection[row[4]]), "kloop"]
        writer.writerow(row)
    return out.getvalue()


if __name__ == "__main__":
    text = build()
    if "--check" in sys.argv:
        sys.exit(0 if RECONSTRUCTED.read_text(encoding="utf-8") == text else 1)
    RECONSTRUCTED.write_text(text, encoding="utf-8")
