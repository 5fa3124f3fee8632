"""Render ``TextLine`` and ``RawTable`` blocks into a PDF that looks like a real 决算 file.

``build_pdf`` lays blocks out like a word processor does: each ``TextLine`` is a paragraph
wrapped at the text width (so lines break mid-sentence) that flows over page breaks, and
each ``RawTable`` is a grid of ruled cells. It reproduces what makes real PDFs hard:

* Chinese text is set in reportlab's built-in CID font ``STSong-Light`` while digits and
  ``.,%-`` (and spaces right after them) are set in ``digit_font`` at ``size +
  digit_size_delta``, so on one printed line the number boxes have other tops and
  heights than the Chinese boxes (with a delta of a few points, a naive
  ``extract_text()`` drops the numbers onto lines of their own).
* ``None`` cells are drawn as spans of the cell above or to the left (cells are claimed in
  row-major order: a cell first extends right over the ``None`` cells next to it, then
  down over rows that are ``None`` along its whole width), with no ruling line inside.
* long cell texts wrap inside their cell; ``"\\n"`` in a cell text forces a line break.
* a table that does not fit breaks across pages without repeating its header; rows tied
  together by a vertical span stay on one page.

Nothing here needs a font file. ``rotation`` (90, 180, 270) writes the page with a
``/Rotate`` entry and rotated content, so the page *looks* the same as the unrotated one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from gongkai.extract.model import RawDocument, RawPage, RawTable, TextLine

CJK_FONT = "STSong-Light"
DIGIT_CHARS = frozenset("0123456789.,%-")
NO_LINE_START = frozenset("，。、；：！？）》」”")
MARGIN = 72.0
TEXT_SIZE = 12.0
TABLE_SIZE = 9.0
LEADING = 1.5  # line pitch of paragraphs, in font sizes
CELL_LEADING = 1.3  # line pitch inside table cells, in font sizes
CELL_PAD = 3.0
RULE_WIDTH = 0.5

Block = TextLine | RawTable


def build_pdf(
    pages_or_blocks: RawDocument | Iterable[RawPage] | Iterable[Sequence[Block]] | Iterable[Block],
    path: str | Path,
    *,
    digit_font: str = "Times-Roman",
    digit_size_delta: float = 1.0,
    page_size: tuple[float, float] = A4,
    text_width: float | None = None,
    rotation: int = 0,
) -> Path:
    """Write the blocks to a PDF at ``path`` and return the path.

    ``pages_or_blocks`` is a ``RawDocument``, a sequence of ``RawPage``, a sequence of
    block sequences (each starts a new page) or one flat sequence of blocks (laid out as
    one flow). The ``page`` fields of the blocks are ignored: the layout decides where
    things land. A ``TextLine``'s ``font_size`` (default 12) sets its size and
    ``gap_before`` adds a blank line before it.
    """
    if rotation not in (0, 90, 180, 270):
        raise ValueError(f"rotation must be 0, 90, 180 or 270, not {rotation}")
    _register_fonts()
    path = Path(path)
    width = text_width if text_width is not None else page_size[0] - 2 * MARGIN
    style = _Style(digit_font, digit_size_delta, width)
    writer = _Writer(path, page_size, style, rotation)
    for index, blocks in enumerate(_as_pages(pages_or_blocks)):
        if index:
            writer.new_page()
        for block in blocks:
            if isinstance(block, TextLine):
                writer.paragraph(block)
            elif isinstance(block, RawTable):
                writer.table(block)
            else:
                raise TypeError(f"cannot render {type(block).__name__}")
    writer.finish()
    return path


def _register_fonts() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


_register_fonts()
_CJK = pdfmetrics.getFont(CJK_FONT)


def _as_pages(value: object) -> list[list[Block]]:
    """Normalise the accepted inputs to a list of pages of blocks."""
    if isinstance(value, RawDocument):
        return [list(p.blocks) for p in value.pages]
    items = list(value)  # type: ignore[call-overload]
    if all(isinstance(i, (TextLine, RawTable)) for i in items):
        return [items]
    pages: list[list[Block]] = []
    for item in items:
        pages.append(list(item.blocks) if isinstance(item, RawPage) else list(item))
    return pages


@dataclass(frozen=True)
class _Style:
    digit_font: str
    digit_delta: float
    text_width: float

    def runs(self, text: str, size: float) -> list[tuple[str, str, float]]:
        """Split ``text`` into (run, font, size) with digits in the digit font.

        A space after a digit-font char stays in the digit font, so that no Chinese run
        starts with a space: PDFium reports a space opening a string after a ``TJ`` offset
        as one it invented, while pdfminer keeps it.
        """
        runs: list[tuple[str, str, float]] = []
        for ch in text:
            digit = ch in DIGIT_CHARS or (ch == " " and bool(runs) and runs[-1][1] != CJK_FONT)
            font, sz = (self.digit_font, size + self.digit_delta) if digit else (CJK_FONT, size)
            if runs and runs[-1][1] == font:
                runs[-1] = (runs[-1][0] + ch, font, sz)
            else:
                runs.append((ch, font, sz))
        return runs

    def width(self, text: str, size: float) -> float:
        """The printed width of ``text``."""
        return sum(pdfmetrics.stringWidth(run, font, sz) for run, font, sz in self.runs(text, size))

    def wrap(self, text: str, size: float, width: float, *, hang: bool = True) -> list[str]:
        """Break ``text`` into lines no wider than ``width``.

        Numbers and Latin words (with the brackets around them) are never split, and
        closing punctuation never opens a line: it hangs past the end of the line
        (``hang``, for paragraphs) or takes the char before it to the next line (for
        table cells, where hanging would spill into the next cell).
        """
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for token in _tokens(text):
            w = self.width(token, size)
            if current and used + w > width and not (hang and token in NO_LINE_START):
                carried = [current.pop()] if token in NO_LINE_START and len(current) > 1 else []
                lines.append("".join(current).rstrip())
                current = carried
                used = sum(self.width(t, size) for t in current)
                if token == " " and not current:
                    continue
            current.append(token)
            used += w
        if "".join(current).strip() or not lines:
            lines.append("".join(current).rstrip())
        return lines

    def min_width(self, text: str, size: float) -> float:
        """The width of the widest token that cannot be broken."""
        return max((self.width(t, size) for t in _tokens(text)), default=0.0)


_TOKEN = re.compile(r"[(\[（]*(?:[0-9A-Za-z\u00c0-\u024f.,%\-]+|.)[)\]）]*", re.DOTALL)


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: a number or Latin word, or one other char, with adjacent brackets."""
    return _TOKEN.findall(text)


