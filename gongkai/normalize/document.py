"""The normalised document: clean Simplified text, passages, tables and a source map.

``Document.text`` is what the matchers read and what ``gongkai text`` prints: one
passage per line, table rows as tab-separated cells. Every character offset maps back to
its page (and box, when the format has geometry) through ``spans``, so a quote found by
a regular expression carries its provenance.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from gongkai.extract.model import BBox, Glyphs
from gongkai.normalize.glyph_map import clean_box


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` came from one source line or cell on ``page`` (box ``bbox``).

    ``glyphs`` is the source text with each printed character's box, when the format has
    them: a range of the span is then boxed by its own characters, not the line's box.
    """

    start: int
    end: int
    page: int
    bbox: BBox | None = None
    glyphs: Glyphs | None = field(default=None, compare=False)


@dataclass(slots=True)
class Cell:
    """One table cell after normalisation, with its offsets in ``Document.text``."""

    text: str
    row: int
    col: int
    start: int
    end: int
    page: int
    bbox: BBox | None = None


@dataclass(slots=True)
class Table:
    """A table after normalisation: ``rows[r][c]`` is a ``Cell`` or ``None`` (spanned)."""

    index: int
    page: int
    rows: list[list[Cell | None]]
    start: int
    end: int
    bbox: BBox | None = None
    pages: tuple[int, ...] = ()
    undecided: int = 0  # figures of the source left out of the rows (their column unknown)

    @property
    def n_rows(self) -> int:
        """Number of rows."""
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        """Number of columns of the widest row."""
        return max((len(r) for r in self.rows), default=0)

    def texts(self, row: int) -> list[str]:
        """The cell texts of a row, ``""`` for spanned or empty positions."""
        return [cell.text if cell is not None else "" for cell in self.rows[row]]

    def row_bounds(self, row: int) -> tuple[int, int]:
        """The offsets of a row's line in ``Document.text``."""
        cells = [c for c in self.rows[row] if c is not None]
        if not cells:
            return self.start, self.start
        return cells[0].start, cells[-1].end

    def row_page(self, row: int) -> int:
        """The page a row is printed on."""
        cells = [c for c in self.rows[row] if c is not None]
        return cells[0].page if cells else self.page


@dataclass(slots=True)
class Passage:
    """A paragraph, heading or table of the document, in reading order."""

    index: int
    kind: str  # "text" | "heading" | "table"
    start: int
    end: int
    page: int
    table: Table | None = None


@dataclass(slots=True)
class Document:
    """A normalised document with its source map."""

    source: str
    format: str
    doc_id: str
    n_pages: int
    text: str
    passages: list[Passage]
    spans: list[Span]
    tables: list[Table]
    warnings: list[str] = field(default_factory=list)
    ocr_pages: frozenset[int] = frozenset()  # pages whose text came from OCR
    _span_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._span_starts = [s.start for s in self.spans]

    def passage_text(self, passage: Passage) -> str:
        """The text of one passage."""
        return self.text[passage.start : passage.end]

    def span_at(self, offset: int) -> Span | None:
        """The source span holding ``offset`` (the nearest one before it)."""
        index = bisect.bisect_right(self._span_starts, offset) - 1
        if index < 0:
            return self.spans[0] if self.spans else None
        return self.spans[index]

    def page_at(self, offset: int) -> int:
        """The 1-based page of the character at ``offset``."""
        span = self.span_at(offset)
        return span.page if span else 1

    def bbox_of(self, start: int, end: int) -> BBox | None:
        """The box of the characters ``[start, end)`` on the page of the first one.

        Each span touched gives the box of its own printed characters in the range when it
        has them, else its whole box.
        """
        first = self.span_at(start)
        if first is None:
            return None
        box: BBox | None = None
        index = max(bisect.bisect_right(self._span_starts, start) - 1, 0)
        for k in range(index, len(self.spans)):
            span = self.spans[k]
            if span.start >= end:
                break
            if span.page != first.page or span.bbox is None:
                continue
            own = self._glyph_box(span, start, end) if span.glyphs is not None else None
            own = own or span.bbox
            box = own if box is None else box.union(own)
        return box

    def figure_bbox(self, start: int, end: int) -> BBox | None:
        """The box of the figure printed in ``text[start:end]``: its digits, sign, separators
        and per-cent sign, not the unit or words around them (「256.40万元」 → 「256.40」)."""
        lo, hi = start, end
        while lo < hi and not _is_figure_char(self.text[lo]):
            lo += 1
        while hi > lo and not _is_figure_char(self.text[hi - 1]):
            hi -= 1
        return self.bbox_of(lo, hi) if lo < hi else self.bbox_of(start, end)

    def _glyph_box(self, span: Span, start: int, end: int) -> BBox | None:
        assert span.glyphs is not None
        lo, hi = max(start, span.start), min(end, span.end)
        if lo >= hi:
            return None
        return clean_box(span.glyphs, self.text[span.start : span.end], lo - span.start, hi - span.start)


_FIGURE_CHARS = frozenset("0123456789.,-+%‰")


def _is_figure_char(ch: str) -> bool:
    return ch in _FIGURE_CHARS
