"""Facts: what an evaluation step found, as typed values (exact numbers, names, enumerated results), never as
sentences. Each family of clauses defines its facts in a module of this package; render/phrases/ holds, for every
fact class, the function that says it in words. A test asserts that every fact class has its phrase.
"""

from __future__ import annotations

from ..records import frozen


@frozen
class Fact:
    """The base of every fact: a small frozen value with no behaviour of its own."""
