"""Check the control relations of a rule file: names, levels, terms and labels -> typed model.Relation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..diagnostics.diagnostic import Related
from ..syntax import ast

if TYPE_CHECKING:
    from .checker import Checker


def check_relations(c: Checker) -> tuple[model.Relation, ...]:
    """Every relation of every `relations` block, in file order."""
    found: list[model.Relation] = []
    for block in c.unique_blocks(c.file.relations, "relations block"):
        labels: dict[str, ast.Clause] = {}
        for clause in block.clauses:
            label = clause.effective_label
            if label in labels:
                c.fail(
                    "E302",
                    clause.label.span if clause.label else clause.span,
                    f"two relations of `{block.id.text}` have the label `{label}`",
                    hint="give each relation its own label, e.g. `ballots_balance:`",
                    related=(Related("the other one", labels[label].span),),
                )
            labels.setdefault(label, clause)
            provenance = c.provenance(block.id.text, clause)
            assert isinstance(clause.body, ast.Relation)
            relation = _relation(c, clause.body, provenance)
            if relation is not None:
                found.append(relation)
    return tuple(found)


def _relation(c: Checker, body: ast.Relation, provenance: model.Provenance) -> model.Relation | None:
    if not c.known_level(body.level):
        return None
    level = body.level.text
    left = [(sign, _term(c, term, level)) for sign, term in body.left]
    right = [(sign, _term(c, term, level)) for sign, term in body.right]
    guard = _condition(c, body.guard, level) if body.guard is not None else None
    if any(t is None for _, t in [*left, *right]) or (body.guard is not None and guard is None):
        return None
    text = body.span.text or body.operator
    return model.Relation(
        provenance=provenance,
        left=tuple((sign, t) for sign, t in left if t is not None),
        operator=body.operator,
        right=tuple((sign, t) for sign, t in right if t is not None),
        level=level,
        guard=guard,
        severity=body.severity,
        text=text.split(" in every ")[0],
        action=body.action.text if body.action is not None else None,
    )


def _term(c: Checker, expr: ast.Expr, level: str) -> model.Term | None:
    if isinstance(expr, ast.AllVotes):
        if c.counts.get("votes") is None:
            c.fail("E203", expr.span, "`all votes` needs a `votes` declaration", hint="declare `votes on LEVEL, ...`")
            return None
        return model.AllVotesTerm()
    if isinstance(expr, (ast.CountRef, ast.Literal)) or (isinstance(expr, ast.ShareOf) and expr.base is not None):
        return c.plain_term(expr, level)
    c.fail(
        "E406",
        expr.span,
        "this term belongs to a contest; a control relation compares counts of one unit",
        hint="use counts, numbers, `P% of COUNT` and `all votes`",
    )
    return None


def _condition(c: Checker, node: ast.Condition, level: str) -> model.Condition | None:
    if isinstance(node, ast.SumComparison):
        left = [(sign, _term(c, term, level)) for sign, term in node.left]
        right = [(sign, _term(c, term, level)) for sign, term in node.right]
        if any(t is None for _, t in [*left, *right]):
            return None
        return model.SumCompare(
            tuple((sign, t) for sign, t in left if t is not None),
            node.operator,
            tuple((sign, t) for sign, t in right if t is not None),
            node.span.text or node.operator,
        )
    if isinstance(node, ast.AllOf | ast.AnyOf):
        items = [_condition(c, item, level) for item in node.items]
        if any(item is None for item in items):
            return None
        checked = tuple(item for item in items if item is not None)
        return model.AllOf(checked) if isinstance(node, ast.AllOf) else model.AnyOf(checked)
    raise AssertionError(f"the grammar gives no {type(node).__name__} in the `when` of a relation")
