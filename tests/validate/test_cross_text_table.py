"""cross_text_table.narrative: a figure in the 情况说明 against the same figure in a table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gongkai.api import analyse, report
from gongkai.extract import extract
from gongkai.extract.model import RawDocument, TextLine
from gongkai.validate.rules.cross_text_table import sangong_key
from tests.builders.text import function_table
from tests.conftest import CORPUS, need
from tests.validate.final_accounts import BASELINE, mutate
from tests.validate.support import Expect, assert_findings, case, checks_for, verdicts_for

PUBLIC = "公用经费30.41万元"

CASES = [
    case("baseline", BASELINE),
    # the narrative's 30.4 (one decimal) stands for [30.35, 30.45], which holds the table's 30.41
    case("narrative-at-one-decimal", mutate(BASELINE, PUBLIC, "公用经费30.4万元")),
    # 30.43 ± 0.005 against the 基本支出表's 公用经费合计 30.41 ± 0.005: 0.01 apart → error
    case(
        "narrative-two-cents-off",
        mutate(BASELINE, PUBLIC, "公用经费30.43万元"),
        Expect(
            "cross_text_table.narrative",
            "error",
            ("30.43", "30.41"),
            message=("正文称公用经费30.43万元", "《一般公共预算财政拨款基本支出决算表》公用经费合计", "30.41万元"),
            stated="30.43万元",
            expected="30.41万元",
            difference="0.02万元",
        ),
    ),
    case(
        "narrative-one-cent-off",
        mutate(BASELINE, PUBLIC, "公用经费30.42万元"),
        Expect("cross_text_table.narrative", "error", ("30.42", "30.41"), message=("30.42万元", "30.41万元")),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_cross_text_table_narrative(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="cross_text_table.narrative")


def budget(heading_amount: str, item: str = "“社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”") -> str:
    """A 预算 whose tables are in 元 and whose narrative names a 科目 by its path, in 万元."""
    return "\n".join(
        [
            "某区某福利院2024年单位预算",
            "财政拨款支出主要内容如下：",
            f"1.{item}{heading_amount}万元，主要用于人员经费。",
            *function_table(),
        ]
    ) + "\n"


ITEMS = [
    # 6,964,796元 is 696.4796万元: 696.48 holds it within rounding
    case("path-agrees", budget("696.48")),
    # 696.47 ± 0.005 misses 696.4796 → error, the 科目 named by its whole path
    case(
        "path-one-cent-off",
        budget("696.47"),
        Expect(
            "cross_text_table.item",
            "error",
            ("696.47", "6964796"),
            message=("正文称2081005社会福利事业单位696.47万元", "6964796元"),
            stated="696.47万元",
            expected="6964796元",
            difference="0.01万元",
        ),
    ),
    # a name that fits one row only (社会福利事业单位) binds as surely as the path
    case(
        "unique-name-off",
        budget("738.66", item="社会福利事业单位（项）"),
        Expect("cross_text_table.item", "error", ("738.66", "6964796"), message=("738.66万元",)),
    ),
    # 离退休 fits no row exactly; an unknown name is never compared
    case("unknown-name", budget("30.00", item="离退休（项）")),
]


@pytest.mark.parametrize(("text", "expect"), ITEMS)
def test_cross_text_table_item(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="cross_text_table.item")


AMBIGUOUS = "\n".join(
    [
        "某省某厅2018年部门预算",
        "1．行政运行（项）支出100.00万元，与上年相比增加2.00万元。",
        "一般公共预算支出预算表",
        "单位：万元",
        "\t".join(("功能科目代码", "功能科目名称", "金额")),
        "\t".join(("201", "一般公共服务支出", "300.00")),
        "\t".join(("20101", "人大事务", "120.00")),
        "\t".join(("2010101", "行政运行", "120.00")),
        "\t".join(("20131", "党委办公厅（室）及相关机构事务", "180.00")),
        "\t".join(("2013101", "行政运行", "180.00")),
    ]
) + "\n"


def test_a_name_that_fits_several_rows_is_only_a_warning() -> None:
    assert_findings(
        AMBIGUOUS,
        [Expect("cross_text_table.item", "warning", ("100.00", "120.00"), message=("行政运行100.00万元", "180.00万元"))],
        scope="cross_text_table.item",
    )


def budget_totals(basic: str) -> str:
    """A 预算 whose 部门支出总表 is in 元 and whose narrative gives 基本支出 in 万元."""
    return "\n".join(
        [
            "某区某局2024年部门预算",
            f"2024年本部门支出预算1,000.00万元，其中：基本支出{basic}万元，项目支出400.00万元。",
            "2024年部门支出预算总表",
            "单位：元",
            "\t".join(("功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出")),
            "\t".join(("201", "一般公共服务支出", "10,000,000", "6,000,000", "4,000,000")),
            "\t".join(("合计", "", "10,000,000", "6,000,000", "4,000,000")),
        ]
    ) + "\n"


BUDGET_TOTAL_CASES = [
    # 6,000,000元 = 600.00万元
    case("budget-basic-agrees", budget_totals("600.00")),
    # 600.02万元 ± 0.005 against 6,000,000元: 0.02万元 apart → error
    case(
        "budget-basic-differs",
        budget_totals("600.02"),
        Expect(
            "cross_text_table.narrative",
            "error",
            ("600.02", "6000000"),
            message=("正文称基本支出600.02万元", "《部门支出总表》合计（基本支出）为6000000元"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), BUDGET_TOTAL_CASES)
def test_cross_text_table_budget_totals(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="cross_text_table.narrative")


# --------------------------------------------------------------------------- checks

NARRATIVE = "cross_text_table.narrative"
BINDING_UNSURE = "数字的对应关系不确定，未下结论"


def test_cross_text_table_narrative_checks_every_figure() -> None:
    # 本年支出合计, 基本支出, 项目支出, 一般公共预算…基本支出, 人员经费, 公用经费: each agrees with its cell
    assert verdicts_for(BASELINE, NARRATIVE) == [(NARRATIVE, "consistent", None)] * 6
    first = checks_for(BASELINE, NARRATIVE)[0]
    assert (first.stated, first.computed, len(first.fact_ids)) == ("307.78万元", "307.78万元", 2)
    assert verdicts_for(mutate(BASELINE, PUBLIC, "公用经费30.43万元"), NARRATIVE)[-1] == (NARRATIVE, "inconsistent", None)
    # a 元 cell against a 万元 figure: the cell as printed is the computed figure
    basic = checks_for(budget_totals("600.00"), NARRATIVE)[0]
    assert (basic.verdict, basic.stated, basic.computed) == ("consistent", "600.00万元", "6000000元")


def test_cross_text_table_narrative_against_cells_that_disagree_is_not_judged() -> None:
    # 基本支出 222.80 matches neither the 支出决算表's 222.73 nor the 一般公共预算 table's 222.74, which disagree
    # among themselves: a warning only, since the narrative may mean either → not judged; the narrative's
    # 一般公共预算…基本支出 222.73 has the one cell 222.74 → inconsistent
    text = mutate(
        mutate(BASELINE, "其中：基本支出222.73万元", "其中：基本支出222.80万元"),
        "合计\t\t296.41\t222.73\t73.68",
        "合计\t\t296.41\t222.74\t73.68",
    )
    consistent = (NARRATIVE, "consistent", None)
    assert verdicts_for(text, NARRATIVE) == [
        consistent,
        (NARRATIVE, "not_judged", BINDING_UNSURE),
        consistent,
        (NARRATIVE, "inconsistent", None),
        consistent,
        consistent,
    ]


def test_cross_text_table_item_checks_by_verdict() -> None:
    (check,) = checks_for(budget("696.48"), "cross_text_table.item")
    assert (check.verdict, check.stated, check.computed) == ("consistent", "696.48万元", "6964796元")
    assert verdicts_for(budget("696.47"), "cross_text_table.item") == [("cross_text_table.item", "inconsistent", None)]
    # 行政运行 fits two rows: the warning is for want of a sure binding → not judged
    assert verdicts_for(AMBIGUOUS, "cross_text_table.item") == [("cross_text_table.item", "not_judged", BINDING_UNSURE)]
    assert verdicts_for(budget("30.00", item="离退休（项）"), "cross_text_table.item") == []


GENERAL_OFFICE = CORPUS / "shanghai" / "putuo_general_office_2025_dept_budget.pdf"


def _with_line(path: Path, old: str, new: str) -> RawDocument:
    """The extracted document with one printed text line changed."""
    raw = extract(need(path))
    for page in raw.pages:
        for k, block in enumerate(page.blocks):
            if isinstance(block, TextLine) and old in block.text:
                page.blocks[k] = replace(block, text=block.text.replace(old, new))
                return raw
    raise AssertionError(f"{old} is not printed in {path.name}")


def test_fiscal_spending_is_the_fiscal_tables_expense_total() -> None:
    # 财政拨款支出预算9,101.68万元 against the 财政拨款收支总表's 支出总计 91,016,775.35元: held
    result = report(analyse(extract(need(GENERAL_OFFICE))))
    facts = {f.fact_id: f for f in result.facts}
    held = [
        [(facts[i].subject, facts[i].table) for i in c.fact_ids]
        for c in result.checks
        if c.rule == "cross_text_table.narrative" and c.verdict == "consistent" and c.stated == "9101.68万元"
    ]
    assert [("财政拨款支出", None), ("支出总计", "财政拨款收支总表")] in held
    assert [("财政拨款支出", None), ("财政拨款收入", "部门收支总表")] not in held  # an expense is no income


def test_fiscal_spending_misprinted_differs_from_the_fiscal_tables_total() -> None:
    raw = _with_line(GENERAL_OFFICE, "财政拨款支出预算9,101.68万元", "财政拨款支出预算9,111.68万元")
    found = [f for f in report(analyse(raw)).findings if f.rule == "cross_text_table.narrative"]
    assert [(f.severity, f.figures, f.stated, f.expected) for f in found] == [
        ("error", ("9111.68", "91016775.35"), "9111.68万元", "91016775.35元")
    ]
    assert "《财政拨款收支总表》支出总计" in found[0].message


def test_the_departments_income_is_the_summary_tables_total() -> None:
    # 「收入预算9,101.68万元」 against the 部门收支总表's 收入总计 91,016,775.35元: held; misprinted → error
    raw = _with_line(GENERAL_OFFICE, "收入预算9,101.68万元", "收入预算9,131.68万元")
    found = [f for f in report(analyse(raw)).findings if f.rule == "cross_text_table.narrative"]
    assert [(f.severity, f.figures, f.stated, f.expected) for f in found] == [
        ("error", ("9131.68", "91016775.35"), "9131.68万元", "91016775.35元")
    ]
    assert "《部门收支总表》收入总计" in found[0].message


def test_a_kemus_expense_is_not_the_departments() -> None:
    # 「1.住房公积金（项）：支出1,073.77万元」 names the 支出 of one 科目: it is no department total
    path = CORPUS / "jiangsu" / "js_procuratorate_2018.pdf"
    result = report(analyse(extract(need(path))))
    assert not [f for f in result.findings if f.rule == "cross_text_table.narrative" and "1073.77" in f.figures]


WELFARE_HOME = CORPUS / "shanghai" / "putuo_welfare_home_2024_unit_budget.pdf"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("“三公”经费预算数（合计）", "三公经费"),
        ("“三公”经费（小计）", "三公经费"),
        ("因公出国（境）费", "因公出国费用"),
        ("公务用车购置及运行费（小计）", "公务用车购置及运行维护费"),
        ("机关运行经费预算数", "机关运行经费"),
        ("财政拨款的机关运行经费", "机关运行经费"),
        ("运行费", None),  # a sub-column named by its group: not matched alone
        ("会议费", None),
    ],
)
def test_sangong_keys(label: str, key: str | None) -> None:
    assert sangong_key(label) == key


def test_the_sangong_of_the_narrative_is_the_sangong_tables() -> None:
    # 「2024年“三公”经费预算数为6.40万元」 against the 三公 table's 合计 6.4: held; printed 6.80 → a warning, for
    # the table is the 财政拨款's and the narrative may speak of all funds
    held_checks = [
        c
        for c in report(analyse(extract(need(WELFARE_HOME)))).checks
        if c.rule == "cross_text_table.narrative" and c.stated == "6.40万元" and c.verdict == "consistent"
    ]
    assert held_checks
    raw = _with_line(WELFARE_HOME, "“三公”经费预算数为6.40万元", "“三公”经费预算数为6.80万元")
    found = [f for f in report(analyse(raw)).findings if f.rule == "cross_text_table.narrative" and "6.80" in f.figures]
    assert [(f.severity, f.figures, f.stated, f.expected) for f in found] == [("warning", ("6.80", "6.4"), "6.80万元", "6.4万元")]
    assert "两处的资金范围可能不同" in found[0].message


def test_procurement_of_the_narrative_is_the_procurement_tables_total() -> None:
    # 「2017年我部门政府采购预算总金额为2889.8万元」 against the 政府采购表's 合计 2,889.80: held; misprinted → error
    path = CORPUS / "jiangsu" / "js_procuratorate_2017.pdf"
    held_checks = [
        c for c in report(analyse(extract(need(path)))).checks if c.rule == "cross_text_table.narrative" and c.stated == "2889.8万元"
    ]
    assert [c.verdict for c in held_checks] == ["consistent"]
    raw = _with_line(path, "政府采购预算总金额为2889.8万元", "政府采购预算总金额为2898.8万元")
    found = [f for f in report(analyse(raw)).findings if f.rule == "cross_text_table.narrative" and "2898.8" in f.figures]
    assert [(f.severity, f.figures) for f in found] == [("error", ("2898.8", "2889.80"))]
    assert "《政府采购表》合计" in found[0].message
