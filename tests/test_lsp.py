"""The language server (issue 17, item 4), driven end to end over stdio by pytest-lsp as an editor drives it:
`ballotlaw lsp` is started as a child process and spoken to in the Language Server Protocol."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parent.parent
MISTAKES = ROOT / "tests" / "errors" / "bad" / "three_semantic_mistakes.rules"
KG_2021 = ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"
KG_2015 = ROOT / "rules" / "kg" / "jogorku-kenesh-2015.rules"
DIAGNOSTICS_WITHIN = 1.0  # seconds: the bound for diagnostics after opening a file


def _command() -> list[str]:
    """`ballotlaw lsp`, the console script beside this interpreter when installed so, else the module."""
    script = Path(sys.executable).parent / "ballotlaw"
    if script.exists():
        return [str(script), "lsp"]
    found = shutil.which("ballotlaw")
    return [found, "lsp"] if found else [sys.executable, "-m", "ballotlaw.cli", "lsp"]


# pytest_lsp.fixture has no annotations: the one untyped decorator of the tests
@pytest_lsp.fixture(config=ClientServerConfig(server_command=_command()))  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=ROOT.as_uri(), workspace_folders=None
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(client: LanguageClient, uri: str, timeout: float = 5.0) -> list[types.Diagnostic]:
    """The next diagnostics published for `uri`, within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"no diagnostics for {uri} within {timeout} s"
        params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), left)
        if params.uri == uri:
            return list(params.diagnostics)


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    content = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="ballotlaw", version=1, text=content)
        )
    )
    return uri


def _replace(client: LanguageClient, uri: str, version: int, line: int, start: int, end: int, text: str) -> None:
    """Replace characters [start, end) of 0-based `line`, as an editor sends a keystroke."""
    where = types.Range(start=types.Position(line=line, character=start), end=types.Position(line=line, character=end))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=text)],
        )
    )


