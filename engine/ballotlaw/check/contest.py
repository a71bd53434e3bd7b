"""Check one contest block: labels, conflicts and where each clause applies, then each clause by its entry in
the clause registry (registry.py), the clauses every contest needs, and the assembled model.Contest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import model
from ..diagnostics.diagnostic import Related
from ..states import Competitors
from ..syntax import ast
from .combinations import combine
from .registry import KINDS, ClauseKind, no_rules

if TYPE_CHECKING:
    from .checker import Checker

_BUT_NO_LISTS = frozenset({None, "lists", "candidates"})

#: What a contest must state, by the `defines` of the registry: (defines, of contests of, code, message, hint).
_REQUIRED: tuple[tuple[str, frozenset[str | None], str, str, str], ...] = (
    (
        "seats",
        _BUT_NO_LISTS,
        "E402",
        "the contest `{block}` does not say how many seats it fills",
        "add a clause such as `seats 54 [source]`",
    ),
    (
        "allocate",
        frozenset({"lists"}),
        "E402",
        "the contest `{block}` does not say how seats are allocated",
        "add `allocate by hare quota and largest remainders [source]` or `allocate by d'hondt divisors [source]`",
    ),
    (
        "approve",
        frozenset({"options"}),
        "E402",
        "the question `{block}` does not say when an option is approved",
        'add e.g. `approve "yes" if votes for "yes" > 50% of voters_took_part [source]`',
    ),
    (
        "elect",
        frozenset({"candidates"}),
        "E402",
        "the contest `{block}` does not say who is elected",
        "add `elect by plurality [source]`",
    ),
    (
        "valid",
        frozenset({None, "lists", "candidates", "options"}),
        "W401",
        "the contest `{block}` does not say when it is valid",
        "if the law sets no turnout minimum, say so: `valid at any turnout [source]`",
    ),
    (
        "ties",
        _BUT_NO_LISTS,
        "W402",
        "the contest `{block}` does not say how ties are broken",
        "add e.g. `ties broken by lot [source]`; without it a tie is reported as needing a lot",
    ),
)

#: The hint of E406 for a clause of lists, candidates or questions only, written in another contest.
_ELSEWHERE = {
    frozenset({"lists"}): "move it to the contest of lists, or remove it",
    frozenset({"candidates"}): "use `allocate by ...` for lists",
    frozenset({"options"}): "write `options compete in the nation` for a referendum",
}


class ContestChecker:
    """Checks one contest against the declarations the file checker has collected."""

    def __init__(self, checker: Checker, contest: ast.Contest) -> None:
        self.c = checker
        self.contest = contest
        self.block = contest.id.text
        self.competitors: str | None = None
        self.level: str | None = None
        self.every = False  # the contest is decided in every unit of its level
        self.rules: dict[str, Any] = no_rules()  # model.Contest field -> what the clauses have produced

    def check(self) -> model.Contest | None:
        clauses = self.contest.clauses
        self.check_labels(clauses)
        self.check_conflicts(clauses)
        compete = self.clause_of(ast.Compete)
        if compete is None:
            self.c.fail(
                "E402",
                self.contest.id.span,
                f"the contest `{self.block}` does not say who competes where",
                hint="add a clause such as `lists compete in the nation [source]` or "
                "`candidates compete in every district [source]`",
            )
        else:
            assert isinstance(compete.body, ast.Compete)
            self.competitors = compete.body.competitors
            if self.c.known_level(compete.body.level):
                self.level = compete.body.level.text
                self.every = compete.body.every
        for clause in clauses:
            kind = KINDS[type(clause.body)]
            self.check_applicable(kind, clause)
            self.record(kind, clause, self.c.provenance(self.block, clause))
        return self.assemble(compete)

    # ---- structure ----------------------------------------------------------------------------------

    def check_labels(self, clauses: tuple[ast.Clause, ...]) -> None:
        seen: dict[str, ast.Clause] = {}
        for clause in clauses:
            label = clause.effective_label
            if label in seen and not KINDS[type(clause.body)].once:
                written = clause.label.span if clause.label else clause.span
                self.c.fail(
                    "E302",
                    written,
                    f"two clauses of `{self.block}` have the label `{label}`",
                    hint="give each its own label, e.g. `national_threshold:` and `regional_threshold:`",
                    related=(Related("the other one", seen[label].span),),
                )
            seen.setdefault(label, clause)

    def check_conflicts(self, clauses: tuple[ast.Clause, ...]) -> None:
        """E401 for a second clause defining what an earlier one did, where either may be written only once."""
        first: dict[str, ast.Clause] = {}
        for clause in clauses:
            kind = KINDS[type(clause.body)]
            other = first.get(kind.defines)
            if other is not None and (kind.once or KINDS[type(other.body)].once):
                self.c.fail(
                    "E401",
                    clause.span,
                    f"this clause defines `{clause.effective_label}` of `{self.block}` a second time",
                    hint="a contest states each rule once: remove one clause, or, if the law changed, "
                    "write the newer version in its own rule file",
                    related=(Related("first defined here", other.span),),
                )
            first.setdefault(kind.defines, clause)

    def check_applicable(self, kind: ClauseKind[Any], clause: ast.Clause) -> None:
        """E406 for a clause written in a contest whose competitors it does not apply to."""
        if self.competitors is None or self.competitors in kind.competitors:
            return
        if self.competitors == "options":
            message = f"{kind.what} does not apply to a question, where options compete"
            hint: str | None = 'decide a question with `approve "yes" if ...`'
        else:
            applies = "questions" if kind.competitors == {"options"} else " or ".join(sorted(kind.competitors))
            message = f"{kind.what} applies to {applies}, but in `{self.block}` {self.competitors} compete"
            hint = _ELSEWHERE.get(kind.competitors)
        self.c.fail("E406", clause.span, message, hint=hint)

    def record(self, kind: ClauseKind[Any], clause: ast.Clause, provenance: model.Provenance) -> None:
        """Check one clause by its kind's function and keep the rules it produces."""
        assert kind.check is not None, f"`{kind.label}` is not a clause of a contest"
        for name, value in kind.check(self, clause.body, clause, provenance).items():
            assert name in kind.produces, f"`{kind.label}` produced `{name}`, which its registry entry does not name"
            if kind.once:
                self.rules[name] = value
            else:
                self.rules[name].append(value)

    def clause_of(self, kind: type) -> ast.Clause | None:
        """The contest's clause of this kind (each is written once, or E401 has said so)."""
        return next((c for c in self.contest.clauses if isinstance(c.body, kind)), None)

    # ---- assembly -----------------------------------------------------------------------------------

    def assemble(self, compete: ast.Clause | None) -> model.Contest | None:
        defined = {KINDS[type(clause.body)].defines for clause in self.contest.clauses}
        for defines, required_of, code, message, hint in _REQUIRED:
            if defines not in defined and self.competitors in required_of:
                self.c.fail(code, self.contest.id.span, message.format(block=self.block), hint=hint)
        rules = self.rules
        if self.competitors == "options" and rules["seats"] is None and rules["compete"] is not None:
            rules["seats"], rules["seats_provenance"] = 0, rules["compete"]  # a question fills no seat
        if compete is None or self.level is None or rules["seats"] is None or rules["compete"] is None:
            return None
        if (self.competitors == "lists" and rules["method"] is None) or (
            self.competitors == "candidates" and rules["elect_rule"] is None and rules["elect_if"] is None
        ):
            return None
        assert isinstance(compete.body, ast.Compete)
        fields: dict[str, Any] = {name: tuple(v) if isinstance(v, list) else v for name, v in rules.items()}
        contest = model.Contest(
            id=self.block,
            title=self.contest.title.text,
            competitors=Competitors(compete.body.competitors),
            level=self.level,
            every=compete.body.every,
            **fields,
        )
        return contest if combine(self, contest) else None
