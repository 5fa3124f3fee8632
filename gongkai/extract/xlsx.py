"""XLSX: one page per worksheet, the sheet's used range as one table.

Cells are read with openpyxl in read-only mode (cached formula results, not formulas).
Read-only mode does not expose merged ranges, so they are read from each sheet's XML in
a second, streaming pass over ``<mergeCell>`` elements; positions a merged range covers
become ``None``, as in every ``RawTable``.

Numbers are written as Excel prints them: with the decimal places, thousands separator
and percent sign of the cell's number format, or, for ``General``, as the shortest
decimal without a trailing ``.0``. Title rows above the table (one non-empty cell, such
as 「收入支出决算总表」 or 「公开01表」) and 「单位：万元」 rows become text lines before
the table; note rows after it (「注：…」) become text lines after it.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries

from gongkai.errors import UnreadableInput
from gongkai.extract.model import Block, RawPage, RawTable, TextLine
from gongkai.limits import EVERY, check_deadline

_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_UNIT = re.compile(r"单位\s*[:：]")
_NOTE = re.compile(r"^\s*(注|备注|说明|附注|填表说明)\s*[0-9一二三四五六七八九十]*\s*[:：.、]")
_NUMERIC = re.compile(r"^[-+]?[\d,]+(\.\d+)?%?$")
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_PLACES = re.compile(r"\.([0#?]+)")
_GROUPING = re.compile(r"[#0?],[#0?]")

Cells = dict[tuple[int, int], str]
Merge = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)


def extract_xlsx(data: bytes, source: str, max_cells: int = 0) -> list[RawPage]:
    """Pages (one per worksheet) of title lines and one table, from the bytes of an XLSX file.

    Raises ``UnreadableInput``: kind ``corrupt`` when the workbook cannot be read,
    ``too_large`` as soon as it has more than ``max_cells`` non-empty cells (0: no limit),
    ``timeout`` past the file's deadline — the rows are streamed, so neither waits for the
    whole workbook to be read.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            pages = _read_workbook(data, CellBudget(source, max_cells))
    except UnreadableInput:
        raise
    except Exception as exc:  # openpyxl, zipfile and XML parsers raise many kinds
        raise UnreadableInput(source, "corrupt", "XLSX 文件已损坏，无法解析") from exc
    return pages or [RawPage(number=1)]


class CellBudget:
    """Counts the cells read so far against the limit, and looks at the clock now and then.

    Shared by the spreadsheet readers (XLSX here, XLS in ``gongkai.extract.xls``).
    """

    def __init__(self, source: str, limit: int) -> None:
        self.source, self.limit, self.used = source, limit, 0

    def spend(self, cells: int) -> None:
        """Add ``cells`` read; raise ``UnreadableInput`` (``too_large``) past the limit, ``timeout`` past the deadline."""
        before, self.used = self.used, self.used + cells
        if self.limit and self.used > self.limit:
            reason = f"表格超过 {self.limit:,} 个单元格的上限；可用 --max-cells 调高（0 表示不限）"
            raise UnreadableInput(self.source, "too_large", reason)
        if before // EVERY != self.used // EVERY:
            check_deadline("读取表格")


def _read_workbook(data: bytes, budget: CellBudget) -> list[RawPage]:
    workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return [
                sheet_page(_read_cells(sheet, budget), _read_merges(archive, sheet), number)
                for number, sheet in enumerate(workbook.worksheets, start=1)
            ]
    finally:
        workbook.close()


def _read_cells(sheet: Any, budget: CellBudget) -> Cells:
    """Every non-empty cell of a read-only sheet as printed text, keyed by (row, column)."""
    sheet.reset_dimensions()  # the stored dimension is often wrong; read every row
    cells: Cells = {}
    for row in sheet.iter_rows():
        budget.spend(sum(1 for cell in row if cell.value is not None))
        for cell in row:
            if cell.value is None:
                continue
            text = format_cell(cell.value, getattr(cell, "number_format", None))
            if text:
                cells[(cell.row, cell.column)] = text
    return cells


def _read_merges(archive: zipfile.ZipFile, sheet: Any) -> list[Merge]:
    """The merged ranges of a sheet, streamed from its XML (read-only mode hides them)."""
    path = getattr(sheet, "_worksheet_path", None)
    if not path:
        return []
    merges: list[Merge] = []
    with archive.open(path.lstrip("/")) as stream:
        for _, element in etree.iterparse(stream, tag=f"{{{_SHEET_NS}}}mergeCell", resolve_entities=False):
            ref = element.get("ref")
            if ref and ":" in ref:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
                merges.append((min_row, min_col, max_row, max_col))
            element.clear()
    return merges


