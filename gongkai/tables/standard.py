"""Cells of the standard tables → facts: row label, 科目编码, canonical column, unit, page, box.

Columns are told apart by their header and their contents: label columns (项目, 科目名称),
code columns (科目编码, or cells that are 3/5/7-digit codes) and value columns. Each value
column takes its row label from the nearest label columns to its left, so two-sided tables
(收入 | 支出) and the two column pairs of the 基本支出 table read correctly. A row with a
name but no code and no figures continues the name of the row above (a label wrapped onto
its own line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.normalize.document import Cell, Document, Table
from gongkai.normalize.numbers import parse_number
from gongkai.schemas.classification import (
    code_level,
    economic_class_code,
    function_class_code,
    normalize_code,
)
from gongkai.schemas.records import Fact
from gongkai.schemas.vocabulary import canonical_subject
from gongkai.tables.cells import FactMaker
from gongkai.tables.header import column_paths, header_rows
from gongkai.tables.recognize import StandardTable

_LABEL_HEADER = re.compile(r"^项目$|项目名称|科目名称|^名称$|单位名称|^科目$|^功能分类$|^经济分类$|支出功能分类|预算科目")
_CODE_HEADER = re.compile(r"编码|代码|^类$|^款$|^项$")
_IGNORED_HEADER = re.compile(r"^(?:行次|栏次|序号|行号|经费性质|单位性质|经费形式|备注|说明)$")
_SPLIT_CODE_HEADERS = ("类", "款", "项")
_SPLIT_CODE_WIDTHS = (3, 2, 2)
_MEASURE_WORDS = {
    "决算数": "决算数",
    "决算": "决算数",
    "预算数": "预算数",
    "年初预算数": "年初预算数",
    "年初预算": "年初预算数",
    "全年预算数": "全年预算数",
    "调整预算数": "调整预算数",
    "上年决算数": "上年决算数",
    "金额": None,
}
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[)）])\s*")
_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2})\s*([^\d\s].*)$")
_GENERIC_LABELS = {"合计", "总计", "小计"}
_HEADER_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[（(](万元|元|亿元|千元)[)）]$"), ""),  # the unit printed in the header
    (re.compile(r"(?:人数|编制数|人员数|编制人数)$|^(?:在职|实有|退休|离休)人员$"), "人"),
    (re.compile(r"(?:车辆数|车辆总数|车数|辆数)$"), "辆"),
    (re.compile(r"(?:率|比例|占比|比重)(?:[（(]%[)）])?$|[（(]%[)）]$"), "%"),
)
_COUNT_UNITS = frozenset({"人", "辆"})
_YEAR_WORD = re.compile(r"^(?:19|20)\d{2}年度?")
_MEASURE_SUFFIX = re.compile(r"(?:预算数|决算数|预算|决算|控制数)$")


@dataclass(slots=True)
class TableRow:
    """One data row of a standard table, on one side."""

    label: str
    code: str | None
    level: str | None
    side: str | None
    values: dict[str, Fact] = field(default_factory=dict)


@dataclass(slots=True)
class ReadTable:
    """A standard table with its rows read into facts."""

    standard: StandardTable
    rows: list[TableRow]
    columns: list[str]
    unit: str | None

    @property
    def key(self) -> str:
        """The table kind's key (``fa_expense`` …)."""
        return self.standard.kind.key

    @property
    def complete(self) -> bool:
        """Whether every printed figure of the table is in its rows (a rebuilt table may have
        left out figures whose column it could not tell): sums over it can be trusted."""
        return all(part.undecided == 0 for part in self.standard.parts)

    def find(self, label: str | None = None, code: str | None = None, side: str | None = None) -> list[TableRow]:
        """Rows by label (or canonical label), by code, optionally on one side."""
        out = []
        for row in self.rows:
            if side is not None and row.side is not None and row.side != side:
                continue
            if (code is not None and row.code == code) or (label is not None and (row.label == label or canonical_subject(row.label) == label)):
                out.append(row)
        return out


