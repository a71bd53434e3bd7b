"""Benchmark: seat allocation through ballotlaw's public API (trace on) against votelib configured to the same
rule, in the same process, on the same seeded data (Zipf-like shares with log-normal noise).

Cases (proportional-systems issue): (a) 20 lists, 150 seats, 5% threshold of valid votes; (b) 200 lists,
5,000 seats, no threshold; (c) 1,000 constituencies x 15 lists x 10 seats, 5% threshold per constituency.
Methods: D'Hondt and Hare largest remainders. Target: at least 10x faster than votelib, identical seats
wherever votelib has no tie. Prints medians and ratios; BENCHMARKS.md records them.

`evaluate` keeps what a plain unit decided (votes, bases, verdicts, the kernel's numbers, the seats) as one record
and builds the unit's outcome and its steps when they are first read (evaluate/plain.py); the figure the target is
measured on is `evaluate` itself, and the line also gives the time with every unit and step read.
Each sample times as many calls as last 0.05 s (timeit's autorange): a call of a few microseconds is not timed
alone, where reading the clocks would weigh on it.

Run: `make bench` (or `.venv/bin/python bench/allocation_speed.py`).
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "engine"))

import votelib.evaluate.core as votelib_core  # noqa: E402
import votelib.evaluate.proportional as votelib_pr  # noqa: E402
import votelib.evaluate.threshold as votelib_threshold  # noqa: E402

from ballotlaw.api import load_law_text  # noqa: E402
from ballotlaw.evaluate import evaluate  # noqa: E402
from ballotlaw.results.model import PUBLISHED, Figure, Results, Unit  # noqa: E402

METHODS = {
    "d'hondt": ("d'hondt divisors", "divisor", "d_hondt"),
    "hare": ("hare quota and largest remainders", "quota", "hare"),
}


def law_text(method: str, seats: int, threshold: bool, every: bool) -> str:
    where = "in every district" if every else "in the nation"
    scope = "in every district" if every else "nationally"  # (c): 5% of each constituency's valid votes
    rule = f"  threshold at least 5% of valid_votes {scope}   [act]\n" if threshold else ""
    return f"""ballotlaw 1
election "Benchmark"
  jurisdiction "Benchmark"
  law "Benchmark act"   [act]
  polling day 2024-01-01
end
source act "A constructed law for benchmarking" "https://example.org/benchmark"
level nation
level district   [act]
count valid_votes on nation, district   [act]
votes on nation, district   [act]
contest house "House"
  lists compete {where}   [act]
  seats {seats}   [act]
{rule}  allocate by {method}   [act]
  ties broken by lot   [act]
  valid at any turnout   [act]
