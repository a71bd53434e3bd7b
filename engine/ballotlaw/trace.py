"""The trace: ordered steps, each made by one clause, with the numbers it used and what it decided.

Steps hold data only: what a step found is a fact (ballotlaw.facts), its kind and result enumerations
(ballotlaw.states); render/ formats them and never recomputes (docs/contracts.md, section 3.2).
"""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

from .facts import Fact
from .model import Provenance
from .states import CheckKind, CheckResult, StepKind, StepResult, Verdict

InputValue = int | Fraction | str

#: What a step does: a kind of its own, or the kind of the condition it checks.
Kind = StepKind | CheckKind

#: What a step decided: a qualifying test's verdict, a condition's result, or another decision.
Result = StepResult | Verdict | CheckResult


@frozen
class Step:
    n: int
    contest: str
    unit: str
    kind: Kind
    provenance: Provenance | None
    inputs: tuple[tuple[str, InputValue], ...]
    decision: Fact
    result: Result

    @property
    def clause(self) -> str:
        return self.provenance.full_label if self.provenance else f"{self.contest}.(engine)"
