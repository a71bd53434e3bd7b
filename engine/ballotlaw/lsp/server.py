"""The language server itself: the Language Server Protocol (pygls, lsprotocol) over the analysis.

Diagnostics are published when a document is opened and shortly after each change (changes that come quickly
one after another are checked once, at the last); hover, go to definition, document symbols and completion
read the latest analysis; formatting runs the formatter (ballotlaw.fmt). Positions are converted between the
engine's columns (characters) and the editor's units (UTF-16 unless the editor asks for another).
"""

from __future__ import annotations

import asyncio
import os
import traceback

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from .. import __version__
from ..diagnostics.diagnostic import Diagnostic
from ..source import SourceFile, Span
from .analysis import Analysis, analyse
from .complete import completions
from .navigate import Symbol, definition, hover, symbols

#: Seconds to wait after a change before checking, so that a burst of keystrokes is checked once.
SETTLE = 0.1

SYMBOL_KINDS = {
    "election": types.SymbolKind.Namespace,
    "source": types.SymbolKind.Constant,
    "level": types.SymbolKind.Enum,
    "count": types.SymbolKind.Variable,
    "contest": types.SymbolKind.Class,
    "clause": types.SymbolKind.Property,
    "relations": types.SymbolKind.Struct,
    "example": types.SymbolKind.Event,
    "spec": types.SymbolKind.Interface,
    "property": types.SymbolKind.Method,
    "known failure": types.SymbolKind.Constant,
}
COMPLETION_KINDS = {
    "keyword": types.CompletionItemKind.Keyword,
    "count": types.CompletionItemKind.Variable,
    "level": types.CompletionItemKind.Enum,
    "source": types.CompletionItemKind.Reference,
    "contest": types.CompletionItemKind.Class,
    "label": types.CompletionItemKind.Property,
    "method": types.CompletionItemKind.Function,
}


