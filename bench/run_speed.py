"""Benchmark: wall time of `ballotlaw run` on the Kyrgyz 2021 list results, the real command in a fresh process
(interpreter start included), and where its imports spend the time.

Target (issue 13): at most 0.35 s, the median of repeated runs. Timed twice: with a bytecode cache (as an
installed package has; kept in a temporary folder, not beside the sources) and without one (every module
compiled at each start, as when PYTHONDONTWRITEBYTECODE is set and no cache exists). Then the largest
cumulative entries of `python -X importtime -c "import ballotlaw.cli"` (with the cache).

Run: `make bench` (or `.venv/bin/python bench/run_speed.py [RUNS] [BASELINE]`, 15 runs by default). BASELINE is
another checkout of the project (e.g. a `git worktree` of an earlier commit): its command (its `engine/` first on
the module path, its rule and results files) is then timed too, each run right after one of this checkout's, so
that both meet the same load; CPU time is the fairer comparison on a busy machine.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"
RESULTS = ROOT / "data" / "kg" / "2021" / "results.csv"
TARGET = 0.35


def command() -> list[str]:
    """The installed console script beside this interpreter, else the module."""
    script = Path(sys.executable).parent / "ballotlaw"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ballotlaw.cli"]


def environment(cache: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="ballotlaw-nocache-")  # empty, never written
    else:
        env["PYTHONPYCACHEPREFIX"] = cache
    return env


def cpu() -> float:
    """User and system time of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(argv: list[str], env: dict[str, str], runs: int, cwd: Path = ROOT) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run (CPU time says less about what other processes on the machine do)."""
    walls, cpus = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), cpu()
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
        walls.append(time.perf_counter() - started)
        cpus.append(cpu() - used)
        if done.returncode != 0:
            raise SystemExit(f"`{' '.join(argv)}` exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return walls, cpus


def import_times(env: dict[str, str], top: int = 15) -> list[tuple[int, int, str]]:
    """(cumulative us, self us, module) of the largest imports of `import ballotlaw.cli`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ballotlaw.cli"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), int(own), name.strip()))
    return sorted(rows, reverse=True)[:top]


def interleaved(argv: list[str], env: dict[str, str], baseline: Path, runs: int) -> None:
    """This checkout's command and the baseline's, run by turns: medians of wall and CPU time of each."""
    base_env = dict(env, PYTHONPATH=str(baseline / "engine"))
    base_argv = [
        sys.executable,
        "-m",
        "ballotlaw.cli",
        "run",
        str(RULES.relative_to(ROOT)),
        str(RESULTS.relative_to(ROOT)),
    ]
    timed(base_argv, base_env, 1, baseline)  # its bytecode cache
    mine: tuple[list[float], list[float]] = ([], [])
    theirs: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for (walls, cpus), (args, environ, cwd) in (
            (mine, (argv, env, ROOT)),
            (theirs, (base_argv, base_env, baseline)),
        ):
            started, used = time.perf_counter(), cpu()
            subprocess.run(args, env=environ, cwd=cwd, capture_output=True, check=True)
            walls.append(time.perf_counter() - started)
            cpus.append(cpu() - used)
    for label, (walls, cpus) in (("this checkout", mine), (f"baseline {baseline}", theirs)):
        print(
            f"  {label}: median wall {statistics.median(walls):.3f} s, "
            f"median CPU {statistics.median(cpus):.3f} s (min {min(cpus):.3f})"
        )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    baseline = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None
    argv = [*command(), "run", str(RULES), str(RESULTS)]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; `ballotlaw run` on {RULES.name}, {runs} runs")
    print("load average at the start: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="ballotlaw-pyc-") as cache:
        cached = environment(cache)
        timed(argv, cached, 2)  # fills the bytecode cache (and the parser's, in the user's cache folder)
        for label, env in (("with bytecode cache", cached), ("without bytecode cache", environment(None))):
            walls, cpus = timed(argv, env, runs)
            median = statistics.median(walls)
            verdict = "met" if median <= TARGET else "NOT met"
            print(
                f"{label}: median wall {median:.3f} s (min {min(walls):.3f}, max {max(walls):.3f}), "
                f"median CPU {statistics.median(cpus):.3f} s; target <= {TARGET} s wall: {verdict}"
            )
        for label, code in (("bare interpreter start", "pass"), ("`import ballotlaw.cli`", "import ballotlaw.cli")):
            walls, cpus = timed([sys.executable, "-c", code], cached, runs)
            wall, used = statistics.median(walls), statistics.median(cpus)
            print(f"{label} (with cache): median wall {wall:.3f} s, CPU {used:.3f} s")
        print("largest imports of `import ballotlaw.cli` (cumulative / self, ms):")
        for cumulative, own, name in import_times(cached):
            print(f"  {cumulative / 1000:8.1f} {own / 1000:8.1f}  {name}")
        if baseline is not None:
            print(f"with bytecode cache, interleaved with the baseline, {runs} runs each:")
            interleaved(argv, cached, baseline, runs)
    print("load average at the end: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
