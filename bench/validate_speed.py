"""Benchmark: `validate` on many precinct protocols (wide CSV, 12 protocol lines + 13 lists = 26 columns, the
four relations of the Russian protocol plus 16 plausibility relations, 20 in all) against only reading the
same file with `pyarrow.csv.read_csv` (default options), in the same run. Target (results-integrity issue): 1,000,000
protocols, peak memory under 2 GB, at most 1.5x the plain read. Prints the figures BENCHMARKS.md records.

Run: `make bench` (or `.venv/bin/python bench/validate_speed.py [PROTOCOLS]`, default 1,000,000).
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "engine"))

import pyarrow.csv  # noqa: E402

from ballotlaw.api import validate  # noqa: E402

RULES = ROOT / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules"
LISTS = 13
# 16 plausibility relations of the kind commissions add to the law's four (20 per protocol, as the issue asks):
# sums, percentages of a count, and conditions; they hold on the generated protocols.
EXTRA = [
    f"  p{k}: line_{a} <= {pct}% of line_{b} + {slack} in every precinct, when line_{b} > {k}, warning   [fz20_app5]"
    for k, (a, b, pct, slack) in enumerate(
        [
            (9, 8, 100, 20),
            (6, 2, 100, 0),
            (7, 10, 100, 300),
            (3, 1, 100, 0),
            (5, 1, 100, 0),
            (9, 10, 50, 20),
            (11, 2, 1, 0),
            (12, 2, 1, 0),
            (4, 1, 100, 0),
            (8, 1, 100, 0),
            (10, 1, 100, 0),
            (7, 8, 100, 300),
            (3, 4, 100, 5),
            (6, 1, 99.5, 600),
            (9, 1, 2.5, 25),
            (5, 8, 33.3, 100),
        ]
    )
]


def write_protocols(folder: Path, count: int) -> tuple[Path, Path]:
    """Consistent protocols (every relation holds) except one in 1,000 with line 2 off by one."""
    rng = random.Random(20261127)
    lines = [f"line_{i}" for i in range(1, 13)]
    header = ["uik", *(f"L{i}" for i in range(1, 13 + LISTS))]
    path = folder / "protocols.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(header) + "\n")
        for n in range(count):
            votes = [rng.randint(0, 300) for _ in range(LISTS)]
            valid = sum(votes)
            invalid = rng.randint(0, 20)
            found = valid + invalid
            portable = rng.randint(0, found // 10)
            early, mobile = rng.randint(0, 5), portable
            in_room = found - portable - early
            cancelled = rng.randint(0, 500)
            received = early + in_room + mobile + cancelled + (1 if n % 1000 == 999 else 0)
            registered = found + rng.randint(0, 1500)
            stationary = found - portable
            row = [registered, received, early, in_room, mobile, cancelled, portable, stationary, invalid, valid, 0, 0]
            row += votes
            out.write(f"P{n}," + ",".join(map(str, row)) + "\n")
    mapping = folder / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "format": "ballotlaw.mapping",
                "version": 1,
                "level": "precinct",
                "unit": "uik",
                "counts": {name: f"L{i}" for i, name in enumerate(lines, start=1)},
                "votes": {f"List {k}": f"L{12 + k}" for k in range(1, LISTS + 1)},
            }
        ),
        encoding="utf-8",
    )
    return path, mapping


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path, mapping = write_protocols(Path(tmp), count)
        rules = Path(tmp) / "protocol.rules"
        extra = 'relations plausibility "Plausibility checks (benchmark)"\n' + "\n".join(EXTRA) + "\nend\n"
        rules.write_text(RULES.read_text(encoding="utf-8") + extra, encoding="utf-8")
        size = path.stat().st_size
        reads = []
        for _ in range(3):
            start = time.perf_counter()
            table = pyarrow.csv.read_csv(str(path))
            reads.append(time.perf_counter() - start)
            assert table.num_rows == count
            del table
        plain = min(reads)
        stages: list[tuple[str, float]] = []
        start = time.perf_counter()
        done = validate(str(rules), str(path), str(mapping), lambda label: stages.append((label, time.perf_counter())))
        ours = time.perf_counter() - start
        rules_loaded = stages[0][1] - start if stages else 0.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = sum(1 for d in done.report.findings if d.is_error)
    path_taken = "column by column" if done.by_columns else "row by row"
    print(
        f"protocols: {count:,}  file: {size / 1e6:.1f} MB  relations checked: {done.report.checked:,}  "
        f"errors: {errors}  read {path_taken}"
    )
    print(
        f"pyarrow.csv.read_csv (default options), best of 3: {plain:.2f} s  "
        f"(all: {', '.join(f'{r:.2f}' for r in reads)})"
    )
    print(
        f"ballotlaw validate (api.validate, rule file parsed in the run): {ours:.2f} s  "
        f"({ours / plain:.2f}x the plain read; target at most 1.5x: {'met' if ours <= 1.5 * plain else 'NOT met'})"
    )
    print(
        f"  of which loading the rule file (the parser from the user's cache once a run has built it): "
        f"{rules_loaded:.2f} s; "
        f"without it {(ours - rules_loaded) / plain:.2f}x"
    )
    print(
        f"peak memory (max RSS of the process): {peak_mb:,.0f} MB "
        f"(target under 2,048 MB: {'met' if peak_mb < 2048 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
