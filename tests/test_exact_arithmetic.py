"""No float in counting, thresholds or allocation: the kernels decide between counts that floats cannot tell
apart, and the code of the methods and of the evaluation holds no float literal, no float() and no square root
taken in floating point."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ballotlaw.methods.kernels import allocate
from ballotlaw.methods.registry import METHODS

BIG = 2**55  # float(BIG) == float(BIG + 1)
ENGINE = Path(__file__).resolve().parent.parent / "engine" / "ballotlaw"
INTEGER_MATH = ("gcd", "isqrt", "prod", "lcm", "comb")  # the functions of math that stay in the integers


@pytest.mark.parametrize(
    ("method", "seats", "expected"),
    [
        ("d'hondt divisors", 1, {"A": 1, "B": 0}),
        ("sainte-lague divisors", 1, {"A": 1, "B": 0}),
        ("modified sainte-lague divisors", 1, {"A": 1, "B": 0}),
        ("huntington-hill divisors", 3, {"A": 2, "B": 1}),  # a first seat each (divisor 0), then A by one vote
    ],
)
def test_divisor_methods_tell_apart_counts_floats_cannot(method: str, seats: int, expected: dict[str, int]) -> None:
    assert float(BIG) == float(BIG + 1)
    result = allocate(METHODS[method], {"A": BIG + 1, "B": BIG}, seats, ["A", "B"])
    assert result.seats == expected and not result.tied


@pytest.mark.parametrize("method", ["hare quota and largest remainders", "droop quota and largest remainders"])
def test_quota_methods_tell_apart_remainders_floats_cannot(method: str) -> None:
    # Three lists and 2 seats: C's remainder beats B's by one vote in 2^55.
    votes = {"A": 3 * BIG, "B": BIG, "C": BIG + 1}
    result = allocate(METHODS[method], votes, 2, ["A", "B", "C"])
    assert result.seats["C"] >= result.seats["B"] and not result.tied


def _floats(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            found.append(f"{path.name}:{node.lineno}: float literal {node.value!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
            found.append(f"{path.name}:{node.lineno}: float()")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "math":
            if node.attr not in INTEGER_MATH:
                found.append(f"{path.name}:{node.lineno}: math.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "math":
            found += [f"{path.name}:{node.lineno}: math.{a.name}" for a in node.names if a.name not in INTEGER_MATH]
    return found


def test_the_counting_code_has_no_float() -> None:
    files = [
        *sorted((ENGINE / "methods").glob("*.py")),
        *sorted((ENGINE / "evaluate").glob("*.py")),
        ENGINE / "exact.py",
    ]
    assert files
    assert [f for path in files for f in _floats(path)] == []


def test_the_float_detector_finds_what_it_looks_for(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import math\nfrom math import sqrt\nx = 0.5\ny = float(3)\nz = math.log(2)\n", encoding="utf-8")
    assert len(_floats(probe)) == 4
