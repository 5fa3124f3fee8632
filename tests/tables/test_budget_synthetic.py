"""部门预算: doc type, the budget tables as facts in 元, the unit read from the page, sums."""

from __future__ import annotations

from decimal import Decimal

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from tests.builders.text import rows

BUDGET = "\n".join(
    [
        "某市某区教育局2025年部门预算",
        "一、部门收支总表",
        "单位：元",
        rows(
            ("收入", "", "支出", ""),
            ("项目", "预算数", "项目", "预算数"),
            ("一、一般公共预算拨款收入", "12,345,678.90", "一、教育支出", "12,000,000.00"),
            ("二、其他收入", "54,321.10", "二、社会保障和就业支出", "400,000.00"),
            ("本年收入合计", "12,400,000.00", "本年支出合计", "12,400,000.00"),
            ("收入总计", "12,400,000.00", "支出总计", "12,400,000.00"),
        ),
        "二、一般公共预算支出表",
        "单位：元",
        rows(
            ("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"),
            ("205", "教育支出", "12,000,000.00", "9,000,000.00", "3,000,000.00"),
            ("20502", "普通教育", "12,000,000.00", "9,000,000.00", "3,000,000.00"),
            ("2050202", "小学教育", "7,000,000.00", "6,000,000.00", "1,000,000.00"),
            ("2050203", "初中教育", "5,000,000.00", "3,000,000.00", "2,000,000.00"),
            ("合计", "", "12,000,000.00", "9,000,000.00", "3,000,000.00"),
        ),
        "本部门2025年收入预算合计1240.00万元，其中：一般公共预算拨款收入1234.57万元，占99.56%。",
    ]
)


def analysed(text: str):
    return analyse(extract_bytes(text.encode("utf-8"), "budget.txt"))


def test_budget_document_and_tables():
    analysis = analysed(BUDGET)
    assert (analysis.info.doc_type, analysis.info.fiscal_year) == ("budget", 2025)
    keys = [t.key for t in analysis.tables.standard]
    assert keys == ["bd_total", "bd_general_expense"]
    assert {t.unit for t in analysis.tables.standard} == {"元"}
    fact = next(f for f in analysis.table_facts if f.subject_code == "2050202" and f.column == "合计")
    assert (fact.measure, fact.value, fact.unit, fact.value_yuan, fact.decimals) == (
        "预算数",
        Decimal("7000000.00"),
        "元",
        Decimal("7000000.00"),
        2,
    )
    income = next(f for f in analysis.table_facts if f.subject == "一般公共预算拨款收入")
    assert income.value == Decimal("12345678.90")


def test_budget_tables_that_add_up_raise_nothing():
    findings = report(analysed(BUDGET)).findings
    assert [f.rule for f in findings if f.category in ("sum", "balance", "cross_table")] == []


def test_budget_income_side_that_does_not_add_up():
    broken = BUDGET.replace("54,321.10", "54,321.20")
    findings = [f for f in report(analysed(broken)).findings if f.rule == "balance.summary_table"]
    assert [f.figures for f in findings] == [("12400000.00", "12345678.90", "54321.20")]
    assert "相差0.10元" in findings[0].message


def test_budget_item_that_does_not_add_up():
    broken = BUDGET.replace("5,000,000.00\t3,000,000.00\t2,000,000.00", "5,000,000.00\t3,000,000.00\t2,000,100.00")
    rules = {(f.rule, f.figures) for f in report(analysed(broken)).findings if f.category == "sum"}
    assert ("sum.table_row", ("5000000.00", "3000000.00", "2000100.00")) in rules
    assert ("sum.table_hierarchy", ("3000000.00", "1000000.00", "2000100.00")) in rules
