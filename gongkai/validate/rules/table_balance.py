"""The two sides of the summary tables (收入支出决算总表, 财政拨款收入支出决算总表, 收支总表)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.tables import ReadTable, TableRow
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.table_sum import equal_held, sum_held, sum_text
from gongkai.validate.table_arith import equal_fields, equal_mismatch, sum_mismatch

SUMMARY_TABLES = ("fa_total", "fa_fiscal_total", "bd_total", "bd_fiscal_total")
INCOME_ADDITIONS = ("使用非财政拨款结余", "年初结转和结余", "年初财政拨款结转和结余", "上年结转", "上年结转结余", "用事业基金弥补收支差额")
EXPENSE_ADDITIONS = ("结余分配", "年末结转和结余", "年末财政拨款结转和结余", "结转下年")


def _row(table: ReadTable, side: str, *labels: str) -> TableRow | None:
    for row in table.rows:
        if row.side == side and row.label in labels:
            return row
    return None


def _first_value(row: TableRow | None, column: str | None = None) -> Fact | None:
    if row is None or not row.values:
        return None
    if column is not None:
        return row.values.get(column)
    return next(iter(row.values.values()))


def _items_before(table: ReadTable, side: str, stop: TableRow) -> list[TableRow]:
    """The item rows of one side printed above its 本年…合计 row."""
    rows = [r for r in table.rows if r.side == side]
    return rows[: rows.index(stop)] if stop in rows else []


@rule("balance.summary_table", "balance", "error")
def summary_balance(analysis: Analysis) -> Iterator[Finding | Check]:
    """In a summary table, each side must add up and the sides must balance: 本年收入合计 is the
    sum of the income items, 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余,
    支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余, and 收入总计 = 支出总计."""
    for table in analysis.tables.standard:
        if table.key not in SUMMARY_TABLES:
            continue
        title = table.standard.kind.title
        income_total = _row(table, "收入", "本年收入合计", "本年收入")
        expense_total = _row(table, "支出", "本年支出合计", "本年支出")
        for side, total_row in (("收入", income_total), ("支出", expense_total)):
            if total_row is None:
                continue
            items = [r for r in _items_before(table, side, total_row) if r.level in (None, "类")]
            for column, stated in total_row.values.items():
                parts = [r.values[column] for r in items if column in r.values]
                if not parts:
                    continue
                mismatch = sum_mismatch(stated, parts)
                if mismatch is None:
                    yield sum_held(summary_balance, stated, parts)
                else:
                    yield make_finding(
                        summary_balance,
                        f"《{title}》{side}方各项相加为{sum_text(parts)}，但{total_row.label}印为{shown(stated)}，"
                        f"相差{mismatch.describe_difference()}。",
                        [stated, *parts],
                        **mismatch.fields(),
                    )
        grand = {side: _row(table, side, f"{side}总计", "总计") for side in ("收入", "支出")}
        for side, total_row, additions in (
            ("收入", income_total, INCOME_ADDITIONS),
            ("支出", expense_total, EXPENSE_ADDITIONS),
        ):
            grand_row = grand[side]
            if total_row is None or grand_row is None:
                continue
            for column, stated in grand_row.values.items():
                base = total_row.values.get(column)
                if base is None:
                    continue
                extra = [r.values[column] for r in table.rows if r.side == side and r.label in additions and column in r.values]
                mismatch = sum_mismatch(stated, [base, *extra])
                if mismatch is None:
                    yield sum_held(summary_balance, stated, [base, *extra])
                else:
                    listed = " + ".join(f"{p.subject}{shown(p)}" for p in [base, *extra])
                    yield make_finding(
                        summary_balance,
                        f"《{title}》{grand_row.label}{shown(stated)}，但{listed} = {sum_text([base, *extra])}，"
                        f"相差{mismatch.describe_difference()}。",
                        [stated, base, *extra],
                        **mismatch.fields(),
                    )
        income_grand, expense_grand = _first_value(grand["收入"]), _first_value(grand["支出"])
        if income_grand is not None and expense_grand is not None:
            difference = equal_mismatch(income_grand, expense_grand)
            if difference is None:
                yield equal_held(summary_balance, income_grand, expense_grand)
            else:
                yield make_finding(
                    summary_balance,
                    f"《{title}》收入总计{shown(income_grand)}与支出总计{shown(expense_grand)}不相等。",
                    [income_grand, expense_grand],
                    **equal_fields(income_grand, expense_grand, difference),
                )
