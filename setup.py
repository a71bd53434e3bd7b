"""Build step (the metadata is in pyproject.toml): the standard specifications ship inside the package.

They live in `specs/` at the top of the repository, where pytest collects them; a built package carries a copy
in `ballotlaw/specs/`, which `ballotlaw verify` reads when no `--spec` is given. An editable install reads the
repository's `specs/` in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SPECS = Path(__file__).resolve().parent / "specs"


class BuildWithSpecs(build_py):
    """build_py, then a copy of every `specs/*.spec` into the built package."""

    def _specs(self) -> list[tuple[Path, Path]]:
        if getattr(self, "editable_mode", False):
            return []
        found = sorted(SPECS.glob("*.spec"))
        if not found:
            raise FileNotFoundError(f"no standard specifications in {SPECS}: the package would ship without them")
        return [(spec, Path(self.build_lib, "ballotlaw", "specs", spec.name)) for spec in found]

    def run(self) -> None:
        super().run()
        for source, target in self._specs():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *(str(target) for _, target in self._specs())]


setup(cmdclass={"build_py": BuildWithSpecs})
