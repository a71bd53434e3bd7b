"""What a clause kind is (`ClauseKind`), and `declare`, which registers a kind beside its check function.

A family module of check/ may declare a new clause kind where its check function is written:

    @declare(ast.LeftoverByVotes, "leftover", "the seats left over to the lists with the most votes", LISTS,
             ("leftover_by_votes",), after=leftover_fits)
    def leftover_by_votes(cc, body, clause, provenance): ...

registry.py adds the declared kinds to the entries it lists itself, so a new clause needs no edit there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from attrs import Factory, field, frozen

if TYPE_CHECKING:
    from .. import model
    from ..syntax import ast
    from .contest import ContestChecker

N = TypeVar("N")

#: What a check function returns: model.Contest field -> the rule for it.
Rules = dict[str, Any]
#: A check of the assembled contest for one of its clauses (the method, other clauses): False after an error.
After = Callable[["ContestChecker", "model.Contest", "ast.Clause"], bool]

LISTS = frozenset({"lists"})
CANDIDATES = frozenset({"candidates"})
OPTIONS = frozenset({"options"})
ANY = frozenset({"lists", "candidates", "options"})


@frozen
class ClauseKind(Generic[N]):
    """One kind of clause: see registry.py's docstring. `after`, when given, checks the assembled contest for a
    clause of this kind (what it needs of the method or of other clauses), after every clause is checked."""

    node: type[N]
    label: str
    what: str
    competitors: frozenset[str]  # empty: not a clause of a contest
    check: Callable[[ContestChecker, N, ast.Clause, model.Provenance], Rules] | None
    produces: tuple[str, ...]
    once: bool = True
    keywords: tuple[str, ...] = ()
    defines: str = field(default=Factory(lambda kind: kind.label, takes_self=True))  # unless said: the label
    after: After | None = None


#: The kinds declared beside their check functions, in the order their modules declare them.
DECLARED: list[ClauseKind[Any]] = []

F = TypeVar("F", bound=Callable[..., "Rules"])


def declare(
    node: type,
    label: str,
    what: str,
    competitors: frozenset[str],
    produces: tuple[str, ...],
    *,
    once: bool = True,
    keywords: tuple[str, ...] = (),
    defines: str | None = None,
    after: After | None = None,
) -> Callable[[F], F]:
    """Register the decorated check function as the check of a clause kind (the arguments are ClauseKind's)."""

    def register(check: F) -> F:
        kind = ClauseKind(node, label, what, competitors, check, produces, once, keywords, defines or label, after)
        DECLARED.append(kind)
        return check

    return register
