"""``RawDocument`` → ``Document``: clean Simplified text with a map back to the page.

Each source line (or table cell) is cleaned on its own — widths folded, pinyin ruby
removed, Traditional converted to Simplified, punctuation repaired, spaces inside Chinese
text dropped — and then paragraphs are assembled, so every piece of the final text knows
the page and box it came from even though OpenCC may change lengths.
"""

from __future__ import annotations

import re
from typing import TypeVar

from gongkai.extract.model import BBox, Glyphs, RawDocument, RawTable
from gongkai.normalize.chars import (
    PUNCT_STRENGTH,
    canonical_punctuation,
    fold_width,
    remove_ruby,
    remove_wrapped_ruby,
    repair_punctuation,
    tidy_spaces,
)
from gongkai.normalize.chinese import to_simplified
from gongkai.normalize.document import Cell, Document, Passage, Span, Table
from gongkai.normalize.flat_tables import split_flat_tables
from gongkai.normalize.numbers import Number, parse_number, to_yuan
from gongkai.normalize.paragraphs import Paragraph, group_paragraphs, is_heading_start

__all__ = [
    "Cell",
    "Document",
    "Number",
    "Passage",
    "Span",
    "Table",
    "normalize",
    "normalize_line",
    "parse_number",
    "to_yuan",
]

_PUNCT = "，、；：。！？"
_PLAIN_NUMBER = re.compile(r"[0-9][0-9.,%]*")
T = TypeVar("T")


def normalize_line(text: str) -> str:
    """One line of source text, cleaned: the transformation every line goes through."""
    text = fold_width(text)
    text = remove_ruby(text)
    text = to_simplified(text)
    text = canonical_punctuation(text)
    text = tidy_spaces(text)
    return repair_punctuation(text)


def normalize(raw: RawDocument) -> Document:
    """Normalise an extracted document."""
    builder = _Builder()
    raw = split_flat_tables(raw)
    for page, block in group_paragraphs(raw):
        if isinstance(block, Paragraph):
            builder.add_paragraph(block)
        else:
            builder.add_table(page, block)
    return Document(
        source=raw.source,
        format=raw.format,
        doc_id=raw.doc_id,
        n_pages=len(raw.pages),
        text="".join(builder.parts),
        passages=builder.passages,
        spans=builder.spans,
        tables=builder.tables,
        warnings=list(raw.warnings),
        ocr_pages=frozenset(page.number for page in raw.pages if page.ocr),
    )


