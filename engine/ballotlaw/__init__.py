"""ballotlaw: election law as rule files, evaluated with exact arithmetic, explained step by step."""

__version__ = "0.3.8"  # the one place the version is written: the package metadata reads it (pyproject.toml)

from .api import evaluate, load_law, load_law_text, load_results, run

__all__ = ["__version__", "evaluate", "load_law", "load_law_text", "load_results", "run"]
