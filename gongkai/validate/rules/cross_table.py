"""The same figure in two standard tables (总表 vs 收入决算表 vs 支出决算表 vs 财政拨款 tables)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.tables import ReadTable, TableReading, TableRow
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.table_sum import equal_held, sum_held, sum_text
from gongkai.validate.table_arith import equal_fields, equal_mismatch, sum_mismatch, tiny_note


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a figure sits: table kind, row (label or code), side and column."""

    table: str
    label: str | None = None
    code: str | None = None
    side: str | None = None
    column: str | None = None


# Pairs of cells that must hold the same figure.
PAIRS: tuple[tuple[Cell, Cell], ...] = (
    (Cell("fa_total", "本年收入合计", side="收入"), Cell("fa_income", "合计", column="本年收入合计")),
    (Cell("fa_total", "本年支出合计", side="支出"), Cell("fa_expense", "合计", column="本年支出合计")),
    (Cell("fa_income", "合计", column="财政拨款收入"), Cell("fa_fiscal_total", "本年收入合计", side="收入")),
    (Cell("fa_fiscal_total", "本年支出合计", side="支出", column="一般公共预算财政拨款"), Cell("fa_general_expense", "合计", column="合计")),
    (Cell("bd_total", "本年收入合计", side="收入"), Cell("bd_income", "合计")),
    (Cell("bd_total", "本年支出合计", side="支出"), Cell("bd_expense", "合计")),
)
# Per 类 row: (table with the figure by class, column) pairs that must agree.
CLASS_PAIRS: tuple[tuple[tuple[str, str | None], tuple[str, str | None]], ...] = (
    (("fa_total", None), ("fa_expense", "本年支出合计")),
    (("fa_fiscal_total", "一般公共预算财政拨款"), ("fa_general_expense", "合计")),
)


def lookup(tables: TableReading, cell: Cell) -> list[tuple[ReadTable, TableRow, Fact]]:
    """The facts a cell address points to (usually one)."""
    found = []
    for table in tables.of_kind(cell.table):
        for row in table.find(label=cell.label, code=cell.code, side=cell.side):
            if not row.values:
                continue
            fact = next(iter(row.values.values())) if cell.column is None else row.values.get(cell.column)
            if fact is not None:
                found.append((table, row, fact))
    return found


@rule("cross_table.same_figure", "cross_table", "error")
def same_figure(analysis: Analysis) -> Iterator[Finding | Check]:
    """Figures that two standard tables must both print identically — 本年收入合计 in 总表 and
    收入决算表, 本年支出合计 in 总表 and 支出决算表, each 类 in 总表 and 支出决算表, the general
    budget column of the 财政拨款 总表 and the 一般公共预算 支出表 — agree within rounding."""
    tables = analysis.tables
    for left, right in PAIRS:
        for table_a, row_a, fact_a in lookup(tables, left):
            for table_b, row_b, fact_b in lookup(tables, right):
                yield from _compare(table_a, row_a, fact_a, table_b, row_b, fact_b)
    for (kind_a, column_a), (kind_b, column_b) in CLASS_PAIRS:
        for table_a in tables.of_kind(kind_a):
            for row_a in table_a.rows:
                if row_a.level != "类" or not row_a.code:
                    continue
                fact_a = row_a.values.get(column_a) if column_a else next(iter(row_a.values.values()), None)
                if fact_a is None:
                    continue
                for table_b in tables.of_kind(kind_b):
                    for row_b in table_b.find(code=row_a.code):
                        fact_b = row_b.values.get(column_b) if column_b else None
                        if fact_b is not None:
                            yield from _compare(table_a, row_a, fact_a, table_b, row_b, fact_b)
    yield from _basic_split(tables)


def _compare(
    table_a: ReadTable, row_a: TableRow, fact_a: Fact, table_b: ReadTable, row_b: TableRow, fact_b: Fact
) -> Iterator[Finding | Check]:
    difference = equal_mismatch(fact_a, fact_b)
    if difference is None:
        yield equal_held(same_figure, fact_a, fact_b)
        return
    yield make_finding(
        same_figure,
        f"《{table_a.standard.kind.title}》{row_a.label}为{shown(fact_a)}，《{table_b.standard.kind.title}》"
        f"{row_b.label}（{fact_b.column}）为{shown(fact_b)}，两表应一致{tiny_note(difference, fact_a)}。",
        [fact_a, fact_b],
        **equal_fields(fact_a, fact_b, difference),
    )


def _basic_split(tables: TableReading) -> Iterator[Finding | Check]:
    """基本支出 in the 一般公共预算 支出表 = 人员经费合计 + 公用经费合计 of the 基本支出表."""
    for expense in tables.of_kind("fa_general_expense"):
        totals = expense.find(label="合计")
        stated = totals[0].values.get("基本支出") if totals else None
        if stated is None:
            continue
        for basic in tables.of_kind("fa_general_basic"):
            parts = [next(iter(r.values.values())) for r in basic.rows if r.label in ("人员经费合计", "公用经费合计") and r.values]
            if len(parts) != 2:
                continue
            mismatch = sum_mismatch(stated, parts)
            if mismatch is None:
                yield sum_held(same_figure, stated, parts)
                continue
            yield make_finding(
                same_figure,
                f"《{expense.standard.kind.title}》基本支出合计{shown(stated)}，但《{basic.standard.kind.title}》人员经费"
                f"{shown(parts[0])} + 公用经费{shown(parts[1])} = {sum_text(parts)}，相差{mismatch.describe_difference()}。",
                [stated, *parts],
                **mismatch.fields(),
            )
