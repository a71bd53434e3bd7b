"""Lark parse tree -> typed AST (ast.py). One small method per grammar alias; spans come from `meta`.

The transformer only builds nodes. Names, types and conflicts are the checker's business, except what no
node can hold: a number of more digits than any law writes (read without converting thousands of digits), a
fraction over 0, and more conditions joined than any law joins. Those are refused here, all of them at once,
before the file is checked. The tree is walked without recursion, so a long chain of `and` cannot exhaust
Python's stack.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

import attrs
from lark import Token, Tree, v_args
from lark.tree import Meta
from lark.visitors import Transformer_NonRecursive

from ..diagnostics.diagnostic import Diagnostic
from ..errors import RuleFileError
from ..source import SourceFile, Span
from . import ast

#: The most digits a number of a rule file may have: a count has at most 19 (2^63 - 1), and no law states a
#: share to 40 places. A longer number is refused before it is converted (Python refuses to convert more than
#: 4,300 digits, and converting is quadratic in their number).
MAX_DIGITS = 40
#: The most conditions one `and` (or one `or`) may join: far above any law, low enough to read at once.
MAX_CONDITIONS = 100


def _first(items: list[Any], kind: type | tuple[type, ...]) -> Any:
    for item in items:
        if isinstance(item, kind):
            return item
    return None


def _all(items: list[Any], kind: type) -> tuple[Any, ...]:
    return tuple(item for item in items if isinstance(item, kind))


class NameList(list[ast.Name]):
    """The names of a `name_list`, grown in place (a long list is read in linear time)."""


@v_args(meta=True)
class ToAst(Transformer_NonRecursive[Token, ast.RuleFile]):
    """Builds the AST of one source file; the problems no node can hold are collected in `problems`."""

    def __init__(self, source: SourceFile) -> None:
        super().__init__()
        self.source = source
        self.problems: list[Diagnostic] = []

    def __default__(self, data: str, children: list[Any], meta: Meta) -> Any:
        """A clause in fixed words (ast.FIXED_WORDS) is its node with its span; any other rule without a method
        stays a tree."""
        node = ast.FIXED_WORDS.get(data)
        return node(span=self.span(meta)) if node is not None else Tree(data, children, meta)

    # ---- spans --------------------------------------------------------------------------------------

    def span(self, meta: Meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.source, 1, 1, 1, 1)
        return Span(self.source, meta.line, meta.column, meta.end_line, meta.end_column)

    def token_span(self, token: Token) -> Span:
        return Span(
            self.source,
            token.line or 1,
            token.column or 1,
            token.end_line or token.line or 1,
            token.end_column or (token.column or 1) + len(token),
        )

    def name(self, token: Token) -> ast.Name:
        return ast.Name(text=str(token), span=self.token_span(token))

    def text(self, token: Token) -> ast.Text:
        return ast.Text(text=str(token)[1:-1], span=self.token_span(token))

    def _names(self, children: list[Any], kind: str) -> list[ast.Name]:
        return [self.name(c) for c in children if isinstance(c, Token) and c.type == kind]

    def _texts(self, children: list[Any]) -> list[ast.Text]:
        return [self.text(c) for c in children if isinstance(c, Token) and c.type == "STRING"]

    # ---- literals -----------------------------------------------------------------------------------

    def too_long(self, token: Token) -> bool:
        """True (and the problem recorded) when the number has more digits than any number of a law."""
        digits = sum(1 for character in str(token) if character.isdigit())
        if digits <= MAX_DIGITS:
            return False
        self.problems.append(
            Diagnostic(
                code="E111",
                span=self.token_span(token),
                message=f"a number of {digits} digits; no number of a law has more than {MAX_DIGITS}",
                hint="a count is at most 9223372036854775807 (19 digits); write a share as a percent or a "
                "fraction such as `1/3`",
            )
        )
        return True

    def whole(self, token: Token) -> int:
        """A whole number written in the file (0 when it is too long: the file is refused anyway)."""
        return 0 if self.too_long(token) else int(token)

    def integer(self, meta: Meta, children: list[Token]) -> ast.Number:
        (token,) = children
        value = Fraction(self.whole(token))
        return ast.Number(text=str(token), kind="integer", value=value, span=self.token_span(token))

    def decimal(self, meta: Meta, children: list[Token]) -> ast.Number:
        (token,) = children
        value = Fraction(0) if self.too_long(token) else Fraction(str(token))
        return ast.Number(text=str(token), kind="decimal", value=value, span=self.token_span(token))

    def percent(self, meta: Meta, children: list[Token]) -> ast.Number:
        (token,) = children
        value = Fraction(0) if self.too_long(token) else Fraction(str(token)[:-1])
        return ast.Number(text=str(token), kind="percent", value=value, span=self.token_span(token))

    def fraction(self, meta: Meta, children: list[Token]) -> ast.Number:
        (token,) = children
        value = Fraction(0)
        if not self.too_long(token):
            numerator, denominator = (int(part) for part in str(token).split("/"))
            if denominator == 0:
                self.problems.append(
                    Diagnostic(
                        code="E113",
                        span=self.token_span(token),
                        message=f"`{token}` is a fraction over 0",
                        hint="write the share the law states, e.g. `1/3` or `50%`",
                    )
                )
            else:
                # Stored like a percent (hundredths), so that `1/3 of x` and `33.3% of x` are handled alike.
                value = Fraction(numerator, denominator) * 100
        return ast.Number(text=str(token), kind="fraction", value=value, span=self.token_span(token))

    def words(self, meta: Meta, children: list[Token]) -> ast.Words:
        return ast.Words(words=tuple(str(c) for c in children), span=self.span(meta))

    # ---- citations ----------------------------------------------------------------------------------

    def cite(self, meta: Meta, children: list[Token]) -> ast.Cite:
        source = self.name(children[0])
        raw = str(children[1]).strip() if len(children) > 1 else ""
        pinpoint = raw.lstrip(",").strip()
        not_known = pinpoint.lower() == "article not known"
        return ast.Cite(
            source=source,
            pinpoint="" if not_known else pinpoint,
            article_not_known=not_known,
            span=self.span(meta),
        )

    def citation(self, meta: Meta, children: list[ast.Cite]) -> ast.Citation:
        return ast.Citation(cites=tuple(children), span=self.span(meta))

    def assumption(self, meta: Meta, children: list[Token]) -> ast.Text:
        return self.text(children[0])

    # ---- header and declarations --------------------------------------------------------------------

    def language_line(self, meta: Meta, children: list[Token]) -> ast.Number:
        return self.integer(meta, children)

    def jurisdiction(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("jurisdiction", self.text(children[0]))

    def law(self, meta: Meta, children: list[Any]) -> tuple[str, Any]:
        return ("law", (self.text(children[0]), _first(children, ast.Citation)))

    def date(self, token: Token) -> str:
        """A date as written, after checking it is a day of the calendar (E221 when it is not)."""
        try:
            datetime.date.fromisoformat(str(token))  # DATE is YYYY-MM-DD: four, two and two digits
        except ValueError:
            self.problems.append(
                Diagnostic(
                    code="E221",
                    span=self.token_span(token),
                    message=f"`{token}` is not a date: no such day in the calendar",
                    hint="write the date as YYYY-MM-DD, e.g. 2024-06-02: a month from 01 to 12, a day of that month, "
                    "a year from 0001",
                )
            )
        return str(token)

    def in_force(self, meta: Meta, children: list[Token]) -> str:
        return self.date(children[0])

    def law_version(self, meta: Meta, children: list[Any]) -> tuple[str, Any]:
        in_force = next((c for c in children[1:] if isinstance(c, str) and not isinstance(c, Token)), None)
        return ("version", (self.text(children[0]), in_force, _first(children, ast.Citation)))

    def polling_day(self, meta: Meta, children: list[Any]) -> tuple[str, Any]:
        return ("polling_day", (self.date(children[0]), _first(children, ast.Citation)))

    def election_block(self, meta: Meta, children: list[Any]) -> ast.ElectionHeader:
        items: dict[str, Any] = dict(c for c in children[1:] if isinstance(c, tuple))
        law = items.get("law", (None, None))
        version = items.get("version", (None, None, None))
        polling = items.get("polling_day", (None, None))
        return ast.ElectionHeader(
            title=self.text(children[0]),
            jurisdiction=items.get("jurisdiction"),
            law=law[0],
            law_citation=law[1],
            version=version[0],
            in_force=version[1],
            version_citation=version[2],
            polling_day=polling[0],
            polling_day_citation=polling[1],
            span=self.span(meta),
        )

    def source_decl(self, meta: Meta, children: list[Token]) -> ast.SourceDecl:
        title, url = self._texts(children)
        return ast.SourceDecl(id=self.name(children[0]), title=title, url=url, span=self.span(meta))

    def unit_count(self, meta: Meta, children: list[Any]) -> tuple[ast.Number, ast.Text | None]:
        texts = self._texts(children)
        return (children[0], texts[0] if texts else None)

    def level_decl(self, meta: Meta, children: list[Any]) -> ast.LevelDecl:
        unit_count = _first(children, tuple) or (None, None)
        return ast.LevelDecl(
            name=self.name(children[0]),
            unit_count=unit_count[0],
            description=unit_count[1],
            citation=_first(children, ast.Citation),
            span=self.span(meta),
        )

    def name_list(self, meta: Meta, children: list[Any]) -> NameList:
        out = children[0] if isinstance(children[0], NameList) else NameList([self.name(children[0])])
        out.extend(self.name(child) for child in children[1:])
        return out

    def may_be_unpublished(self, meta: Meta, children: list[Any]) -> bool:
        return True

    def _count_decl(self, meta: Meta, children: list[Any], name: ast.Name, per_selection: bool) -> ast.CountDecl:
        texts = self._texts(children)
        return ast.CountDecl(
            name=name,
            description=texts[0] if texts else None,
            levels=tuple(_first(children, NameList) or ()),
            may_be_unpublished=any(c is True for c in children),
            per_selection=per_selection,
            citation=_first(children, ast.Citation),
            span=self.span(meta),
        )

    def count_decl(self, meta: Meta, children: list[Any]) -> ast.CountDecl:
        return self._count_decl(meta, children, self.name(children[0]), per_selection=False)

    def votes_decl(self, meta: Meta, children: list[Any]) -> ast.CountDecl:
        span = self.span(meta)
        keyword = Span(span.source, span.line, span.column, span.line, span.column + len("votes"))
        return self._count_decl(meta, children, ast.Name(text="votes", span=keyword), per_selection=True)

    # ---- conditions ---------------------------------------------------------------------------------

    def count_ref(self, meta: Meta, children: list[Token]) -> ast.CountRef:
        return ast.CountRef(name=self.name(children[0]), span=self.span(meta))

    def literal(self, meta: Meta, children: list[ast.Number]) -> ast.Literal:
        return ast.Literal(number=children[0], span=self.span(meta))

    def share_of(self, meta: Meta, children: list[Any]) -> ast.ShareOf:
        return ast.ShareOf(number=children[0], base=self.name(children[1]), span=self.span(meta))

    def share_of_cast(self, meta: Meta, children: list[Any]) -> ast.ShareOf:
        return ast.ShareOf(number=children[0], base=None, aggregate="cast", span=self.span(meta))

    def share_of_top_two(self, meta: Meta, children: list[Any]) -> ast.ShareOf:
        return ast.ShareOf(number=children[0], base=None, aggregate="top two", span=self.span(meta))

    def leading_list_votes(self, meta: Meta, children: list[Any]) -> ast.LeaderVotes:
        return ast.LeaderVotes(kind="list", span=self.span(meta))

    def leading_candidate_votes(self, meta: Meta, children: list[Any]) -> ast.LeaderVotes:
        return ast.LeaderVotes(kind="candidate", span=self.span(meta))

    def option_votes(self, meta: Meta, children: list[Token]) -> ast.OptionVotes:
        return ast.OptionVotes(option=self.text(children[0]), span=self.span(meta))

    def margin(self, meta: Meta, children: list[Any]) -> ast.Aggregate:
        return ast.Aggregate(kind="margin", span=self.span(meta))

    def last_seat_margin(self, meta: Meta, children: list[Any]) -> ast.Aggregate:
        return ast.Aggregate(kind="last seat", span=self.span(meta))

    def top_two_votes(self, meta: Meta, children: list[Any]) -> ast.Aggregate:
        return ast.Aggregate(kind="top two", span=self.span(meta))

    def cancelled_votes(self, meta: Meta, children: list[Any]) -> ast.Aggregate:
        return ast.Aggregate(kind="cancelled", span=self.span(meta))

    def candidate_count(self, meta: Meta, children: list[Any]) -> ast.Aggregate:
        return ast.Aggregate(kind="candidates", span=self.span(meta))

    def comparison(self, meta: Meta, children: list[Any]) -> ast.Comparison:
        left, operator, right = children
        return ast.Comparison(left=left, operator=str(operator), right=right, span=self.span(meta))

    def guard_comparison(self, meta: Meta, children: list[Any]) -> ast.SumComparison:
        left, operator, right = children
        return ast.SumComparison(left=left, operator=str(operator), right=right, span=self.span(meta))

    def no_list_qualifies(self, meta: Meta, children: list[Any]) -> ast.NoListQualifies:
        return ast.NoListQualifies(span=self.span(meta))

    def joined(self, meta: Meta, children: list[Any], kind: type[Any], word: str) -> tuple[Any, ...]:
        """The conditions a chain of `and` (or `or`) joins, flattened; past MAX_CONDITIONS, a problem (once:
        the grammar joins them one at a time, so exactly one link of the chain is the first too long)."""
        items: list[Any] = []
        for child in children:
            items.extend(child.items if isinstance(child, kind) else (child,))
        if len(items) == MAX_CONDITIONS + 1:
            self.problems.append(
                Diagnostic(
                    code="E112",
                    span=self.span(meta),
                    message=f"more than {MAX_CONDITIONS} conditions joined by `{word}`",
                    hint="no law joins so many conditions; check the clause",
                )
            )
        return tuple(items[: MAX_CONDITIONS + 1])

    def all_of(self, meta: Meta, children: list[Any]) -> ast.AllOf:
        return ast.AllOf(items=self.joined(meta, children, ast.AllOf, "and"), span=self.span(meta))

    def any_of(self, meta: Meta, children: list[Any]) -> ast.AnyOf:
        return ast.AnyOf(items=self.joined(meta, children, ast.AnyOf, "or"), span=self.span(meta))

    # ---- clauses ------------------------------------------------------------------------------------

    def scope_the(self, meta: Meta, children: list[Token]) -> tuple[bool, ast.Name]:
        return (False, self.name(children[0]))

    def scope_every(self, meta: Meta, children: list[Token]) -> tuple[bool, ast.Name]:
        return (True, self.name(children[0]))

    def compete_lists(self, meta: Meta, children: list[Any]) -> ast.Compete:
        every, level = children[0]
        return ast.Compete(competitors="lists", every=every, level=level, span=self.span(meta))

    def compete_options(self, meta: Meta, children: list[Any]) -> ast.Compete:
        every, level = children[0]
        return ast.Compete(competitors="options", every=every, level=level, span=self.span(meta))

    def elect_if(self, meta: Meta, children: list[Any]) -> ast.ElectIf:
        return ast.ElectIf(condition=children[0], span=self.span(meta))

    def runoff_top(self, meta: Meta, children: list[Token]) -> ast.Runoff:
        top = self.integer(meta, [children[0]])
        return ast.Runoff(top=top, comparator=None, number=None, base=None, floor=None, span=self.span(meta))

    def runoff_floor(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Number]:
        return ("floor", self.integer(meta, [children[0]]))

    def runoff_share(self, meta: Meta, children: list[Any]) -> ast.Runoff:
        floor = _first(children, tuple)
        names = [c for c in children if isinstance(c, Token) and c.type == "NAME"]
        return ast.Runoff(
            top=None,
            comparator=next(c for c in children if isinstance(c, str) and not isinstance(c, Token)),
            number=_first(children, ast.Number),
            base=self.name(names[0]),
            floor=floor[1] if floor else None,
            span=self.span(meta),
        )

    def approve(self, meta: Meta, children: list[Any]) -> ast.Approve:
        return ast.Approve(option=self.text(children[0]), condition=children[1], span=self.span(meta))

    def recount(self, meta: Meta, children: list[Any]) -> ast.Recount:
        return ast.Recount(condition=children[0], span=self.span(meta))

    def compete_candidates(self, meta: Meta, children: list[Any]) -> ast.Compete:
        every, level = children[0]
        return ast.Compete(competitors="candidates", every=every, level=level, span=self.span(meta))

    def seats(self, meta: Meta, children: list[ast.Number]) -> ast.Seats:
        return ast.Seats(number=children[0], span=self.span(meta))

    def unit_seats(self, meta: Meta, children: list[Any]) -> tuple[ast.Number, ast.Text]:
        return (children[0], self.text(children[1]))

    def seats_apportioned(self, meta: Meta, children: list[Any]) -> ast.SeatsApportioned:
        number, level, method, base = children
        return ast.SeatsApportioned(
            number=number, level=self.name(level), method=method, base=self.name(base), span=self.span(meta)
        )

    def seats_by_unit(self, meta: Meta, children: list[Any]) -> ast.SeatsByUnit:
        return ast.SeatsByUnit(entries=tuple(children), span=self.span(meta))

    def at_least(self, meta: Meta, children: list[Any]) -> str:
        return "at least"

    def more_than(self, meta: Meta, children: list[Any]) -> str:
        return "more than"

    def base(self, meta: Meta, children: list[Token]) -> ast.Name | ast.BaseSum:
        """`of valid_votes`, or a sum or difference of counts: `of valid_votes - none_of_the_above`."""
        if len(children) == 1:
            return self.name(children[0])
        rest = tuple((str(sign), self.name(name)) for sign, name in zip(children[1::2], children[2::2], strict=True))
        return ast.BaseSum(first=self.name(children[0]), rest=rest, span=self.span(meta))

    def where_nationally(self, meta: Meta, children: list[Any]) -> tuple[str, None]:
        return ("where", None)

    def where_every(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Name]:
        return ("where", self.name(children[0]))

    def where_at_least(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Name, int]:
        return ("where", self.name(children[1]), self.whole(children[0]))

    def for_parties(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[str, int, int | None]]:
        return ("applies", ("members", 1, 1))

    def for_coalitions_range(self, meta: Meta, children: list[Token]) -> tuple[str, tuple[str, int, int | None]]:
        return ("applies", ("members", self.whole(children[0]), self.whole(children[1])))

    def for_coalitions_min(self, meta: Meta, children: list[Token]) -> tuple[str, tuple[str, int, int | None]]:
        return ("applies", ("members", self.whole(children[0]), None))

    def for_independents(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[str, int, int | None]]:
        return ("applies", ("independent", 0, 0))

    def for_minorities_jointly(self, meta: Meta, children: list[Token]) -> tuple[str, tuple[str, int, int | None]]:
        return ("applies", ("minorities jointly", self.whole(children[0]), None))

    def except_minorities(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[str, int, int | None]]:
        return ("applies", ("not minority", 0, 0))

    def alternative_wins(self, meta: Meta, children: list[Token]) -> tuple[str, int]:
        return ("wins", self.whole(children[0]))

    def fallback(self, meta: Meta, children: list[Token]) -> ast.Fallback:
        return ast.Fallback(fewer_than=self.whole(children[0]), take=self.whole(children[1]), span=self.span(meta))

    def fallback_only(self, meta: Meta, children: list[Token]) -> ast.Fallback:
        """`if only 1 list qualifies, ...`: fewer than 2, and at least 1."""
        only = self.whole(children[0])
        return ast.Fallback(fewer_than=only + 1, take=self.whole(children[1]), at_least=only, span=self.span(meta))

    def share_fallback(self, meta: Meta, children: list[Any]) -> ast.ShareFallback:
        return ast.ShareFallback(share=children[0], base=children[1], span=self.span(meta))

    def alternative_share(self, meta: Meta, children: list[Any]) -> tuple[str, ast.Threshold]:
        return ("alternative", self.threshold(meta, children))

    def threshold(self, meta: Meta, children: list[Any]) -> ast.Threshold:
        applies = next((c[1] for c in children if isinstance(c, tuple) and c[0] == "applies"), None)
        wins = next((c[1] for c in children if isinstance(c, tuple) and c[0] == "wins"), None)
        alternative = next((c[1] for c in children if isinstance(c, tuple) and c[0] == "alternative"), None)
        if alternative is not None and any(isinstance(c, tuple) and c[0] == "alternative_whole" for c in children):
            alternative = attrs.evolve(alternative, whole_votes=True)
        pool_only = any(isinstance(c, tuple) and c[0] == "pool_only" for c in children)
        whole_votes = any(isinstance(c, tuple) and c[0] == "whole_votes" for c in children)
        base_level = next((c[1] for c in children if isinstance(c, tuple) and c[0] == "base_level"), None)
        kept = ("applies", "wins", "alternative", "pool_only", "base_level", "whole_votes", "alternative_whole")
        children = [c for c in children if not (isinstance(c, tuple) and c[0] in kept)]
        where = _first(children, tuple)
        return ast.Threshold(
            comparator=next((c for c in children if isinstance(c, str) and not isinstance(c, Token)), None),
            number=_first(children, ast.Number),
            base=_first(children, (ast.Name, ast.BaseSum)),
            level=where[1],
            at_least_units=where[2] if len(where) > 2 else None,
            alternative_wins=wins,
            applies_to=applies,
            alternative=alternative,
            pool_only=pool_only,
            base_level=base_level,
            whole_votes=whole_votes,
            span=self.span(meta),
        )

    def whole_votes(self, meta: Meta, children: list[Any]) -> tuple[str]:
        """`, rounded down to whole votes`: the votes needed are the whole part of the share of the base."""
        return ("whole_votes",)

    def alternative_whole(self, meta: Meta, children: list[Any]) -> tuple[str]:
        """`, rounded down to whole votes` after an alternative share: the alternative's votes needed."""
        return ("alternative_whole",)

    def base_level(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Name]:
        """`of the nation`: the level of the enclosing unit whose count the threshold's base is."""
        return ("base_level", self.name(children[0]))

    def allocate_divisors(self, meta: Meta, children: list[ast.Number]) -> ast.Allocate:
        span = self.span(meta)
        return ast.Allocate(method=ast.Words(words=("divisors",), span=span), divisors=tuple(children), span=span)

    def allocate_quota(self, meta: Meta, children: list[Any]) -> ast.Allocate:
        """`allocate by the quota of votes over seats plus 2 rounded down, with largest remainders` (`of
        valid_votes`, `of the votes of the lists that qualify`: the quota's base written out)."""
        span = self.span(meta)
        base = children[0][1]
        offset = self.whole(children[1])
        rounding = children[2] if len(children) == 4 else "none"
        leftover: str = children[-1] if isinstance(children[-1], str) else "none"
        part: ast.Number | None = children[-1][1] if isinstance(children[-1], tuple) else None
        words = ("the", "quota", "of", "votes", "over", "seats", "plus", str(offset))
        return ast.Allocate(
            method=ast.Words(words=words, span=span),
            quota=(offset, rounding, leftover),
            quota_base=base,
            quota_part=part,
            span=span,
        )

    def quota_of_votes(self, meta: Meta, children: list[Any]) -> tuple[str, None]:
        return ("quota_base", None)

    def quota_of_count(self, meta: Meta, children: list[Token]) -> tuple[str, ast.QuotaBase]:
        return ("quota_base", ast.QuotaBase(count=self.name(children[0]), span=self.span(meta)))

    def quota_of_qualifying(self, meta: Meta, children: list[Any]) -> tuple[str, ast.QuotaBase]:
        return ("quota_base", ast.QuotaBase(count=None, span=self.span(meta)))

    def quota_base(self, meta: Meta, children: list[Any]) -> tuple[str, ast.QuotaBase | None]:
        return children[0]  # type: ignore[no-any-return]

    def rounded_up(self, meta: Meta, children: list[Any]) -> str:
        return "up"

    def rounded_down(self, meta: Meta, children: list[Any]) -> str:
        return "down"

    def rounded_nearest(self, meta: Meta, children: list[Any]) -> str:
        return "nearest"

    def leftover_remainders(self, meta: Meta, children: list[Any]) -> str:
        return "largest remainders"

    def leftover_averages(self, meta: Meta, children: list[Any]) -> str:
        return "highest averages"

    def leftover_none(self, meta: Meta, children: list[Any]) -> str:
        return "none"

    def leftover_part(self, meta: Meta, children: list[Any]) -> tuple[str, ast.Number]:
        """`full quotas and one more seat for a remainder of at least 75% of a quota` (Estonia): the seats still
        left are left over."""
        return ("part", children[0])

    def leftover_remainder_divisors(self, meta: Meta, children: list[Any]) -> str:
        return "d'hondt on the remainders"

    def raised_next(self, meta: Meta, children: list[Any]) -> str:
        """`raised to the next whole number` (in every case, a whole quotient too: its whole part plus 1)."""
        return "down_plus_one"

    def allocate(self, meta: Meta, children: list[Any]) -> ast.Allocate:
        """`allocate by <method>`; `allocate by hare quota of valid_votes and largest remainders`: the method's
        phrase is the words around the quota's base."""
        phrases = _all(children, ast.Words)
        base = _first(children, tuple)
        if not base:
            return ast.Allocate(method=phrases[0], span=self.span(meta))
        first, rest = phrases[0], phrases[-1]
        if len(phrases) == 1:
            return ast.Allocate(method=first, quota_base=base[1], span=self.span(meta))
        written = base[1] if base[1] is None else attrs.evolve(base[1], after=rest.words)
        start, end = first.span, rest.span
        whole = Span(start.source, start.line, start.column, end.end_line, end.end_column)
        method = ast.Words(words=first.words + rest.words, span=whole)
        return ast.Allocate(method=method, quota_base=written, span=self.span(meta))

    def ties(self, meta: Meta, children: list[ast.Words]) -> ast.Ties:
        return ast.Ties(rules=tuple(children), span=self.span(meta))

    def excess_redistributed(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("excess", "redistributed")

    def excess_vacant(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("excess", "vacant")

    def excess_to_remainders(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("excess", "remainders")

    def cap(self, meta: Meta, children: list[Any]) -> ast.Cap:
        excess = _first(children, tuple)
        return ast.Cap(number=children[0], excess=excess[1] if excess else None, span=self.span(meta))

    def exhaustion(self, meta: Meta, children: list[Any]) -> ast.Exhaustion:
        excess = _first(children, tuple)
        return ast.Exhaustion(excess=excess[1] if excess else None, span=self.span(meta))

    def multiplier(self, meta: Meta, children: list[Any]) -> ast.Multiplier:
        below = children[1] if len(children) > 1 else None
        return ast.Multiplier(factor=children[0], below=below, span=self.span(meta))

    def multiplier_below(self, meta: Meta, children: list[Any]) -> ast.Threshold:
        """`, for lists with less than 3% of BASE nationally`: kept as the threshold those lists fail."""
        number, base = children[0], children[1]
        return ast.Threshold(comparator="at least", number=number, base=base, level=None, span=self.span(meta))

    def bonus(self, meta: Meta, children: list[Any]) -> ast.Bonus:
        return ast.Bonus(seats=children[0], condition=children[1] if len(children) > 1 else None, span=self.span(meta))

    def sliding_bonus(self, meta: Meta, children: list[Any]) -> ast.Bonus:
        seats, comparator, number, base, per_step, step, most = children
        span = self.span(meta)
        rule = ast.Threshold(comparator=comparator, number=number, base=base, level=None, span=span)
        return ast.Bonus(
            seats=seats,
            condition=None,
            threshold=rule,
            per_step=self.whole(per_step),
            step=step,
            most=self.whole(most),
            span=span,
        )

    def adjustment(self, meta: Meta, children: list[Any]) -> ast.Adjustment:
        seats, comparator, number, base, *rest = children
        won = next((c for c in rest if isinstance(c, tuple) and not isinstance(c, ast.Name)), None)
        method = next(c for c in rest if isinstance(c, ast.Words))
        continued = next((c for c in rest if isinstance(c, ast.Name)), None)
        span = self.span(meta)
        rule = ast.Threshold(comparator=comparator, number=number, base=base, level=None, span=span)
        return ast.Adjustment(
            seats=seats, threshold=rule, method=method, seats_won=won, continued_after=continued, span=span
        )

    def adjustment_count(self, meta: Meta, children: list[Token]) -> int:
        return self.whole(children[0])

    def adjustment_left_over(self, meta: Meta, children: list[Any]) -> None:
        """`the seats left over as adjustment seats`: as many as the districts' full quotas left."""
        return None

    def adjustment_continued(self, meta: Meta, children: list[Token]) -> ast.Name:
        """`, each list's series continued after its district seats`: the level whose seats the series continues."""
        return self.name(children[0])

    def adjustment_seats_won(self, meta: Meta, children: list[Any]) -> tuple[int, ast.Name]:
        return self.whole(children[0]), self.name(children[1])

    def placement(self, meta: Meta, children: list[Any]) -> ast.Placement:
        return ast.Placement(level=self.name(children[0]), method=children[1], span=self.span(meta))

    def placement_by_list(self, meta: Meta, children: list[Any]) -> ast.PlacementByList:
        return ast.PlacementByList(level=self.name(children[0]), method=children[1], span=self.span(meta))

    def surplus_return(self, meta: Meta, children: list[Any]) -> ast.SurplusReturn:
        smallest = children[1] if len(children) > 1 else None
        return ast.SurplusReturn(level=self.name(children[0]), smallest=smallest, span=self.span(meta))

    def surplus_smallest(self, meta: Meta, children: list[Any]) -> tuple[ast.Name, int]:
        return self.name(children[0]), self.whole(children[1])

    def minimum(self, meta: Meta, children: list[Any]) -> ast.Minimum:
        return ast.Minimum(number=children[0], span=self.span(meta))

    def pooled(self, meta: Meta, children: list[Any]) -> ast.Pooled:
        then = next((c for c in children if isinstance(c, ast.PoolThen)), None)
        parties_only = any(c == ("pool", "parties only") for c in children if isinstance(c, tuple))
        return ast.Pooled(method=children[0], parties_only=parties_only, then=then, span=self.span(meta))

    def pool_parties(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("pool", "parties only")

    def pool_then(self, meta: Meta, children: list[Any]) -> ast.PoolThen:
        return ast.PoolThen(
            comparator=next(c for c in children if isinstance(c, str) and not isinstance(c, Token)),
            number=_first(children, ast.Number),
            base=_first(children, (ast.Name, ast.BaseSum)),
            span=self.span(meta),
        )

    def pool_only(self, meta: Meta, children: list[Any]) -> tuple[str, bool]:
        return ("pool_only", True)

    def reserved_seat(self, meta: Meta, children: list[Any]) -> ast.ReservedSeat:
        seats, minority, comparator, number, base = children
        span = self.span(meta)
        rule = ast.Threshold(comparator=comparator, number=number, base=base, level=None, span=span)
        return ast.ReservedSeat(seats=self.whole(seats), minority=self.whole(minority), threshold=rule, span=span)

    def biproportional(self, meta: Meta, children: list[Any]) -> ast.Biproportional:
        voter_numbers = len(children) > 1 and children[1] is not None
        return ast.Biproportional(method=children[0], voter_numbers=voter_numbers, span=self.span(meta))

    def voter_numbers(self, meta: Meta, children: list[Any]) -> bool:
        return True

    def distribute(self, meta: Meta, children: list[Any]) -> ast.Distribute:
        return ast.Distribute(level=self.name(children[0]), method=children[1], span=self.span(meta))

    def agreements(self, meta: Meta, children: list[Any]) -> ast.Agreements:
        return ast.Agreements(span=self.span(meta))

    def mixed(self, meta: Meta, children: list[str]) -> ast.Mixed:
        return ast.Mixed(overhang=children[0], span=self.span(meta))

    def mixed_counted(self, meta: Meta, children: list[Any]) -> ast.Mixed:
        return ast.Mixed(overhang="counted", span=self.span(meta))

    def overhang_kept(self, meta: Meta, children: list[Any]) -> str:
        return "kept"

    def overhang_levelled(self, meta: Meta, children: list[Any]) -> str:
        return "levelled"

    def stable_majority(self, meta: Meta, children: list[Any]) -> ast.StableMajority:
        held = children[1] if len(children) > 1 else None
        return ast.StableMajority(share=children[0], held=held, span=self.span(meta))

    def seats_held(self, meta: Meta, children: list[Any]) -> ast.SeatsHeld:
        return ast.SeatsHeld(comparator=children[0], share=children[1], span=self.span(meta))

    def opposition_seats(self, meta: Meta, children: list[ast.Number]) -> ast.OppositionSeats:
        return ast.OppositionSeats(share=children[0], span=self.span(meta))

    def majority_seat(self, meta: Meta, children: list[Any]) -> ast.MajoritySeat:
        comparator, number, base, seats = children
        span = self.span(meta)
        rule = ast.Threshold(comparator=comparator, number=number, base=base, level=None, span=span)
        return ast.MajoritySeat(threshold=rule, seats=seats, span=span)

    def minority_seats(self, meta: Meta, children: list[Any]) -> ast.MinoritySeats:
        seats, method, vacant = children
        return ast.MinoritySeats(seats=self.whole(seats), method=method, vacant=vacant, span=self.span(meta))

    def minority_next(self, meta: Meta, children: list[Any]) -> bool:
        return False

    def minority_vacant(self, meta: Meta, children: list[Any]) -> bool:
        return True

    def rerun_open(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("rerun", "may stand again")

    def rerun_barred(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("rerun", "barred")

    def rerun(self, meta: Meta, children: list[Any]) -> ast.Rerun:
        candidates = _first(children, tuple)
        return ast.Rerun(condition=children[0], candidates=candidates[1] if candidates else None, span=self.span(meta))

    def valid_if(self, meta: Meta, children: list[Any]) -> ast.ValidIf:
        return ast.ValidIf(condition=children[0], span=self.span(meta))

    def valid_always(self, meta: Meta, children: list[Any]) -> ast.ValidAlways:
        return ast.ValidAlways(span=self.span(meta))

    def quota(self, meta: Meta, children: list[ast.Words]) -> ast.Quota:
        return ast.Quota(name=children[0], span=self.span(meta))

    def surplus(self, meta: Meta, children: list[Any]) -> ast.Surplus:
        rounding = _first(children, tuple)
        return ast.Surplus(
            method=children[0],
            places=rounding[1] if rounding else None,
            up=bool(rounding and rounding[0] == "up"),
            span=self.span(meta),
        )

    def rounded_down_places(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Number]:
        return ("down", self.integer(meta, [children[0]]))

    def rounded_up_places(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Number]:
        return ("up", self.integer(meta, [children[0]]))

    def bulk_exclusion(self, meta: Meta, children: list[Any]) -> ast.BulkExclusion:
        return ast.BulkExclusion(span=self.span(meta))

    def gender_limit(self, meta: Meta, children: list[Any]) -> ast.GenderLimit:
        return ast.GenderLimit(number=children[0], span=self.span(meta))

    def majority_continuing(self, meta: Meta, children: list[Any]) -> ast.MajorityBase:
        return ast.MajorityBase(of="continuing", span=self.span(meta))

    def majority_all(self, meta: Meta, children: list[Any]) -> ast.MajorityBase:
        return ast.MajorityBase(of="all", span=self.span(meta))

    def effect_passed_over(self, meta: Meta, children: list[Any]) -> str:
        return "passed over"

    def effect_exhausts(self, meta: Meta, children: list[Any]) -> str:
        return "exhausts"

    def effect_invalid(self, meta: Meta, children: list[Any]) -> str:
        return "invalid"

    def ballot_skipped(self, meta: Meta, children: list[str]) -> ast.SkippedRanks:
        return ast.SkippedRanks(fault="skipped", effect=children[-1], span=self.span(meta))

    def ballot_skipped_run(self, meta: Meta, children: list[Any]) -> ast.SkippedRanks:
        run = self.integer(meta, [children[0]])
        return ast.SkippedRanks(fault="skipped", effect=children[-1], run=run, span=self.span(meta))

    def ballot_overvote(self, meta: Meta, children: list[str]) -> ast.Overvotes:
        return ast.Overvotes(fault="overvote", effect=children[-1], span=self.span(meta))

    def ballot_repeated(self, meta: Meta, children: list[str]) -> ast.RepeatedCandidates:
        return ast.RepeatedCandidates(fault="repeated", effect=children[-1], span=self.span(meta))

    def elect(self, meta: Meta, children: list[ast.Words]) -> ast.Elect:
        return ast.Elect(rule=children[0], span=self.span(meta))

    def label(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Name]:
        token = children[0]
        if token.type == "NAME":
            return ("label", self.name(token))
        span = self.token_span(token)  # a LABEL token: the name and its colon
        return ("label", ast.Name(text=str(token)[:-1], span=attrs.evolve(span, end_column=span.end_column - 1)))

    def clause(self, meta: Meta, children: list[Any]) -> ast.Clause:
        label = _first(children, tuple)
        body = next(c for c in children if not isinstance(c, (tuple, ast.Citation, ast.Text)))
        return ast.Clause(
            label=label[1] if label else None,
            body=body,
            citation=_first(children, ast.Citation),
            assumption=_first(children, ast.Text),
            span=self.span(meta),
        )

    def all_votes(self, meta: Meta, children: list[Any]) -> ast.AllVotes:
        return ast.AllVotes(span=self.span(meta))

    def relation_sum(self, meta: Meta, children: list[Any]) -> tuple[tuple[int, ast.Expr], ...]:
        signs = [1] + [-1 if str(c) == "-" else 1 for c in children if isinstance(c, Token)]
        terms = [c for c in children if not isinstance(c, Token)]
        return tuple(zip(signs, terms, strict=True))

    def relation_guard(self, meta: Meta, children: list[Any]) -> tuple[str, ast.Condition]:
        return ("guard", children[0])

    def relation_action(self, meta: Meta, children: list[Token]) -> ast.Text:
        return self.text(children[0])

    def severity_error(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("severity", "error")

    def severity_warning(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("severity", "warning")

    def relation(self, meta: Meta, children: list[Any]) -> ast.Relation:
        tagged = dict(c for c in children if isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], str))
        sums = [c for c in children if isinstance(c, tuple) and not (len(c) == 2 and isinstance(c[0], str))]
        tokens = [c for c in children if isinstance(c, Token)]
        return ast.Relation(
            left=sums[0],
            operator=str(tokens[0]),
            right=sums[1],
            level=self.name(tokens[1]),
            guard=tagged.get("guard"),
            severity=tagged["severity"],
            action=next((c for c in children if isinstance(c, ast.Text)), None),
            span=self.span(meta),
        )

    def relation_clause(self, meta: Meta, children: list[Any]) -> ast.Clause:
        return self.clause(meta, children)

    def relations_block(self, meta: Meta, children: list[Any]) -> ast.RelationsBlock:
        return ast.RelationsBlock(
            id=self.name(children[0]),
            title=self.text(children[1]),
            clauses=_all(children, ast.Clause),
            span=self.span(meta),
        )

    def contest_block(self, meta: Meta, children: list[Any]) -> ast.Contest:
        return ast.Contest(
            id=self.name(children[0]),
            title=self.text(children[1]),
            clauses=_all(children, ast.Clause),
            span=self.span(meta),
        )

    # ---- examples -----------------------------------------------------------------------------------

    def value_count(self, meta: Meta, children: list[Token]) -> ast.Value:
        return ast.Value(count=self.whole(children[0]), at_most=None, span=self.span(meta))

    def bound_at_most(self, meta: Meta, children: list[Token]) -> tuple[int | None, int | None]:
        return None, self.whole(children[0])

    def bound_at_least(self, meta: Meta, children: list[Token]) -> tuple[int | None, int | None]:
        return self.whole(children[0]), (self.whole(children[1]) if len(children) > 1 else None)

    def value_unpublished(self, meta: Meta, children: list[Any]) -> ast.Value:
        low, high = children[0] if children else (None, None)
        return ast.Value(count=None, at_most=high, at_least=low, span=self.span(meta))

    def value_no_poll(self, meta: Meta, children: list[Any]) -> ast.Value:
        return ast.Value(count=None, at_most=None, span=self.span(meta), no_poll=True)

    def given_count(self, meta: Meta, children: list[Any]) -> ast.GivenCount:
        return ast.GivenCount(name=self.name(children[0]), value=children[1], span=self.span(meta))

    def given_votes(self, meta: Meta, children: list[Any]) -> ast.GivenVotes:
        return ast.GivenVotes(selection=self.text(children[0]), value=children[1], span=self.span(meta))

    def given_attribute(self, meta: Meta, children: list[Token]) -> ast.GivenAttribute:
        return ast.GivenAttribute(
            name=self.name(children[0]),
            selection=self.text(children[1]),
            value=self.whole(children[2]),
            span=self.span(meta),
        )

    def parent_unit(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Text]:
        return ("parent", self.text(children[0]))

    def given_ballots(self, meta: Meta, children: list[Any]) -> ast.GivenBallots:
        return ast.GivenBallots(count=self.whole(children[0]), ranks=tuple(children[1:]), span=self.span(meta))

    def mark_candidate(self, meta: Meta, children: list[Token]) -> str | None:
        return str(children[0])[1:-1]

    def mark_skip(self, meta: Meta, children: list[Token]) -> str | None:
        return None

    def mark_overvote(self, meta: Meta, children: list[Token]) -> str | None:
        return "*"

    def given_line(self, meta: Meta, children: list[Any]) -> ast.Given:
        parent = _first(children, tuple)
        return ast.Given(
            level=self.name(children[0]),
            unit=self.text(children[1]),
            parent=parent[1] if parent else None,
            items=tuple(
                c
                for c in children
                if isinstance(c, (ast.GivenCount, ast.GivenVotes, ast.GivenAttribute, ast.GivenBallots))
            ),
            span=self.span(meta),
        )

    def expect_qualifies(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(kind="qualifies", selection=self.text(children[0]), span=self.span(meta))

    def expect_excluded(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(kind="excluded", selection=self.text(children[0]), span=self.span(meta))

    def expect_seats(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(
            kind="seats", selection=self.text(children[0]), seats=self.whole(children[1]), span=self.span(meta)
        )

    def expect_seats_in(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(
            kind="seats in",
            selection=self.text(children[0]),
            seats=self.whole(children[1]),
            region=self.text(children[2]),
            span=self.span(meta),
        )

    def expect_adjustment(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(
            kind="adjustment", selection=self.text(children[0]), seats=self.whole(children[1]), span=self.span(meta)
        )

    def expect_adjustment_in(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(
            kind="adjustment in",
            selection=self.text(children[0]),
            seats=self.whole(children[1]),
            region=self.text(children[2]),
            span=self.span(meta),
        )

    def expect_wins(self, meta: Meta, children: list[Token]) -> ast.Expectation:
        return ast.Expectation(kind="wins", selection=self.text(children[0]), span=self.span(meta))

    def expect_status(self, meta: Meta, children: list[ast.Words]) -> ast.Expectation:
        return ast.Expectation(kind="status", status=children[0], span=self.span(meta))

    def expect_rerun(self, meta: Meta, children: list[Any]) -> ast.Expectation:
        return ast.Expectation(kind="rerun", span=self.span(meta))

    def expect_line(self, meta: Meta, children: list[Any]) -> ast.Expect:
        parent = _first(children, tuple)
        return ast.Expect(
            contest=self.name(children[0]),
            unit=parent[1] if parent else None,
            items=_all(children, ast.Expectation),
            span=self.span(meta),
        )

    def example_block(self, meta: Meta, children: list[Any]) -> ast.Example:
        return ast.Example(
            id=self.name(children[0]),
            title=self.text(children[1]),
            citation=_first(children, ast.Citation),
            givens=_all(children, ast.Given),
            expects=_all(children, ast.Expect),
            span=self.span(meta),
        )

    # ---- specifications ------------------------------------------------------------------------------

    def spec_for_lists(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("scope", "lists")

    def spec_for_candidates(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("scope", "candidates")

    def rationale(self, meta: Meta, children: list[Token]) -> tuple[str, ast.Text]:
        return ("rationale", self.text(children[0]))

    def property_condition(self, meta: Meta, children: list[ast.Words]) -> tuple[str, ast.Words]:
        return ("condition", children[0])

    def property_line(self, meta: Meta, children: list[Any]) -> ast.PropertyDecl:
        label = next(c for c in children if isinstance(c, tuple) and c[0] == "label")
        rationale = next((c for c in children if isinstance(c, tuple) and c[0] == "rationale"), None)
        condition = next((c for c in children if isinstance(c, tuple) and c[0] == "condition"), None)
        return ast.PropertyDecl(
            label=label[1],
            phrase=_first(children, ast.Words),
            condition=condition[1] if condition else None,
            citation=_first(children, ast.Citation),
            rationale=rationale[1] if rationale else None,
            span=self.span(meta),
        )

    def spec_block(self, meta: Meta, children: list[Any]) -> ast.Spec:
        scopes = [c[1] for c in children if isinstance(c, tuple) and c[0] == "scope"]
        return ast.Spec(
            id=self.name(children[0]),
            title=self.text(children[1]),
            citation=_first(children, ast.Citation),
            scope=scopes[0] if scopes else None,
            properties=_all(children, ast.PropertyDecl),
            span=self.span(meta),
        )

    def amends_decl(self, meta: Meta, children: list[Any]) -> ast.AmendsDecl:
        return ast.AmendsDecl(
            path=self.text(children[0]), citation=_first(children, ast.Citation), span=self.span(meta)
        )

    def replace_line(self, meta: Meta, children: list[Any]) -> ast.Amendment:
        return ast.Amendment(action="replace", clause=children[0], label=None, citation=None, span=self.span(meta))

    def add_line(self, meta: Meta, children: list[Any]) -> ast.Amendment:
        return ast.Amendment(action="add", clause=children[0], label=None, citation=None, span=self.span(meta))

    def remove_line(self, meta: Meta, children: list[Any]) -> ast.Amendment:
        return ast.Amendment(
            action="remove",
            clause=None,
            label=self.name(children[0]),
            citation=_first(children, ast.Citation),
            span=self.span(meta),
        )

    def amend_block(self, meta: Meta, children: list[Any]) -> ast.AmendBlock:
        titles = self._texts(children)
        return ast.AmendBlock(
            contest=self.name(children[0]),
            title=titles[0] if titles else None,
            changes=_all(children, ast.Amendment),
            span=self.span(meta),
        )

    def known_failure(self, meta: Meta, children: list[Any]) -> ast.KnownFailure:
        return ast.KnownFailure(
            spec=self.name(children[0]),
            label=self.name(children[1]),
            reason=self.text(children[2]),
            citation=_first(children, ast.Citation),
            span=self.span(meta),
        )

    # ---- the file -----------------------------------------------------------------------------------

    def start(self, meta: Meta, children: list[Any]) -> ast.RuleFile:
        return ast.RuleFile(
            language_version=children[0],
            election=_all(children, ast.ElectionHeader),
            sources=_all(children, ast.SourceDecl),
            levels=_all(children, ast.LevelDecl),
            counts=_all(children, ast.CountDecl),
            contests=_all(children, ast.Contest),
            examples=_all(children, ast.Example),
            specs=_all(children, ast.Spec),
            known_failures=_all(children, ast.KnownFailure),
            amends=_all(children, ast.AmendsDecl),
            relations=_all(children, ast.RelationsBlock),
            amend_blocks=_all(children, ast.AmendBlock),
            span=self.span(meta),
        )


def to_ast(tree: Tree[Token], source: SourceFile) -> ast.RuleFile:
    """Transform a parse tree of `source` into its AST; raises RuleFileError with every problem no node can
    hold (docs/contracts.md, section 7)."""
    transformer = ToAst(source)
    rule_file = transformer.transform(tree)
    if transformer.problems:
        raise RuleFileError(tuple(transformer.problems))
    return rule_file
