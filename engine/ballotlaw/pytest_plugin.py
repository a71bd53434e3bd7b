"""pytest plugin (registered by entry point): `pytest rules/ specs/` collects rule files and specifications.

- every example block of a `.rules` file becomes a test item (a rule file that does not check is one failing
  item, with its diagnostics);
- every property of a `.spec` file becomes a test item for each rule file under `rules/` with a contest it is
  for; the item searches for a counterexample and fails with it, or is an expected failure when the rule file
  declares it a known failure. The search draws `--ballotlaw-examples N` elections (ini `ballotlaw_examples`,
  default 300) from `--ballotlaw-seed N` (ini `ballotlaw_seed`, default 0): the same options, the same search.

Only files under the folders of the ini option `ballotlaw_paths` (default: `rules specs`) or named on the
command line are collected, so malformed rule files kept as test data elsewhere are left alone.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from .api import load_law
from .diagnostics.render import render_diagnostics
from .errors import FindingsError
from .examples import run_examples
from .model import Law, Spec, SpecProperty

MAX_SEED = 2**32 - 1  # as `ballotlaw verify --seed`
MAX_EXAMPLES = 10_000_000  # as `ballotlaw verify --examples`


@attrs.frozen
class SearchSettings:
    """How each property item searches: generated elections per property and rule file, and the seed."""

    examples: int
    seed: int


SETTINGS = pytest.StashKey[SearchSettings]()


def _whole(low: int, high: int) -> Callable[[str], int]:
    """A parser of a whole number from `low` to `high` (a command-line option's type)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip(), 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


_EXAMPLES = _whole(1, MAX_EXAMPLES)
_SEED = _whole(0, MAX_SEED)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ballotlaw", "ballotlaw: rule files and specifications")
    group.addoption(
        "--ballotlaw-examples",
        type=_EXAMPLES,
        default=None,
        metavar="N",
        help="generated elections per property and rule file (default: ini ballotlaw_examples, or 300)",
    )
    group.addoption(
        "--ballotlaw-seed",
        type=_SEED,
        default=None,
        metavar="N",
        help=f"seed of the search for counterexamples, 0 to {MAX_SEED} (default: ini ballotlaw_seed, or 0)",
    )
    parser.addini(
        "ballotlaw_paths",
        "folders whose .rules and .spec files pytest collects",
        type="args",
        default=["rules", "specs"],
    )
    parser.addini("ballotlaw_examples", "generated elections per property and rule file", default="300")
    parser.addini("ballotlaw_seed", "seed of the search for counterexamples", default="0")


def _setting(config: pytest.Config, name: str, parse: Callable[[str], int]) -> int:
    given = config.getoption(f"--{name.replace('_', '-')}")
    if given is not None:
        return int(given)
    value = config.getini(name)
    try:
        return parse(str(value))
    except argparse.ArgumentTypeError as error:
        raise pytest.UsageError(f"ini option {name} = {value}: {error}") from None


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SETTINGS] = SearchSettings(
        _setting(config, "ballotlaw_examples", _EXAMPLES), _setting(config, "ballotlaw_seed", _SEED)
    )


def _wanted(path: Path, config: pytest.Config) -> bool:
    if any(Path(arg).resolve() == path.resolve() for arg in config.args):
        return True
    root = config.rootpath
    return any(path.resolve().is_relative_to((root / folder).resolve()) for folder in config.getini("ballotlaw_paths"))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".rules" and _wanted(file_path, parent.config):
        return RulesFile.from_parent(parent, path=file_path)
    if file_path.suffix == ".spec" and _wanted(file_path, parent.config):
        return SpecFile.from_parent(parent, path=file_path)
    return None


class BallotlawFailure(Exception):
    """A failure to report in the words of the law, without a Python traceback."""


class _Item(pytest.Item):
    #: Items of rule files take no fixtures; other plugins' hooks (pytest-lsp's) expect the attribute on every item.
    funcargs: dict[str, object] = {}  # noqa: RUF012 - never mutated

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, BallotlawFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))


def _relative(path: Path, config: pytest.Config) -> str:
    try:
        return path.resolve().relative_to(config.rootpath.resolve()).as_posix()
    except ValueError:
        return str(path)


class RulesFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        path = _relative(self.path, self.config)
        try:
            law, _ = load_law(path)
        except FindingsError as error:
            yield CheckItem.from_parent(self, name="check", diagnostics=render_diagnostics(error.diagnostics))
            return
        for example in law.examples:
            yield ExampleItem.from_parent(self, name=example.id.text, law=law, example_id=example.id.text)


class CheckItem(_Item):
    def __init__(self, *, diagnostics: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.diagnostics = diagnostics

    def runtest(self) -> None:
        raise BallotlawFailure(self.diagnostics)


class ExampleItem(_Item):
    def __init__(self, *, law: Law, example_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.law = law
        self.example_id = example_id

    def runtest(self) -> None:
        for result in run_examples(self.law):
            if result.example.id.text == self.example_id and not result.passed:
                raise BallotlawFailure(render_diagnostics(result.failures))

    def reportinfo(self) -> tuple[Path, int, str]:
        example = next(e for e in self.law.examples if e.id.text == self.example_id)
        return self.path, example.span.line - 1, f"example {self.example_id}: {example.title.text}"


class SpecFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            spec_law, _ = load_law(_relative(self.path, self.config))
        except FindingsError as error:
            yield CheckItem.from_parent(self, name="check", diagnostics=render_diagnostics(error.diagnostics))
            return
        for rules in sorted(Path(self.config.rootpath / "rules").rglob("*.rules")):
            relative = _relative(rules, self.config)
            try:
                law, _ = load_law(relative)
            except FindingsError:
                continue  # reported by the rule file's own `check` item
            for spec in spec_law.specs:
                for contest in law.contests:
                    if contest.competitors != spec.scope:
                        continue
                    for prop in spec.properties:
                        yield PropertyItem.from_parent(
                            self,
                            name=f"{relative}::{contest.id}::{prop.provenance.label}",
                            law=law,
                            rules=relative,
                            contest=contest.id,
                            spec=spec,
                            prop=prop,
                        )


class PropertyItem(_Item):
    def __init__(self, *, law: Law, rules: str, contest: str, spec: Spec, prop: SpecProperty, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.law, self.rules, self.contest_id, self.spec, self.prop = law, rules, contest, spec, prop

    def runtest(self) -> None:
        from .verify.report import example_block
        from .verify.runner import verify_contest

        contest = self.law.contest(self.contest_id)
        assert contest is not None
        search = self.config.stash[SETTINGS]
        only = attrs.evolve(self.spec, properties=(self.prop,))
        (result,) = verify_contest(self.law, contest, only, search.examples, seed=search.seed)
        if result.status == "not applicable":
            pytest.skip(result.note)
        if result.violation is None:
            return
        text = (
            f"{self.prop.provenance.full_label} ({self.prop.phrase}) fails for {self.rules}, "
            f"contest {self.contest_id}:\n  {result.violation.summary}\n"
            + "".join(f"  {line}\n" for line in result.violation.details)
            + "counterexample, as an example block:\n"
            + example_block(self.law, result)
            + f"(found with --ballotlaw-examples {search.examples} --ballotlaw-seed {search.seed})\n"
        )
        if result.status == "known failure":
            pytest.xfail(f"known failure: {self.law.known_failures[self.prop.provenance.full_label]}")
        raise BallotlawFailure(text)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.prop.provenance.span.line - 1, f"{self.prop.provenance.full_label} on {self.rules}"