@dataclass(slots=True)
class _Column:
    index: int
    path: tuple[str, ...]
    role: str  # label | code | value
    side: str | None = None
    name: str = ""
    measure: str | None = None
    group: int = 0  # which label columns this value column reads its row label from
    subject: str | None = None  # what the column itself names (for rows without a label)
    unit: str | None = None  # a unit the header gives its column (人员编制数 → 人), over the table's
    title: str = ""  # the header path as a reader cites it (「“三公”经费预算数／合计」)


def read_standard_table(document: Document, standard: StandardTable, maker: FactMaker, doc_type: str) -> ReadTable:
    """Read every non-empty value cell of a recognised table into a fact."""
    if not standard.parts:
        return ReadTable(standard, [], [], standard.unit)
    first = standard.parts[0]
    n_header = header_rows(first)
    data_rows: list[tuple[Table, int]] = [(first, r) for r in range(n_header, first.n_rows)]
    for part in standard.parts[1:]:
        skip = header_rows(part) if part.texts(0) == first.texts(0) else 0
        data_rows.extend((part, r) for r in range(skip, part.n_rows))
    columns = _columns(first, n_header, data_rows)
    default_measure = "决算数" if doc_type == "final_accounts" or standard.kind.doc_type == "final_accounts" else "预算数"
    rows: dict[tuple[int, int, str | None], TableRow] = {}
    ordered: list[TableRow] = []
    previous: dict[int, TableRow] = {}
    # a table of totals only (the 三公 table, 「合计 | 基本支出 | 项目支出」 over one row of figures):
    # its rows carry no label and each column names what its figure is
    headless = standard.kind.key.endswith("sangong") or not any(c.role == "label" for c in columns)
    carry: dict[int, list[str]] = {}
    for table, r in data_rows:
        cells = table.rows[r] + [None] * (first.n_cols - len(table.rows[r]))
        for column in columns:
            if column.role != "value":
                continue
            cell = cells[column.index] if column.index < len(cells) else None
            number = parse_number(cell.text) if cell is not None and cell.text else None
            labels = _row_label(cells, columns, column)
            split_code = _split_code(cells, columns, column, carry)
            if split_code is not None:
                labels = ((labels[0] if labels else ""), split_code or None)
            if labels is None and not headless:
                continue
            label, code = labels if labels else ("", None)
            key = (id(table), r, column.group)
            row = rows.get(key)
            if row is None:
                if not label and not code and not headless:
                    continue
                if not code and label and number is None and not _row_has_values(cells, columns, column.group):
                    held = previous.get(column.group)
                    if held is not None and not held.values and label not in _GENERIC_LABELS:
                        held.label += label  # a wrapped label continues the row above
                    continue
                row = TableRow(
                    label=_display_label(label, column.side) if label or code else "合计",
                    code=code,
                    level=code_level(code),
                    side=column.side,
                )
                if row.code is None:
                    row.code = function_class_code(row.label) or economic_class_code(row.label)
                    row.level = "类" if row.code else None
                rows[key] = row
                ordered.append(row)
                previous[column.group] = row
            if number is None or cell is None:
                continue
            subject, measure = row.label, column.measure or default_measure
            if headless and (not row.label or row.label in _GENERIC_LABELS):
                subject = column.subject or standard.kind.total or row.label
            elif row.label in _GENERIC_LABELS and column.subject is None and standard.kind.total:
                subject = standard.kind.total  # the 合计 of the 政府采购 table is the procurement total
            fact = maker.cell_fact(
                table,
                r,
                cell,
                number,
                subject=canonical_subject(subject) or subject,
                measure=measure,
                table_name=standard.kind.title,
                column=column.name,
                unit=number.unit or column.unit or standard.unit,
                exact=column.unit in _COUNT_UNITS,
                subject_code=row.code,
                level=row.level,
                row_label=row.label or "合计",
                column_title=column.title,
            )
            row.values[column.name] = fact
    return ReadTable(standard, ordered, [c.name for c in columns if c.role == "value"], standard.unit)


