"""The standard tables of the real 决算 PDFs: exact cell facts, no false sums, mutations caught."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gongkai.api import analyse, report
from gongkai.extract import RawTable, extract
from tests.conftest import PUTUO, TEMPLATE, need

NINE = {
    "fa_total",
    "fa_income",
    "fa_expense",
    "fa_fiscal_total",
    "fa_general_expense",
    "fa_general_basic",
    "fa_sangong",
    "fa_gov_fund",
    "fa_state_capital",
}


@pytest.fixture(scope="module")
def putuo_raw():
    return extract(need(PUTUO))


@pytest.fixture(scope="module")
def putuo(putuo_raw):
    return analyse(putuo_raw)


def table_fact(analysis, table_title, code_or_label, column):
    for fact in analysis.table_facts:
        if fact.table == table_title and fact.column == column and code_or_label in (fact.subject_code, fact.subject):
            return fact
    raise AssertionError(f"no fact {table_title}/{code_or_label}/{column}")


def test_all_nine_tables_recognised_with_units(putuo):
    tables = {t.key: t for t in putuo.tables.standard if t.key != "other"}
    assert set(tables) == NINE
    assert [t.standard.page for t in putuo.tables.standard if t.key == "other"] == [4]  # the list of budget units
    assert {t.unit for t in tables.values()} == {"万元"}
    assert tables["fa_sangong"].standard.empty_note is True
    assert not tables["fa_sangong"].rows or not any(r.values for r in tables["fa_sangong"].rows)
    assert tables["fa_income"].standard.parts[0].pages == (6, 7)  # continued on the next page


def test_first_row_of_the_income_table(putuo):
    fact = table_fact(putuo, "收入决算表", "合计", "本年收入合计")
    assert (fact.value, fact.unit, fact.value_yuan, fact.evidence.page) == (Decimal("307.82"), "万元", Decimal("3078200.00"), 6)
    assert fact.measure == "决算数"
    assert fact.evidence.bbox is not None


def test_last_row_on_the_continuation_page(putuo):
    fact = table_fact(putuo, "收入决算表", "2210203", "财政拨款收入")
    assert (fact.subject, fact.value, fact.level, fact.evidence.page) == ("购房补贴", Decimal("11.72"), "项", 7)


def test_wrapped_label_is_joined(putuo):
    fact = table_fact(putuo, "支出决算表", "2080505", "基本支出")
    assert fact.subject == "机关事业单位基本养老保险缴费支出"
    assert fact.value == Decimal("6.18")


def test_class_level_code_and_two_sided_total_table(putuo):
    fact = table_fact(putuo, "一般公共预算财政拨款支出决算表", "201", "合计")
    assert (fact.subject, fact.level, fact.value) == ("一般公共服务支出", "类", Decimal("264.87"))
    income_total = [
        f for f in putuo.table_facts if f.table == "收入支出决算总表" and f.subject == "本年收入合计"
    ]
    assert [f.value for f in income_total] == [Decimal("307.82")]


def test_economic_table_pairs(putuo):
    assert table_fact(putuo, "一般公共预算财政拨款基本支出决算表", "302", "决算数").value == Decimal("10.23")
    assert table_fact(putuo, "一般公共预算财政拨款基本支出决算表", "30101", "决算数").value == Decimal("14.12")
    personnel = table_fact(putuo, "一般公共预算财政拨款基本支出决算表", "人员经费", "决算数")
    assert (personnel.row, personnel.value) == ("人员经费合计", Decimal("95.36"))


def test_no_false_table_findings(putuo):
    findings = report(putuo).findings
    table_categories = {"sum", "balance", "cross_table", "cross_text_table", "missing_table", "direction_word"}
    assert [f.rule for f in findings if f.category in table_categories] == []


def test_template_has_the_nine_tables_and_no_table_figures():
    analysis = analyse(extract(need(TEMPLATE)))
    assert {t.key for t in analysis.tables.standard if t.key != "other"} == NINE
    assert [t.standard.title for t in analysis.tables.standard if t.key == "other"] == [
        "纳入上海市XX局2024年度部门决算编制范围的单位包括："  # the list of units, no figures
    ]
    assert analysis.table_facts == []
    assert [f.rule for f in report(analysis).findings if f.category == "missing_table"] == []


def mutate(raw, page: int, first_cell: str, column: int, text: str):
    """A copy of ``raw`` with one table cell on ``page`` changed."""
    pages = []
    for raw_page in raw.pages:
        blocks = []
        for block in raw_page.blocks:
            if isinstance(block, RawTable) and raw_page.number == page:
                rows = [
                    tuple(text if (r[0] or "").replace("\n", "") == first_cell and c == column else v for c, v in enumerate(r))
                    for r in block.rows
                ]
                block = replace(block, rows=tuple(rows))
            blocks.append(block)
        pages.append(replace(raw_page, blocks=blocks))
    return replace(raw, pages=pages)


def test_a_changed_item_breaks_the_hierarchy_and_the_cross_table_check(putuo_raw):
    # 2013901 行政运行 in 支出决算表 (page 8), column 本年支出合计: 51.32 → 51.35
    changed = report(analyse(mutate(putuo_raw, 8, "2013901", 2, "51.35")))
    rules = sorted({(f.rule, f.figures) for f in changed.findings if f.category in ("sum", "cross_table")})
    assert ("sum.table_hierarchy", ("264.87", "51.35", "11.31", "202.24")) in rules
    assert ("sum.table_row", ("51.35", "51.32")) in rules


def test_a_changed_total_breaks_the_balance(putuo_raw):
    # 收入支出决算总表 (page 5): 本年收入合计 307.82 → 307.92
    changed = report(analyse(mutate(putuo_raw, 5, "本年收入合计", 1, "307.92")))
    balance = [f for f in changed.findings if f.rule == "balance.summary_table"]
    assert {f.figures for f in balance} == {("307.92", "307.82"), ("307.82", "307.92")}
    assert all(f.severity == "error" for f in balance)
    cross = [f.figures for f in changed.findings if f.rule == "cross_table.same_figure"]
    assert ("307.92", "307.82") in cross
