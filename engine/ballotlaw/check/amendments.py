"""Amendments: a rule file that `amends` an earlier one becomes, before checking, the earlier law with the
changes applied (AST -> AST).

The amending file states its own `election` block (the version it makes), may declare sources, levels and
counts (a declaration with the name of an earlier one replaces it), changes contests clause by clause with
`amend contest ID` (`replace <clause>` by its label, `add <clause>`, `remove LABEL`), and may add contests.
Examples and specifications belong to the version they are written in; known failures are inherited unless
restated. Every clause keeps the span of the file it was written in, so diagnostics and traces point there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TypeVar

import attrs

from ..diagnostics.diagnostic import Diagnostic, Related
from ..errors import RuleFileError, UsageError
from ..syntax import ast

Parse = Callable[[str], ast.RuleFile]


def _problem(code: str, node_span: object, message: str, hint: str | None = None) -> Diagnostic:
    from ..source import Span

    assert isinstance(node_span, Span)
    return Diagnostic(code=code, message=message, span=node_span, hint=hint)


def _base_path(rule_file: ast.RuleFile, decl: ast.AmendsDecl) -> tuple[str | None, Diagnostic | None]:
    written = decl.path.text
    relative = PurePosixPath(written)
    if relative.is_absolute() or ".." in relative.parts or relative.suffix != ".rules":
        return None, _problem(
            "E306",
            decl.path.span,
            f"`{written}` is not a rule file beside this one",
            hint='name a `.rules` file in this folder or below it, e.g. "jogorku-kenesh-2015.rules"',
        )
    folder = Path(rule_file.span.source.path).parent
    return str(folder / Path(*relative.parts)), None


def resolve_amendments(rule_file: ast.RuleFile, parse: Parse, seen: tuple[str, ...] = ()) -> ast.RuleFile:
    """The rule file with the earlier versions it amends merged in; raises RuleFileError on problems."""
    if not rule_file.amends:
        return rule_file
    problems: list[Diagnostic] = []
    for extra in rule_file.amends[1:]:
        problems.append(
            _problem(
                "E407",
                extra.span,
                "a second `amends` line",
                hint="a version amends one earlier version; chain the files instead",
            )
        )
    decl = rule_file.amends[0]
    if not rule_file.election:
        problems.append(
            _problem(
                "E408",
                decl.span,
                "an amending file needs its own `election` block",
                hint="state the election and the version of the law this file makes",
            )
        )
    path, problem = _base_path(rule_file, decl)
    if problem is not None or path is None:
        raise RuleFileError(tuple([*problems, problem] if problem else problems))
    here = rule_file.span.source.path
    if path in seen or Path(path).resolve() == Path(here).resolve():
        raise RuleFileError(
            (
                _problem(
                    "E308",
                    decl.path.span,
                    f"`{decl.path.text}` comes back to a file of this chain of amendments",
                    hint="each version amends an earlier one",
                ),
            )
        )
    try:
        base = parse(path)
    except UsageError:
        raise RuleFileError(
            (
                *problems,
                _problem(
                    "E306",
                    decl.path.span,
                    f"`{decl.path.text}` cannot be read",
                    hint="check the file name; it is read from this file's folder",
                ),
            )
        ) from None
    base = resolve_amendments(base, parse, (*seen, here))
    merged, merge_problems = _merge(base, rule_file, path)
    problems.extend(merge_problems)
    if problems:
        raise RuleFileError(tuple(problems))
    return merged


T = TypeVar("T")


def _by_key(base: tuple[T, ...], later: tuple[T, ...], key: Callable[[T], str]) -> tuple[T, ...]:
    """Declarations of both versions; a later one replaces an earlier one with the same name."""
    merged: dict[str, T] = {key(item): item for item in base}
    for item in later:
        merged[key(item)] = item
    return tuple(merged.values())


def _merge(base: ast.RuleFile, amendment: ast.RuleFile, base_path: str) -> tuple[ast.RuleFile, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    contests = {c.id.text: c for c in base.contests}
    for block in amendment.amend_blocks:
        contest = contests.get(block.contest.text)
        if contest is None:
            problems.append(
                _problem(
                    "E206",
                    block.contest.span,
                    f"`{block.contest.text}` is not a contest of the law this file amends",
                    hint="amend one of: " + ", ".join(contests),
                )
            )
            continue
        contests[contest.id.text] = _amend(contest, block, problems)
    for contest in amendment.contests:
        if contest.id.text in contests:
            problems.append(
                _problem(
                    "E407",
                    contest.id.span,
                    f"the law this file amends already has a contest `{contest.id.text}`",
                    hint=f"write `amend contest {contest.id.text}` and replace, add or remove its clauses",
                )
            )
            continue
        contests[contest.id.text] = contest
    known = {k.full_label: k for k in base.known_failures}
    known.update({k.full_label: k for k in amendment.known_failures})
    merged = attrs.evolve(
        amendment,
        election=amendment.election or base.election,
        sources=_by_key(base.sources, amendment.sources, lambda d: d.id.text),
        levels=_by_key(base.levels, amendment.levels, lambda d: d.name.text),
        counts=_by_key(base.counts, amendment.counts, lambda d: d.name.text),
        contests=tuple(contests.values()),
        known_failures=tuple(known.values()),
        # A relations block of the later version replaces the earlier block of the same id, whole.
        relations=_by_key(base.relations, amendment.relations, lambda d: d.id.text),
        amends=(),
        amend_blocks=(),
        bases=(*base.bases, base_path),
    )
    return merged, problems


def _amend(contest: ast.Contest, block: ast.AmendBlock, problems: list[Diagnostic]) -> ast.Contest:
    clauses = list(contest.clauses)
    labels = [c.effective_label for c in clauses]
    for change in block.changes:
        if change.action == "remove":
            assert change.label is not None
            label = change.label.text
        else:
            assert change.clause is not None
            label = change.clause.effective_label
        position = labels.index(label) if label in labels else None
        if change.action == "add":
            if position is not None:
                problems.append(
                    Diagnostic(
                        code="E302",
                        span=change.span,
                        message=f"`{contest.id.text}` already has a clause `{label}`",
                        hint="write `replace` to change it",
                        related=(Related("the earlier clause", clauses[position].span),),
                    )
                )
                continue
            assert change.clause is not None
            clauses.append(change.clause)
            labels.append(label)
            continue
        if position is None:
            from .checker import suggest

            problems.append(
                _problem(
                    "E307",
                    change.span,
                    f"`{contest.id.text}` has no clause `{label}` to {change.action}",
                    hint=suggest(label, labels) or "labels: " + ", ".join(labels),
                )
            )
            continue
        if change.action == "replace":
            assert change.clause is not None
            clauses[position] = change.clause
        else:
            del clauses[position]
            del labels[position]
    return attrs.evolve(contest, clauses=tuple(clauses), title=block.title or contest.title)
