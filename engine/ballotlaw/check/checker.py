"""AST -> checked model (model.py). Collects every problem of a file, then raises once.

Passes, in order (each needs the names the previous ones declared): sources, header, levels, counts,
contests (contest.py, each clause by its entry in registry.py), examples, specifications, known failures,
relations, unused sources.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TypeVar

from .. import model
from ..diagnostics.diagnostic import Diagnostic, Related
from ..errors import RuleFileError
from ..source import Span
from ..syntax import ast
from ..vocabulary import ATTRIBUTES, CONDITION_PHRASES, PROPERTY_PHRASES
from .contest import ContestChecker
from .names import suggest as suggest  # also imported from here by amendments.py
from .relations import check_relations

B = TypeVar("B", ast.Contest, ast.RelationsBlock)

MAX_COUNT = 2**63 - 1
LANGUAGE_VERSION = 1


class Checker:
    """Checks one rule file. Use `check(rule_file)`."""

    def __init__(self, rule_file: ast.RuleFile) -> None:
        self.file = rule_file
        self.diagnostics: list[Diagnostic] = []
        self.sources: dict[str, model.SourceRef] = {}
        self.cited: set[str] = set()
        self.levels: dict[str, model.Level] = {}
        self.counts: dict[str, model.CountInput] = {}

    # ---- reporting ----------------------------------------------------------------------------------

    def fail(
        self, code: str, span: Span, message: str, hint: str | None = None, related: tuple[Related, ...] = ()
    ) -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message, span=span, hint=hint, related=related))

    # ---- entry --------------------------------------------------------------------------------------

    def check(self) -> tuple[model.Law, tuple[Diagnostic, ...]]:
        self.check_sources()
        header = self.check_header()
        self.check_levels()
        self.check_counts()
        contests = self.check_contests()
        self.check_examples(contests)
        specs = self.check_specs()
        known_failures = self.check_known_failures()
        relations = check_relations(self)
        self.check_unused_sources()
        diagnostics = tuple(sorted(self.diagnostics, key=Diagnostic.sort_key))
        if any(d.is_error for d in diagnostics):
            raise RuleFileError(diagnostics)
        law = model.Law(
            source=self.file.span.source,
            title=header.title.text if header else "",
            jurisdiction=header.jurisdiction.text if header and header.jurisdiction else None,
            law=header.law.text if header and header.law else None,
            version=header.version.text if header and header.version else None,
            in_force=header.in_force if header else None,
            polling_day=header.polling_day if header else None,
            sources=self.sources,
            levels=self.levels,
            counts=self.counts,
            contests=tuple(contests),
            examples=self.file.examples,
            specs=specs,
            known_failures=known_failures,
            relations=relations,
        )
        return law, diagnostics

    # ---- header, sources, levels, counts ------------------------------------------------------------

    def check_header(self) -> ast.ElectionHeader | None:
        version = self.file.language_version
        if version.value != LANGUAGE_VERSION:
            self.fail(
                "E218",
                version.span,
                f"this engine reads rule language version {LANGUAGE_VERSION}, not {version.text}",
                hint=f"write `ballotlaw {LANGUAGE_VERSION}`",
            )
        if not self.file.election and self.file.specs and not self.file.contests:
            return None  # a file of specifications only
        if not self.file.election:
            where = self.file.language_version.span
            self.fail(
                "E408",
                Span(where.source, where.line, 1, where.line, where.end_column),
                "the file has no `election` block",
                hint='add a block: election "<name>" / jurisdiction "..." / law "..." / polling day YYYY-MM-DD / end',
            )
            return None
        for extra in self.file.election[1:]:
            self.fail(
                "E407",
                extra.span,
                "a second `election` block",
                hint="a rule file states one election",
                related=(Related("the first one", self.file.election[0].span),),
            )
        header = self.file.election[0]
        for citation in (header.law_citation, header.version_citation, header.polling_day_citation):
            if citation is not None:
                self.resolve_citation(citation)
        return header

    def check_sources(self) -> None:
        for decl in self.file.sources:
            if decl.id.text in self.sources:
                self.fail(
                    "E303",
                    decl.id.span,
                    f"the source `{decl.id.text}` is declared twice",
                    hint="give each source its own name",
                )
                continue
            if not decl.url.text.startswith(("https://", "http://")):
                self.fail(
                    "E304",
                    decl.url.span,
                    f"the address of source `{decl.id.text}` is not an http(s) URL",
                    hint='write the full address, e.g. "https://www.shailoo.gov.kg/..."',
                )
            self.sources[decl.id.text] = model.SourceRef(decl.id.text, decl.title.text, decl.url.text)

    def check_levels(self) -> None:
        for decl in self.file.levels:
            if decl.name.text in self.levels:
                self.fail("E407", decl.name.span, f"the level `{decl.name.text}` is declared twice")
                continue
            unit_count = None
            if decl.unit_count is not None:
                unit_count = self.whole_number(decl.unit_count, "a number of units")
                if decl.citation is None:
                    self.missing_citation(decl.span, f"the number of units of level `{decl.name.text}`")
            if decl.citation is not None:
                self.resolve_citation(decl.citation)
            self.levels[decl.name.text] = model.Level(
                decl.name.text, len(self.levels), unit_count, decl.description.text if decl.description else None
            )

    def check_counts(self) -> None:
        for decl in self.file.counts:
            if decl.name.text in self.counts:
                self.fail(
                    "E407",
                    decl.name.span,
                    f"`{decl.name.text}` is declared twice",
                    hint="declare each input once, on all the levels it exists on",
                )
                continue
            levels = tuple(name.text for name in decl.levels if self.known_level(name))
            if decl.citation is None:
                self.missing_citation(decl.span, f"the input `{decl.name.text}`")
            else:
                self.resolve_citation(decl.citation)
            self.counts[decl.name.text] = model.CountInput(
                decl.name.text,
                decl.description.text if decl.description else None,
                levels,
                decl.may_be_unpublished,
                decl.per_selection,
            )

    # ---- names and numbers --------------------------------------------------------------------------

    def known_level(self, name: ast.Name) -> bool:
        if name.text in self.levels:
            return True
        self.fail(
            "E202",
            name.span,
            f"`{name.text}` is not a declared level",
            hint=suggest(name.text, self.levels) or "declare it first: `level <name>`",
        )
        return False

    def known_count(self, name: ast.Name) -> model.CountInput | None:
        if name.text in self.counts and not self.counts[name.text].per_selection:
            return self.counts[name.text]
        if name.text == "votes":
            self.fail(
                "E203",
                name.span,
                "`votes` are per list or candidate, not one count",
                hint="use `votes of the leading list` or name a count such as `voters_took_part`",
            )
            return None
        plain = [n for n, c in self.counts.items() if not c.per_selection]
        self.fail(
            "E203",
            name.span,
            f"`{name.text}` is not a declared count",
            hint=suggest(name.text, plain) or f'declare it: count {name.text} "..." on <levels> [source]',
        )
        return None

    def count_on_level(self, name: ast.Name, count: model.CountInput, level: str) -> None:
        if level in self.levels and level not in count.levels:
            self.fail(
                "E216",
                name.span,
                f"`{name.text}` is not declared on the level `{level}`",
                hint=f"add `{level}` to the levels of `count {name.text}` if the law measures it there",
            )

    def plain_term(self, expr: ast.CountRef | ast.Literal | ast.ShareOf, level: str | None) -> model.Term | None:
        """A count, a whole number, or `P% of COUNT` (a share of a count), checked against `level` when known."""
        if isinstance(expr, ast.CountRef):
            count = self.known_count(expr.name)
            if count is None:
                return None
            if level is not None:
                self.count_on_level(expr.name, count, level)
            return model.CountTerm(expr.name.text)
        if isinstance(expr, ast.Literal):
            if expr.number.kind in ("percent", "fraction"):
                self.fail(
                    "E211",
                    expr.number.span,
                    f"`{expr.number.text}` is a percent, but it is compared with a count here",
                    hint=f"say of what: `{expr.number.text} of registered_voters`",
                )
                return None
            value = self.whole_number(expr.number, "a count")
            return None if value is None else model.ConstTerm(value)
        assert expr.base is not None
        share = self.share(expr.number, "a share of a count")
        base = self.known_count(expr.base)
        if share is None or base is None:
            return None
        if level is not None:
            self.count_on_level(expr.base, base, level)
        return model.ShareTerm(share, expr.number.text, expr.base.text)

    def whole_number(self, number: ast.Number, what: str) -> int | None:
        if number.kind in ("percent", "fraction"):
            self.fail(
                "E211",
                number.span,
                f"`{number.text}` is a percent, but {what} is expected",
                hint=f"write a whole number such as `{number.text.rstrip('%').split('.')[0]}`",
            )
            return None
        if number.value.denominator != 1:
            self.fail("E212", number.span, f"`{number.text}` is not a whole number, but {what} is expected")
            return None
        value = int(number.value)
        if value > MAX_COUNT:
            self.fail("E215", number.span, f"`{number.text}` is larger than the largest count, 2^63 - 1")
            return None
        return value

    def share(self, number: ast.Number, what: str) -> Fraction | None:
        if number.kind not in ("percent", "fraction"):
            self.fail(
                "E210",
                number.span,
                f"`{number.text}` is a plain number, but {what} is a percent",
                hint=f"write `{number.text}%`",
            )
            return None
        if number.value > 100:
            self.fail("E214", number.span, f"`{number.text}` is more than 100%")
            return None
        return number.value / 100

    # ---- citations ----------------------------------------------------------------------------------

    def missing_citation(self, span: Span, what: str) -> None:
        self.fail(
            "E301",
            span,
            f"{what} does not cite its source",
            hint="end the line with a citation such as `[law2015 Art. 64(3)]`; if the article is not "
            "known, write `[source, article not known]`",
        )

    def resolve_citation(self, citation: ast.Citation) -> tuple[model.CitationRef, ...]:
        refs = []
        for cite in citation.cites:
            self.cited.add(cite.source.text)
            source = self.sources.get(cite.source.text)
            if source is None:
                self.fail(
                    "E201",
                    cite.source.span,
                    f"`{cite.source.text}` is not a declared source",
                    hint=suggest(cite.source.text, self.sources)
                    or f'declare it: source {cite.source.text} "<title>" "<https://...>"',
                )
                continue
            refs.append(model.CitationRef(source, cite.pinpoint, cite.article_not_known))
        return tuple(refs)

    def provenance(self, block: str, clause: ast.Clause) -> model.Provenance:
        citations: tuple[model.CitationRef, ...] = ()
        if clause.citation is None:
            self.missing_citation(clause.span, f"the clause `{clause.effective_label}`")
        else:
            citations = self.resolve_citation(clause.citation)
        assumption = None
        if clause.assumption is not None:
            assumption = clause.assumption.text.strip()
            if not assumption:
                self.fail(
                    "E305",
                    clause.assumption.span,
                    "this assumption is empty",
                    hint="say what is assumed and why the law leaves it open",
                )
        return model.Provenance(block, clause.effective_label, clause.span, citations, assumption)

    def check_unused_sources(self) -> None:
        own = self.file.span.source.path
        for decl in self.file.sources:
            # Sources inherited from an earlier version are that version's business.
            if decl.id.text not in self.cited and decl.span.source.path == own:
                self.fail(
                    "W403",
                    decl.id.span,
                    f"the source `{decl.id.text}` is never cited",
                    hint="cite it where it supports a clause, or remove it",
                )

    # ---- contests -----------------------------------------------------------------------------------

    def unique_blocks(self, blocks: tuple[B, ...], what: str) -> list[B]:
        """The blocks with distinct ids, in file order; a second block with an id already used is E407."""
        seen: dict[str, B] = {}
        for block in blocks:
            if block.id.text in seen:
                self.fail(
                    "E407",
                    block.id.span,
                    f"a second {what} `{block.id.text}`",
                    related=(Related("the first one", seen[block.id.text].id.span),),
                )
                continue
            seen[block.id.text] = block
        return list(seen.values())

    def check_contests(self) -> list[model.Contest]:
        contests: list[model.Contest] = []
        for contest in self.unique_blocks(self.file.contests, "contest"):
            checked = ContestChecker(self, contest).check()
            if checked is not None:
                contests.append(checked)
        return contests

    # ---- examples -----------------------------------------------------------------------------------

    def check_examples(self, contests: list[model.Contest]) -> None:
        ids: dict[str, ast.Example] = {}
        contest_ids = {c.id.text for c in self.file.contests}
        for example in self.file.examples:
            if example.id.text in ids:
                self.fail("E407", example.id.span, f"a second example `{example.id.text}`")
            ids[example.id.text] = example
            if example.citation is not None:
                self.resolve_citation(example.citation)
            if not example.expects:
                self.fail(
                    "X101",
                    example.span,
                    f"the example `{example.id.text}` expects nothing",
                    hint='add a line such as `expect national_list: "A" gets 3 seats`; an example that '
                    "asserts nothing cannot fail",
                )
            for expect in example.expects:
                if expect.contest.text not in contest_ids:
                    self.fail(
                        "E206",
                        expect.contest.span,
                        f"`{expect.contest.text}` is not a contest of this file",
                        hint=suggest(expect.contest.text, contest_ids),
                    )
            seen: dict[tuple[str, str, str], ast.Given] = {}
            for given in example.givens:
                self.known_level(given.level)
                for item in given.items:
                    if isinstance(item, ast.GivenBallots):
                        continue  # ranked ballots: their numbers are checked as the example runs (D142)
                    if isinstance(item, ast.GivenAttribute):
                        if item.name.text not in ATTRIBUTES:
                            self.fail(
                                "E203",
                                item.name.span,
                                f"`{item.name.text}` is not an attribute of a list or candidate",
                                hint="attributes: " + ", ".join(ATTRIBUTES),
                            )
                        continue
                    if isinstance(item, ast.GivenCount):
                        self.known_count(item.name)
                        key = (given.unit.text, item.name.text, "")
                    else:
                        key = (given.unit.text, "votes", item.selection.text)
                    if key in seen:
                        self.fail(
                            "X102",
                            item.span,
                            "this figure is given twice in the example",
                            related=(Related("given here too", seen[key].span),),
                        )
                    seen[key] = given
                    figures = (item.value.count, item.value.at_most, item.value.at_least)
                    if any(value is not None and value > MAX_COUNT for value in figures):
                        self.fail("E215", item.value.span, "this figure is larger than the largest count, 2^63 - 1")
                    low, high = item.value.at_least, item.value.at_most
                    if low is not None and high is not None and low > high:
                        self.fail(
                            "E311",
                            item.value.span,
                            f"a figure cannot be at least {low} and at most {high}",
                            hint="one of the two bounds is wrong: the lower is at most the upper",
                        )

    def check_known_failures(self) -> dict[str, str]:
        known: dict[str, str] = {}
        for item in self.file.known_failures:
            if item.citation is not None:
                self.resolve_citation(item.citation)
            if item.full_label in known:
                self.fail("E407", item.span, f"`{item.full_label}` is declared a known failure twice")
            if not item.reason.text.strip():
                self.fail(
                    "E305",
                    item.reason.span,
                    "a known failure needs its reason",
                    hint="say why the law breaks this property",
                )
            known[item.full_label] = item.reason.text
        return known

    # ---- specifications -------------------------------------------------------------------------------

    def check_specs(self) -> tuple[model.Spec, ...]:
        if not self.file.specs:
            return ()
        specs = []
        for spec in self.file.specs:
            if spec.citation is not None:
                self.resolve_citation(spec.citation)
            if spec.scope is None:
                self.fail(
                    "E402",
                    spec.id.span,
                    f"the spec `{spec.id.text}` does not say which contests it is for",
                    hint="add a line `for contests of lists` or `for contests of candidates`",
                )
            labels: dict[str, ast.PropertyDecl] = {}
            properties = []
            for decl in spec.properties:
                if decl.label.text in labels:
                    self.fail(
                        "E302",
                        decl.label.span,
                        f"two properties of `{spec.id.text}` have the label `{decl.label.text}`",
                        related=(Related("the other one", labels[decl.label.text].span),),
                    )
                labels.setdefault(decl.label.text, decl)
                kind = PROPERTY_PHRASES.get(decl.phrase.phrase)
                if kind is None:
                    self.fail(
                        "E208",
                        decl.phrase.span,
                        f"`{decl.phrase.phrase}` is not a property ballotlaw can check",
                        hint=suggest(decl.phrase.phrase, PROPERTY_PHRASES) or "see docs/verifying-a-law.md",
                    )
                elif spec.scope is not None and kind.competitors != spec.scope:
                    self.fail(
                        "E406",
                        decl.phrase.span,
                        f"this property is about contests of {kind.competitors}, "
                        f"but the spec is for contests of {spec.scope}",
                    )
                if decl.condition is not None and decl.condition.phrase not in CONDITION_PHRASES:
                    self.fail(
                        "E208",
                        decl.condition.span,
                        f"`{decl.condition.phrase}` is not a condition ballotlaw knows",
                        hint=suggest(decl.condition.phrase, CONDITION_PHRASES)
                        or "known: " + ", ".join(f"`{c}`" for c in CONDITION_PHRASES),
                    )
                citations: tuple[model.CitationRef, ...] = ()
                if decl.citation is not None:
                    citations = self.resolve_citation(decl.citation)
                elif decl.rationale is None:
                    self.fail(
                        "E301",
                        decl.span,
                        f"the property `{decl.label.text}` gives no citation or rationale",
                        hint='end it with a citation `[source]` or `rationale "why it must hold"`',
                    )
                provenance = model.Provenance(
                    spec.id.text, decl.label.text, decl.span, citations, decl.rationale.text if decl.rationale else None
                )
                properties.append(
                    model.SpecProperty(
                        provenance,
                        decl.phrase.phrase,
                        decl.condition.phrase if decl.condition else None,
                        decl.rationale.text if decl.rationale else None,
                    )
                )
            specs.append(model.Spec(spec.id.text, spec.title.text, spec.scope or "lists", tuple(properties)))
        return tuple(specs)


def check(rule_file: ast.RuleFile) -> tuple[model.Law, tuple[Diagnostic, ...]]:
    """Check a parsed rule file. Returns the model and its warnings; raises RuleFileError on errors."""
    return Checker(rule_file).check()
