"""Finding one's way in a rule file: what lies under the cursor, what it means (hover), where it is declared
(go to definition) and the outline (document symbols). Lines and columns are 1-based and count characters, as
spans do; the server converts them to the editor's units."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from attrs import frozen

from ..source import SourceFile, Span
from ..syntax import ast
from .analysis import Analysis, base_of

#: Fields of the syntax tree that hold the name of a level.
LEVEL_FIELDS = frozenset({"level", "levels"})


@frozen
class Step:
    """A node of the syntax tree on the way to the cursor, with the field of its parent that holds it."""

    field: str
    node: object


@frozen
class Hover:
    text: str  # Markdown
    span: Span


@frozen
class Symbol:
    """An entry of the outline: `kind` is what the editor draws it as (contest, clause, example, ...)."""

    name: str
    detail: str
    kind: str
    span: Span
    selection: Span
    children: tuple[Symbol, ...] = ()


def _nodes(value: object) -> Iterator[object]:
    if isinstance(value, tuple):
        for item in value:
            yield from _nodes(item)
    elif attrs.has(type(value)) and type(value).__module__ == ast.__name__:
        yield value


def children(node: object) -> Iterator[tuple[str, object]]:
    """The syntax-tree nodes directly inside `node`, with the field that holds each."""
    for item in attrs.fields(type(node)):  # type: ignore[misc,arg-type]
        if item.name != "span":
            for child in _nodes(getattr(node, item.name)):
                yield item.name, child


def _start(span: Span) -> tuple[int, int]:
    return span.line, span.column


def _end(span: Span) -> tuple[int, int]:
    return span.end_line, span.end_column


def path_at(tree: ast.RuleFile, line: int, column: int) -> list[Step]:
    """The nodes that hold the position, outermost first (a position just after a word is on the word)."""
    here = (line, column)
    steps = [Step("", tree)]
    node: object = tree
    while True:
        inside = [
            (name, child)
            for name, child in children(node)
            if _start(child.span) <= here <= _end(child.span)  # type: ignore[attr-defined]
        ]
        if not inside:
            return steps
        strict = [item for item in inside if here < _end(item[1].span)]  # type: ignore[attr-defined]
        name, node = (strict or inside)[0]
        steps.append(Step(name, node))


# ---- what a name is ----------------------------------------------------------------------------------------


def _declarations(rule_file: ast.RuleFile) -> dict[str, dict[str, object]]:
    return {
        "source": {d.id.text: d for d in rule_file.sources},
        "level": {d.name.text: d for d in rule_file.levels},
        "count": {d.name.text: d for d in rule_file.counts},
        "contest": {d.id.text: d for d in rule_file.contests},
    }


def _kinds_for(field: str, parent: object) -> tuple[str, ...]:
    """Which declarations a name held in `field` of `parent` may refer to, most likely first."""
    if isinstance(parent, ast.Cite | ast.SourceDecl):
        return ("source",)
    if field == "label" or isinstance(parent, ast.Example | ast.Spec | ast.KnownFailure | ast.RelationsBlock):
        return ()  # a clause's label, an example's or a spec's name: not a declaration
    if isinstance(parent, ast.LevelDecl) or field in LEVEL_FIELDS:
        return ("level",)
    if isinstance(parent, ast.CountDecl | ast.CountRef | ast.ShareOf) or field == "base":
        return ("count",)
    if isinstance(parent, ast.Contest | ast.AmendBlock | ast.Expect) or field == "contest":
        return ("contest",)
    if isinstance(parent, ast.GivenCount):
        return ("count",)
    return ("count", "level", "source", "contest")


def resolve_name(analysis: Analysis, steps: list[Step]) -> tuple[str, object] | None:
    """What the name under the cursor declares or refers to: (kind, declaration), or None."""
    declared = analysis.declared
    if declared is None or len(steps) < 2 or not isinstance(steps[-1].node, ast.Name):
        return None
    name = steps[-1].node.text
    table = _declarations(declared)
    for kind in _kinds_for(steps[-1].field, steps[-2].node):
        if name in table[kind]:
            return kind, table[kind][name]
    return None


def _amended_clause(analysis: Analysis, steps: list[Step]) -> ast.Clause | None:
    """The clause of the amended file that a `replace` or `remove` under the cursor refers to."""
    block = next((s.node for s in steps if isinstance(s.node, ast.AmendBlock)), None)
    change = next((s.node for s in steps if isinstance(s.node, ast.Amendment)), None)
    if block is None or change is None or change.action == "add" or analysis.tree is None:
        return None
    if change.clause is not None and any(s.node is change.clause.citation for s in steps):
        return None  # the cursor is on the new clause's citation
    label = change.label.text if change.label is not None else change.clause.effective_label if change.clause else ""
    base = base_of(analysis.tree)
    if base is None:
        return None
    contest = next((c for c in base.contests if c.id.text == block.contest.text), None)
    if contest is None:
        return None
    return next((c for c in contest.clauses if c.effective_label == label), None)


# ---- go to definition ----------------------------------------------------------------------------------------


def _file_start(path: str) -> Span | None:
    from ..api import read_source
    from ..errors import FindingsError, UsageError

    try:
        source = read_source(path)
    except (FindingsError, UsageError):
        return None
    return Span(source, 1, 1, 1, 1)


def _declared_at(declaration: object) -> Span:
    for name in ("id", "name"):
        node = getattr(declaration, name, None)
        if isinstance(node, ast.Name):
            return node.span
    span: Span = declaration.span  # type: ignore[attr-defined]
    return span


def definition(analysis: Analysis, line: int, column: int) -> Span | None:
    """Where what is under the cursor is declared: a count, a level, a source, a contest, the clause an amendment
    replaces or removes (in the amended file), the file an `amends` line names."""
    import os

    if analysis.tree is None:
        return None
    steps = path_at(analysis.tree, line, column)
    found = resolve_name(analysis, steps)
    if found is not None:
        return _declared_at(found[1])
    amends = next((s.node for s in steps if isinstance(s.node, ast.AmendsDecl)), None)
    if amends is not None and any(s.node is amends.path for s in steps):
        return _file_start(os.path.join(os.path.dirname(analysis.path), amends.path.text))
    clause = _amended_clause(analysis, steps)
    if clause is not None:
        return clause.label.span if clause.label is not None else clause.span
    return None


# ---- hover -----------------------------------------------------------------------------------------------------


def _lines(span: Span) -> str:
    """The source lines a span covers (not the next line, which a span ending with its newline reaches)."""
    last = span.end_line
    if last > span.line and not span.source.line_text(last)[: span.end_column - 1].strip():
        last -= 1
    lines = [span.source.line_text(n) for n in range(span.line, last + 1)]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(line.strip() for line in lines[:12])


def _where(span: Span, here: SourceFile) -> str:
    return "" if span.file == here.path else f"\n\n_declared in `{span.file}`, line {span.line}_"


def _code(text: str) -> str:
    return f"```ballotlaw\n{text}\n```"


def _source_text(declared: ast.RuleFile | None, key: str, pinpoint: str = "") -> str:
    source = next((s for s in declared.sources if s.id.text == key), None) if declared is not None else None
    if source is None:
        return f"`{key}`: not a declared source"
    return f"**{key}**{pinpoint}: {source.title.text}  \n<{source.url.text}>"


def _citation_text(declared: ast.RuleFile | None, citation: ast.Citation | None) -> str:
    if citation is None:
        return "_no citation_"
    parts = []
    for cite in citation.cites:
        pinpoint = f" {cite.pinpoint}" if cite.pinpoint else ""
        unknown = " (article not known)" if cite.article_not_known else ""
        parts.append(f"- {_source_text(declared, cite.source.text, pinpoint + unknown)}")
    return "cited:\n" + "\n".join(parts)


def _clause_text(analysis: Analysis, clause: ast.Clause, contest: str | None, title: str = "") -> str:
    from ..check.registry import KINDS

    kind = KINDS.get(type(clause.body))
    label = f"{contest}.{clause.effective_label}" if contest else clause.effective_label
    what = f": {kind.what}" if kind is not None else ""
    parts = [
        f"**{title}{label}**{what}",
        _code(_lines(clause.span)),
        _citation_text(analysis.declared, clause.citation),
    ]
    if clause.assumption is not None:
        parts.append(f"assumption: {clause.assumption.text}")
    return "\n\n".join(parts) + _where(clause.span, analysis.source)


def _method_text(steps: list[Step]) -> str | None:
    from ..methods.registry import ELECTION_RULES, METHODS, TIE_RULES

    words = steps[-1].node
    if not isinstance(words, ast.Words):
        return None
    phrase = words.phrase
    parent = steps[-2].node if len(steps) > 1 else None
    if isinstance(parent, ast.Ties):
        meaning = TIE_RULES.get(phrase)
    elif isinstance(parent, ast.Elect):
        meaning = ELECTION_RULES.get(phrase)
    else:
        method = METHODS.get(phrase)
        meaning = method.reference if method is not None else None
    if meaning is None:
        return None
    return f"**{phrase}**: {meaning}"


def _declaration_text(analysis: Analysis, kind: str, declaration: object) -> str:
    if kind == "source":
        assert isinstance(declaration, ast.SourceDecl)
        return f"source {_source_text(analysis.declared, declaration.id.text)}" + _where(
            declaration.span, analysis.source
        )
    span: Span = declaration.span  # type: ignore[attr-defined]
    text = _code(_lines(span))
    if kind == "contest":
        assert isinstance(declaration, ast.Contest)
        text = _code(f'contest {declaration.id.text} "{declaration.title.text}"')
        text += f"\n\n{len(declaration.clauses)} clause(s)"
    citation = getattr(declaration, "citation", None)
    if isinstance(citation, ast.Citation):
        text += "\n\n" + _citation_text(analysis.declared, citation)
    return f"**{kind}**\n\n{text}" + _where(span, analysis.source)


def hover(analysis: Analysis, line: int, column: int) -> Hover | None:
    """What is under the cursor: a count's or level's declaration, a source's title and address, a clause's
    citation and assumption, a method's definition, the clause an amendment replaces."""
    if analysis.tree is None:
        return None
    steps = path_at(analysis.tree, line, column)
    innermost = steps[-1].node
    span: Span = innermost.span  # type: ignore[attr-defined]
    found = resolve_name(analysis, steps)
    if found is not None:
        return Hover(_declaration_text(analysis, *found), span)
    method = _method_text(steps)
    if method is not None:
        return Hover(method, span)
    replaced = _amended_clause(analysis, steps)
    block = next((s.node for s in steps if isinstance(s.node, ast.AmendBlock)), None)
    if replaced is not None and block is not None:
        return Hover(_clause_text(analysis, replaced, block.contest.text, "amends "), span)
    clause = next((s.node for s in reversed(steps) if isinstance(s.node, ast.Clause)), None)
    if clause is not None:
        owner = next((s.node for s in steps if isinstance(s.node, ast.Contest | ast.RelationsBlock)), None)
        contest = owner.id.text if owner is not None else block.contest.text if block is not None else None
        return Hover(_clause_text(analysis, clause, contest), clause.span)
    return None


