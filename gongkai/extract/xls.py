"""XLS (Excel 97–2003 and older BIFF workbooks): the same pages as an XLSX, read with xlrd.

Each worksheet is one page laid out by ``gongkai.extract.xlsx.sheet_page``: title and
「单位：万元」 lines, the used range as one table with merged positions ``None``, note lines
after it. xlrd is opened with ``formatting_info=True`` for the merged ranges and each
cell's number format, so numbers read as Excel prints them (``format_number``); cells with
a date format become dates (``2023-12-31``), times and durations as in an XLSX. Formula
cells hold their cached results. Sheets are loaded one at a time and the non-empty cells
are counted against ``max_cells`` (``CellBudget``, the XLSX reader's counter) as they are
read; xlrd's warnings go nowhere, never to standard output.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any

import xlrd
from xlrd.biffh import (
    XL_CELL_BLANK,
    XL_CELL_BOOLEAN,
    XL_CELL_DATE,
    XL_CELL_EMPTY,
    XL_CELL_ERROR,
    XL_CELL_NUMBER,
    error_text_from_code,
)
from xlrd.xldate import XLDateError

from gongkai.errors import UnreadableInput
from gongkai.extract.model import RawPage
from gongkai.extract.xlsx import CellBudget, Cells, Merge, format_cell, format_number, sheet_page
from gongkai.limits import check_deadline

_DURATION = re.compile(r"\[(h+|m+|s+)\]", re.I)  # [h]:mm and the like: elapsed time, not a clock time
_DETAIL_CHARS = 120  # of xlrd's own message quoted in a refusal
_ENCRYPTED = "Workbook is encrypted"
_FOUND_BYTES = re.compile(r";?\s*found b['\"].*$")  # xlrd quotes the bytes it did not expect: noise in a message


class _Discard:
    """A log file that drops what xlrd writes to it (xlrd logs to standard output by default)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def extract_xls(data: bytes, source: str, max_cells: int = 0) -> list[RawPage]:
    """Pages (one per worksheet) of title lines and one table, from the bytes of an XLS file.

    Raises ``UnreadableInput``: kind ``corrupt`` when xlrd cannot open the workbook,
    ``encrypted`` when it has a password, ``too_large`` past ``max_cells`` non-empty cells
    (0: no limit), ``timeout`` past the file's deadline.
    """
    budget = CellBudget(source, max_cells)
    try:
        book = xlrd.open_workbook(
            file_contents=data,
            logfile=_Discard(),
            formatting_info=True,
            on_demand=True,
            ragged_rows=True,
            ignore_workbook_corruption=True,  # files written by other programs often trip this check
        )
    except Exception as exc:  # xlrd, its compound-file reader and struct raise many kinds
        raise _refusal(source, exc) from exc
    try:
        pages = [_sheet(book, index, budget) for index in range(book.nsheets)]
    except UnreadableInput:
        raise
    except Exception as exc:
        raise _refusal(source, exc) from exc
    finally:
        book.release_resources()
    return pages or [RawPage(number=1)]


def _refusal(source: str, exc: Exception) -> UnreadableInput:
    detail = _FOUND_BYTES.sub("", " ".join(str(exc).split()))[:_DETAIL_CHARS] or type(exc).__name__
    if detail.startswith(_ENCRYPTED):
        return UnreadableInput(source, "encrypted", "XLS 文件有密码保护，无法读取")
    return UnreadableInput(source, "corrupt", f"XLS 文件无法打开（已损坏或不是 Excel 工作簿：{detail}）")


def _sheet(book: Any, index: int, budget: CellBudget) -> RawPage:
    check_deadline("读取表格")
    sheet = book.sheet_by_index(index)
    try:
        cells = _read_cells(book, sheet, budget)
        merges: list[Merge] = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
    finally:
        if book.on_demand:
            book.unload_sheet(index)
    return sheet_page(cells, merges, index + 1)


def _read_cells(book: Any, sheet: Any, budget: CellBudget) -> Cells:
    """Every non-empty cell of a sheet as printed text, keyed by 1-based (row, column)."""
    cells: Cells = {}
    for r in range(sheet.nrows):
        types = sheet.row_types(r)
        budget.spend(sum(1 for kind in types if kind not in (XL_CELL_EMPTY, XL_CELL_BLANK)))
        values = sheet.row_values(r)
        for c, kind in enumerate(types):
            if kind in (XL_CELL_EMPTY, XL_CELL_BLANK):
                continue
            text = _cell_text(book, kind, values[c], _number_format(book, sheet, r, c))
            if text:
                cells[(r + 1, c + 1)] = text
    return cells


def _number_format(book: Any, sheet: Any, row: int, column: int) -> str | None:
    """The format string of a cell (``None`` when its XF or format record is missing)."""
    try:
        xf = book.xf_list[sheet.cell_xf_index(row, column)]
    except (IndexError, xlrd.XLRDError):
        return None
    found = book.format_map.get(xf.format_key)
    return found.format_str if found is not None else None


def _cell_text(book: Any, kind: int, value: Any, number_format: str | None) -> str:
    """A cell as printed: like ``xlsx.format_cell`` for the value openpyxl would give."""
    if kind == XL_CELL_NUMBER:
        return format_number(value, number_format)
    if kind == XL_CELL_DATE:
        return _date_text(book, value, number_format)
    if kind == XL_CELL_BOOLEAN:
        return format_cell(bool(value), None)
    if kind == XL_CELL_ERROR:
        return error_text_from_code.get(value, "#N/A")
    return format_cell(value, None)


def _date_text(book: Any, value: float, number_format: str | None) -> str:
    """A number under a date format: a duration, a time of day (below 1) or a date (and time)."""
    if number_format and _DURATION.search(number_format):
        return format_cell(timedelta(milliseconds=round(value * 86_400_000)), None)
    if 0 <= value < 1:
        milliseconds = round(value * 86_400_000)
        if milliseconds < 86_400_000:
            seconds, millis = divmod(milliseconds, 1000)
            return format_cell(time(seconds // 3600, seconds // 60 % 60, seconds % 60, millis * 1000), None)
    try:
        return format_cell(xlrd.xldate_as_datetime(value, book.datemode), None)
    except (ValueError, OverflowError, XLDateError):
        return format_number(value, None)  # a negative or out-of-range serial: the number itself