@dataclass
class _Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


class _Writer:
    """A cursor over pages: paragraphs and tables are drawn at ``self.y`` going down."""

    def __init__(self, path: Path, page_size: tuple[float, float], style: _Style, rotation: int) -> None:
        self.page_w, self.page_h = page_size
        self.style = style
        self.rotation = rotation
        # reportlab swaps the MediaBox itself for pages rotated by 90 or 270 degrees
        self.canvas = Canvas(str(path), pagesize=page_size, invariant=1)  # the same bytes every build
        self.left = MARGIN
        self.bottom = MARGIN
        self._start_page()

    def _start_page(self) -> None:
        self.y = self.page_h - MARGIN
        self.fresh = True
        if self.rotation:
            self.canvas.setPageRotation(self.rotation)
            self.canvas.transform(*_display_to_user(self.rotation, self.page_w, self.page_h))

    def new_page(self) -> None:
        """Finish the current page and start the next one."""
        self.canvas.showPage()
        self._start_page()

    def finish(self) -> None:
        """Write the file."""
        self.canvas.showPage()
        self.canvas.save()

    def _ensure(self, height: float) -> None:
        if not self.fresh and self.y - height < self.bottom:
            self.new_page()

    def draw_text(self, text: str, x: float, baseline: float, size: float) -> None:
        """Draw one line of mixed Chinese/number text starting at ``x``.

        Number runs are drawn one by one; all Chinese runs of the line go into a single
        ``TJ`` whose offsets skip over the numbers. Besides being a common way producers
        write text out of reading order, this keeps every Chinese text object wider than
        one glyph: PDFium, lacking a system CJK font for the non-embedded STSong-Light,
        gives one-glyph objects no width and drops them.
        """
        pieces: list[str] = []
        start: float | None = None
        skipped = 0.0
        for run, font, sz in self.style.runs(text, size):
            width = pdfmetrics.stringWidth(run, font, sz)
            if font != CJK_FONT:
                self.canvas.setFont(font, sz)
                self.canvas.drawString(x, baseline, run)
                skipped += width
            else:
                if start is None:
                    start = x
                elif skipped:
                    pieces.append(f"{-skipped * 1000 / size:.3f}")
                pieces.append(f"({_CJK.formatForPdf(run)})")
                skipped = 0.0
            x += width
        if start is not None:
            text_object = self.canvas.beginText(start, baseline)
            text_object.setFont(CJK_FONT, size)
            text_object._code.append(f"[{' '.join(pieces)}] TJ")  # reportlab has no public TJ call
            self.canvas.drawText(text_object)

    def paragraph(self, line: TextLine) -> None:
        """Draw a paragraph wrapped at the text width, breaking pages as needed."""
        size = line.font_size or TEXT_SIZE
        pitch = size * LEADING
        if line.gap_before and not self.fresh:
            self.y -= size
        for text in self.style.wrap(line.text, size, self.style.text_width):
            self._ensure(pitch)
            self.draw_text(text, self.left, self.y - size, size)
            self.y -= pitch
            self.fresh = False

    def table(self, table: RawTable) -> None:
        """Draw a ruled table; rows that do not fit continue on the next page."""
        cells = _span_cells(table.rows)
        if not cells:
            return
        n_cols = max(c.col + c.colspan for c in cells)
        widths = self._column_widths(cells, n_cols)
        lefts = [self.left + sum(widths[:i]) for i in range(n_cols + 1)]
        heights = self._row_heights(cells, lefts)
        if not self.fresh:
            self.y -= TABLE_SIZE * 0.5
        for first, last in _row_groups(cells, len(heights)):
            group_h = sum(heights[first : last + 1])
            self._ensure(group_h)
            tops = [self.y - sum(heights[first:r]) for r in range(first, last + 2)]
            for cell in cells:
                if first <= cell.row <= last:
                    self._draw_cell(cell, lefts, tops, first)
            self.y -= group_h
            self.fresh = False
        self.y -= TABLE_SIZE * 0.5

    def _column_widths(self, cells: list[_Cell], n_cols: int) -> list[float]:
        """Widths in proportion to the columns' text, each at least its widest number or word.

        Only the part of a column above its minimum shrinks to fit the text width (a
        table of minimums wider than that overflows the right margin).
        """
        pad = 2 * CELL_PAD + 2
        least = [20.0] * n_cols
        natural = [20.0] * n_cols
        for cell in cells:
            if cell.colspan == 1:
                parts = cell.text.split("\n")
                want = max(self.style.width(p, TABLE_SIZE) for p in parts) + pad
                natural[cell.col] = max(natural[cell.col], min(want, self.style.text_width * 0.4))
                least[cell.col] = max(least[cell.col], max(self.style.min_width(p, TABLE_SIZE) for p in parts) + pad)
        natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
        spare, flexible = self.style.text_width - sum(least), sum(natural) - sum(least)
        if sum(natural) <= self.style.text_width or flexible <= 0:
            scale = self.style.text_width / sum(natural)
            return [w * scale for w in natural] if scale >= 1 else natural
        k = max(spare, 0.0) / flexible
        return [m + (n - m) * k for n, m in zip(natural, least, strict=True)]

    def _cell_lines(self, cell: _Cell, lefts: list[float]) -> list[str]:
        inner = lefts[cell.col + cell.colspan] - lefts[cell.col] - 2 * CELL_PAD
        lines: list[str] = []
        for part in cell.text.split("\n"):
            lines.extend(self.style.wrap(part, TABLE_SIZE, inner, hang=False))
        return lines

    def _row_heights(self, cells: list[_Cell], lefts: list[float]) -> list[float]:
        n_rows = max(c.row + c.rowspan for c in cells)
        pitch = TABLE_SIZE * CELL_LEADING
        heights = [pitch + 2 * CELL_PAD] * n_rows
        for cell in sorted(cells, key=lambda c: c.rowspan):
            need = len(self._cell_lines(cell, lefts)) * pitch + 2 * CELL_PAD
            span = range(cell.row, cell.row + cell.rowspan)
            have = sum(heights[r] for r in span)
            if need > have:
                heights[span[-1]] += need - have
        return heights

    def _draw_cell(self, cell: _Cell, lefts: list[float], tops: list[float], first: int) -> None:
        x0, x1 = lefts[cell.col], lefts[cell.col + cell.colspan]
        top, bottom = tops[cell.row - first], tops[cell.row - first + cell.rowspan]
        canvas = self.canvas
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(x0, top, x1, top)
        canvas.line(x0, bottom, x1, bottom)
        canvas.line(x0, top, x0, bottom)
        canvas.line(x1, top, x1, bottom)
        lines = self._cell_lines(cell, lefts)
        pitch = TABLE_SIZE * CELL_LEADING
        y = (top + bottom) / 2 + len(lines) * pitch / 2
        numeric = bool(cell.text) and all(ch in DIGIT_CHARS for ch in cell.text)
        for text in lines:
            x = x1 - CELL_PAD - self.style.width(text, TABLE_SIZE) if numeric else x0 + CELL_PAD
            self.draw_text(text, x, y - TABLE_SIZE, TABLE_SIZE)
            y -= pitch


