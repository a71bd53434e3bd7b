"""Text from input made safe for a terminal: every control or format character is shown as an escape.

A name in a results or rule file may hold a newline (which would draw a fake table row), an ESC sequence (which
would recolour or rewrite the screen), a NUL or a bidirectional mark (which would reorder what is read). Text
output shows each of them visibly (`\\n`, `\\x1b`, `\\u202e`); the JSON forms keep them, escaped as JSON does.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories shown as escapes: controls (C0, C1, DEL), format characters (bidirectional marks, zero-width
#: characters), lone surrogates (undecodable bytes of a command-line argument) and line/paragraph separators.
ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: str) -> str:
    """`text` with every control, format and separator character replaced by a visible escape."""
    if text.isprintable():  # the common case: nothing to escape (isprintable is False for every escaped category)
        return text
    return "".join(_escaped(c) if unicodedata.category(c) in ESCAPED_CATEGORIES else c for c in text)


def escape_lines(text: str) -> str:
    """`text` escaped line by line: its own line breaks (`\\n`) are kept, every other control is escaped."""
    return "\n".join(escape(line) for line in text.split("\n"))