end
"""


def shares(rng: random.Random, lists: int, total: int) -> dict[str, int]:
    """Zipf-like shares with log-normal noise."""
    weights = [(1 / (i + 1)) * math.exp(rng.gauss(0, 0.3)) for i in range(lists)]
    scale = total / sum(weights)
    return {f"L{i + 1}": int(w * scale) for i, w in enumerate(weights)}


def results_for(units: list[dict[str, int]], level: str) -> Results:
    unit_map, counts, votes = {}, {}, {}
    for i, table in enumerate(units):
        unit_id = f"U{i + 1}"
        unit_map[unit_id] = Unit(unit_id, level, None)
        counts[(unit_id, "valid_votes")] = Figure(PUBLISHED, sum(table.values()))
        votes[unit_id] = {name: Figure(PUBLISHED, value) for name, value in table.items()}
    return Results("bench", "", unit_map, counts, votes, {}, {}, {})


def bare(method: str, table: dict[str, int], seats: int, threshold: bool) -> dict[str, int]:
    """The seats by the bare arithmetic, exact and without the legal layer or a trace: what the fastest
    possible plain-Python allocation costs, to say what the target asks of the rest (never used for results)."""
    total = sum(table.values())
    votes = {k: v for k, v in table.items() if not threshold or v * 100 >= 5 * total}
    if method == "hare":
        among = sum(votes.values())
        out, remainders = {}, []
        for name, v in votes.items():
            out[name], remainder = divmod(v * seats, among)
            remainders.append((-remainder, name))
        remainders.sort()
        for _, name in remainders[: seats - sum(out.values())]:
            out[name] += 1
        return out
    # D'Hondt: every list has at least floor(v * seats / among) seats; the few left go one by one to the
    # highest v / (s + 1), compared by cross-multiplication (at most one per list).
    among = sum(votes.values())
    out = {name: v * seats // among for name, v in votes.items()}
    for _ in range(seats - sum(out.values())):
        best = None
        for name, v in votes.items():
            if best is None or v * (out[best] + 1) > votes[best] * (out[name] + 1):
                best = name
        out[best] += 1
    return out


def duration(seconds: float) -> str:
    """A time in the unit that shows three figures: microseconds below a millisecond, else milliseconds."""
    return f"{seconds * 1e6:.1f} us" if seconds < 1e-3 else f"{seconds * 1000:.2f} ms"


def read_everything(outcome) -> int:
    """Read every unit's outcome and every step of the trace, which builds the records evaluation keeps pending
    (evaluate/plain.py): what `explain` and the JSON forms pay, and `run` for the units."""
    return sum(len(unit.selections) for contest in outcome.contests for unit in contest.units) + len(
        tuple(outcome.trace)
    )


CPU: dict[int, float] = {}  # the median CPU time of the last `timed` call of each function, by id


def calls_per_sample(function, least: float = 0.05) -> int:
    """How many calls one sample makes: enough to last `least` seconds (timeit's autorange), so that reading the
    two clocks, about a microsecond, does not weigh on a call of a few microseconds."""
    number = 1
    while True:
        started = time.perf_counter()
        for _ in range(number):
            function()
        if time.perf_counter() - started >= least:
            return number
        number *= 2


def timed(function, repeat: int) -> float:
    """The median wall time of one call over `repeat` samples, each of as many calls as last 0.05 s at least (and,
    in CPU, their median CPU time: on a busy machine the wall time counts the other processes too)."""
    number = calls_per_sample(function)
    samples, used = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(number):
            function()
        samples.append((time.perf_counter() - started) / number)
        used.append((time.process_time() - cpu) / number)
    CPU[id(function)] = statistics.median(used)
    return statistics.median(samples)


def main() -> None:
    rng = random.Random(2026)
    cases = [
        ("(a) 20 lists, 150 seats, 5% threshold", [shares(rng, 20, 1_000_000)], 150, True, False, 15),
        ("(b) 200 lists, 5,000 seats, no threshold", [shares(rng, 200, 50_000_000)], 5000, False, False, 5),
        (
            "(c) 1,000 districts x 15 lists x 10 seats, 5% threshold",
            [shares(rng, 15, 100_000) for _ in range(1000)],
            10,
            True,
            True,
            3,
        ),
    ]
    print(f"Python {sys.version.split()[0]}; medians of repeated runs; ballotlaw through the public API, trace on")
    for label, units, seats, threshold, every, repeat in cases:
        for method, (phrase, kind, votelib_name) in METHODS.items():
            law, _ = load_law_text(law_text(phrase, seats, threshold, every), "bench.rules")
            results = results_for(units, "district" if every else "nation")
            inner = (
                votelib_pr.HighestAverages(divisor_function=votelib_name)
                if kind == "divisor"
                else votelib_pr.LargestRemainder(quota_function=votelib_name)
            )
            oracle = (
                votelib_core.Conditioned(votelib_threshold.RelativeThreshold(0.05, accept_equal=True), inner)
                if threshold
                else inner
            )
            ours_call = lambda law=law, results=results: evaluate(law, results)  # noqa: E731
            theirs_call = lambda oracle=oracle, seats=seats, units=units: [  # noqa: E731
                oracle.evaluate(t, seats) for t in units
            ]
            ours, theirs = timed(ours_call, repeat), timed(theirs_call, repeat)
            ours_cpu, theirs_cpu = CPU[id(ours_call)], CPU[id(theirs_call)]
            floor = timed(
                lambda method=method, units=units, seats=seats, threshold=threshold: [
                    bare(method, t, seats, threshold) for t in units
                ],
                repeat,
            )
            read = timed(lambda law=law, results=results: read_everything(evaluate(law, results)), repeat)
            outcome = evaluate(law, results)
            same = compared = bare_same = 0
            for unit, table in zip(outcome.contests[0].units, units, strict=True):
                if unit.tied:
                    continue
                compared += 1
                mine = {s.id: s.seats for s in unit.selections if s.seats}
                other = {k: int(v) for k, v in oracle.evaluate(table, seats).items() if v}
                same += mine == other
                bare_same += mine == {k: v for k, v in bare(method, table, seats, threshold).items() if v}
            ratio = theirs / ours
            print(
                f"{label}, {method}: ballotlaw {duration(ours)}, votelib {duration(theirs)}, "
                f"ratio votelib/ballotlaw {ratio:.2f} (target >= 10: {'met' if ratio >= 10 else 'NOT met'}); "
                f"identical seats in {same} of {compared} units without a tie; bare arithmetic {floor * 1e6:.0f} us "
                f"(votelib/bare {theirs / floor:.1f}; same seats in {bare_same} of {compared}); "
                f"CPU time: ballotlaw {duration(ours_cpu)}, votelib {duration(theirs_cpu)}, "
                f"ratio {theirs_cpu / ours_cpu:.2f}; with every unit's outcome and every step of the trace read "
                f"(built): ballotlaw {duration(read)}, ratio {theirs / read:.2f}"
            )


if __name__ == "__main__":
    main()
