"""gongkai (公开): read Chinese budget documents into citable records and check their arithmetic.

    >>> import gongkai
    >>> report = gongkai.check("决算.pdf")          # doctest: +SKIP
    >>> [f.message for f in report.findings]         # doctest: +SKIP

Heavy dependencies load only when a function needs them, so ``import gongkai`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyse", "check", "read"]

if TYPE_CHECKING:
    from gongkai.analysis import Analysis
    from gongkai.schemas.records import Report


def read(path: Any, settings: Any = None) -> Analysis:
    """Extract and read the document at ``path`` (see ``gongkai.api.read``)."""
    from gongkai.api import read as _read

    return _read(path, settings)


def check(path: Any, settings: Any = None) -> Report:
    """Read and validate the document at ``path`` (see ``gongkai.api.check``)."""
    from gongkai.api import check as _check

    return _check(path, settings)


def analyse(raw: Any) -> Analysis:
    """Analyse an extracted ``RawDocument`` (see ``gongkai.api.analyse``)."""
    from gongkai.api import analyse as _analyse

    return _analyse(raw)
