"""Build DOCX files from extraction records, for round-trip tests of the DOCX extractor.

``TextLine``s become paragraphs (an empty paragraph before a line with ``gap_before``),
``RawTable``s become Word tables whose ``None`` positions are merged cells: a ``None``
merges with the nearest non-``None`` cell to its left in the same row, or, when the row
has none to its left, with the cell above it. A page break separates pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.table import CT_Row
from docx.table import Table, _Cell

from gongkai.extract.model import Block, RawDocument, RawPage, RawTable, TextLine

Owner = tuple[int, int]


def build_docx(blocks: Iterable[Block] | RawDocument | Sequence[RawPage], path: str | Path) -> Path:
    """Write ``blocks`` (or a document's pages) as a DOCX at ``path`` and return the path.

    For a plain sequence of blocks, a page break is inserted wherever a block's ``page``
    is higher than the previous block's (one break per page skipped).
    """
    document = docx.Document()
    for block, breaks in _with_breaks(blocks):
        for _ in range(breaks):
            document.add_page_break()
        if isinstance(block, TextLine):
            _add_line(document, block)
        else:
            _add_table(document, block)
    path = Path(path)
    document.save(str(path))
    return path


def _with_breaks(source: Iterable[Block] | RawDocument | Sequence[RawPage]) -> list[tuple[Block, int]]:
    """Each block with the number of page breaks to write before it."""
    if isinstance(source, RawDocument):
        return _page_blocks(source.pages)
    items = list(source)
    pages = [item for item in items if isinstance(item, RawPage)]
    if pages:
        return _page_blocks(pages)
    blocks = [item for item in items if isinstance(item, TextLine | RawTable)]
    return _block_breaks(blocks)


def _page_blocks(pages: Sequence[RawPage]) -> list[tuple[Block, int]]:
    """Blocks of consecutive pages, one page break between pages (empty pages kept)."""
    placed: list[tuple[Block, int]] = []
    pending = 0
    for index, page in enumerate(pages):
        pending += 1 if index else 0
        for block in page.blocks:
            placed.append((block, pending))
            pending = 0
    return placed


def _block_breaks(blocks: Sequence[Block]) -> list[tuple[Block, int]]:
    """Blocks with a page break for each page their ``page`` numbers move on."""
    placed: list[tuple[Block, int]] = []
    previous = blocks[0].page if blocks else 1
    for block in blocks:
        placed.append((block, max(block.page - previous, 0)))
        previous = block.page
    return placed


def _add_line(document: DocxDocument, line: TextLine) -> None:
    if line.gap_before:
        document.add_paragraph()
    document.add_paragraph().add_run(line.text)


def _add_table(document: DocxDocument, raw: RawTable) -> None:
    width = raw.n_cols
    if not raw.rows or not width:
        return
    grid = [list(row) + [""] * (width - len(row)) for row in raw.rows]
    owners = _owners(grid)
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    for r, tr in enumerate(table._tbl.tr_lst):
        _shape_row(table, tr, r, grid, owners)


def _owners(grid: list[list[str | None]]) -> list[list[Owner]]:
    """For each position, the top-left position of the cell that covers it."""
    owners: list[list[Owner]] = []
    for r, row in enumerate(grid):
        current: list[Owner] = []
        last_left: Owner | None = None
        for c, text in enumerate(row):
            if text is not None:
                last_left = (r, c)
                current.append(last_left)
            elif last_left is not None:
                current.append(last_left)
            elif r > 0:
                current.append(owners[r - 1][c])
            else:
                current.append((r, c))  # nothing to merge with: an empty cell
        owners.append(current)
    return owners


def _shape_row(table: Table, tr: CT_Row, r: int, grid: list[list[str | None]], owners: list[list[Owner]]) -> None:
    """Merge the cells of row ``r`` by owner and write the texts of cells starting here."""
    cells = list(tr.tc_lst)
    c = 0
    while c < len(cells):
        owner = owners[r][c]
        end = c
        while end + 1 < len(cells) and owners[r][end + 1] == owner:
            end += 1
        tc = cells[c]
        if end > c:
            total = sum((cells[k].width or 0) for k in range(c, end + 1))
            for k in range(c + 1, end + 1):
                tr.remove(cells[k])
            tc.grid_span = end - c + 1
            tc.width = total
        if owner[0] < r:
            tc.vMerge = "continue"
        elif any(owner in later for later in owners[r + 1 :]):
            tc.vMerge = "restart"
        if owner == (r, c):
            _write_cell(_Cell(tc, table), grid[r][c] or "")
        c = end + 1


def _write_cell(cell: _Cell, text: str) -> None:
    lines = text.split("\n")
    if lines[0]:
        cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph().add_run(line)
