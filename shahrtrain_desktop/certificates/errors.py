"""The common base of everything the certificate code reports to the user."""

from __future__ import annotations


class CertificateError(Exception):
    """A certificate could not be read, printed or verified; ``str()`` is a Persian sentence."""
