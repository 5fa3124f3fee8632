"""Figures in the narrative (情况说明) against the same figures in the standard tables."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Fact, Finding
from gongkai.schemas.subjects import subject_key
from gongkai.tables import ReadTable, TableRow
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.table_arith import equal_mismatch

_TEXT_MEASURES = {"决算数", "金额"}
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


def table_candidates(analysis: Analysis, fact: Fact) -> list[tuple[ReadTable, TableRow, Fact]]:
    """Table cells that print the figure a narrative fact states."""
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
def narrative_vs_table(analysis: Analysis) -> Iterator[Finding]:
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
        if not candidates or any(equal_mismatch(fact, cell) is None for _, _, cell in candidates):
            continue
        key = (fact.subject, str(fact.value))
        if key in reported:
            continue
        reported.add(key)
        table, row, cell = candidates[0]
        certain = len({c.value_yuan for _, _, c in candidates}) == 1
        yield make_finding(
            narrative_vs_table,
            f"正文称{fact.subject}{shown(fact)}，《{table.standard.kind.title}》{row.label}"
            f"{'（' + (cell.column or '') + '）' if cell.column else ''}为{shown(cell)}。",
            [fact, cell],
            severity="error" if certain else "warning",
        )
