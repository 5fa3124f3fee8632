"""The funds block of a 项目支出绩效自评表: execution rates and the score derived from them."""

from __future__ import annotations

from decimal import Decimal

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from tests.builders.text import rows


def form(total: tuple[str, ...], own: tuple[str, ...] = ("80.00", "80.00", "76.00", "—", "95.00%", "—")) -> str:
    return "\n".join(
        [
            "2023年度项目支出绩效自评表",
            rows(
                ("项目名称", "社区服务提升项目", "", "", "", "", ""),
                ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                ("年度资金总额", *total),
                ("其中：当年财政拨款", *own),
                ("上年结转资金", "", "", "", "—", "", "—"),
                ("年度总体目标", "预期目标", "", "实际完成情况", "", "", ""),
            ),
        ]
    )


def findings(text: str, prefix: str):
    report_ = report(analyse(extract_bytes(text.encode("utf-8"), "form.txt")))
    return [(f.rule, f.figures, f.severity) for f in report_.findings if f.rule.startswith(prefix)]


def test_funds_rows_are_facts_in_the_declared_unit():
    analysis = analyse(extract_bytes(form(("100.00", "120.00", "114.00", "10", "95.00%", "9.5")).encode(), "f.txt"))
    row = analysis.tables.funds[0]
    assert row.label == "年度资金总额"
    assert {k: (str(v.value), v.unit) for k, v in row.facts.items()} == {
        "initial": ("100.00", "万元"),
        "full": ("120.00", "万元"),
        "actual": ("114.00", "万元"),
        "points": ("10", "分"),
        "rate": ("95.00", "%"),
        "score": ("9.5", "分"),
    }
    assert analysis.tables.funds[1].label == "当年财政拨款"
    assert analysis.tables.funds[1].facts["actual"].value_yuan == Decimal("760000.00")


def test_consistent_block_raises_nothing():
    # 114.00 / 120.00 = 95.00%; 10 × 95% = 9.5
    assert findings(form(("100.00", "120.00", "114.00", "10", "95.00%", "9.5")), "rate") == []
    assert findings(form(("100.00", "120.00", "114.00", "10", "95.00%", "9.5")), "score_formula") == []


def test_execution_rate_against_the_initial_budget_is_wrong():
    # 114.00 / 120.00 = 95.00%, printed 114.00% (that is 114.00 / 100.00, the 年初预算数)
    assert findings(form(("100.00", "120.00", "114.00", "10", "114.00%", "10")), "rate") == [
        ("rate.stated", ("114.00", "120.00"), "error")  # the rate and the amount print alike
    ]


def test_score_that_does_not_follow_the_rate():
    # 10 × 95.00% = 9.5, printed 10
    assert findings(form(("100.00", "120.00", "114.00", "10", "95.00%", "10")), "score_formula") == [
        ("score_formula.execution", ("10", "95.00"), "warning")
    ]


def test_score_consistent_only_within_the_rounding_of_the_rate():
    # 10 × 94.96% = 9.496, and 94.96% may be 94.955%…94.965%: 9.4955…9.4965 prints as 9.5 → nothing
    assert findings(form(("100.00", "120.00", "113.95", "10", "94.96%", "9.5")), "score_formula") == []


def test_score_one_tenth_below_what_the_rate_allows():
    # 9.4 stands for [9.35, 9.45), below 9.4955 → warning
    assert findings(form(("100.00", "120.00", "113.95", "10", "94.96%", "9.4")), "score_formula") == [
        ("score_formula.execution", ("9.4", "10", "94.96"), "warning")
    ]
