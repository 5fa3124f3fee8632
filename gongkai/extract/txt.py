"""Plain text as pasted from reports: lines, tab- and pipe-delimited tables, form feeds.

Pasted budget reports carry their tables in two shapes:

* tab-separated rows (a spreadsheet or web table copied as text), where an empty first
  cell continues the row above;
* one cell per line, each cell closed by ``|``, where a line of bare pipes (``|||``) pads a
  row whose leading cells are merged with the row above; and the ordinary Markdown
  ``| a | b |`` form.

HTML fragments inside cells (``<p>…</p>``) become lines of the cell text; a form feed
(``\\f``, as pdftotext writes) starts a new page.
"""

from __future__ import annotations

import html
import re

from gongkai.extract.encoding import decode_bytes
from gongkai.extract.model import RawPage, RawTable, TextLine
from gongkai.limits import EVERY, check_deadline

_PARAGRAPH_TAG = re.compile(r"</?(?:p|div|br|li|tr|h[1-6])(?:\s[^>]*)?/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]{0,400}>")
_PIPE_ONLY = re.compile(r"^\|+$")
_MARKDOWN_ROW = re.compile(r"^\|.*\|$")
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def decode_text(data: bytes, source: str) -> str:
    """Bytes of the text file named ``source`` as a string: UTF-8 (with or without BOM),
    UTF-16 by its BOM, or the legacy encoding (GB18030, Big5) its text reads best in.

    Raises ``UnreadableInput`` (kind ``garbled``) when it reads as none of them
    (``gongkai.extract.encoding``).
    """
    return decode_bytes(data, source)


def html_to_text(cell: str) -> str:
    """HTML fragments in a cell as plain text, one line per paragraph."""
    if "<" not in cell and "&" not in cell:
        return cell
    text = _PARAGRAPH_TAG.sub("\n", cell)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def parse_text(text: str) -> list[RawPage]:
    """Pages of lines and tables from pasted text."""
    pages: list[RawPage] = []
    for number, page_text in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f"), start=1):
        pages.append(RawPage(number=number, blocks=_blocks(page_text.split("\n"), number)))
    while len(pages) > 1 and not pages[-1].blocks:
        pages.pop()
    return pages


def _blocks(lines: list[str], page: int) -> list[TextLine | RawTable]:
    blocks: list[TextLine | RawTable] = []
    gap = False
    i = 0
    steps = 0
    while i < len(lines):
        steps += 1
        if steps % EVERY == 0:
            check_deadline("读取正文")
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            gap = True
            i += 1
            continue
        if "\t" in line:
            end = i
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            blocks.append(_tab_table(lines[i:end], page))
            i, gap = end, False
            continue
        if _starts_pipe_cells(lines, i):
            end = i
            while end < len(lines) and lines[end].rstrip().endswith("|"):
                end += 1
            table, leftover = _pipe_cell_table(lines[i:end], page)
            if table is not None:
                blocks.append(table)
                blocks.extend(TextLine(text=t, page=page) for t in leftover)
                i, gap = end, False
                continue
        if _MARKDOWN_ROW.match(stripped) and stripped.count("|") >= 3:
            end = i
            while end < len(lines) and _MARKDOWN_ROW.match(lines[end].strip()):
                end += 1
            if end - i >= 2:
                blocks.append(_markdown_table(lines[i:end], page))
                i, gap = end, False
                continue
        blocks.append(TextLine(text=html_to_text(stripped), page=page, gap_before=gap))
        gap = False
        i += 1
    return blocks


def _tab_table(lines: list[str], page: int) -> RawTable:
    rows = [[html_to_text(cell.strip()) for cell in line.split("\t")] for line in lines]
    width = max(len(r) for r in rows)
    while width > 1 and all(len(r) < width or not r[width - 1] for r in rows):
        width -= 1  # a trailing tab on every row is not a column
    grid = tuple(tuple((r + [""] * width)[:width]) for r in rows)
    return RawTable(page=page, rows=grid)


def _starts_pipe_cells(lines: list[str], i: int) -> bool:
    """A line closed by ``|`` followed by another such line (not a Markdown row)."""
    first = lines[i].strip()
    if not first.endswith("|") or (first.startswith("|") and not _PIPE_ONLY.match(first)):
        return False
    return i + 1 < len(lines) and lines[i + 1].rstrip().endswith("|")


def _pipe_cell_table(lines: list[str], page: int) -> tuple[RawTable | None, list[str]]:
    """Rebuild the grid of a one-cell-per-line pipe table.

    Returns the table and the text of a trailing incomplete row (usually a note).
    """
    cells: list[tuple[str, bool]] = []  # (text, came from a line of bare pipes)
    for line in lines:
        stripped = line.strip()
        if _PIPE_ONLY.match(stripped):
            cells.extend(("", True) for _ in stripped)
        else:
            parts = stripped.split("|")[:-1]
            cells.extend((html_to_text(p.strip()), False) for p in parts)
    width = _pipe_row_width(lines)
    if width < 2:
        return None, []
    rows: list[tuple[str | None, ...]] = []
    index = 0
    while index + width <= len(cells):
        chunk = cells[index : index + width]
        rows.append(_align_pipe_row(chunk) if rows else tuple(text for text, _ in chunk))
        index += width
    leftover = [text for text, _ in cells[index:] if text]
    if len(rows) < 2:
        return None, []
    return RawTable(page=page, rows=tuple(rows)), leftover


def _pipe_row_width(lines: list[str]) -> int:
    """Columns in a pipe table: the cells up to and including the first bare-pipe line."""
    count = 0
    for line in lines:
        stripped = line.strip()
        if _PIPE_ONLY.match(stripped):
            return count + len(stripped)
        count += stripped.count("|")
    return count


def _align_pipe_row(cells: list[tuple[str, bool]]) -> tuple[str, ...]:
    """Move padding cells to the front when they stand for cells merged from above.

    A row whose leading cells are merged with the row above is written with its own
    cells first and bare pipes after. The padding is moved to the front when it is
    longer than one cell or the last written cell holds a number (a score).
    """
    padding = 0
    while padding < len(cells) and cells[-1 - padding][1] and not cells[-1 - padding][0]:
        padding += 1
    texts = [text for text, _ in cells]
    if padding == 0 or padding == len(cells):
        return tuple(texts)
    written = texts[: len(texts) - padding]
    last = written[-1] if written else ""
    if padding > 1 or re.fullmatch(r"[-\d.,%]+", last or "-x"):
        return tuple([""] * padding + written)
    return tuple(texts)


def _markdown_table(lines: list[str], page: int) -> RawTable:
    rows = []
    for line in lines:
        stripped = line.strip()
        if _MARKDOWN_RULE.match(stripped):
            continue
        rows.append([html_to_text(c.strip()) for c in stripped.strip("|").split("|")])
    width = max(len(r) for r in rows)
    return RawTable(page=page, rows=tuple(tuple((r + [""] * width)[:width]) for r in rows))
