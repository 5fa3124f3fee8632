"""Titles of the 预算 tables in their district and provincial variants → one table kind each."""

from __future__ import annotations

import pytest

from gongkai.schemas.tables import budget_key, match_title

TITLES = [
    # Shanghai district 部门预算 / 单位预算
    ("2025年部门财务收支预算总表", "bd_total"),
    ("2024年预算单位财务收支预算总表", "bd_total"),
    ("2024年预算单位收入预算总表", "bd_income"),
    ("2025年部门支出预算总表", "bd_expense"),
    ("4.2024年预算单位财政拨款收支预算总表", "bd_fiscal_total"),
    ("2025年部门一般公共预算支出功能分类预算表", "bd_general_expense"),
    ("2024年预算单位一般公共预算基本支出部门预算经济分类预算表", "bd_general_basic"),
    ("2025年部门政府性基金预算支出功能分类预算表", "bd_gov_fund"),
    ("2025年部门国有资本经营预算支出功能分类预算表", "bd_state_capital"),
    ("单位“三公”经费和机关运行经费预算表", "bd_sangong"),
    # Jiangsu provincial 部门预算, numbered 公开01表 … or 一、… with the department in the title
    ("公开01表：收支预算总表", "bd_total"),
    ("二、2017年度江苏某厅部门收入预算总表", "bd_income"),
    ("财政拨款支出预算表（功能科目）", "bd_fiscal_expense"),
    ("公开06表：财政拨款基本支出预算表", "bd_fiscal_basic"),
    ("财政拨款基本支出预算表（经济科目）", "bd_fiscal_basic"),
    ("八、2017年度某某人民法院部门一般公共预算支出预算表", "bd_general_expense"),
    ("一般公共预算基本支出预算表（经济科目）", "bd_general_basic"),
    ("公开11表：一般公共预算机关运行经费支出预算表", "bd_operating"),
    ("十一、2017年某某人民法院部门一般公共预算“三公”经费、会议费、培训费支出预算表", "bd_sangong"),
    ("“三公”经费、会议费、培训费支出预算表", "bd_sangong"),
    ("财政拨款政府性基金支出预算表", "bd_gov_fund"),
    ("十、2018年度某某人民法院政府性基金预算财政拨款支出预算表", "bd_gov_fund"),
    ("公开12表：政府采购支出预算表", "bd_procurement"),
    ("2019年政府采购预算表", "bd_procurement"),
    ("部门预算项目绩效目标表", "bd_performance"),
    # 决算 titles keep their own kinds
    ("收入决算表", "fa_income"),
    ("一般公共预算财政拨款支出决算表（功能分类）", "fa_general_expense"),
]


@pytest.mark.parametrize(("title", "key"), TITLES)
def test_budget_title_variants(title: str, key: str) -> None:
    kind = match_title(title)
    assert kind is not None and kind.key == key


@pytest.mark.parametrize(
    "line",
    [
        "2024年部门预算",  # a cover, not a table
        "2024年单位预算编制说明",
        "关于2016年部门预算支出表的说明",  # a heading about a table
        "本表反映部门年度收支预算总表",  # running text ending in a table's name
        "一般公共预算“三公”经费、会议费、培训费",  # the first line of a wrapped title
        "某区某局2024年度部门决算",
    ],
)
def test_lines_that_are_no_budget_table_title(line: str) -> None:
    assert match_title(line) is None


def test_a_title_without_its_phase_needs_a_budget_document() -> None:
    assert match_title("一般公共预算支出表") is None
    kind = match_title("一般公共预算支出表", doc_type="budget")
    assert kind is not None and kind.key == "bd_general_expense"


def test_budget_key_drops_phase_publisher_and_classification_words() -> None:
    assert budget_key("预算单位一般公共预算基本支出部门预算经济分类预算表") == "一般公共预算基本支出表"
    assert budget_key("财政拨款支出预算表（功能科目）") == "财政拨款支出表"
    assert budget_key("收支预算总表") == "收支总表"
    assert budget_key("国有资本经营预算支出功能分类预算表") == "国有资本经营预算支出表"
