"""The independent checker of certificates (docs/certifying.md).

It confirms every seat and every decision a certificate states from the witnesses the certificate carries,
with exact fractions, and its digest and input hashes. It is written apart from the engine and imports
nothing of it (nor anything outside this folder but the standard library and `rfc8785`), so that a defect of
the engine cannot pass unnoticed unless this small checker has the same one. This follows certified vote
counting, where the counting program emits a certificate that a separate checker validates (Ghale, Goré,
Pattinson and Tiwari, "Modular formalisation and verification of STV algorithms", E-Vote-ID 2018).
"""

from .certificate import FORMAT, VERSION, Report, canonical, check_certificate, check_input, digest_of

__all__ = ["FORMAT", "VERSION", "Report", "canonical", "check_certificate", "check_input", "digest_of"]