def _joiner(prev: str, nxt: str) -> str:
    """What goes between two wrapped pieces: nothing in Chinese, a space between two words."""
    a, b = prev[-1], nxt[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() and (a.isdigit() == b.isdigit()):
        return " "
    return ""


def join_pieces(pieces: list[str]) -> list[tuple[str, str, int]]:
    """Wrapped pieces as ``(separator, piece, index)``, repairing punctuation doubled at a seam.

    ``index`` is the position of the piece in ``pieces``; empty pieces are dropped.
    """
    out: list[tuple[str, str, int]] = []
    for index, piece in enumerate(pieces):
        if out and piece and out[-1][1][-1] in _PUNCT and piece[0] in _PUNCT:
            separator, prev, prev_index = out[-1]
            if PUNCT_STRENGTH[piece[0]] > PUNCT_STRENGTH[prev[-1]]:
                prev = prev[:-1]
                if prev:
                    out[-1] = (separator, prev, prev_index)
                else:
                    out.pop()
            else:
                piece = piece[1:]
        if not piece:
            continue
        out.append((_joiner(out[-1][1], piece) if out else "", piece, index))
    return out


class _Builder:
    """Accumulates the document text, its spans and passages."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.passages: list[Passage] = []
        self.tables: list[Table] = []

    def _write(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def add_paragraph(self, paragraph: Paragraph) -> None:
        raw_lines = remove_wrapped_ruby([line.text for line in paragraph.lines])
        pieces = join_pieces([normalize_line(text) for text in raw_lines])
        if not pieces:
            return
        start = self.length
        for separator, piece, index in pieces:
            if separator:
                self._write(separator)
            piece_start = self._write(piece)
            line = paragraph.lines[index]
            self.spans.append(Span(piece_start, piece_start + len(piece), line.page, line.bbox, line.glyphs))
        end = self.length
        self._write("\n")
        text = "".join(separator + piece for separator, piece, _ in pieces)
        kind = "heading" if _looks_like_heading(text) else "text"
        self.passages.append(Passage(len(self.passages), kind, start, end, paragraph.lines[0].page))

    def add_table(self, page: int, raw: RawTable) -> None:
        continued = self._continued_table(page, raw)
        if continued is not None and raw.n_cols != continued.n_cols:
            raw = _regrid(raw, _column_edges(continued))
        table = continued or Table(len(self.tables), page, [], self.length, self.length, raw.bbox, (page,))
        rows = [list(r) for r in raw.rows]
        if continued is not None:
            head = [c.text if c else "" for c in continued.rows[0]]
            while rows and [_clean_cell(t) if t else "" for t in rows[0]] == head:
                rows.pop(0)  # the header printed again on the continuation page
            table.pages = (*table.pages, page)
        table.undecided += raw.undecided
        offset = len(table.rows)
        for r, raw_row in enumerate(rows):
            row: list[Cell | None] = []
            for c, raw_text in enumerate(raw_row):
                if c:
                    self._write("\t")
                if raw_text is None:
                    row.append(None)
                    continue
                text = _clean_cell(raw_text)
                source_row = r + (len(raw.rows) - len(rows))
                box = _at(raw.boxes, source_row, c)
                cell_start = self._write(text)
                cell = Cell(text, offset + r, c, cell_start, cell_start + len(text), page, box)
                self.spans.append(Span(cell.start, cell.end, page, box, _at(raw.glyphs, source_row, c)))
                row.append(cell)
            table.rows.append(row)
            self._write("\n")
        table.end = self.length
        if continued is not None:
            self.passages[-1].end = self.length
            return
        self.tables.append(table)
        self.passages.append(Passage(len(self.passages), "table", table.start, table.end, page, table))

    def _continued_table(self, page: int, raw: RawTable) -> Table | None:
        """The table this one continues: the previous block, a table ending on the page before
        with as many columns."""
        if not self.passages or self.passages[-1].kind != "table":
            return None
        previous = self.passages[-1].table
        if previous is None or previous.pages[-1] != page - 1:
            return None
        if previous.n_cols != raw.n_cols and not _aligned(raw, _column_edges(previous)):
            return None
        return previous


_EDGE_SLACK = 2.0  # points: column edges this close on two pages are the same edge


def _column_edges(table: Table) -> list[float] | None:
    """The left edge of each column of a table with geometry (``None`` without)."""
    edges: list[float | None] = [None] * table.n_cols
    for row in table.rows:
        for c, cell in enumerate(row):
            if cell is not None and cell.bbox is not None and edges[c] is None:
                edges[c] = cell.bbox.x0
    if any(edge is None for edge in edges):
        return None
    return edges  # type: ignore[return-value]


def _aligned(raw: RawTable, edges: list[float] | None) -> bool:
    """Whether every cell of a table starts at one of ``edges`` (the same columns, some merged)."""
    if edges is None or raw.boxes is None:
        return False
    for boxes in raw.boxes:
        for box in boxes:
            if box is not None and not any(abs(box.x0 - edge) <= _EDGE_SLACK for edge in edges):
                return False
    return True


def _at(grid: tuple[tuple[T | None, ...], ...] | None, row: int, col: int) -> T | None:
    """``grid[row][col]``, ``None`` where the grid (or the row) is shorter or absent."""
    if grid is None or row >= len(grid) or col >= len(grid[row]):
        return None
    return grid[row][col]


def _regrid(raw: RawTable, edges: list[float] | None) -> RawTable:
    """A table whose cells are laid out again on the columns ``edges`` (merged cells spanning)."""
    assert edges is not None and raw.boxes is not None
    rows: list[tuple[str | None, ...]] = []
    boxes: list[tuple[BBox | None, ...]] = []
    glyphs: list[tuple[Glyphs | None, ...]] = []
    for r, (texts, row_boxes) in enumerate(zip(raw.rows, raw.boxes, strict=True)):
        out_texts: list[str | None] = [None] * len(edges)
        out_boxes: list[BBox | None] = [None] * len(edges)
        out_glyphs: list[Glyphs | None] = [None] * len(edges)
        for c, (text, box) in enumerate(zip(texts, row_boxes, strict=True)):
            if box is None:
                continue
            column = min(range(len(edges)), key=lambda k: abs(edges[k] - box.x0))
            out_texts[column], out_boxes[column], out_glyphs[column] = text, box, _at(raw.glyphs, r, c)
        rows.append(tuple(out_texts))
        boxes.append(tuple(out_boxes))
        glyphs.append(tuple(out_glyphs))
    return RawTable(raw.page, tuple(rows), raw.bbox, tuple(boxes), raw.undecided, tuple(glyphs))


def _clean_cell(text: str) -> str:
    """A cell's text on one line: wrapped label pieces joined, paragraphs separated by a space."""
    if _PLAIN_NUMBER.fullmatch(text):  # most cells: nothing in them to clean
        return text
    lines = [normalize_line(line) for line in remove_wrapped_ruby(text.split("\n"))]
    out = []
    for separator, piece, _ in join_pieces(lines):
        if out and (is_heading_start(piece) or out[-1].endswith(("。", "；", "！", "？"))):
            separator = " "
        out.append(separator + piece)
    return "".join(out).replace("\t", " ")


def _looks_like_heading(text: str) -> bool:
    """A short numbered line that states nothing: 「一、收入支出预算总体情况」, not 「（二）公用经费1820.50万元。」."""
    if len(text) > 40 or re.search(r"[，。；](?!$)", text) or _STATED_AMOUNT.search(text):
        return False
    return is_heading_start(text) or bool(re.match(r"^第[一二三四五六七八九十]+部分", text))


_STATED_AMOUNT = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?:万元|亿元|千元|元|%|％|人|辆)")
