"""Figures in the narrative (情况说明) against the same figures in the standard tables."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.schemas.subjects import subject_key
from gongkai.tables import ReadTable, TableRow
from gongkai.validate.figures import UNCERTAIN_BINDING, make_finding, raw_at, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.table_sum import equal_held
from gongkai.validate.table_arith import comparable, equal_fields, equal_mismatch

_TEXT_MEASURES = {"决算数", "金额", "预算数"}
# Text subjects that name a column of a table's 合计 row rather than a row.
_TOTAL_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    # a bare 基本支出 may be all funds' or the general budget's: either table may hold it
    "基本支出": (("fa_expense", "基本支出"), ("fa_general_expense", "基本支出")),
    "项目支出": (("fa_expense", "项目支出"), ("fa_general_expense", "项目支出")),
    "财政拨款收入": (("fa_income", "财政拨款收入"),),
    "一般公共预算财政拨款支出": (("fa_general_expense", "合计"),),
    "一般公共预算财政拨款基本支出": (("fa_general_expense", "基本支出"),),
    "一般公共预算财政拨款项目支出": (("fa_general_expense", "项目支出"),),
}


# 预算: the figures whose meaning is the same in the narrative and in the summary tables — the
# totals by source and by use. Economic items (公务接待费 …) are left out: a basic-expense table
# holds only their basic part, while the narrative gives them in all.
_BUDGET_ROW_TABLES = ("bd_total", "bd_income", "bd_fiscal_total")
_BUDGET_ROWS = frozenset(
    subject_key(name)
    for name in ("基本支出", "项目支出", "财政拨款收入", "一般公共预算收入", "事业收入", "事业单位经营收入", "其他收入")
)
_BUDGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "基本支出": ("bd_expense", "bd_general_expense", "bd_fiscal_expense"),
    "项目支出": ("bd_expense", "bd_general_expense", "bd_fiscal_expense"),
}
# the total rows that print a 预算 narrative's total: 财政拨款支出 is the 支出 total of the
# 财政拨款收支总表 (its spending of money carried over included, as the narrative's is)
_BUDGET_TOTAL_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "财政拨款支出": ("bd_fiscal_total", ("支出总计", "支出合计")),
    # the department's totals (「收入预算8,600.00万元」, 「支出预算总计…」): the 收支总表's total rows
    "收入": ("bd_total", ("收入总计", "收入合计", "本年收入合计")),
    "收入总计": ("bd_total", ("收入总计", "收入合计", "本年收入合计")),
    "支出": ("bd_total", ("支出总计", "支出合计", "本年支出合计")),
    "支出总计": ("bd_total", ("支出总计", "支出合计", "本年支出合计")),
    "政府采购": ("bd_procurement", ("合计", "总计")),  # 「政府采购预算总金额为…万元」: the 政府采购表's 合计
}
# money carried over (上年结转, 年末结转和结余) makes a 收支总表's 总计 more than the year's income or
# expense, which is what a narrative's 收入预算 may mean: such a table is not compared with it
_CARRIED = re.compile(r"结转|结余")
_SUB_SCOPE = re.compile(r"[（(][类款项][)）]")


def _carries_over(table: ReadTable) -> bool:
    """Whether a summary table prints money carried over (a 结转/结余 row with a figure other than 0)."""
    return any(_CARRIED.search(row.label) and any(v.value for v in row.values.values()) for row in table.rows)


def budget_candidates(analysis: Analysis, fact: Fact) -> list[tuple[ReadTable, TableRow, Fact]]:
    """The summary-table cells that print a 预算 narrative's total by source or by use: its row
    in the 收支总表 / 收入总表 / 财政拨款收支总表, its column of a 支出表's 合计 row, or a total row
    (``_BUDGET_TOTAL_ROWS``: the 收支总表's 收入总计 and 支出总计, the 财政拨款收支总表's 支出总计 for
    财政拨款支出, the 政府采购表's 合计)."""
    key = subject_key(fact.subject)
    if key in _BUDGET_TOTAL_ROWS:
        if _SUB_SCOPE.search(fact.evidence.quote[: max(raw_at(fact), 0)]):
            return []  # 「1.住房公积金（项）：支出980.00万元」: a 科目's total, not the department's
        kind, labels = _BUDGET_TOTAL_ROWS[key]
        found = []
        for table in analysis.tables.of_kind(kind):
            if kind == "bd_total" and _carries_over(table):
                continue
            for row in table.rows:
                cell = next(iter(row.values.values()), None) if row.label in labels else None
                if cell is not None and cell.value_yuan is not None:
                    found.append((table, row, cell))  # the row's first column: its total
        return found
    if key not in _BUDGET_ROWS:
        return []
    found: list[tuple[ReadTable, TableRow, Fact]] = []
    for kind in _BUDGET_COLUMNS.get(fact.subject, ()):
        for table in analysis.tables.of_kind(kind):
            for row in table.find(label="合计"):
                cell = row.values.get(fact.subject)
                if cell is not None and cell.value_yuan is not None:
                    found.append((table, row, cell))
    for kind in _BUDGET_ROW_TABLES:
        for table in analysis.tables.of_kind(kind):
            for row in table.rows:
                if row.values and subject_key(row.label) == key:
                    cell = next(iter(row.values.values()))
                    if cell.value_yuan is not None:
                        found.append((table, row, cell))
    return found


_SANGONG_SUBJECTS = frozenset(
    {"三公经费", "因公出国费用", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "机关运行经费"}
)
_COLUMN_DECORATION = re.compile(r"[“”\"]|[（(](?:合计|小计)[)）]|预算数|预算")
_OPERATING = re.compile(r"机关运行经费(?:支出)?$")
# why a 三公 figure of the narrative that the 三公 table prints otherwise is a warning: the table is the
# 财政拨款's, the narrative may speak of all the department's money
SANGONG_SCOPE = "正文所述“三公”经费的资金范围（财政拨款或全部资金）可能与《“三公”经费支出表》不同，未下结论"


def sangong_key(label: str) -> str | None:
    """The 三公 subject a narrative label or a 三公 table column names (「“三公”经费预算数（合计）」 →
    三公经费, 「财政拨款的机关运行经费」 → 机关运行经费), or ``None``."""
    if _OPERATING.search(label):
        return "机关运行经费"
    key = subject_key(_COLUMN_DECORATION.sub("", label))
    return key if key in _SANGONG_SUBJECTS else None


def sangong_candidates(analysis: Analysis, fact: Fact) -> list[tuple[ReadTable, TableRow, Fact]]:
    """The cells of a 预算's 三公 table (its 合计 row) that print a 三公 figure of the narrative."""
    key = sangong_key(fact.subject)
    if key is None:
        return []
    return [
        (table, row, cell)
        for table in analysis.tables.of_kind("bd_sangong")
        for row in table.find(label="合计")
        for column, cell in row.values.items()
        if sangong_key(column) == key and cell.value_yuan is not None
    ]


def table_candidates(analysis: Analysis, fact: Fact) -> list[tuple[ReadTable, TableRow, Fact]]:
    """Table cells that print the figure a narrative fact states."""
    if fact.measure == "预算数":
        return budget_candidates(analysis, fact) or sangong_candidates(analysis, fact)
    key = subject_key(fact.subject)
    found: list[tuple[ReadTable, TableRow, Fact]] = []
    for kind, column in _TOTAL_COLUMNS.get(fact.subject, ()):
        for table in analysis.tables.of_kind(kind):
            for row in table.find(label="合计"):
                cell = row.values.get(column)
                if cell is not None:
                    found.append((table, row, cell))
    if found:
        return found
    for table in analysis.tables.standard:
        if table.key.endswith("sangong"):
            continue
        for row in table.rows:
            if not row.values or subject_key(row.label) != key:
                continue
            cell = next(iter(row.values.values()))
            if cell.measure == "决算数" and cell.value_yuan is not None:
                found.append((table, row, cell))
    return found


@rule("cross_text_table.narrative", "cross_text_table", "error")
def narrative_vs_table(analysis: Analysis) -> Iterator[Finding | Check]:
    """An amount the narrative states (本年收入合计, 基本支出, each 类 and 项, 人员经费 …) must
    match the table cell for the same subject. With several candidate cells the narrative
    may match any of them; when none matches it is an error if the cells agree among
    themselves, a warning otherwise."""
    if not analysis.tables.standard:
        return
    reported: set[tuple[str, str]] = set()
    for fact in analysis.text_facts:
        if fact.measure not in _TEXT_MEASURES or fact.value_yuan is None or not fact.subject:
            continue
        candidates = table_candidates(analysis, fact)
        if not candidates:
            continue
        if any(equal_mismatch(fact, cell) is None for _, _, cell in candidates):
            yield _agreement(narrative_vs_table, fact, [cell for _, _, cell in candidates])
            continue
        key = (fact.subject, str(fact.value))
        if key in reported:
            continue
        reported.add(key)
        table, row, cell = candidates[0]
        certain = len({c.value_yuan for _, _, c in candidates}) == 1
        scope = table.key == "bd_sangong"
        yield make_finding(
            narrative_vs_table,
            f"正文称{fact.subject}{shown(fact)}，《{table.standard.kind.title}》{row.label}"
            f"{'（' + (cell.column or '') + '）' if cell.column else ''}为{shown(cell)}"
            f"{'（两处的资金范围可能不同）' if scope else ''}。",
            [fact, cell],
            severity="error" if certain and not scope else "warning",
            unsure=SANGONG_SCOPE if scope else None if certain else UNCERTAIN_BINDING,
            **_fields(fact, cell),
        )


def _fields(fact: Fact, cell: Fact) -> dict[str, str]:
    """``stated`` (the narrative's figure), ``expected`` (the table's) and their difference."""
    difference = equal_mismatch(fact, cell)
    return equal_fields(fact, cell, difference) if difference is not None else {}


def _agreement(check: object, fact: Fact, cells: list[Fact]) -> Check:
    """The check of a narrative figure that one of its candidate cells prints alike: held on the
    first cell that agrees with it (a cell it can be compared with, preferably)."""
    agreeing = [cell for cell in cells if equal_mismatch(fact, cell) is None]
    return equal_held(check, fact, next((c for c in agreeing if comparable(fact, c)), agreeing[0]))


# --------------------------------------------------------------------------- items by 科目


_ITEM_MEASURES = {"预算数", "决算数", "金额"}
_SPENT = re.compile(r"支出|科目$")
_TOTAL_COLUMN_NAMES = ("合计", "金额", "本年支出合计", "数值")


def path_key(text: str) -> str:
    """A 科目 name or path compared without brackets, quotes and a trailing 支出."""
    text = re.sub(r"[（(][^）)]*[)）]|[“”\"\s\-－—]", "", text)
    return _SPENT.sub("", text) or text  # every 支出 goes: 「社会保障和就业支出（类）…」 names its path with it


def total_cell(row: TableRow) -> Fact | None:
    """The figure a 科目 row gives in all: its 合计 (or only) column."""
    for name in _TOTAL_COLUMN_NAMES:
        if name in row.values:
            return row.values[name]
    return next(iter(row.values.values()), None) if len(row.values) == 1 else None


class ItemRow(NamedTuple):
    """A 科目 row of a standard table, with the keys a narrative name is compared with."""

    table: ReadTable
    row: TableRow
    cell: Fact
    path: str  # 类、款、项 names joined
    own: str  # its own name
    parent_own: str | None  # 款 name + own name, for a 项 row
    unique: bool  # no other row of the table has the same own name


def item_rows(analysis: Analysis) -> list[ItemRow]:
    """Every 科目 row (类, 款 or 项 code) of the standard tables with a total figure."""
    rows: list[ItemRow] = []
    for table in analysis.tables.standard:
        if table.key == "other" or table.key.endswith(("sangong", "procurement", "performance")):
            continue
        names = {row.code: path_key(row.label) for row in table.rows if row.code}
        counts = Counter(names.values())
        for row in table.rows:
            if not row.code or len(row.code) not in (3, 5, 7):
                continue
            cell = total_cell(row)
            if cell is None or cell.value_yuan is None:
                continue
            path = "".join(names.get(row.code[:n], "") for n in (3, 5, 7) if n <= len(row.code))
            own = names[row.code]
            parent_own = names.get(row.code[:5], "") + own if len(row.code) == 7 else None
            rows.append(ItemRow(table, row, cell, path, own, parent_own, counts[own] == 1))
    return rows


def item_candidates(analysis: Analysis, fact: Fact) -> list[tuple[ReadTable, TableRow, Fact, bool]]:
    """Table rows of the 科目 a narrative figure names, with whether the match is exact.

    A match is exact when the narrative prints the 科目's whole path (类、款、项 names, as in
    「“社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”」) or when its own name
    names one row of the table only (「行政运行（项）」 in a table with one 行政运行).
    """
    key = path_key(fact.subject)
    if not key:
        return []
    found: list[tuple[ReadTable, TableRow, Fact, bool]] = []
    for item in analysis.derive("cross_text_table.item_rows", item_rows):
        if key == item.path:
            found.append((item.table, item.row, item.cell, True))
        elif key == item.own or key == item.parent_own:
            found.append((item.table, item.row, item.cell, item.unique))
    return found


@rule("cross_text_table.item", "cross_text_table", "error")
def item_vs_table(analysis: Analysis) -> Iterator[Finding | Check]:
    """An amount the narrative gives a 科目 (「“一般公共服务支出（类）…（项）”38.20万元」, 「行政运行（项）
    支出9,650.00万元」) must be the amount of that 科目's row in a table that lists it — any of
    them, since the narrative may speak of all funds or of the general budget only — each
    figure read within its rounding (a 万元 figure against a 元 cell). An error when the 科目 is
    named exactly and no table agrees; a warning when the name fits several rows."""
    if not analysis.tables.standard:
        return
    reported: set[tuple[str, str]] = set()
    for fact in analysis.text_facts:
        if not fact.level or fact.measure not in _ITEM_MEASURES or fact.value_yuan is None:
            continue
        if analysis.info.doc_type == "budget" and fact.measure == "决算数":
            continue  # last year's execution printed beside the budget: no table holds it
        candidates = item_candidates(analysis, fact)
        if not candidates:
            continue
        if any(equal_mismatch(fact, cell) is None for _, _, cell, _ in candidates):
            yield _agreement(item_vs_table, fact, [cell for _, _, cell, _ in candidates])
            continue
        key = (fact.subject, str(fact.value))
        if key in reported:
            continue
        reported.add(key)
        table, row, cell, _ = candidates[0]
        exact = any(exact for *_, exact in candidates)
        others = "；".join(
            f"《{t.standard.kind.title}》为{shown(c)}" for t, _, c, _ in candidates[1:] if c.value_yuan != cell.value_yuan
        )
        yield make_finding(
            item_vs_table,
            f"正文称{row.code}{row.label}{shown(fact)}，《{table.standard.kind.title}》该科目为{shown(cell)}"
            f"{'；' + others if others else ''}，四舍五入后对不上。",
            [fact, cell],
            severity="error" if exact else "warning",
            unsure=None if exact else UNCERTAIN_BINDING,
            **_fields(fact, cell),
        )
