"""Pasted-text documents for tests: tab-separated table rows, as a spreadsheet pastes them."""

from __future__ import annotations


def rows(*cells: tuple[str, ...]) -> str:
    """Tab-separated table rows, one line per row."""
    return "\n".join("\t".join(row) for row in cells)
