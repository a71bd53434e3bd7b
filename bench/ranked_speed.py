"""Benchmark: instant runoff over 1,000,000 ranked ballots of 13 candidates, each ranking up to 5 of them
(seeded, so every run counts the same ballots), as a ballots CSV read and counted by `ballotlaw run`.

Target (issue 18): at most 3 s and 1 GB peak memory for the real command in a fresh process (interpreter start,
reading the file and writing the outcome included). Also timed: the count alone (the rankings already read).

Second benchmark (`stv_versus_pyrankvote`): the Scottish single transferable vote (Droop quota, weighted inclusive
Gregory with values to five decimal places) over 100,000 seeded ballots of 20 candidates for 7 seats, against
pyrankvote 2.0's `single_transferable_vote` on the same ballots. Target (issue 18): at least 20x faster, the same
elected (or the difference explained: pyrankvote's rule is inclusive Gregory in floats, with the exact Droop
quota, several elected at once and their surpluses transferred together, tests/test_ranked_differential.py).
Timed in one process: ballotlaw's public API (read the BLT file, check, count with the trace) and its count alone
(the ballots already read), against pyrankvote's count of `Ballot` objects already built (building them is not
timed). The best of 3 runs each.

Run: `make bench` (or `.venv/bin/python bench/ranked_speed.py [BALLOTS]`).
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [f"Candidate {chr(ord('A') + i)}" for i in range(13)]
TARGET_SECONDS = 3.0
TARGET_BYTES = 1024**3
RULES = """ballotlaw 1

election "Instant runoff benchmark"
  jurisdiction "Exampleland"
  law "Election Act"   [act]
  version "benchmark", in force from 2024-01-01   [act]
  polling day 2024-06-02   [act]
end

source act "Election Act of Exampleland (an illustration)" "https://example.org/act"

level city
votes "votes for each candidate" on city   [act Art. 1]

contest mayor "Mayor"
  candidates compete in every city                     [act Art. 2]
  seats 1                                              [act Art. 2]
  elect by instant runoff                              [act Art. 3]
  elected with a majority of the continuing ballots   [act Art. 3]
  ties broken by previous rounds, then lot             [act Art. 4]
  valid at any turnout                                 [act Art. 5]
end
"""


def ballots_csv(path: Path, ballots: int, seed: int = 18) -> None:
    """`ballots` rankings, one row each (no aggregation in the file: the reader must do it), drawn with a
    popularity skew so that the count runs many rounds."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.7 for i in range(len(CANDIDATES))]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("count,rank1,rank2,rank3,rank4,rank5\n")
        for _ in range(ballots):
            depth = rng.randint(1, 5)
            chosen: list[str] = []
            while len(chosen) < depth:
                pick = rng.choices(CANDIDATES, weights)[0]
                if pick not in chosen:
                    chosen.append(pick)
            out.write("1," + ",".join(chosen + [""] * (5 - depth)) + "\n")


def command() -> list[str]:
    script = Path(sys.executable).parent / "ballotlaw"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ballotlaw.cli"]


