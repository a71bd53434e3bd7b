"""Counting ranked ballots: instant runoff (irv.py), the single transferable vote with Gregory transfers
(stv.py) and by Meek's method (meek.py), over rankings cleaned by the law's rules (common.py). Pure and exact."""
