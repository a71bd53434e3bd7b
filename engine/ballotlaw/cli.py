"""The `ballotlaw` command: thin wrappers over the API with the exit codes of docs/contracts.md, 1.1.

0 done; 1 findings in the input (diagnostics printed); 2 usage; 3 internal error (a defect).
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from importlib import import_module
from pathlib import Path
from typing import TypeVar

import click

from . import __version__
from .api import load_law, load_results, run
from .api import validate as api_validate
from .diagnostics.diagnostic import Diagnostic
from .diagnostics.render import render_diagnostics
from .errors import FindingsError, UsageError
from .i18n import LANGUAGES
from .integrity import DEFAULT_TURNOUT, universal_checks
from .output import Unwritable, check_folder, discard, flush_all, harden_streams, put, say, write_output
from .render.escape import escape, escape_lines
from .render.jsonform import diagnostics_json, dumps, outcome_json, trace_json, validation_json

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

T = TypeVar("T")


def report(diagnostics: tuple[Diagnostic, ...], as_json: bool, to_stdout: bool = False) -> None:
    """Print diagnostics: JSON on stdout when asked, else text on stderr (or stdout for `check`)."""
    if as_json:
        put(diagnostics_json(diagnostics), machine=True)
    elif diagnostics:
        text = render_diagnostics(diagnostics) + "\n"
        if to_stdout:
            put(text)
        else:
            say(text)


def echo(line: str) -> None:
    """A line for people on standard output, escaped (render/escape.py)."""
    put(escape(line) + "\n")


def guarded(action: Callable[[], int]) -> int:
    """Run a verb; turn usage errors, failures to write and defects into their exit codes, never a traceback.
    A closed standard output (`| head`) ends the run quietly with exit 2."""
    try:
        code = action()
        flush_all()
        return code
    except Unwritable as error:
        discard(sys.stdout)
        if not error.quiet:
            say(f"ballotlaw: {escape(str(error))}")
        return EXIT_USAGE
    except UsageError as error:
        say(f"ballotlaw: {escape(str(error))}")
        return EXIT_USAGE
    except OSError as error:  # the system refused something (memory, processes, files): not a defect
        if error.errno == errno.EPIPE:  # a reader that has gone: nothing to say, and no one to say it to
            discard(sys.stdout)
            return EXIT_USAGE
        where = f"{error.filename}: " if error.filename else ""
        say(f"ballotlaw: {escape(where + (error.strerror or str(error)))}")
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if os.environ.get("BALLOTLAW_DEBUG") == "1":
            traceback.print_exc()
        say(
            escape(
                f"ballotlaw: internal error ({type(error).__name__}: {error}). This is a defect in ballotlaw; "
                "please report it with the files that caused it. Set BALLOTLAW_DEBUG=1 for details."
            )
        )
        return EXIT_INTERNAL


def _color(option: bool | None) -> bool:
    """`--color`/`--no-color` if given; else colour on a terminal unless NO_COLOR is set (no-color.org)."""
    if option is not None:
        return option
    return sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


json_option = click.option("--json", "as_json", is_flag=True, help="Print the versioned JSON form.")
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
color_option = click.option("--color/--no-color", default=None, help="Colour (default: only on a terminal).")
lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="The language of the text output (docs/languages.md); JSON is never localised.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ballotlaw")
def main() -> None:
    """ballotlaw: election law as rule files, evaluated exactly and explained step by step."""
    harden_streams()


@main.command()
@click.argument("rules", nargs=-1, required=True)
@json_option
def check(rules: tuple[str, ...], as_json: bool) -> None:
    """Parse and check rule files; report every problem with its position."""

    def action() -> int:
        found: list[Diagnostic] = []
        for path in rules:
            try:
                _law, warnings = load_law(path)
                found.extend(warnings)
            except FindingsError as error:
                found.extend(error.diagnostics)
        report(tuple(found), as_json, to_stdout=True)
        if not as_json and not found:
            echo(f"{len(rules)} rule file(s) checked: no problems")
        return EXIT_FINDINGS if any(d.is_error for d in found) else EXIT_OK

    sys.exit(guarded(action))


mapping_option = click.option(
    "--mapping",
    default=None,
    metavar="FILE",
    help="Read RESULTS as a wide CSV (one row per unit) through this mapping (docs/contracts.md, section 8).",
)
accept_option = click.option(
    "--accept-data-errors",
    is_flag=True,
    help="Compute the outcome even when the results' own arithmetic is wrong; it is marked not certifiable.",
)


def _evaluate(
    rules: str, results: str, as_json: bool, accept: bool = False, mapping: str | None = None
) -> tuple[object, tuple[Diagnostic, ...]] | None:
    try:
        return run(rules, results, accept_data_errors=accept, mapping=mapping)
    except FindingsError as error:
        report(error.diagnostics, as_json)
        return None


@main.command(name="run")
@click.argument("rules")
@click.argument("results")
@json_option
@output_option
@color_option
@accept_option
@mapping_option
@lang_option
def run_command(
    rules: str,
    results: str,
    as_json: bool,
    output: str | None,
    color: bool | None,
    accept_data_errors: bool,
    mapping: str | None,
    lang: str,
) -> None:
    """Apply the law in RULES to RESULTS and show the outcome."""

    def action() -> int:
        evaluated = _evaluate(rules, results, as_json, accept_data_errors, mapping)
        if evaluated is None:
            return EXIT_FINDINGS
        outcome, warnings = evaluated
        if warnings and not as_json:
            say(render_diagnostics(warnings))
        if as_json:
            text = outcome_json(outcome)  # type: ignore[arg-type]
        else:
            from .render.text import render_outcome  # rich: only for the tables

            text = render_outcome(outcome, color=_color(color) and output is None, lang=lang)  # type: ignore[arg-type]
        write_output(text, output, machine=as_json)
        return EXIT_OK

    sys.exit(guarded(action))


@main.command()
@click.argument("rules")
@click.argument("results")
@json_option
@output_option
@accept_option
@mapping_option
@lang_option
def explain(
    rules: str,
    results: str,
    as_json: bool,
    output: str | None,
    accept_data_errors: bool,
    mapping: str | None,
    lang: str,
) -> None:
    """Show every step of the evaluation with its clause, citation, numbers and decision."""

    def action() -> int:
        evaluated = _evaluate(rules, results, as_json, accept_data_errors, mapping)
        if evaluated is None:
            return EXIT_FINDINGS
        outcome, _warnings = evaluated
        from .render.explain import render_trace  # only `explain` words the trace

        text = trace_json(outcome) if as_json else render_trace(outcome, lang=lang)  # type: ignore[arg-type]
        write_output(text, output, machine=as_json)
        return EXIT_OK

    sys.exit(guarded(action))


@main.command()
@click.argument("rules")
@click.argument("results")
@json_option
@mapping_option
@click.option("--indicators", is_flag=True, help="Add the forensic indicators (never pass/fail).")
@click.option(
    "--turnout",
    default=DEFAULT_TURNOUT,
    show_default=True,
    help="Turnout for the indicators: TOOK_PART / REGISTERED, each a count or counts joined by +.",
)
def validate(rules: str, results: str, as_json: bool, mapping: str | None, indicators: bool, turnout: str) -> None:
    """Check the arithmetic of RESULTS (sums, voters, valid votes) before any outcome is computed."""
    from .render.indicators import indicators_json, render_indicators
    from .render.progress import progress_display

    def action() -> int:
        try:
            with progress_display() as step:
                done = api_validate(rules, results, mapping, step, turnout if indicators else None)
        except FindingsError as error:
            report(error.diagnostics, as_json)
            return EXIT_FINDINGS
        checked = done.report
        found = done.warnings + checked.findings
        errors = sum(1 for d in found if d.is_error)
        if as_json:
            extra = {"indicators": indicators_json(done.indicators)} if done.indicators is not None else {}
            put(
                validation_json(done.path, done.sha256, checked.checked, checked.unpublished, found, extra),
                machine=True,
            )
        else:
            if found:
                put(render_diagnostics(found) + "\n")
            verdict = f"{errors} error(s)" if errors else "no errors"
            unchecked = f", {checked.unpublished} not checked (figures not published)" if checked.unpublished else ""
            echo(f"{results}: {checked.checked} relation(s) checked{unchecked}, {verdict}")
            if done.indicators is not None:
                put("\n" + render_indicators(done.indicators) + "\n")
        return EXIT_FINDINGS if errors else EXIT_OK

    sys.exit(guarded(action))


@main.command()
@click.argument("rules")
@click.argument("results")
@click.option("--to", "target", type=click.Choice(["nist", "csv"]), required=True, help="The format to write.")
@mapping_option
@output_option
@click.option("--issuer", default="", help="NIST: the body that issues the report.")
@click.option("--issuer-abbreviation", default="", help="NIST: its abbreviation.")
@click.option("--status", default="", help="NIST: certified, unofficial-complete, unofficial-partial, ...")
@click.option("--generated", default="", help="NIST: when the report is issued, e.g. 2021-12-15T18:00:00+06:00.")
@click.option("--election-date", default=None, help="NIST: YYYY-MM-DD (default: the rule file's polling day).")
@click.option("--election-type", default="general", show_default=True, help="NIST: the ElectionType.")
@click.option("--language", default="en", show_default=True, help="NIST: the language of names.")
def convert(
    rules: str,
    results: str,
    target: str,
    mapping: str | None,
    output: str | None,
    issuer: str,
    issuer_abbreviation: str,
    status: str,
    generated: str,
    election_date: str | None,
    election_type: str,
    language: str,
) -> None:
    """Write RESULTS in another format: a NIST SP 1500-100 v2 report, or the long CSV. Results whose own
    arithmetic is wrong are refused: a converted file is a publication."""

    def action() -> int:
        try:
            law, _rule_warnings = load_law(rules)
            loaded, _data_warnings = load_results(law, results, mapping)
        except FindingsError as error:
            report(error.diagnostics, False)
            return EXIT_FINDINGS
        checked = universal_checks(law, loaded)
        if checked.has_errors:
            report(checked.findings, False)
            return EXIT_FINDINGS
        if loaded.ballots:  # neither form has ranked ballots: converting would drop them
            raise UsageError(f"{results}: ranked ballots have no {target.upper()} form; keep the ballot file")
        if target == "csv":
            from .results.write import to_csv

            write_output(to_csv(loaded), output, machine=True)
            return EXIT_OK
        from .results.nist_write import ReportMeta, to_nist

        meta = ReportMeta(issuer, issuer_abbreviation, status, generated, language, election_type, election_date)
        document, left_out = to_nist(law, loaded, meta)
        write_output(dumps(document), output, machine=True)
        if left_out:
            say(render_diagnostics(left_out))
        return EXIT_OK

    sys.exit(guarded(action))


@main.command(name="test")
@click.argument("rules", nargs=-1, required=True)
def examples_command(rules: tuple[str, ...]) -> None:
    """Run the example blocks written in rule files."""
    from .examples import run_examples

    def action() -> int:
        passed = failed = 0
        problems: list[Diagnostic] = []
        for path in rules:
            try:
                law, _warnings = load_law(path)
            except FindingsError as error:
                problems.extend(error.diagnostics)
                failed += 1
                continue
            for result in run_examples(law):
                mark = "passed" if result.passed else "FAILED"
                example = result.example
                echo(f"{mark}  {path}:{example.span.line}  {example.id.text}: {example.title.text}")
                problems.extend(result.failures)
                passed += result.passed
                failed += not result.passed
        if problems:
            say(render_diagnostics(tuple(problems)))
        echo(f"examples: {passed} passed, {failed} failed")
        return EXIT_FINDINGS if failed else EXIT_OK

    sys.exit(guarded(action))


@main.command()
@click.argument("old_rules", metavar="OLD")
@click.argument("new_rules", metavar="NEW")
@click.argument("results")
@json_option
@output_option
@accept_option
def diff(
    old_rules: str, new_rules: str, results: str, as_json: bool, output: str | None, accept_data_errors: bool
) -> None:
    """Compare two versions of a law on the same results, clause by clause; exit 1 when they differ. Results
    whose own arithmetic is wrong are refused, as `run` refuses them."""
    from .diff import compare_on, render_text, to_json
    from .render.jsonform import dumps

    def action() -> int:
        try:
            old, _ = load_law(old_rules)
            new, _ = load_law(new_rules)
            found, warnings = compare_on(old, new, results, accept_data_errors)
        except FindingsError as error:
            report(error.diagnostics, as_json)
            return EXIT_FINDINGS
        if warnings and not as_json:
            sys.stderr.write(render_diagnostics(warnings) + "\n")
        text = (
            dumps(to_json(found, old_rules, new_rules, results))
            if as_json
            else escape_lines(render_text(found, old_rules, new_rules, results))
        )
        write_output(text, output, machine=as_json)
        return EXIT_FINDINGS if found.differs else EXIT_OK

    sys.exit(guarded(action))


def _default_spec() -> str:
    """The folder of the standard specifications: BALLOTLAW_SPECS if set, else the copy an installed package
    carries (ballotlaw/specs/), else specs/ of the checkout the engine runs from. Shown relative to the
    current folder when it is inside it."""
    configured = os.environ.get("BALLOTLAW_SPECS")
    here = Path(__file__).resolve().parent
    candidates = [Path(configured)] if configured else [here / "specs", here.parent.parent / "specs"]
    folder = next((c.resolve() for c in candidates if c.is_dir() and any(c.glob("*.spec"))), None)
    if folder is None:
        raise UsageError("no standard specifications found; name one with --spec FILE")
    cwd = Path.cwd().resolve()
    return str(folder.relative_to(cwd)) if folder.is_relative_to(cwd) else str(folder)


@main.command()
@click.argument("rules")
@click.option("--spec", "spec_path", default=None, help="A spec file (default: every standard spec in specs/).")
@click.option(
    "--examples",
    "-n",
    type=click.IntRange(1, 10_000_000),
    default=1000,
    show_default=True,
    help="Generated elections per contest.",
)
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=0, show_default=True, help="Seed of the search.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes to search in (0 is not allowed; use the number of cores).",
)
@click.option(
    "--save", "save_dir", default="counterexamples", show_default=True, help="Folder for counterexample files."
)
@click.option(
    "--differs",
    "old_rules",
    default=None,
    metavar="OLD",
    help="Instead of properties: search for results on which OLD and RULES give different outcomes.",
)
@json_option
def verify(
    rules: str,
    spec_path: str | None,
    examples: int,
    seed: int,
    jobs: int,
    save_dir: str,
    old_rules: str | None,
    as_json: bool,
) -> None:
    """Search for results on which the law breaks a property of a specification."""
    from .model import Spec
    from .verify.report import nothing_checked, render_json, render_text, save
    from .verify.runner import PropertyResult, verify_parallel
    from .verify.runner import verify as run_verify

    if old_rules is not None:
        sys.exit(guarded(lambda: _differs(old_rules, rules, examples, seed, save_dir, as_json)))

    def action() -> int:
        check_folder(save_dir, "counterexamples")
        try:
            law, _ = load_law(rules)
            paths = [spec_path] if spec_path else sorted(str(p) for p in Path(_default_spec()).glob("*.spec"))
            spec_laws = [(path, load_law(path)[0]) for path in paths]
        except FindingsError as error:
            report(error.diagnostics, as_json)
            return EXIT_FINDINGS
        results: list[PropertyResult] = []
        for path, spec_law in spec_laws:
            if jobs > 1:
                results.extend(verify_parallel(rules, path, examples, seed, jobs))
                continue
            specs = spec_law.specs

            def work(tick: Callable[[int], None] | None, specs: tuple[Spec, ...] = specs) -> list[PropertyResult]:
                return run_verify(law, specs, examples, seed, tick)

            total = examples * sum(1 for c in law.contests for sp in specs if sp.scope == c.competitors)
            results.extend(_with_progress(work, total))
        try:
            saved = {
                r.property.provenance.full_label: save(law, r, Path(save_dir), rules)
                for r in results
                if r.violation is not None
            }
        except OSError as error:
            raise UsageError(f"{save_dir}: the counterexamples cannot be saved ({error.strerror or error})") from None
        spec_names = spec_path or ", ".join(path for path, _ in spec_laws)
        nothing = nothing_checked(law, tuple(s for _, spec_law in spec_laws for s in spec_law.specs), results)
        render = render_json if as_json else render_text
        shown = render(rules, spec_names, examples, seed, results, saved, nothing)
        put(shown if as_json else escape_lines(shown), machine=as_json)
        failed = nothing is not None or any(r.status == "failed" for r in results)
        return EXIT_FINDINGS if failed else EXIT_OK

    sys.exit(guarded(action))


def _differs(old_rules: str, rules: str, examples: int, seed: int, save_dir: str, as_json: bool) -> int:
    """`verify --differs OLD NEW`: the smallest results found on which two versions of a law differ."""
    from .render.jsonform import dumps
    from .results.write import to_csv
    from .verify.runner import find_difference, shared_contests

    check_folder(save_dir, "counterexamples")
    try:
        old, _ = load_law(old_rules)
        new, _ = load_law(rules)
    except FindingsError as error:
        report(error.diagnostics, as_json)
        return EXIT_FINDINGS
    compared = shared_contests(old, new)
    nothing = None if compared else "the two laws share no contest (the same id, of the same kind)"
    differences = find_difference(old, new, examples, seed)
    folder = Path(save_dir)
    items = []
    for difference in differences:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"{save_dir}: the results cannot be saved ({error.strerror or error})") from None
        path = folder / f"{difference.contest}.differs.csv"
        comments = (
            f"Results on which {old_rules} and {rules} give different outcomes (contest {difference.contest})",
            f"old: {difference.old}",
            f"new: {difference.new}",
        )
        write_output(to_csv(difference.case.results, comments), str(path), machine=True)
        items.append(
            {"contest": difference.contest, "old": difference.old, "new": difference.new, "results": str(path)}
        )
    if as_json:
        put(
            dumps(
                {
                    "format": "ballotlaw.differs",
                    "version": 1,
                    "old": old_rules,
                    "new": rules,
                    "examples": examples,
                    "seed": seed,
                    "contests": compared,
                    "differences": items,
                    "nothing_checked": nothing,
                }
            ),
            machine=True,
        )
    else:
        lines = [f"verify --differs {old_rules} {rules}  ({examples} generated elections per contest, seed {seed})"]
        if nothing is not None:
            lines.append(f"nothing was checked: {nothing}")
        elif not items:
            lines.append(
                "no results found on which the two laws give different outcomes (contests compared: "
                + ", ".join(compared)
                + ")"
            )
        for item in items:
            lines += [
                f"contest {item['contest']}: the laws differ on {item['results']}",
                f"  old ({old_rules}): {item['old']}",
                f"  new ({rules}): {item['new']}",
                f"  replay: ballotlaw run {old_rules} {item['results']}",
                f"          ballotlaw run {rules} {item['results']}",
            ]
        put("".join(escape(line) + "\n" for line in lines))
    return EXIT_FINDINGS if items or nothing is not None else EXIT_OK


def _with_progress(work: Callable[[Callable[[int], None] | None], T], total: int) -> T:
    """Run `work` with a progress bar on a terminal (standard error), silently elsewhere."""
    if sys.stderr is None or not sys.stderr.isatty():
        return work(None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:  # never on standard output
        task = progress.add_task("generating elections", total=total)
        return work(lambda n: progress.advance(task, n))


LAZY_VERBS = {  # the verbs of their own modules: (module, command)
    "lsp": ("ballotlaw.lsp.command", "lsp_command"),
    "serve": ("ballotlaw.serve.command", "serve_command"),
    "certify": ("ballotlaw.certify.commands", "certify_command"),
    "keygen": ("ballotlaw.certify.commands", "keygen_command"),
    "recheck": ("ballotlaw.certify.commands", "recheck_command"),
    "fmt": ("ballotlaw.fmt_cli", "fmt_command"),
    "report": ("ballotlaw.report.command", "report_command"),
}


class _Verbs(MutableMapping[str, click.Command]):
    """The group's verbs; those of LAZY_VERBS are imported when first looked up, so that `run` does not pay for
    loading the certificate, server, editor and formatter code."""

    def __init__(self, loaded: MutableMapping[str, click.Command]) -> None:
        self._loaded = dict(loaded)
        self._lazy = dict(LAZY_VERBS)

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded and name in self._lazy:
            module, attribute = self._lazy.pop(name)
            command: click.Command = getattr(import_module(module), attribute)
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._lazy.pop(name, None)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name in self._lazy:
            del self._lazy[name]
        else:
            del self._loaded[name]

    def __iter__(self) -> Iterator[str]:  # the two are disjoint: a verb leaves _lazy when it is loaded or set
        yield from self._loaded
        yield from self._lazy

    def __len__(self) -> int:
        return len(self._loaded) + len(self._lazy)


main.commands = _Verbs(main.commands)  # type: ignore[attr-defined]


def entry() -> None:
    """Console-script entry point: usage errors exit 2 (click), everything else as `guarded` says."""
    main()


if __name__ == "__main__":  # pragma: no cover
    entry()
