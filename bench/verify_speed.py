"""Benchmark: the standard specification on the Kyrgyz 2021 rule file, 10,000 generated elections for every
property, on all cores. Targets on a 2-core machine: at most 60 s, shrinking of failures not counted
(verification issue), and at most 30 s in total, shrinking included (issue 13). Prints one line per
measurement; BENCHMARKS.md records the figures.

Run: `make bench` (or `.venv/bin/python bench/verify_speed.py [EXAMPLES] [JOBS]`).
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "engine"))

from ballotlaw.api import load_law  # noqa: E402
from ballotlaw.verify import runner  # noqa: E402

RULES = "rules/kg/jogorku-kenesh-2021.rules"
SPECS = ("specs/standard-proportional.spec", "specs/standard-majoritarian.spec")


def one_process(arguments: tuple[str, int, int]) -> tuple[float, float, float, int, list[str], float]:
    spec_path, examples, seed = arguments
    law, _ = load_law(RULES)
    spec, _ = load_law(spec_path)
    runner.TIMING.update(search=0.0, shrink=0.0)
    started = time.perf_counter()
    results = runner.verify(law, spec.specs, examples, seed)
    wall = time.perf_counter() - started
    used = time.process_time()  # the whole process: start-up, loading and the search
    checked = (
        min(r.examples for r in results if r.status == "passed") if any(r.status == "passed" for r in results) else 0
    )
    return (
        wall,
        runner.TIMING["search"],
        runner.TIMING["shrink"],
        checked,
        [f"{r.property.provenance.full_label}={r.status}" for r in results],
        used,
    )


def main() -> None:
    os.chdir(ROOT)
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count() or 1
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{examples} elections per property, {jobs} processes; "
        f"load average {', '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )
    total_wall = total_search = total_shrink = total_cpu = 0.0
    for spec in SPECS:
        shares = [examples // jobs + (1 if j < examples % jobs else 0) for j in range(jobs)]
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            parts = pool.map(one_process, [(spec, shares[j], j) for j in range(jobs)])
        wall = time.perf_counter() - started
        search = max(p[1] for p in parts)
        shrink = max(p[2] for p in parts)
        checked = sum(p[3] for p in parts)
        used = sum(p[5] for p in parts)
        total_cpu += used
        total_wall += wall
        total_search += search
        total_shrink += shrink
        print(
            f"{spec}: wall {wall:.1f} s, CPU {used:.1f} s in all its processes "
            f"(the slower process: evaluating and checking {search:.1f} s, "
            f"shrinking {shrink:.1f} s, the rest is Hypothesis generating and process start-up); "
            f"each passing property checked on {checked} elections"
        )
        print("  " + ", ".join(sorted(set(parts[0][4]))))
    print(
        f"total: wall {total_wall:.1f} s, CPU {total_cpu:.1f} s ({total_cpu / jobs:.1f} s a process on {jobs} "
        f"processes), of which shrinking about {total_shrink:.1f} s; "
        f"without shrinking {total_wall - total_shrink:.1f} s; target 60 s without shrinking: "
        f"{'met' if total_wall - total_shrink <= 60 else 'NOT met'}; target 30 s in total: "
        f"{'met' if total_wall <= 30 else 'NOT met'}; "
        f"load average {', '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
