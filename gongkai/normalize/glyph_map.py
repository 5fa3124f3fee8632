"""Which printed character each character of a cleaned line came from.

Cleaning a line (``normalize_line``) folds widths, converts Traditional characters,
canonicalises punctuation and drops spaces and pinyin residue: characters are replaced
one for one or dropped, almost never inserted. ``align`` walks both strings once and
pairs each clean character with a source one, so a figure found in the clean text is
highlighted over its own printed digits.
"""

from __future__ import annotations

from gongkai.extract.model import BBox, Glyphs
from gongkai.normalize.chars import fold_width

UNMATCHED = -1


def align(source: str, clean: str) -> list[int]:
    """For each character of ``clean``, the index in ``source`` it came from (``UNMATCHED`` if none).

    Equal characters (after width folding) pair up in order; where the next clean character
    is not ahead in the source within the surplus of source characters (those cleaning
    dropped), the two current characters are taken as a substitution (a converted
    character); a clean character with no source left is unmatched.
    """
    folded = fold_width(source)
    if len(folded) != len(source):  # folding is one-for-one; anything else is not ours to align
        folded = source
    if folded == clean:
        return list(range(len(clean)))
    out: list[int] = []
    i, n, m = 0, len(folded), len(clean)
    for j, ch in enumerate(clean):
        surplus = (n - i) - (m - j)
        found = folded.find(ch, i, i + 1 + max(surplus, 0))
        if found >= 0:
            out.append(found)
            i = found + 1
        elif i < n and surplus >= 0:
            out.append(i)
            i += 1
        else:
            out.append(UNMATCHED)
    return out


def clean_box(glyphs: Glyphs, clean: str, start: int, end: int) -> BBox | None:
    """The box of the printed characters behind ``clean[start:end]``, or ``None``.

    ``None`` when any non-space character of the range has no printed character it came
    from: a highlight is exact or it falls back to the line.
    """
    if glyphs.text == clean:  # nothing changed in cleaning (most cells): every printed char has its box
        return glyphs.box(start, end)
    mapping = align(glyphs.text, clean)
    box: BBox | None = None
    for j in range(max(start, 0), min(end, len(clean))):
        if clean[j].isspace():
            continue
        index = mapping[j]
        if index == UNMATCHED:
            return None
        own = glyphs.box(index, index + 1)
        if own is None:
            return None
        box = own if box is None else box.union(own)
    return box
