"""The trace: ordered steps, each made by one clause, with the numbers it used and what it decided.

Steps hold data only; render/ formats them and never recomputes (docs/contracts.md, section 3.2).
"""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

from .exact import fraction_text
from .model import Provenance

InputValue = int | Fraction | str


@frozen
class Step:
    n: int
    contest: str
    unit: str
    kind: str
    provenance: Provenance | None
    inputs: tuple[tuple[str, InputValue], ...]
    decision: str
    result: str

    @property
    def clause(self) -> str:
        return self.provenance.full_label if self.provenance else f"{self.contest}.(engine)"

    def to_json(self) -> dict[str, object]:
        inputs: dict[str, object] = {}
        for name, value in self.inputs:
            inputs[name] = fraction_text(value) if isinstance(value, Fraction) else value
        prov = self.provenance
        return {
            "n": self.n,
            "contest": self.contest,
            "unit": self.unit,
            "clause": self.clause,
            "kind": self.kind,
            "span": prov.span.to_json() if prov else None,
            "citations": [c.to_json() for c in prov.citations] if prov else [],
            "assumption": prov.assumption if prov else None,
            "inputs": inputs,
            "decision": self.decision,
            "result": self.result,
        }
