"""Every diagnostic code ballotlaw can report, with its slug and severity (docs/contracts.md, section 2).

Tests assert codes, never wording. A code, once published, keeps its meaning.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Code:
    """A stable diagnostic code."""

    code: str
    slug: str
    severity: str  # "error" or "warning"
    summary: str


_TABLE = (
    # E1xx: syntax (the file does not parse)
    Code("E101", "unexpected-token", "error", "a word or symbol that cannot stand here"),
    Code("E102", "unexpected-character", "error", "a character the language does not use"),
    Code("E103", "unexpected-end", "error", "the file ends inside a block or a clause"),
    Code("E104", "comma-decimal", "error", "a decimal comma; the language uses a decimal point"),
    Code("E105", "percent-apart", "error", "a space between a number and its percent sign"),
    Code("E106", "unclosed-citation", "error", "a citation without its closing bracket"),
    Code("E107", "missing-language-line", "error", "the file does not start with `ballotlaw 1`"),
    Code("E108", "unterminated-string", "error", "a quoted text without its closing quote"),
    Code("E109", "missing-end", "error", "a block is not closed with `end`"),
    Code("E110", "unreadable-file", "error", "the file is not UTF-8 text"),
    Code("E111", "number-too-long", "error", "a number of more digits than any law writes (over 40)"),
    Code("E112", "too-many-conditions", "error", "more than 100 conditions joined by `and` or by `or`"),
    Code("E113", "zero-denominator", "error", "a fraction over 0, such as `1/0`"),
    # E2xx: names and types
    Code("E201", "unknown-source", "error", "a citation names a source that is not declared"),
    Code("E202", "unknown-level", "error", "a level that is not declared"),
    Code("E203", "unknown-count", "error", "a count that is not declared"),
    Code(
        "E204",
        "unknown-method",
        "error",
        "an allocation method ballotlaw does not know: a named one, `the quota of votes over seats plus N ...` "
        "or `divisors 1.4, 3, 5`",
    ),
    Code("E205", "unknown-tie-rule", "error", "a tie rule ballotlaw does not know"),
    Code("E206", "unknown-contest", "error", "an example refers to a contest that does not exist"),
    Code("E207", "unknown-election-rule", "error", "a rule for electing candidates ballotlaw does not know"),
    Code("E208", "unknown-property", "error", "a property or condition a specification cannot check"),
    Code("E210", "percent-expected", "error", "a plain number where the law gives a percent"),
    Code("E211", "count-expected", "error", "a percent where a count or number of seats is expected"),
    Code("E212", "whole-number-expected", "error", "a fraction where a whole number is expected"),
    Code("E213", "seats-not-positive", "error", "a number of seats of zero"),
    Code("E214", "percent-out-of-range", "error", "a percent above 100%"),
    Code("E215", "count-out-of-range", "error", "a count above 2^63 - 1"),
    Code("E216", "count-not-on-level", "error", "a count used on a level it is not declared on"),
    Code("E217", "leader-mismatch", "error", "the leading list in a contest of candidates, or the reverse"),
    Code("E218", "unsupported-language-version", "error", "a language version this engine does not read"),
    Code("E219", "bad-sliding-bonus", "error", "a sliding bonus with a step of 0% or a start above its most"),
    Code("E220", "numbers-contradict", "error", "numbers of a clause that contradict it or the seats"),
    Code("E221", "not-a-date", "error", "a polling day or in-force date that is no day of the calendar"),
    Code("E260", "ranked-clause-misplaced", "error", "a clause of ranked ballots its election rule does not use"),
    Code("E261", "unknown-quota", "error", "a quota of a single transferable vote ballotlaw does not know"),
    Code("E262", "unknown-transfer", "error", "a surplus transfer ballotlaw does not know"),
    Code("E263", "bad-rounding", "error", "decimal places a transfer cannot use, or Meek's method unrounded"),
    Code("E264", "bad-ballot-rule", "error", "a rule for faulty rankings that cannot apply as written"),
    Code("E280", "quota-base-without-quota", "error", "the base of a quota written for a method that has no quota"),
    Code(
        "E281",
        "leftover-rule-contradicts-method",
        "error",
        "seats left over given to the most votes where the method leaves none over or already gives them",
    ),
    Code("E282", "count-twice-in-base", "error", "a base that adds or takes away the same count twice"),
    Code("E283", "base-level-not-enclosing", "error", "a threshold's base counted in a level that does not enclose it"),
    # E3xx: citations and labels
    Code("E301", "missing-citation", "error", "a clause without a citation"),
    Code("E302", "duplicate-label", "error", "two clauses of one block with the same label"),
    Code("E303", "duplicate-source", "error", "a source declared twice"),
    Code("E304", "bad-source-url", "error", "a source whose address is not an http(s) URL"),
    Code("E305", "empty-assumption", "error", "an assumption that says nothing"),
    Code("E306", "amended-file-not-found", "error", "the law this file amends cannot be read"),
    Code("E307", "unknown-clause-label", "error", "an amendment names a clause the earlier law does not have"),
    Code("E308", "amends-itself", "error", "a chain of amendments that comes back to a file it started from"),
    Code("E309", "amendment-chain-too-long", "error", "a chain of more than 64 amending files"),
    Code("E310", "amended-not-a-rule-file", "error", "the file an `amends` line names is not a rule file"),
    Code("E311", "example-bounds-crossed", "error", "an example's `not published (at least L, at most H)`, L > H"),
    Code("E320", "gender-limit-never-applies", "error", "a limit of seats per gender of 0, or not below the seats"),
    Code("E321", "gender-limit-without-plurality", "error", "a limit of seats per gender without `elect by plurality`"),
    Code("E322", "alternative-threshold-same-place", "error", "a threshold's alternative measured where it is itself"),
    Code("E340", "votes-tie-key-twice", "error", "a tie rule that ranks by the votes twice (more and fewer votes)"),
    Code("E341", "divisor-powers-rounded", "error", "divisors 1, 2^0.9, 3^0.9, ... written rounded, not exactly"),
    # E4xx: structure and conflicts; W4xx: warnings
    Code("E401", "conflict", "error", "two clauses define the same thing for the same case"),
    Code("E402", "missing-clause", "error", "a contest lacks a clause the engine needs"),
    Code("E403", "threshold-without-base", "error", "a threshold that does not say what it is a share of"),
    Code("E404", "threshold-without-comparison", "error", "a threshold that does not say `at least` or `more than`"),
    Code("E405", "cap-without-excess-rule", "error", "a cap that does not say what happens to seats above it"),
    Code("E406", "clause-not-applicable", "error", "a clause that does not apply to this kind of contest"),
    Code("E407", "duplicate-declaration", "error", "a level, count, contest or example declared twice"),
    Code("E408", "missing-election-header", "error", "no `election` block"),
    Code("W401", "no-validity-rule", "warning", "a contest that does not say when it is valid"),
    Code("W402", "no-tie-rule", "warning", "a contest that does not say how ties are broken"),
    Code("W403", "unused-source", "warning", "a declared source that no clause cites"),
    # D1xx: results data
    Code("D101", "unreadable-data", "error", "the results file cannot be read"),
    Code("D102", "bad-header", "error", "the CSV header is not the one the format requires"),
    Code("D103", "not-a-count", "error", "a value that is not a count"),
    Code("D104", "count-out-of-range", "error", "a count above 2^63 - 1"),
    Code("D105", "unknown-level", "error", "a level the rule file does not declare"),
    Code("D106", "unknown-count", "error", "a count the rule file does not declare"),
    Code("D107", "duplicate-figure", "error", "the same figure given twice"),
    Code("D108", "unknown-parent", "error", "a unit whose parent is not in the file"),
    Code("D109", "inconsistent-unit", "error", "a unit given with two levels or two parents"),
    Code("D110", "not-published-not-allowed", "error", "`not published` for a figure the rule file requires"),
    Code("D111", "count-not-on-level", "error", "a count given on a level it is not declared on"),
    Code(
        "D112",
        "bad-attribute",
        "error",
        "a selection attribute that is not a whole number in its range (positive; 0 allowed for counts and flags)",
    ),
    Code("D113", "bad-json", "error", "the JSON does not have the results form"),
    Code("D114", "missing-field", "error", "a row without a required field"),
    Code("D115", "empty-file", "error", "a results file with no figures"),
    Code("D116", "unknown-data-source", "error", "a row cites a source the file does not declare"),
    Code("D117", "bad-share", "error", "a published share that is not a percentage between 0 and 100"),
    Code("D118", "bad-mapping", "error", "a mapping file of a wide CSV that cannot be used"),
    Code(
        "D119", "bad-nist-report", "error", "a NIST SP 1500-100 report that cannot be read as results of the rule file"
    ),
    Code("D120", "unknown-selection", "error", "an attribute of a list or candidate the unit has no votes for"),
    Code("D121", "unit-cycle", "error", "units that lie in each other, or a unit that is its own parent"),
    Code("D122", "too-many-units", "error", "more units of a level than the rule file declares it to have"),
    Code("D123", "parent-not-above", "error", "a unit whose parent is of its own level or of a level below it"),
    Code("D140", "bad-blt", "error", "a BLT ballot file that cannot be read"),
    Code("D141", "unknown-ballot-candidate", "error", "a ranking names a candidate the ballots do not have"),
    Code("D142", "bad-ballot-count", "error", "a number of ballots that is not a whole number from 1 to 2^63 - 1"),
    Code("D143", "ballots-too-large", "error", "ballots beyond the bounds read: ranks, candidates or rankings"),
    Code("D144", "bad-ballots-csv", "error", "a ballots CSV whose header or rows do not have the form"),
    Code("D145", "bad-ballots-json", "error", "ballots in JSON (results form, cast vote records) that cannot be read"),
    Code("D146", "ballots-seats-mismatch", "error", "a ballot file for another number of seats than the rule file's"),
    Code("D147", "ballots-unit-unclear", "error", "a ballot file whose unit the rule file does not determine"),
    Code("D160", "bounds-crossed", "error", "`not published (at least L, at most H)` with L above H"),
    Code("W101", "absent-figure", "warning", "a figure the rule file needs that the data does not mention"),
    Code("W102", "not-in-nist", "warning", "a figure not published, which a NIST report cannot carry, is left out"),
    Code("W103", "indicators-not-computed", "warning", "counts too large for the forensic indicators' arithmetic"),
    # C1xx: the results' own arithmetic (control relations); C9xx: what could not be checked
    Code("C101", "sum-mismatch", "error", "a unit's figure differs from the sum of its children's"),
    Code("C102", "took-part-above-registered", "error", "more voters took part than are registered"),
    Code("C103", "valid-above-took-part", "error", "more valid votes than voters who took part"),
    Code("C104", "votes-above-valid", "error", "the votes of the selections add up to more than the valid votes"),
    Code("C105", "shares-above-whole", "error", "published shares of one unit add up to more than 100%"),
    Code("C106", "share-mismatch", "error", "a published share differs from its list's votes over the base"),
    Code("C110", "relation-violated", "error", "a control relation of the rule file does not hold"),
    Code("C111", "relation-implausible", "warning", "a plausibility relation of the rule file does not hold"),
    Code("C901", "sums-not-checked", "warning", "a level whose sums cannot be checked: not every unit is given"),
    # X1xx: example blocks
    Code("X101", "example-without-expect", "error", "an example that asserts nothing"),
    Code("X102", "duplicate-given", "error", "an example gives the same figure twice"),
    Code("X103", "example-failed", "error", "an example's expectation does not hold"),
    Code("X104", "example-unknown-parent", "error", "an example gives a unit inside a unit it does not give"),
    Code("X105", "example-unit-unclear", "error", "an expectation that does not say which unit it is about"),
    Code("X106", "example-unit-cycle", "error", "an example gives units that lie in each other, or a unit in itself"),
    Code("X107", "example-parent-not-above", "error", "an example gives a unit inside one of its own level or below"),
    Code("X108", "example-too-many-units", "error", "an example gives more units of a level than the law declares"),
)

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def lookup(code: str) -> Code:
    """The code's entry; an unknown code is a defect in the engine."""
    return CODES[code]
