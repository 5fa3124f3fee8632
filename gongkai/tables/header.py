"""Multi-row table headers → one path of labels per column.

A header over two or three rows prints a group once over several columns (收入 over 项目
and 决算数; 公务用车购置及运行维护费 over 小计, 购置费, 运行维护费) and a label once over
several rows. In the grid a covered position is ``None``; it takes the label to its left
when both sit under the same parent, otherwise the label above.
"""

from __future__ import annotations

import re

from gongkai.normalize.document import Table
from gongkai.normalize.numbers import parse_number
from gongkai.schemas.classification import normalize_code

_DATA_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|合\s*计|总\s*计|小\s*计|本年|年初|年末|使用|结余|人员经费|公用经费)"
)
_NUMBERED_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[)）])")
_MAX_HEADER_ROWS = 6


def is_sequence_row(texts: list[str]) -> bool:
    """A 栏次 row numbering the columns (栏次 | 1 | 2 | 3 …), which is part of the header."""
    cells = [t.replace(" ", "") for t in texts if t]
    if cells and cells[0] in ("栏次", "行次", "栏号"):
        return True
    numbers = [c for c in cells if c.isdigit()]
    return len(numbers) >= 3 and len(numbers) == len(cells) and [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def is_data_row(texts: list[str]) -> bool:
    """A row of figures or of row labels, not of column headers."""
    cells = [t for t in texts if t]
    if not cells:
        return True
    if is_sequence_row(texts):
        return False
    if any(parse_number(t) is not None for t in cells):
        return True
    first = cells[0]
    return bool(_DATA_LABEL.match(first)) or normalize_code(first) is not None


def header_rows(table: Table) -> int:
    """How many rows at the top of the table are column headers.

    When figures are printed, the header is every row above the first row with a figure,
    less the group headings just above it (rows led by a code or a numbered label, such as
    「一、工资福利支出」 with its amounts left blank). A 合计 printed there is a column header
    (「合计 | 基本支出 | 项目支出」 over the value columns). A table without figures (a blank
    template) ends its header at the first row that looks like data.
    """
    first_figures = next((r for r in range(table.n_rows) if _has_figure(table.texts(r))), None)
    if first_figures is None or first_figures > _MAX_HEADER_ROWS:
        count = 0
        for r in range(min(_MAX_HEADER_ROWS, table.n_rows)):
            if is_data_row(table.texts(r)):
                break
            count += 1
        return count
    lead = _lead_column(table)
    count = first_figures
    while count > 0 and _is_group_heading(table.texts(count - 1), lead):
        count -= 1
    return count


def _has_figure(texts: list[str]) -> bool:
    return not is_sequence_row(texts) and any(parse_number(t) is not None for t in texts if t)


def _lead_column(table: Table) -> int:
    """The leftmost column holding any text (spreadsheet exports often leave column 0 empty)."""
    for c in range(table.n_cols):
        if any(c < len(row) and row[c] is not None and row[c].text for row in table.rows):
            return c
    return 0


def _is_group_heading(texts: list[str], lead: int) -> bool:
    first = texts[lead] if lead < len(texts) else ""
    return bool(first) and (bool(_NUMBERED_LABEL.match(first)) or normalize_code(first) is not None)


def column_paths(table: Table, n_header: int) -> list[tuple[str, ...]]:
    """For each column, its header labels from top to bottom (repeats removed)."""
    width = table.n_cols
    resolved: list[list[str]] = []
    for r in range(n_header):
        if is_sequence_row(table.texts(r)):
            resolved.append(list(resolved[-1]) if resolved else [""] * width)
            continue
        row = _spans_from_blanks(table, r, n_header, width)
        values: list[str] = []
        for c in range(width):
            cell = row[c]
            if cell is not None:
                values.append(cell.text)
                continue
            same_parent = r == 0 or (c > 0 and resolved[r - 1][c] == resolved[r - 1][c - 1])
            if c > 0 and same_parent and (row[c - 1] is not None or values[c - 1]):
                values.append(values[c - 1])
            elif r > 0:
                values.append(resolved[r - 1][c])
            else:
                values.append("")
        resolved.append(values)
    paths = []
    for c in range(width):
        path: list[str] = []
        for r in range(n_header):
            label = resolved[r][c]
            if label and (not path or path[-1] != label):
                path.append(label)
        paths.append(tuple(path))
    common = _common_root(paths)
    return [p[common:] if len(p) > common else p for p in paths]


def _spans_from_blanks(table: Table, r: int, n_header: int, width: int) -> list:  # type: ignore[type-arg]
    """A header row where a blank right of a label, above labelled columns, is a span.

    Pasted and spreadsheet tables print a group label once (收入 | | | 支出 | |) with no
    merge information; a blank cell there belongs to the label on its left.
    """
    row = table.rows[r] + [None] * (width - len(table.rows[r]))
    if r + 1 >= n_header:
        return row
    labelled_below = [
        any(c < len(table.rows[k]) and table.rows[k][c] is not None and table.rows[k][c].text for k in range(r + 1, n_header))
        for c in range(width)
    ]
    out = list(row)
    for c in range(1, width):
        cell, left = out[c], out[c - 1]
        spanning = left is None or bool(left.text)
        if cell is not None and not cell.text and spanning and labelled_below[c]:
            out[c] = None
    return out


def _common_root(paths: list[tuple[str, ...]]) -> int:
    """The number of leading labels shared by every column (a title row inside the table)."""
    if len(paths) < 2 or not all(paths):
        return 0
    depth = 0
    while all(len(p) > depth + 1 for p in paths) and len({p[depth] for p in paths}) == 1:
        depth += 1
    return depth
