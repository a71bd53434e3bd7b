"""Checking: AST -> checked model, with every problem collected. checker.py checks a file, contest.py a
contest, registry.py names every kind of clause with the module that checks it."""

from .checker import check

__all__ = ["check"]