def _at(path: Path, needle: str, offset: int = 0) -> types.Position:
    """The 0-based position of `needle` (plus `offset` characters) in the file, as an editor gives it."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if needle in line:
            return types.Position(line=number, character=line.index(needle) + offset)
    raise AssertionError(f"{needle!r} not in {path}")


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


@pytest.mark.asyncio
async def test_diagnostics_on_open_and_on_change(client: LanguageClient) -> None:
    """Open the file of three mistakes: E211 at its position within 1 s (with E203 and E201); fix each, and the
    diagnostics go, down to none."""
    started = time.monotonic()
    uri = _open(client, MISTAKES)
    found = await _diagnostics(client, uri, timeout=DIAGNOSTICS_WITHIN)
    assert time.monotonic() - started < DIAGNOSTICS_WITHIN
    by_code = {d.code: d for d in found}
    assert set(by_code) == {"E211", "E203", "E201"}
    e211 = by_code["E211"]
    assert (e211.range.start.line, e211.range.start.character) == (23, 8)  # 24:9, as `ballotlaw check` says
    assert e211.severity == types.DiagnosticSeverity.Error and e211.source == "ballotlaw"
    assert (by_code["E203"].range.start.line, by_code["E203"].range.start.character) == (24, 27)
    assert "help:" in by_code["E203"].message and "voters_took_part" in by_code["E203"].message

    _replace(client, uri, 2, 23, 8, 11, "10")  # `seats 10%` -> `seats 10`
    assert {d.code for d in await _diagnostics(client, uri)} == {"E203", "E201"}
    _replace(client, uri, 3, 24, 27, 42, "voters_took_part")
    start = _at(MISTAKES, "[akt Art. 6]", 1)
    _replace(client, uri, 4, start.line, start.character, start.character + 3, "act")
    assert await _diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_diagnostics_name_related_positions(client: LanguageClient) -> None:
    """A diagnostic with a related place (two clauses defining the same thing) carries it as related
    information, at its line."""
    text = MISTAKES.read_text(encoding="utf-8")
    text = text.replace("seats 10%", "seats 10").replace("voters_tookpart", "voters_took_part")
    text = text.replace("[akt Art. 6]", "[act Art. 6]").replace(
        "  ties broken by lot", "  allocate by sainte-lague divisors   [act Art. 6]\n  ties broken by lot"
    )
    uri = _open(client, MISTAKES, text)
    found = await _diagnostics(client, uri)
    conflict = next(d for d in found if d.code in ("E401", "E302"))
    assert conflict.related_information, conflict
    assert conflict.related_information[0].location.uri == uri
    assert conflict.related_information[0].location.range.start.line == _at(MISTAKES, "allocate by").line


@pytest.mark.asyncio
async def test_positions_are_counted_as_the_editor_counts_them(client: LanguageClient) -> None:
    """A character outside the Basic Multilingual Plane counts as two UTF-16 units: a mistake after one on the
    same line is underlined where the editor shows it, not one character early."""
    before = 'count voters_took_part "voters who took part" on nation, region'
    after = 'count voters_took_part "voters \U0001f5f3 who took part" on nation, regio'
    text = MISTAKES.read_text(encoding="utf-8").replace(before, after)
    uri = _open(client, MISTAKES, text)
    found = await _diagnostics(client, uri)
    unknown = next(d for d in found if d.code == "E202")
    line = text.split("\n")[unknown.range.start.line]
    assert line.startswith(after)
    assert unknown.range.start.character == line.index("regio") + 1  # the emoji is two units
    assert unknown.range.end.character == line.index("regio") + 1 + len("regio")


@pytest.mark.asyncio
async def test_hover_and_definition_of_a_count_and_a_source(client: LanguageClient) -> None:
    """Hover on a count names its declaration; on a source, its title and address; go to definition lands on
    the declarations."""
    uri = _open(client, MISTAKES)
    await _diagnostics(client, uri)
    where = _at(MISTAKES, "rerun if against_all", 9)
    shown = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=where))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "count against_all on nation" in shown.contents.value
    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=_doc(uri), position=where)
    )
    assert isinstance(target, types.Location) and target.uri == uri
    assert target.range.start == _at(MISTAKES, "count against_all", 6)

    cite = _at(MISTAKES, "[act Art. 7]", 2)
    shown = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=cite))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "Election Act of Testland" in shown.contents.value and "https://example.org/act" in shown.contents.value
    target = await client.text_document_definition_async(types.DefinitionParams(text_document=_doc(uri), position=cite))
    assert isinstance(target, types.Location) and target.range.start == _at(MISTAKES, "source act", 7)


@pytest.mark.asyncio
async def test_an_amendment_leads_to_the_clause_it_replaces(client: LanguageClient) -> None:
    """In the 2021 law, `replace seats 54` goes to `seats 120` of the 2015 law it amends, and hover shows that
    clause with its citation; a source declared only in the 2015 file is found there."""
    uri = _open(client, KG_2021)
    assert await _diagnostics(client, uri) == []
    where = _at(KG_2021, "replace seats 54", 9)
    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=_doc(uri), position=where)
    )
    assert isinstance(target, types.Location) and target.uri == KG_2015.as_uri()
    assert target.range.start == _at(KG_2015, "seats 120")
    shown = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=where))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "seats 120" in shown.contents.value and "law2015_art64" in shown.contents.value

    inherited = _at(KG_2021, "[law2015_art37 Art. 37(3)(1); utrk]", 3)
    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=_doc(uri), position=inherited)
    )
    assert isinstance(target, types.Location) and target.uri == KG_2015.as_uri()
    assert target.range.start == _at(KG_2015, "source law2015_art37", 7)

    method = _at(KG_2021, "ties broken by earlier registration", 17)
    shown = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=method))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "registered earlier" in shown.contents.value


@pytest.mark.asyncio
async def test_completion_offers_what_the_grammar_accepts(client: LanguageClient) -> None:
    """At the start of a clause: the clause keywords; after `of`: the declared counts; in a citation: the
    declared sources; after `allocate by`: the methods."""
    text = MISTAKES.read_text(encoding="utf-8").replace("  seats 10%", "  \n  seats 10%")  # before the unfinished line
    text = text.replace("  ties broken by lot", "  threshold at least 3% of \n  ties broken by lot")
    uri = _open(client, MISTAKES, text)
    await _diagnostics(client, uri)
    lines = text.split("\n")
    blank = lines.index("  ")

    async def offered(line: int, character: int) -> set[str]:
        found = await client.text_document_completion_async(
            types.CompletionParams(text_document=_doc(uri), position=types.Position(line=line, character=character))
        )
        items = found.items if isinstance(found, types.CompletionList) else found or []
        return {item.label for item in items}

    at_clause = await offered(blank, 2)
    assert {"threshold", "allocate", "seats", "ties", "end"} <= at_clause
    assert "ballotlaw" not in at_clause
    after_of = lines.index("  threshold at least 3% of ")
    assert {"voters_took_part", "against_all"} <= await offered(after_of, len(lines[after_of]))
    cite = next(n for n, line in enumerate(lines) if "[act Art. 5]" in line)
    assert "act" in await offered(cite, lines[cite].index("[act") + 1)
    allocate = next(n for n, line in enumerate(lines) if "allocate by" in line)
    assert "sainte-lague divisors" in await offered(allocate, lines[allocate].index("by") + 3)


@pytest.mark.asyncio
async def test_document_symbols(client: LanguageClient) -> None:
    """The outline: contests with their clauses, the amended contest with its changes, the examples."""
    uri = _open(client, KG_2021)
    await _diagnostics(client, uri)
    found = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=_doc(uri)))
    assert found is not None
    names = {s.name: s for s in found if isinstance(s, types.DocumentSymbol)}
    assert {"districts", "amend contest national_list", "threshold_base", "against_all_wins"} <= set(names)
    assert [c.name for c in names["districts"].children or []] == [
        "compete",
        "seats",
        "elect",
        "ties",
        "against_all",
        "annulled",
        "valid",
    ]
    assert "replace national_threshold" in [c.name for c in names["amend contest national_list"].children or []]
    assert names["districts"].kind == types.SymbolKind.Class


@pytest.mark.asyncio
async def test_formatting(client: LanguageClient) -> None:
    """Formatting gives the formatter's text (ballotlaw.fmt) as one edit of the whole document, or no edit when
    it is already formatted; a file that does not parse is left alone."""
    text = KG_2021.read_text(encoding="utf-8").replace("  replace seats 54  ", "  replace   seats 54")
    uri = _open(client, KG_2021, text)
    await _diagnostics(client, uri)
    options = types.FormattingOptions(tab_size=2, insert_spaces=True)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=_doc(uri), options=options)
    )
    if importlib.util.find_spec("ballotlaw.fmt") is None:
        assert edits is None  # no formatter in this engine
        return
    from ballotlaw.fmt import format_text  # type: ignore[import-not-found,unused-ignore]

    expected = format_text(text)
    assert edits is not None
    if expected == text:
        assert list(edits) == []
    else:
        assert len(edits) == 1 and edits[0].new_text == expected
        lines = text.split("\n")
        assert edits[0].range.start == types.Position(line=0, character=0)
        assert edits[0].range.end == types.Position(line=len(lines) - 1, character=len(lines[-1]))
    broken = _open(client, MISTAKES.with_name("broken.rules"), "ballotlaw 1\ncontest\n")
    await _diagnostics(client, broken)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=_doc(broken), options=options)
    )
    assert not edits


@pytest.mark.asyncio
async def test_hostile_text_is_diagnosed_not_fatal(client: LanguageClient) -> None:
    """Text that is not a rule file (a Cyrillic keyword, a lone surrogate, nothing at all) gets diagnostics;
    the server keeps answering."""
    for number, text in enumerate(["ballotlaw 1\nорун 10\n", "ballotlaw 1\nsource \ud800 x\n", "", "\x00\x1b[2J"]):
        uri = _open(client, MISTAKES.with_name(f"hostile-{number}.rules"), text)
        found = await _diagnostics(client, uri)
        assert found and all(d.code for d in found), (text, found)
    uri = _open(client, MISTAKES)
    assert {d.code for d in await _diagnostics(client, uri)} == {"E211", "E203", "E201"}