def _columns(first: Table, n_header: int, data_rows: list[tuple[Table, int]]) -> list[_Column]:
    paths = column_paths(first, n_header) if n_header else [() for _ in range(first.n_cols)]
    paths = [tuple(_YEAR_WORD.sub("", label) or label for label in path) for path in paths]
    columns: list[_Column] = []
    for c, path in enumerate(paths):
        joined = "".join(path)
        cells = [t.rows[r][c] for t, r in data_rows if c < len(t.rows[r])]
        texts = [cell.text for cell in cells if cell is not None and cell.text]
        if (path and _IGNORED_HEADER.match(path[-1])) or (not texts and not path):
            role = "ignore"
        elif _CODE_HEADER.search(joined) and not _LABEL_HEADER.search(path[-1] if path else ""):
            role = "code"
        elif _LABEL_HEADER.search(path[-1] if path else "") or _mostly_text(texts):
            role = "label"
        elif texts and all(normalize_code(t) for t in texts) and not path:
            role = "code"
        else:
            role = "value"
        columns.append(
            _Column(c, path, role, _side(path), title=_title(path), subject=_column_subject(path), unit=_column_unit(path))
        )
    root = _shared_root([c.path for c in columns if c.role == "value"])
    for column in columns:
        column.name, column.measure = _value_name(column.path, root)
    if len({c.side for c in columns if c.role == "value"} - {None}) < 2:
        for column in columns:  # a side names one half of a two-sided table, nothing else
            column.side = None
    group = 0
    for index, column in enumerate(columns):
        if column.role != "value" and index and columns[index - 1].role == "value":
            group += 1
        column.group = group
    return columns


def _column_unit(path: tuple[str, ...]) -> str | None:
    """The unit a column header implies for its figures: head counts in 人, vehicles in 辆, rates in %."""
    leaf = path[-1] if path else ""
    for pattern, unit in _HEADER_UNITS:
        match = pattern.search(leaf)
        if match:
            return unit or match.group(1)
    return None


def _side(path: tuple[str, ...]) -> str | None:
    """收入 or 支出 for a column under 「收入」/「本年收入」/「财政拨款支出」 …"""
    top = path[0] if path else ""
    for side in ("收入", "支出"):
        if top == side or (top.endswith(side) and len(top) <= 8):
            return side
    return None


def _title(path: tuple[str, ...]) -> str:
    """A column's header path as printed, without the bare 收入/支出 of a two-sided table."""
    return "／".join(label for label in path if label not in ("收入", "支出")) or "／".join(path)


def _column_subject(path: tuple[str, ...]) -> str | None:
    """The subject a column's figure is about when its row has no label of its own.

    「“三公”经费预算数／合计」 → 三公经费, 「公务用车购置及运行费／小计」 → 公务用车购置及运行维护费,
    「公务用车购置及运行费／购置费」 → 公务用车购置费, 「机关运行经费预算数」 → 机关运行经费.
    ``None`` when the column is a bare total (合计) of the whole table.
    """
    labels = [_MEASURE_SUFFIX.sub("", label) or label for label in path if label not in _MEASURE_WORDS]
    labels = [label for label in labels if label not in ("收入", "支出", "项目")]
    while labels and labels[-1] in _GENERIC_LABELS:
        labels.pop()
        if labels:
            return canonical_subject(labels[-1]) or labels[-1]
        return None
    if not labels:
        return None
    leaf = labels[-1]
    if canonical_subject(leaf):
        return canonical_subject(leaf)
    if len(labels) >= 2:
        parent = labels[-2]
        for cut in range(2, len(parent)):  # 公务用车购置及运行费 + 运行费 → 公务用车运行费
            found = canonical_subject(parent[:cut] + leaf)
            if found and found != canonical_subject(parent):
                return found
    return leaf


def _mostly_text(texts: list[str]) -> bool:
    if not texts:
        return False
    textual = sum(1 for t in texts if parse_number(t) is None)
    return textual * 2 > len(texts)


def _shared_root(paths: list[tuple[str, ...]]) -> int:
    """How many leading header labels all value columns share (「支出预算」 over 合计 | 基本支出 …)."""
    depth = 0
    while paths and all(len(p) > depth + 1 for p in paths) and len({p[depth] for p in paths}) == 1:
        depth += 1
    return depth


