"""Clauses of which lists qualify: thresholds, and the fallbacks when too few lists (or too small a share)
qualify. `threshold_rule` also checks the thresholds inside bonus, adjustment and reserved-seat clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..syntax import ast

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def threshold(cc: ContestChecker, body: ast.Threshold, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    rule = threshold_rule(cc, body, provenance)
    if rule is None:
        return {}
    return {"pool_thresholds": rule} if rule.pool_only else {"thresholds": rule}


def fallback(cc: ContestChecker, body: ast.Fallback, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"fallback": model.FallbackRule(body.fewer_than, body.take, provenance, body.at_least)}


def share_fallback(
    cc: ContestChecker, body: ast.ShareFallback, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    target = ast.Threshold(comparator="at least", number=body.share, base=body.base, level=None, span=body.span)
    rule = threshold_rule(cc, target, provenance)
    return {} if rule is None else {"share_fallback": (rule.share, rule.base, provenance)}


def threshold_rule(cc: ContestChecker, body: ast.Threshold, provenance: model.Provenance) -> model.ThresholdRule | None:
    """A threshold with its comparison, share and base (E404, E403 and the checks of names and levels)."""
    ok = True
    if body.comparator is None:
        cc.c.fail(
            "E404",
            body.span,
            "the threshold does not say whether the share must be reached or exceeded",
            hint=f"write `threshold at least {body.number.text} ...` (a share equal to it passes) or "
            f"`threshold more than {body.number.text} ...`",
        )
        ok = False
    share = cc.c.share(body.number, "a threshold")
    if body.base is None:
        cc.c.fail(
            "E403",
            body.span,
            "the threshold does not say what it is a share of",
            hint=f"name the base the law measures it on, e.g. `{body.number.text} of voters_took_part` "
            "or `of valid_votes`; ballotlaw never assumes one",
        )
        ok = False
    elif not _base_on_levels(cc, body, body.base):
        ok = False
    if body.level is not None and not cc.c.known_level(body.level):
        ok = False
    base_level = _base_level(cc, body) if body.base_level is not None else None
    if body.base_level is not None and base_level is None:
        ok = False
    alternative = _alternative(cc, body, provenance) if body.alternative is not None else None
    jointly = body.applies_to is not None and body.applies_to[0] == "minorities jointly"
    if body.whole_votes and (body.pool_only or jointly):
        cc.c.fail(
            "E406",
            body.span,
            "a threshold rounded down to whole votes decides who qualifies in the districts and the nation; "
            + ("a pool's threshold" if body.pool_only else "a joint threshold of national minorities")
            + " measures the exact share",
            hint="remove `, rounded down to whole votes`, or write the threshold without "
            + ("`, only for the seats left over`" if body.pool_only else "`jointly`"),
        )
        ok = False
    if share is None or not ok or (body.alternative is not None and alternative is None):
        return None
    assert body.base is not None and body.comparator is not None
    return model.ThresholdRule(
        provenance,
        body.comparator == "at least",
        share,
        body.number.text,
        body.base.text,
        body.level.text if body.level else None,
        _applies_to(body.applies_to),
        body.at_least_units,
        body.alternative_wins,
        alternative,
        body.pool_only,
        base_level,
        body.whole_votes,
    )


def _measured_level(cc: ContestChecker, body: ast.Threshold) -> str | None:
    """The level of the units a threshold measures a list in: its own `in every LEVEL`, else the contest's level
    (the top level for `nationally` in a contest decided in every district)."""
    if body.level is not None:
        return body.level.text
    if cc.every and cc.level is not None:
        return next((lv.name for lv in cc.c.levels.values() if lv.rank == 0), cc.level)
    return cc.level


def _base_level(cc: ContestChecker, body: ast.Threshold) -> str | None:
    """`of registered_voters of the nation in every region`: the base is the count of the unit of that level that
    encloses each unit measured (E283 where the level does not enclose them)."""
    written = body.base_level
    assert written is not None
    if not cc.c.known_level(written):
        return None
    measured = _measured_level(cc, body)
    levels = cc.c.levels
    if measured is None or measured not in levels:
        return None
    if levels[written.text].rank >= levels[measured].rank:
        cc.c.fail(
            "E283",
            written.span,
            f"the base is counted in the {written.text}, which is not above the units the threshold measures the "
            f"lists in (units of `{measured}`)",
            hint=f"name a level above `{measured}` (`of registered_voters of the nation in every region`), or "
            "leave `of the ...` out to count the base where the list is measured",
        )
        return None
    return written.text


def _alternative(cc: ContestChecker, body: ast.Threshold, provenance: model.Provenance) -> model.ThresholdRule | None:
    """`, or at least 20% of valid_votes in at least 4 county`: the other test a list may pass instead (E322 where
    it is measured where the threshold itself is, or joins a joint list of national minorities)."""
    other = body.alternative
    assert other is not None
    rule = threshold_rule(cc, other, provenance)
    if rule is None:
        return None
    same = (other.level.text if other.level else None) == (body.level.text if body.level else None)
    if same and other.at_least_units == body.at_least_units:
        cc.c.fail(
            "E322",
            other.span,
            "the alternative is measured where the threshold itself is: one of the two shares always decides",
            hint="the law's alternative is a share elsewhere, e.g. `, or at least 20% of valid_votes in at least 4 "
            "county`; for a lower share write the threshold once",
        )
        return None
    if body.applies_to is not None and body.applies_to[0] == "minorities jointly":
        cc.c.fail(
            "E322",
            other.span,
            "a threshold for national minorities standing jointly takes no alternative",
            hint="write the alternative as its own threshold clause, or without `jointly`",
        )
        return None
    return rule


def _base_on_levels(cc: ContestChecker, body: ast.Threshold, base: ast.Name | ast.BaseSum) -> bool:
    """Whether the base is a declared count (each count of a sum or difference, and no count twice); E216 where
    one is not declared on a level it is measured on."""
    if isinstance(base, ast.BaseSum):
        known = [_base_on_levels(cc, body, name) for name in base.names]
        seen = [name.text for name in base.names]
        twice = next((name for name in base.names if seen.count(name.text) > 1), None)
        if twice is not None:
            cc.c.fail(
                "E282",
                twice.span,
                f"`{twice.text}` is written twice in the base `{base.text}`",
                hint="name each count once: `of valid_votes - none_of_the_above`",
            )
            return False
        return all(known)
    count = cc.c.known_count(base)
    if count is None:
        return False
    if body.base_level is not None:  # counted in the enclosing unit only (`of registered_voters of the nation`)
        if body.base_level.text in cc.c.levels:
            cc.c.count_on_level(base, count, body.base_level.text)
        return True
    measured = cc.level if body.level is not None else _measured_level(cc, body)
    if measured is not None:
        cc.c.count_on_level(base, count, measured)
    if body.level is not None and body.level.text in cc.c.levels:
        cc.c.count_on_level(base, count, body.level.text)
    return True


def _applies_to(written: tuple[str, int, int | None] | None) -> model.AppliesTo | None:
    """Which lists a threshold binds, from the clause's `for ...` phrase (None: every list)."""
    if written is None:
        return None
    kind, low, high = written
    if kind == "members":
        return model.Members(low, high)
    if kind == "independent":
        return model.Independents()
    if kind == "not minority":
        return model.ExceptMinorities()
    if kind == "minorities jointly":
        return model.MinoritiesJointly(low)
    raise AssertionError(f"a threshold for {kind!r}: the grammar has no such phrase")
