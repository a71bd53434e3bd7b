"""Convert the SGMAI's results by territory (a verbatim CSV copy, see SOURCES.md) into results.csv and
official-seats.csv: the 20 constituencies of the national territory, each list's votes and seats as the
Ministry published them. Usage: python convert.py votes.csv (run from this folder)."""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

# The columns of the copy and the acronyms the SGMAI's results give the lists (the copy's votes/model code maps
# each acronym to one column; these 20 are every list on the ballot in the national territory).
LISTS = {
    "PS": "PS",
    "PSD_CDS_PPM": "PPD/PSD.CDS-PP.PPM",
    "CH": "CH",
    "IL": "IL",
    "BE": "B.E.",
    "PCP": "PCP-PEV",
    "L": "L",
    "PAN": "PAN",
    "ADN": "ADN",
    "PSD_CDS": "PPD/PSD.CDS-PP",
    "RIR": "R.I.R.",
    "JPP": "JPP",
    "ND": "ND",
    "PCTP_MRPP": "PCTP/MRPP",
    "VP": "VP",
    "E": "E",
    "MPT_A": "MPT.A",
    "PTP": "PTP",
    "NC": "NC",
    "PPM": "PPM",
}
SHA256 = "8e6895c210e618ee2883d1d5d99b371500c3a62ee0d76b44d78b476b13c835dd"
HEADER = """\
# Portugal: election of the Assembly of the Republic, 10 March 2024. The 20 constituencies of the national
# territory (the 18 districts, the Azores and Madeira; the two constituencies abroad were counted later and are
# not here): voters, blank and null ballots and the votes of every list, from the results by territory that the
# Ministry of Internal Administration's General Secretariat (SGMAI) published at the end of the provisional count
# of all 3,092 parishes. Converted by convert.py from a verbatim copy; see SOURCES.md.
# valid_votes: the lists' votes added up (the law's D'Hondt is over the lists' votes; the SGMAI publishes the
# voters, blank and null ballots, and voters = lists' votes + blank + null in every constituency).
# source sgmai "SGMAI, Legislativas 2024, resultados provisórios por território (TerritoryResults, electionId=AR), \
via a verbatim copy (jtomaspm/legislativas2024, data/votes.csv)" \
https://www.legislativas2024.mai.gov.pt/resultados/territorio-nacional
# source sgmai_sum "The lists' votes in the SGMAI's results for the constituency, added up" \
https://www.legislativas2024.mai.gov.pt/resultados/territorio-nacional
level,unit,parent,count,selection,value,source
"""


def main(path: str) -> None:
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SystemExit(f"{path}: not the copy SOURCES.md names (sha256 differs)")
    rows = list(csv.DictReader(data.decode("utf-8").splitlines()))
    # The constituencies are the territories whose key ends in 0000 (LOCAL-010000 Aveiro ... LOCAL-400000 Açores);
    # LOCAL-500000 is the national territory.
    districts = [r for r in rows if r["LocationId"].endswith("0000") and r["LocationId"] != "LOCAL-500000"]
    assert len(districts) == 20, len(districts)
    out = [HEADER]
    seats = [
        "# Portugal, Assembly of the Republic 2024: the seats of every list in the 20 constituencies of the "
        'national territory,\n# as the SGMAI\'s results by territory give them ("mandates"; see SOURCES.md). '
        "Not produced by ballotlaw.\n",
        "constituency,list,seats\n",
    ]
    for row in sorted(districts, key=lambda r: r["LocationId"]):
        name = row["LocationName"]
        votes = {acronym: int(row[f"{column}_Votes"]) for column, acronym in LISTS.items()}
        listed = {a: v for a, v in votes.items() if v}
        blank, null, voters = int(row["BlankVotes"]), int(row["NullVotes"]), int(row["NumberVoters"])
        assert sum(listed.values()) + blank + null == voters, name
        out.append(f"district,{name},,voters_took_part,,{voters},sgmai\n")
        out.append(f"district,{name},,blank_ballots,,{blank},sgmai\n")
        out.append(f"district,{name},,invalid_ballots,,{null},sgmai\n")
        out.append(f"district,{name},,valid_votes,,{sum(listed.values())},sgmai_sum\n")
        for acronym, value in listed.items():
            out.append(f"district,{name},,votes,{acronym},{value},sgmai\n")
        for column, acronym in LISTS.items():
            won = int(row[f"{column}_Mandates"])
            if acronym in listed:
                seats.append(f"{name},{acronym},{won}\n")
            else:
                assert won == 0, (name, acronym)
    Path("results.csv").write_text("".join(out), encoding="utf-8")
    Path("official-seats.csv").write_text("".join(seats), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
