"""Amendments: a rule file that `amends` an earlier one becomes, before checking, the earlier law with the
changes applied (AST -> AST).

The amending file states its own `election` block (the version it makes), may declare sources, levels and
counts (a declaration with the name of an earlier one replaces it), changes contests clause by clause with
`amend contest ID` (`replace <clause>` by its label, `add <clause>`, `remove LABEL`), and may add contests.
Examples and specifications belong to the version they are written in; known failures are inherited unless
restated. Every clause keeps the span of the file it was written in, so diagnostics and traces point there.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TypeVar

import attrs

from ..diagnostics.diagnostic import Diagnostic, Related
from ..errors import RuleFileError, UsageError
from ..source import SourceFile, Span
from ..syntax import ast
from ..syntax.parser import parse_source

Read = Callable[[str], SourceFile]

#: The most files one chain of amendments may hold (the first file given included): a law has a handful of
#: versions; a longer chain is a mistake, or an attempt to exhaust the reader.
MAX_CHAIN = 64


def _problem(code: str, span: Span, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code=code, message=message, span=span, hint=hint)


def _base_path(rule_file: ast.RuleFile, decl: ast.AmendsDecl) -> tuple[str | None, Diagnostic | None]:
    written = decl.path.text
    relative = PurePosixPath(written)
    if relative.is_absolute() or ".." in relative.parts or relative.suffix != ".rules" or "\0" in written:
        return None, _problem(
            "E306",
            decl.path.span,
            f"`{written}` is not a rule file beside this one",
            hint='name a `.rules` file in this folder or below it, e.g. "jogorku-kenesh-2015.rules"',
        )
    folder = Path(rule_file.span.source.path).parent
    return str(folder / Path(*relative.parts)), None


def _real_path(decl: ast.AmendsDecl, path: str, root: str) -> tuple[str | None, Diagnostic | None]:
    """Where `path` really is, following symbolic links; a loop of links is E308, a file that is missing or
    lies outside `root` (the real folder of the first rule file of the chain) E306."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, _problem(
                "E308",
                decl.path.span,
                f"`{decl.path.text}` is a loop of symbolic links",
                hint="each version amends an earlier one; name the file itself",
            )
        reason = "no such file" if isinstance(error, FileNotFoundError) else (error.strerror or "cannot be read")
        return None, _problem(
            "E306",
            decl.path.span,
            f"`{decl.path.text}` cannot be read ({reason})",
            hint="check the file name; it is read from this file's folder",
        )
    if os.path.commonpath([root, real]) != root:
        return None, _problem(
            "E306",
            decl.path.span,
            f"`{decl.path.text}` leads out of the folder of the rule file given (a symbolic link)",
            hint="the law a file amends must lie in the folder of the first rule file, or below it",
        )
    return real, None


def _starts_as_rule_file(text: str) -> bool:
    """Whether the first line that is neither blank nor a comment is the language line `ballotlaw N`."""
    for line in text.splitlines():
        words = line.split(maxsplit=1)
        if not words or words[0].startswith("#"):
            continue
        return words[0] == "ballotlaw"
    return False


def _read_base(decl: ast.AmendsDecl, path: str, read: Read) -> SourceFile:
    """The text of the amended file; nothing of a file that is not a rule file is ever shown."""
    try:
        source = read(path)
    except UsageError as error:
        raise RuleFileError(
            (
                _problem(
                    "E306",
                    decl.path.span,
                    f"`{decl.path.text}` cannot be read",
                    hint=f"check the file name; it is read from this file's folder ({error})",
                ),
            )
        ) from None
    except RuleFileError:  # not UTF-8 text: its bytes are not shown
        source = None
    if source is None or not _starts_as_rule_file(source.text):
        why = "it is not UTF-8 text" if source is None else "it does not start with `ballotlaw 1`"
        raise RuleFileError(
            (
                _problem(
                    "E310",
                    decl.path.span,
                    f"`{decl.path.text}` is not a rule file: {why}",
                    hint="name the rule file of the earlier version of the law; its content is not shown",
                ),
            )
        )
    return source


def resolve_amendments(
    rule_file: ast.RuleFile, read: Read, seen: tuple[str, ...] = (), root: str | None = None
) -> ast.RuleFile:
    """The rule file with the earlier versions it amends merged in; raises RuleFileError on problems.

    `read` reads a rule file by path. Every amended file must really lie (symbolic links followed) in the
    folder of the first file of the chain or below it; `seen` holds the real paths of the files of the chain
    so far."""
    if not rule_file.amends:
        return rule_file
    here = rule_file.span.source.path
    if root is None:
        root = os.path.realpath(os.path.dirname(here) or ".")
    chain = (*seen, os.path.realpath(here))
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
    if len(chain) >= MAX_CHAIN:
        raise RuleFileError(
            (
                _problem(
                    "E309",
                    decl.path.span,
                    f"this chain of amendments is longer than {MAX_CHAIN} files",
                    hint="a law has a handful of versions; write the law in force as one file",
                ),
            )
        )
    path, problem = _base_path(rule_file, decl)
    real = None
    if problem is None and path is not None:
        real, problem = _real_path(decl, path, root)
    if problem is not None or path is None or real is None:
        raise RuleFileError(tuple([*problems, problem] if problem else problems))
    if real in chain:
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
    base = resolve_amendments(parse_source(_read_base(decl, path, read)), read, chain, root)
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
