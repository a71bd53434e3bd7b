"""Convert the polling-station protocols of the federal constituency (a copy of the CEC's protocols, see
SOURCES.md) into results.csv: the protocols' lines added up for the whole country. Usage: python convert.py
2021.csv.zip (run from this folder)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path

SHA256 = "b65fac633d642d496f52dc046fc4c1063b70b331cece7edcdfa8d76e63305a5d"
REGISTERED = "Число избирателей, внесенных в список избирателей на момент окончания голосования"
PORTABLE = "Число избирательных бюллетеней, содержащихся в переносных ящиках для голосования"
STATIONARY = "Число избирательных бюллетеней, содержащихся в стационарных ящиках для голосования"
INVALID = "Число недействительных избирательных бюллетеней"
VALID = "Число действительных избирательных бюллетеней"
LIST = re.compile(r"(\d+)\. (.+)")  # "1. Политическая партия ..." : the ballot number and the list's name
HEADER = """\
# Russian Federation: election of the State Duma, 17-19 September 2021, the federal constituency (225 seats from
# federal lists). The protocols of all 96,325 polling stations (electronic voting included) added up: voters on
# the lists, ballots found in the portable and stationary boxes (the voters who took part), valid ballots, and the
# votes of each of the 14 federal lists, in ballot order. Converted by convert.py from a copy of the CEC's
# protocols; see SOURCES.md. The single-mandate districts are not here.
# source cik "CEC of Russia, polling-station protocols of the federal constituency (izbirkom.ru), via a copy \
(dkobak/elections, data/2021.csv.zip), added up by convert.py" \
http://www.vybory.izbirkom.ru/region/region/izbirkom?action=show&root=0&tvd=100100225883177&vrn=100100225883172&region=0&global=&sub_region=0&prver=0&pronetvd=null&vibid=100100225883177&type=233
level,unit,parent,count,selection,value,source
"""


def main(path: str) -> None:
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SystemExit(f"{path}: not the copy SOURCES.md names (sha256 differs)")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read("2021.csv").decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames is not None
    lists = [(m.group(1), m.group(2), name) for name in reader.fieldnames if (m := LIST.fullmatch(name))]
    assert [int(number) for number, _, _ in lists] == list(range(1, 15))
    totals: dict[str, int] = {}
    stations = 0
    for row in reader:
        stations += 1
        for column in (REGISTERED, PORTABLE, STATIONARY, INVALID, VALID, *(c for _, _, c in lists)):
            totals[column] = totals.get(column, 0) + int(row[column] or 0)
    took_part = totals[PORTABLE] + totals[STATIONARY]
    assert stations == 96325 and took_part == totals[VALID] + totals[INVALID]
    assert sum(totals[c] for _, _, c in lists) == totals[VALID]
    out = io.StringIO()
    out.write(HEADER)
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["nation", "RU", "", "registered_voters", "", totals[REGISTERED], "cik"])
    rows.writerow(["nation", "RU", "", "voters_took_part", "", took_part, "cik"])
    rows.writerow(["nation", "RU", "", "valid_votes", "", totals[VALID], "cik"])
    for _, name, column in lists:
        rows.writerow(["nation", "RU", "", "votes", name, totals[column], "cik"])
    Path("results.csv").write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
