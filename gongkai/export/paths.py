"""File names as text every output can hold.

On Linux a file name is bytes; one that is not valid UTF-8 reaches Python as a ``str``
with surrogate escapes (``b"\\xff"`` → ``"\\udcff"``), which no UTF-8 output (JSON, CSV,
Markdown, the terminal) can encode. Every report shows such a name through
``printable_path``: the undecodable bytes written visibly as ``\\xff`` escapes, the rest
of the name as it is.
"""

from __future__ import annotations

import os
from typing import Any


def printable_path(path: str | os.PathLike[str] | bytes) -> str:
    """``path`` as valid text: each byte that is not UTF-8 shown as a ``\\xNN`` escape.

    A name that is valid text is returned unchanged; ``"a\\udcffb.txt"`` (the bytes
    ``a\\xffb.txt``) becomes the nine characters ``a\\xffb.txt``.
    """
    if isinstance(path, bytes):
        return path.decode("utf-8", errors="backslashreplace")
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # lone surrogates that are no escaped bytes
        return text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return raw.decode("utf-8", errors="backslashreplace")


def printable_strings(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings …) with every string made printable."""
    if isinstance(value, str):
        return printable_path(value)
    if isinstance(value, dict):
        return {printable_path(k) if isinstance(k, str) else k: printable_strings(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_strings(v) for v in value]
    return value