# --- values ---------------------------------------------------------------------------


def format_cell(value: Any, number_format: str | None) -> str:
    """A cell value as Excel prints it (see ``format_number``); strings with lines stripped."""
    if isinstance(value, str):
        lines = (line.strip() for line in value.replace("\r\n", "\n").split("\n"))
        return "\n".join(line for line in lines if line)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format_number(value, number_format)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def format_number(value: int | float, number_format: str | None) -> str:
    """A number as printed under an Excel number format.

    ``0.00`` → ``"12.30"``, ``#,##0.00`` → ``"1,234.50"``, ``0.0%`` → ``"12.3%"``,
    ``0.##`` → at most two decimals; ``General`` (or no digit placeholders) → the
    shortest decimal, ``12.0`` → ``"12"``. Only the first (positive) section is used;
    negatives get a minus sign.
    """
    section = _FORMAT_LITERALS.sub("", (number_format or "General").split(";")[0])
    if "0" not in section and "#" not in section:
        return _general(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if "%" in section:
        number *= 100
    match = _PLACES.search(section)
    places = match.group(1) if match else ""
    number = number.quantize(Decimal(1).scaleb(-len(places)), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)
    text = f"{number:,f}" if _GROUPING.search(section) else f"{number:f}"
    optional = len(places) - len(places.rstrip("#?"))
    if optional and "." in text:
        keep = len(places) - optional
        head, tail = text.split(".")
        tail = tail[:keep] + tail[keep:].rstrip("0")
        text = f"{head}.{tail}" if tail else head
    return text + ("%" if "%" in section else "")


def _general(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


# --- layout ---------------------------------------------------------------------------


def sheet_page(cells: Cells, merges: list[Merge], number: int) -> RawPage:
    """A page of the sheet: leading title/unit lines, the table, trailing note lines."""
    page = RawPage(number=number)
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in sorted(cells.items()):
        by_row.setdefault(r, []).append((c, text))
    rows = list(by_row)
    start = 0
    while start < len(rows) and _is_title_row(by_row[rows[start]]):
        start += 1
    end = len(rows)
    while end > start and _is_note_row(by_row[rows[end - 1]]):
        end -= 1
    page.blocks.extend(_lines(by_row, rows[:start], number))
    if start < end:
        page.blocks.append(_table(cells, merges, rows[start:end], number))
    page.blocks.extend(_lines(by_row, rows[end:], number))
    return page


def _is_title_row(row: list[tuple[int, str]]) -> bool:
    if len(row) == 1:
        return True
    texts = [t for _, t in row]
    return any(_UNIT.search(t) for t in texts) and not any(_NUMERIC.match(t) for t in texts)


def _is_note_row(row: list[tuple[int, str]]) -> bool:
    return len(row) == 1 and bool(_NOTE.match(row[0][1]))


def _lines(by_row: dict[int, list[tuple[int, str]]], rows: Iterable[int], page: int) -> list[Block]:
    return [TextLine(text=" ".join(t.replace("\n", " ") for _, t in by_row[r]), page=page) for r in rows]


def _table(cells: Cells, merges: list[Merge], rows: list[int], page: int) -> RawTable:
    """The grid over the given rows and the columns holding text, merged positions ``None``.

    Rows and columns without any text (spacers, stray formatting) are left out.
    """
    row_index = {r: i for i, r in enumerate(rows)}
    columns = sorted({c for (r, c) in cells if r in row_index})
    column_index = {c: i for i, c in enumerate(columns)}
    grid: list[list[str | None]] = [[cells.get((r, c), "") for c in columns] for r in rows]
    for min_row, min_col, max_row, max_col in merges:
        if min_row not in row_index or min_col not in column_index:
            continue  # the origin is outside the table or holds no text
        covered_rows = rows[bisect_left(rows, min_row) : bisect_right(rows, max_row)]
        covered_columns = columns[bisect_left(columns, min_col) : bisect_right(columns, max_col)]
        for r in covered_rows:
            for c in covered_columns:
                if (r, c) != (min_row, min_col):
                    grid[row_index[r]][column_index[c]] = None
    return RawTable(page=page, rows=tuple(tuple(row) for row in grid))