def _value_name(path: tuple[str, ...], root: int = 0) -> tuple[str, str | None]:
    """A value column's name and measure: (公务接待费, 预算数), (基本支出, None) …

    A generic leaf (合计, 小计) is named with its group when the group is not shared by every
    value column: 「公务用车购置及运行费（小计）」 beside 「“三公”经费预算数（合计）」.
    """
    if not path:
        return "数值", None
    last = path[-1]
    if last in _MEASURE_WORDS:
        measure = _MEASURE_WORDS[last]
        parent = [p for p in path[:-1] if p not in ("收入", "支出")]
        return (f"{parent[-1]}（{last}）" if parent else last), measure
    if last in _GENERIC_LABELS and len(path) - root >= 2 and path[-2] not in ("收入", "支出", *_MEASURE_WORDS):
        return f"{path[-2]}（{last}）", None
    return last, None


def _split_code(cells: list[Cell | None], columns: list[_Column], value: _Column, carry: dict[int, list[str]]) -> str | None:
    """A code printed over 类 | 款 | 项 columns (201 | 06 | 01), parts carried down from above.

    ``None`` when the row prints no part of a code, ``""`` when what it prints is no code.
    """
    split = [c for c in columns[: value.index] if c.role == "code" and c.path and c.path[-1] in _SPLIT_CODE_HEADERS]
    if len(split) < 2:
        return None
    parts = [((cells[c.index].text if c.index < len(cells) and cells[c.index] is not None else "") or "").strip() for c in split]
    if not any(parts):
        return None
    parts = [_code_part(part, width, i) for i, (part, width) in enumerate(zip(parts, _SPLIT_CODE_WIDTHS, strict=False))]
    if any(part is None for part in parts):
        return ""  # a misprinted part (「7 | 11 | 02」): no code rather than a wrong one
    held = carry.setdefault(value.group, ["", "", ""])
    level = max(i for i, part in enumerate(parts) if part)
    for i, part in enumerate(parts):
        if part:
            held[i] = part
    code = "".join(held[: level + 1])
    if level < len(held) - 1:
        held[level + 1 :] = [""] * (len(held) - level - 1)
    return normalize_code(code)


def _code_part(part: str, width: int, position: int) -> str | None:
    """One printed part of a split code at its full width, ``None`` when it cannot be one.

    A 款 or 项 printed with one digit lost its leading zero (「301 | 2」 is 30102); a 类 must
    print all three digits.
    """
    if not part:
        return part
    if not part.isdigit() or len(part) > width:
        return None
    if len(part) < width:
        return part.zfill(width) if position and len(part) == width - 1 else None
    return part


def _row_label(cells: list[Cell | None], columns: list[_Column], value: _Column) -> tuple[str, str | None] | None:
    """The (name, code) of a row for one value column: the label columns to its left."""
    code: str | None = None
    names: list[str] = []
    for column in reversed(columns[: value.index]):
        if column.role == "ignore":
            continue
        if column.role == "value":
            if names or code:
                break
            continue
        cell = cells[column.index] if column.index < len(cells) else None
        text = cell.text if cell is not None else ""
        if column.role == "code":
            code = code or normalize_code(text)
            if not code and text and not names:
                names.insert(0, text)
        elif text:
            split = _CODE_AND_NAME.match(text)
            if split and normalize_code(split.group(1)):
                code = code or normalize_code(split.group(1))
                names.insert(0, split.group(2))
            elif normalize_code(text) and not code:
                code = normalize_code(text)
            else:
                names.insert(0, text)
    if not names and code is None:
        return None
    total = next((n for n in names if n.replace(" ", "") in _GENERIC_LABELS), None)
    if total is not None and code is None:
        return total.replace(" ", ""), None  # a 合计 row has no other attributes (a stray header char is none)
    name = _ENUMERATOR.sub("", "".join(names)).strip()
    return name, code


def _row_has_values(cells: list[Cell | None], columns: list[_Column], group: int) -> bool:
    return any(
        column.role == "value"
        and column.group == group
        and column.index < len(cells)
        and cells[column.index] is not None
        and cells[column.index].text  # type: ignore[union-attr]
        for column in columns
    )


def _display_label(label: str, side: str | None) -> str:
    """Generic totals on a two-sided table name their side: 总计 → 收入总计."""
    compact = label.replace(" ", "")
    if compact in _GENERIC_LABELS and side:
        return f"{side}{compact}"
    return compact
