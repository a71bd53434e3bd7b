"""Convert the State Election Commission's results file (a copy of volitve.dvk-rs.si/data/rezultati.json, see
SOURCES.md) into results.csv: each list's votes in the whole country, the voters and the valid votes. Usage:
python convert.py rezultati.json (run from this folder)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

SHA256 = "f28fe24e1395496d6fafa64bb0e59b33f97dae98689a3e8cc05e62f0f1cffebe"
HEADER = """\
# Slovenia: election of the National Assembly, 24 April 2022. The votes of every list in the whole country, the
# voters who voted and the valid votes, from the State Election Commission's (DVK) results file of 7 May 2022,
# 18:30, the count with the postal votes from abroad. Converted by convert.py from a verbatim copy; see SOURCES.md.
# The two deputies of the Italian and Hungarian national communities are elected separately and are not here.
# source dvk "DVK, Volitve v DZ 2022, rezultati (data/rezultati.json of volitve.dvk-rs.si, 7 May 2022 18:30), \
via a copy (stefanb/dvk-volisca, volitve/rezultati.json)" https://volitve.dvk-rs.si/data/rezultati.json
level,unit,parent,count,selection,value,source
"""


def main(path: str) -> None:
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SystemExit(f"{path}: not the copy SOURCES.md names (sha256 differs)")
    results = json.loads(data)
    lists = results["slovenija"]
    assert results["datum"] == "2022-05-07T18:30:00Z" and len(lists) == 21
    assert sum(x["gl"] for x in lists) == results["velj"]
    assert results["velj"] + results["nev"] == results["glas"]
    out = io.StringIO()
    out.write(HEADER)
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["nation", "SI", "", "voters_took_part", "", results["glas"], "dvk"])
    rows.writerow(["nation", "SI", "", "valid_votes", "", results["velj"], "dvk"])
    for x in lists:
        rows.writerow(["nation", "SI", "", "votes", x["naz"], x["gl"], "dvk"])
    Path("results.csv").write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
