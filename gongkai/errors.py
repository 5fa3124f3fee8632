"""Typed errors for input gongkai cannot use.

Every error names the file and says why in one line; the CLI prints ``str(error)`` and
exits with code 2, batch mode writes it to ``errors.csv`` and goes on.
"""

from __future__ import annotations


class GongkaiError(Exception):
    """Base class of the errors gongkai raises on purpose."""


class UnreadableInput(GongkaiError):
    """A file that cannot be turned into a document.

    ``kind`` is a stable short code (``missing``, ``empty``, ``encrypted``, ``not_pdf``,
    ``truncated``, ``binary``, ``unsupported``, ``no_text``, ``too_large``,
    ``too_many_pages``, ``timeout``, ``corrupt``) for datasets; ``reason`` is the
    sentence shown to people.
    """

    def __init__(self, path: str, kind: str, reason: str) -> None:
        self.path = str(path)
        self.kind = kind
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
