"""Certificates of an outcome (docs/certifying.md): the outcome and trace of a law applied to results, every
input by name and SHA-256, a witness for every seat and decision that the independent checker (recheck/)
confirms without the engine, the digest of the canonical bytes, and an optional Ed25519 signature."""

from .build import Certificate, build

__all__ = ["Certificate", "build"]
