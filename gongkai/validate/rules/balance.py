"""Claims of balance (收支平衡) against the income and expenditure totals they refer to."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Finding
from gongkai.validate.figures import amount_in, interval, make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held


@rule("balance.claim", "balance", "warning")
def balance_claim(analysis: Analysis) -> Iterator[Finding | Check]:
    """A sentence that declares income and expenditure in balance (收支平衡, 支出总额等于收入
    总额) is checked against the nearest income and expenditure totals before it, and an
    expense 相应安排 to an income (「收入预算为…万元，…，相应安排支出预算…万元」) against that
    income. 收支基本平衡 (roughly balanced) promises no equality and is not checked."""
    for statement in analysis.statements_of("balance_claim"):
        if "基本" in (statement.note or ""):
            continue
        income, expense = statement.role("income")[0], statement.role("expense")[0]
        if interval(income).intersects(interval(expense)):
            yield held(balance_claim, [income, expense], [statement.evidence], stated=shown(income), computed=shown(expense))
            continue
        difference = abs((income.value_yuan or income.value) - (expense.value_yuan or expense.value))
        yield make_finding(
            balance_claim,
            f"文中称“{statement.note}”，但{income.subject}{shown(income)}，{expense.subject}{shown(expense)}，"
            f"相差{amount_in(difference, income.unit, max(income.decimals, expense.decimals))}。",
            [income, expense],
            [statement.evidence],
        )
