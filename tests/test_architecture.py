"""The import direction of the package's layers (docs/architecture.md): a lower layer never imports a higher one.

Read from the source's `import` statements (the ast module), so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "engine" / "ballotlaw"

# layer -> the packages of ballotlaw it must not import
FORBIDDEN = {
    "check": ("results", "verify", "evaluate", "render", "cli"),
    "syntax": ("evaluate", "render", "results", "verify"),
}


def imported(path: Path) -> set[str]:
    """The absolute names of the modules a file of the package imports (relative imports resolved)."""
    module = ["ballotlaw", *path.relative_to(PACKAGE).with_suffix("").parts]
    if module[-1] == "__init__":
        module.pop()
    package = module[:-1] if path.name != "__init__.py" else module
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            names.add(stem)
            names.update(f"{stem}.{alias.name}" for alias in node.names)
    return names


def test_imported_resolves_relative_imports() -> None:
    """The reader itself: `from ..syntax import ast` in check/checker.py names ballotlaw.syntax.ast, `from .. import
    model` names ballotlaw.model, `from .names import suggest` names ballotlaw.check.names."""
    names = imported(PACKAGE / "check" / "checker.py")
    assert {"ballotlaw.syntax.ast", "ballotlaw.model", "ballotlaw.check.names", "ballotlaw.vocabulary"} <= names
    assert "ballotlaw.ballotlaw" not in names and not any(n.startswith("ballotlaw.check.check") for n in names)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_does_not_import_a_higher_one(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules under {layer}/"
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in sorted(imported(path))
        for higher in FORBIDDEN[layer]
        if name == f"ballotlaw.{higher}" or name.startswith(f"ballotlaw.{higher}.")
    ]
    assert not wrong, "\n".join(wrong)
