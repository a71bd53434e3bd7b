"""Checking: AST -> checked model, with every problem collected (checker.py, contests.py)."""

from .checker import check

__all__ = ["check"]
