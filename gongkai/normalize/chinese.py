"""Traditional → Simplified Chinese with OpenCC, loaded once and only when needed."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that OpenCC's t2s tables change (the single-character table)."""
    import os

    import opencc

    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    chars: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, targets = line.rstrip("\n").partition("\t")
            if len(key) == 1 and targets.split(" ")[0] != key:
                chars.add(key)
    return frozenset(chars)


def has_traditional(text: str) -> bool:
    """Whether ``text`` contains a character that differs in Simplified Chinese."""
    traditional = _traditional_chars()
    return any(ch in traditional for ch in text)


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters; text already Simplified is returned as is.

    OpenCC converts by phrases, so the result can differ in length from the input; callers
    that keep offsets convert one line (or cell) at a time.
    """
    if not text or not has_traditional(text):
        return text
    return _converter().convert(text)
