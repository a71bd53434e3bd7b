"""Benchmark: `validate` on many precinct protocols (wide CSV, 12 protocol lines + 13 lists = 26 columns, the
four relations of the Russian protocol plus the universal checks) against only reading the same file with
`pyarrow.csv.read_csv` (default options), in the same run. Target (results-integrity issue): 1,000,000
protocols, peak memory under 2 GB, at most 1.5x the plain read. Prints the figures BENCHMARKS.md records.

Run: `make bench` (or `.venv/bin/python bench/validate_speed.py [PROTOCOLS]`, default 100,000).
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

from ballotlaw.api import load_law  # noqa: E402
from ballotlaw.integrity import universal_checks  # noqa: E402
from ballotlaw.results.load import load_results  # noqa: E402

RULES = ROOT / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules"
LISTS = 13


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
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path, mapping = write_protocols(Path(tmp), count)
        size = path.stat().st_size
        start = time.perf_counter()
        table = pyarrow.csv.read_csv(str(path))
        plain = time.perf_counter() - start
        assert table.num_rows == count
        del table
        start = time.perf_counter()
        law, _ = load_law(str(RULES))
        results, _ = load_results(law, str(path), str(mapping))
        report = universal_checks(law, results)
        ours = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = sum(1 for d in report.findings if d.is_error)
    print(f"protocols: {count:,}  file: {size / 1e6:.1f} MB  relations checked: {report.checked:,}  errors: {errors}")
    print(f"pyarrow.csv.read_csv: {plain:.2f} s")
    print(f"ballotlaw validate:   {ours:.2f} s  ({ours / plain:.0f}x the plain read; target at most 1.5x)")
    print(f"peak memory (max RSS of the process): {peak_mb:,.0f} MB (target under 2,048 MB at 1,000,000)")


if __name__ == "__main__":
    main()