# ---- document symbols ------------------------------------------------------------------------------------------


def _clause_symbol(clause: ast.Clause, action: str = "") -> Symbol:
    from ..check.registry import KINDS

    kind = KINDS.get(type(clause.body))
    selection = clause.label.span if clause.label is not None else clause.body.span
    name = f"{action} {clause.effective_label}".strip()
    return Symbol(name, kind.what if kind is not None else "", "clause", clause.span, selection)


def _amend_symbol(block: ast.AmendBlock) -> Symbol:
    changes = []
    for change in block.changes:
        if change.clause is not None:
            changes.append(_clause_symbol(change.clause, change.action))
        elif change.label is not None:
            changes.append(Symbol(f"remove {change.label.text}", "", "clause", change.span, change.label.span))
    title = block.title.text if block.title is not None else ""
    return Symbol(
        f"amend contest {block.contest.text}", title, "contest", block.span, block.contest.span, tuple(changes)
    )


def symbols(tree: ast.RuleFile) -> list[Symbol]:
    """The outline of a file: its header, declarations, contests with their clauses, amendments, relations,
    examples and specifications, in the order written."""
    out: list[Symbol] = []
    for header in tree.election:
        out.append(Symbol("election", header.title.text, "election", header.span, header.title.span))
    for source in tree.sources:
        out.append(Symbol(source.id.text, source.title.text, "source", source.span, source.id.span))
    for level in tree.levels:
        out.append(Symbol(level.name.text, "level", "level", level.span, level.name.span))
    for count in tree.counts:
        detail = count.description.text if count.description is not None else "count"
        out.append(Symbol(count.name.text, detail, "count", count.span, count.name.span))
    for contest in tree.contests:
        clauses = tuple(_clause_symbol(c) for c in contest.clauses)
        out.append(Symbol(contest.id.text, contest.title.text, "contest", contest.span, contest.id.span, clauses))
    out.extend(_amend_symbol(block) for block in tree.amend_blocks)
    for relations in tree.relations:
        clauses = tuple(_clause_symbol(c) for c in relations.clauses)
        out.append(
            Symbol(relations.id.text, relations.title.text, "relations", relations.span, relations.id.span, clauses)
        )
    for example in tree.examples:
        out.append(Symbol(example.id.text, example.title.text, "example", example.span, example.id.span))
    for spec in tree.specs:
        properties = tuple(
            Symbol(p.label.text, p.phrase.phrase, "property", p.span, p.label.span) for p in spec.properties
        )
        out.append(Symbol(spec.id.text, spec.title.text, "spec", spec.span, spec.id.span, properties))
    for known in tree.known_failures:
        name = f"known failure {known.spec.text}.{known.label.text}"
        out.append(Symbol(name, known.reason.text, "known failure", known.span, known.label.span))
    out.sort(key=lambda s: (s.span.line, s.span.column))
    return out
