"""What every extractor returns: pages of text lines and tables, in reading order.

The records here know nothing about Chinese or budgets. Coordinates are PDF points with
the origin at the top-left of the page (as pdfplumber reports them); formats without a
page geometry (TXT, DOCX) leave boxes as ``None``.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class BBox:
    """A rectangle on a page: ``x0 < x1`` left to right, ``top < bottom`` top to bottom."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        """The smallest box holding both boxes."""
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def rounded(self, digits: int = 1) -> tuple[float, float, float, float]:
        """The box as a tuple rounded for output."""
        return (
            round(self.x0, digits),
            round(self.top, digits),
            round(self.x1, digits),
            round(self.bottom, digits),
        )


NO_BOX = math.nan  # the coordinate of a character that has no box of its own (a space put in a gap)


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The printed box of each character of ``text``.

    ``boxes[4 * i : 4 * i + 4]`` is character ``i``'s ``(x0, top, x1, bottom)``, NaN for a
    character that was not printed as such (a space standing for a gap, a line break).
    Kept as a compact ``array('f')``: a figure's highlight is cut from its own characters.
    """

    text: str
    boxes: array

    def box(self, start: int, end: int) -> BBox | None:
        """The union of the boxes of characters ``[start, end)`` that have one."""
        start, end = max(start, 0), min(end, len(self.text))
        if start >= end:
            return None
        piece = self.boxes[4 * start : 4 * end]
        lefts = [v for v in piece[0::4] if v == v]  # NaN (no box) is not equal to itself
        if not lefts:
            return None
        tops = [v for v in piece[1::4] if v == v]
        rights = [v for v in piece[2::4] if v == v]
        bottoms = [v for v in piece[3::4] if v == v]
        return BBox(round(min(lefts), 2), round(min(tops), 2), round(max(rights), 2), round(max(bottoms), 2))


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of running text as printed (or as pasted, for text files).

    ``page`` is 1-based. ``bbox`` is the line's box when the format has geometry.
    ``gap_before`` is true when a blank line (or a vertical gap wider than a line)
    separates this line from the previous one, which helps paragraph rebuilding.
    ``glyphs`` holds each character's own box when the format has geometry.
    """

    text: str
    page: int
    bbox: BBox | None = None
    gap_before: bool = False
    font_size: float | None = None
    glyphs: Glyphs | None = field(default=None, compare=False)  # geometry detail, not identity


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as a grid of cell texts.

    ``rows[r][c]`` is the text of the cell whose top-left corner is at ``(r, c)``, or
    ``None`` where the position is covered by a cell spanning from above or the left.
    ``boxes`` mirrors ``rows`` with each cell's box (``None`` without geometry), ``glyphs``
    with the boxes of each cell's characters.
    ``undecided`` counts figures a rebuilt table could not place: its rows are then known
    to be incomplete, and no sum over them is to be trusted.
    """

    page: int
    rows: tuple[tuple[str | None, ...], ...]
    bbox: BBox | None = None
    boxes: tuple[tuple[BBox | None, ...], ...] | None = None
    undecided: int = 0  # figures left out because their column could not be told (a rebuilt table)
    glyphs: tuple[tuple[Glyphs | None, ...], ...] | None = field(default=None, compare=False)

    @property
    def n_cols(self) -> int:
        """The width of the widest row."""
        return max((len(r) for r in self.rows), default=0)


Block = TextLine | RawTable


@dataclass(slots=True)
class RawPage:
    """One page: its text lines and tables interleaved in reading order (``ocr``: read by OCR)."""

    number: int
    blocks: list[Block] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    ocr: bool = False


@dataclass(slots=True)
class RawDocument:
    """The output of extraction: pages of blocks, plus what the extractor noticed."""

    source: str
    format: str
    sha256: str
    pages: list[RawPage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    size: int | None = None  # bytes of the file

    @property
    def doc_id(self) -> str:
        """The first 16 hex digits of the file's sha256."""
        return self.sha256[:16]
