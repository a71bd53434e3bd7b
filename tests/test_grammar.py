"""The grammar proves collision-free in Lark's strict mode, and the parser kept between runs is the same."""

from __future__ import annotations

from pathlib import Path

from lark import Lark

from ballotlaw.syntax import parser as module
from ballotlaw.syntax.parser import OPTIONS, get_parser, grammar_text


def test_the_grammar_has_no_terminal_collisions() -> None:
    Lark(grammar_text(), strict=True, **OPTIONS)  # type: ignore[arg-type]  # raises on a collision


def test_the_cached_parser_parses_as_a_fresh_one(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = module._cache_file(grammar_text())
    assert path is not None and path.startswith(str(tmp_path))
    text = (Path(__file__).resolve().parent.parent / "rules" / "kg" / "jogorku-kenesh-2021.rules").read_text(
        encoding="utf-8"
    )
    written = Lark(grammar_text(), cache=path, **OPTIONS)  # type: ignore[arg-type]
    assert Path(path).exists()
    read = Lark(grammar_text(), cache=path, **OPTIONS)  # type: ignore[arg-type]
    assert read.parse(text) == written.parse(text) == get_parser().parse(text)


def test_an_unwritable_cache_folder_means_no_cache(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert module._cache_file(grammar_text()) is None