class RulesServer(LanguageServer):
    """A language server for rule files, with the latest analysis of each open document."""

    def __init__(self) -> None:
        super().__init__("ballotlaw", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.analyses: dict[str, Analysis] = {}  # uri -> the analysis of its latest text
        self.parsed: dict[str, Analysis] = {}  # uri -> the latest analysis whose text parsed (for its names)
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def path_of(self, uri: str) -> str:
        return to_fs_path(uri) or uri

    def uri_of(self, path: str, analysis: Analysis, uri: str) -> str:
        if path == analysis.path:
            return uri
        return from_fs_path(os.path.abspath(path)) or path

    # ---- positions ------------------------------------------------------------------------------------------

    def position(self, span_source: SourceFile, line: int, column: int) -> types.Position:
        """A 1-based line and character column as the editor counts it."""
        text = span_source.line_text(line)
        units = self.workspace.position_codec.client_num_units(text[: max(column - 1, 0)])
        return types.Position(line=max(line - 1, 0), character=units)

    def range_of(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.source, span.line, span.column),
            end=self.position(span.source, span.end_line, span.end_column),
        )

    def location(self, span: Span, analysis: Analysis, uri: str) -> types.Location:
        return types.Location(uri=self.uri_of(span.file, analysis, uri), range=self.range_of(span))

    def cursor(self, document: TextDocument, position: types.Position) -> tuple[int, int]:
        """The editor's position as a 1-based line and character column."""
        server = self.workspace.position_codec.position_from_client_units(document.lines, position)
        return server.line + 1, server.character + 1

    # ---- analysis and diagnostics ---------------------------------------------------------------------------

    def analyse(self, uri: str) -> Analysis:
        document = self.workspace.get_text_document(uri)
        path = self.path_of(uri)
        try:
            analysis = analyse(document.source, path)
        except Exception as error:  # noqa: BLE001 - a defect in the engine must not stop the server
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=traceback.format_exc())
            )
            message = (
                f"internal error in ballotlaw ({type(error).__name__}: {error}); this is a defect, please report "
                "it with the rule file"
            )
            analysis = Analysis(SourceFile(path, document.source), (), None, None, message)
        self.analyses[uri] = analysis
        if analysis.tree is not None:
            self.parsed[uri] = analysis
        return analysis

    def current(self, uri: str) -> Analysis:
        """The analysis of the document's text as it is now (made now if a change is still settling)."""
        document = self.workspace.get_text_document(uri)
        known = self.analyses.get(uri)
        if known is None or known.source.text != document.source:
            known = self.analyse(uri)
        return known

    def diagnostic(self, found: Diagnostic, analysis: Analysis, uri: str) -> types.Diagnostic:
        anchor = analysis.tree.amends[0].path.span if analysis.tree is not None and analysis.tree.amends else None
        message = found.message
        related = [
            types.DiagnosticRelatedInformation(location=self.location(r.span, analysis, uri), message=r.label)
            for r in found.related
        ]
        if found.span is not None and found.span.file == analysis.path:
            where = self.range_of(found.span)
        else:  # in a file this one amends: shown on the `amends` line, pointing there
            where = self.range_of(anchor) if anchor is not None else _start()
            if found.span is not None:
                message = f"{found.span}: {message}"
                related.insert(0, types.DiagnosticRelatedInformation(self.location(found.span, analysis, uri), "here"))
        if found.hint:
            message += f"\nhelp: {found.hint}"
        return types.Diagnostic(
            range=where,
            message=message,
            severity=types.DiagnosticSeverity.Error if found.is_error else types.DiagnosticSeverity.Warning,
            code=found.code,
            source="ballotlaw",
            related_information=related or None,
        )

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        try:
            document = self.workspace.get_text_document(uri)
        except KeyError:  # closed meanwhile
            return
        analysis = self.analyse(uri)
        found = [self.diagnostic(d, analysis, uri) for d in analysis.diagnostics]
        if analysis.failure is not None:
            found.append(
                types.Diagnostic(
                    range=_start(),
                    message=analysis.failure,
                    severity=types.DiagnosticSeverity.Error,
                    source="ballotlaw",
                )
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=found)
        )

    def settle(self, uri: str) -> None:
        """Check the document once its changes have settled."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.publish(uri)
            return
        self.pending[uri] = loop.call_later(SETTLE, self.publish, uri)

    # ---- conversions of the navigation's answers --------------------------------------------------------------

    def symbol(self, symbol: Symbol) -> types.DocumentSymbol:
        return types.DocumentSymbol(
            name=symbol.name,
            detail=symbol.detail or None,
            kind=SYMBOL_KINDS.get(symbol.kind, types.SymbolKind.Object),
            range=self.range_of(symbol.span),
            selection_range=self.range_of(symbol.selection),
            children=[self.symbol(child) for child in symbol.children] or None,
        )


def _start() -> types.Range:
    return types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))


def build() -> RulesServer:
    """The server with every feature registered."""
    server = RulesServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RulesServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RulesServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.settle(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RulesServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.settle(params.text_document.uri)  # a file it amends may have changed on disk

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RulesServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.analyses.pop(uri, None)
        ls.parsed.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: RulesServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        analysis = ls.current(uri)
        line, column = ls.cursor(ls.workspace.get_text_document(uri), params.position)
        found = hover(analysis, line, column)
        if found is None:
            return None
        contents = types.MarkupContent(kind=types.MarkupKind.Markdown, value=found.text)
        return types.Hover(contents=contents, range=ls.range_of(found.span))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: RulesServer, params: types.DefinitionParams) -> types.Location | None:
        uri = params.text_document.uri
        analysis = ls.current(uri)
        line, column = ls.cursor(ls.workspace.get_text_document(uri), params.position)
        target = definition(analysis, line, column)
        return ls.location(target, analysis, uri) if target is not None else None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_symbols(ls: RulesServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        analysis = ls.current(params.text_document.uri)
        return [ls.symbol(s) for s in symbols(analysis.tree)] if analysis.tree is not None else []

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["["]))
    def on_completion(ls: RulesServer, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        line, column = ls.cursor(document, params.position)
        found = completions(document.source, line, column, ls.parsed.get(uri))
        items = [
            types.CompletionItem(label=c.label, kind=COMPLETION_KINDS.get(c.kind), detail=c.detail or None)
            for c in found
        ]
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def on_formatting(ls: RulesServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        formatted = _formatted(document.source)
        if formatted is None or formatted == document.source:
            return [] if formatted is not None else None
        lines = document.source.split("\n")
        end = ls.position(SourceFile("", document.source), len(lines), len(lines[-1]) + 1)
        return [
            types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end), new_text=formatted)
        ]

    return server


def _formatted(text: str) -> str | None:
    """The text laid out by the formatter, or None when it cannot be (it does not parse; no formatter)."""
    import importlib

    from ..errors import FindingsError

    try:
        formatter = importlib.import_module("ballotlaw.fmt")
    except ImportError:
        return None
    try:
        formatted = formatter.format_text(text)
    except FindingsError:
        return None
    return formatted if isinstance(formatted, str) else None


def serve_stdio() -> None:
    """Speak the protocol over standard input and output until the editor says exit. The server writes to a
    copy of the standard output's descriptor, which it closes at the end; standard output itself is left for
    the command to close as every verb does."""
    import sys

    server = build()
    analyse("ballotlaw 1\n", "<start>")  # load the engine and the parser now, not at the first file opened
    with os.fdopen(os.dup(sys.stdout.fileno()), "wb") as stdout:
        server.start_io(sys.stdin.buffer, stdout)
