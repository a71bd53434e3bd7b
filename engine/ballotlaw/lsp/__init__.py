"""The language server (`ballotlaw lsp`): diagnostics, hover, go to definition, completion, document symbols and
formatting of rule files for any editor that speaks the Language Server Protocol, over standard input and
output. `analysis.py` and `navigate.py` know nothing of the protocol; `server.py` speaks it (pygls)."""