def _display_to_user(rotation: int, width: float, height: float) -> tuple[float, ...]:
    """The matrix drawing display coordinates onto a page shown with ``/Rotate``."""
    return {
        90: (0, 1, -1, 0, height, 0),
        180: (-1, 0, 0, -1, width, height),
        270: (0, -1, 1, 0, 0, width),
    }[rotation]


def _span_cells(rows: Sequence[Sequence[str | None]]) -> list[_Cell]:
    """Cells with their spans: ``None`` positions are claimed in row-major order."""
    n_rows = len(rows)
    n_cols = max((len(r) for r in rows), default=0)

    def value(r: int, c: int) -> str | None:
        return rows[r][c] if c < len(rows[r]) else ""

    taken: set[tuple[int, int]] = set()
    cells: list[_Cell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in taken:
                continue
            cs = 1
            while c + cs < n_cols and value(r, c + cs) is None and (r, c + cs) not in taken:
                cs += 1
            rs = 1
            while r + rs < n_rows and all(
                value(r + rs, k) is None and (r + rs, k) not in taken for k in range(c, c + cs)
            ):
                rs += 1
            taken.update((i, k) for i in range(r, r + rs) for k in range(c, c + cs))
            cells.append(_Cell(r, c, rs, cs, value(r, c) or ""))
    return cells


def _row_groups(cells: list[_Cell], n_rows: int) -> list[tuple[int, int]]:
    """Runs of rows that must stay on one page because a cell spans them."""
    reach = list(range(n_rows))
    for cell in cells:
        reach[cell.row] = max(reach[cell.row], cell.row + cell.rowspan - 1)
    groups: list[tuple[int, int]] = []
    start, end = 0, -1
    for r in range(n_rows):
        end = max(end, reach[r])
        if r == end:
            groups.append((start, end))
            start = r + 1
    return groups