def main() -> None:
    ballots = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory(prefix="ballotlaw-ranked-") as folder:
        rules, results = Path(folder) / "mayor.rules", Path(folder) / "city.csv"
        rules.write_text(RULES, encoding="utf-8")
        started = time.perf_counter()
        ballots_csv(results, ballots)
        print(
            f"wrote {ballots:,} ballots ({results.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        walls, cpus = [], []
        for _ in range(3):
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            before = used.ru_utime + used.ru_stime
            started = time.perf_counter()
            done = subprocess.run(
                [*command(), "run", str(rules), str(results), "--json"], capture_output=True, check=False
            )
            walls.append(time.perf_counter() - started)
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(used.ru_utime + used.ru_stime - before)
            if done.returncode != 0:
                raise SystemExit(f"ballotlaw run exited {done.returncode}: {done.stderr.decode()[-500:]}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kilobytes on Linux
        best = min(walls)
        print(f"ballotlaw run, IRV, {ballots:,} ballots x {len(CANDIDATES)} candidates x up to 5 ranks:")
        print(
            f"  wall {best:.2f} s (best of 3; all: {', '.join(f'{w:.2f}' for w in walls)}), target {TARGET_SECONDS} s: "
            f"{'met' if best <= TARGET_SECONDS else 'NOT met'}"
        )
        print(f"  CPU {min(cpus):.2f} s (best of 3; what the machine's other load does not inflate)")
        print(
            f"  peak memory {peak / 1e6:.0f} MB, target {TARGET_BYTES / 1e6:.0f} MB: "
            f"{'met' if peak <= TARGET_BYTES else 'NOT met'}"
        )
        _count_alone(results)
    stv_versus_pyrankvote()


def _count_alone(results: Path) -> None:
    """The count of the rankings already read: prepare + instant runoff."""
    from ballotlaw.methods.ranked.common import TieKeys, prepare
    from ballotlaw.methods.ranked.irv import instant_runoff
    from ballotlaw.results.rankcsv import read_ballots_csv

    started = time.perf_counter()
    box, problems = read_ballots_csv(str(results), results.read_text(encoding="utf-8"))
    read = time.perf_counter() - started
    assert box is not None, problems
    started = time.perf_counter()
    prepared = prepare(box.rankings, {}, box.withdrawn)
    count = instant_runoff(
        box.candidates,
        prepared.groups,
        prepared.valid,
        of_all=False,
        bulk=False,
        ties=TieKeys(("previous rounds", "lot")),
        standing=frozenset(range(len(box.candidates))),
    )
    counted = time.perf_counter() - started
    winner = box.candidates[count.elected[0]] if count.elected else "none (a lot)"
    print(
        f"  read {read:.2f} s ({len(box.rankings):,} distinct rankings); count {counted:.2f} s over "
        f"{len(count.history)} rounds; elected {winner}"
    )


STV_CANDIDATES = [f"Candidate {i + 1:02d}" for i in range(20)]
STV_SEATS = 7
STV_TARGET_RATIO = 20.0


def stv_ballots(ballots: int, seed: int = 18) -> list[tuple[int, ...]]:
    """`ballots` rankings of 1 to 8 of the 20 candidates, with a mild popularity skew (many stages)."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.3 for i in range(len(STV_CANDIDATES))]
    drawn: list[tuple[int, ...]] = []
    for _ in range(ballots):
        depth = rng.randint(1, 8)
        chosen: list[int] = []
        while len(chosen) < depth:
            pick = rng.choices(range(len(STV_CANDIDATES)), weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        drawn.append(tuple(chosen))
    return drawn


def stv_versus_pyrankvote(ballots: int = 100_000) -> None:
    """Scottish STV by ballotlaw against pyrankvote's STV on the same seeded ballots."""
    import pyrankvote

    from ballotlaw.api import evaluate_checked, load_law
    from ballotlaw.results.load import load_results

    drawn = stv_ballots(ballots)
    law_text = (ROOT / "rules" / "gb" / "scottish-council-ward-2022.rules").read_text(encoding="utf-8")
    law_text = re.sub(r"(?m)^(\s*seats )\d+", rf"\g<1>{STV_SEATS}", law_text, count=1)
    with tempfile.TemporaryDirectory(prefix="ballotlaw-stv-") as folder:
        rules, blt = Path(folder) / "ward.rules", Path(folder) / "ward.blt"
        rules.write_text(law_text, encoding="utf-8")
        with blt.open("w", encoding="utf-8") as out:
            out.write(f"{len(STV_CANDIDATES)} {STV_SEATS}\n")
            out.writelines("1 " + " ".join(str(c + 1) for c in ranking) + " 0\n" for ranking in drawn)
            out.write("0\n" + "".join(f'"{name}"\n' for name in STV_CANDIDATES))
        law, _ = load_law(str(rules))
        whole, alone = [], []
        for _ in range(3):
            started = time.perf_counter()
            results, _ = load_results(law, str(blt))
            read = time.perf_counter()
            outcome, _ = evaluate_checked(law, results)
            done = time.perf_counter()
            whole.append(done - started)
            alone.append(done - read)
    ((unit,),) = [contest.units for contest in outcome.contests]
    ours = sorted(s.id for s in unit.selections if s.elected)
    stages = sum(1 for step in outcome.trace if type(step.decision).__name__ == "RoundVotes")

    candidates = [pyrankvote.Candidate(name) for name in STV_CANDIDATES]
    papers = [pyrankvote.Ballot([candidates[c] for c in ranking]) for ranking in drawn]
    theirs_times = []
    for _ in range(3):
        started = time.perf_counter()
        result = pyrankvote.single_transferable_vote(candidates, papers, number_of_seats=STV_SEATS)
        theirs_times.append(time.perf_counter() - started)
    theirs = sorted(c.name for c in result.get_winners())

    best, best_alone, best_theirs = min(whole), min(alone), min(theirs_times)
    ratio = best_theirs / best
    print(
        f"Scottish STV, {ballots:,} ballots x {len(STV_CANDIDATES)} candidates x {STV_SEATS} seats "
        f"({stages} stages; pyrankvote {len(result.rounds)} rounds):"
    )
    print(f"  ballotlaw, read + count + trace: {best:.2f} s; the count alone: {best_alone:.2f} s (best of 3)")
    print(f"  pyrankvote single_transferable_vote: {best_theirs:.2f} s (best of 3)")
    print(
        f"  ratio pyrankvote / ballotlaw: {ratio:.2f}x (count alone: {best_theirs / best_alone:.2f}x), target "
        f"{STV_TARGET_RATIO:.0f}x: {'met' if ratio >= STV_TARGET_RATIO else 'NOT met'}"
    )
    print(f"  same elected: {'yes' if ours == theirs else f'no: ballotlaw {ours}, pyrankvote {theirs}'}")
    _kernels(drawn)


def _kernels(drawn: list[tuple[int, ...]]) -> None:
    """The counts alone over the distinct rankings already prepared: the Scottish transfers, and Meek's method
    (keep values to 9 places) on the same ballots. The best of 3 each."""
    from ballotlaw.methods.ranked.common import TieKeys, prepare
    from ballotlaw.methods.ranked.meek import meek
    from ballotlaw.methods.ranked.rules import TransferRule
    from ballotlaw.methods.ranked.stv import gregory, quota_of

    rankings: dict[tuple[int, ...], int] = {}
    for ranking in drawn:
        rankings[ranking] = rankings.get(ranking, 0) + 1
    prepared = prepare(rankings, {}, frozenset())
    quota, reaching = quota_of("droop", prepared.valid, STV_SEATS)
    ties = TieKeys(("previous rounds", "lot"))
    standing = frozenset(range(len(STV_CANDIDATES)))
    scottish = TransferRule(None, "weighted inclusive gregory", 5)  # type: ignore[arg-type]
    timed: dict[str, float] = {}
    for name, count in (
        (
            "weighted inclusive Gregory, 5 places",
            lambda: gregory(
                STV_CANDIDATES,
                prepared.groups,
                quota,
                reaching,
                STV_SEATS,
                transfer=scottish,
                bulk=False,
                ties=ties,
                standing=standing,
            ),
        ),
        (
            "Meek, keep values to 9 places",
            lambda: meek(
                STV_CANDIDATES,
                prepared.groups,
                prepared.valid,
                STV_SEATS,
                transfer=TransferRule(None, "meek", 9, True),  # type: ignore[arg-type]
                bulk=False,
                ties=ties,
                standing=standing,
            ),
        ),
    ):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            count()
            runs.append(time.perf_counter() - started)
        timed[name] = min(runs)
    print(f"  the count alone over {len(prepared.groups):,} distinct rankings (prepared):")
    for name, seconds in timed.items():
        print(f"    {name}: {seconds:.3f} s")


if __name__ == "__main__":
    if sys.argv[1:] == ["stv"]:
        stv_versus_pyrankvote()
    else:
        main()
