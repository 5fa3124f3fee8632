"""direction_word.budget_vs_final: 决算数大于/小于/持平预算数 against the two figures."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for


def compared(budget: str, actual: str, claim: str) -> str:
    return document(FINAL, f"项目支出全年预算数为{budget}万元，决算数为{actual}万元，{claim}。")


CASES = [
    case("less-holds", compared("90.00", "85.06", "决算数小于预算数")),
    # 持平 with a budget printed at one decimal: [85.05, 85.15] holds 85.06
    case("level-within-rounding", compared("85.1", "85.06", "决算数与预算数持平")),
    # 持平 against 85.0: [84.95, 85.05] misses [85.055, 85.065] → error
    case(
        "level-beyond-rounding",
        compared("85.0", "85.06", "决算数与预算数持平"),
        Expect(
            "direction_word.budget_vs_final",
            "error",
            ("85.06", "85.0"),
            message=("文中说“决算数与预算数持平”", "决算数为85.06万元", "全年预算数为85.0万元"),
        ),
    ),
    # 大于 with equal prints: the unrounded values may still differ either way → nothing
    case("greater-with-equal-prints", compared("85.06", "85.06", "决算数大于预算数")),
    # 大于 with 85.05 against 85.06: every value printing 85.05 is below every value printing 85.06 → error
    case(
        "greater-one-cent-below",
        compared("85.06", "85.05", "决算数大于预算数"),
        Expect(
            "direction_word.budget_vs_final",
            "error",
            ("85.05", "85.06"),
            message=("文中说“决算数大于预算数”", "决算数为85.05万元", "全年预算数为85.06万元"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_direction_word_budget_vs_final(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_direction_word_budget_vs_final_checks() -> None:
    (ok,) = checks_for(compared("90.00", "85.06", "决算数小于预算数"), "direction_word.budget_vs_final")
    assert (ok.verdict, ok.stated, len(ok.fact_ids)) == ("consistent", "小于", 2)
    failed = compared("85.06", "85.05", "决算数大于预算数")
    assert verdicts_for(failed, "direction_word.budget_vs_final") == [("direction_word.budget_vs_final", "inconsistent", None)]
    # a claim with no budget figure for its subject, or no final figure at all: not judged
    no_budget = document(FINAL, "项目支出决算数为85.05万元，决算数大于预算数。")
    assert verdicts_for(no_budget, "direction_word.budget_vs_final") == [
        ("direction_word.budget_vs_final", "not_judged", "对应的预算数未找到")
    ]
    (no_final,) = checks_for(document(FINAL, "项目支出全年预算数为90.00万元，决算数小于预算数。"), "direction_word.budget_vs_final")
    assert (no_final.verdict, no_final.reason, no_final.fact_ids) == ("not_judged", "决算数未找到", ())
    assert no_final.evidence[0].quote == "项目支出全年预算数为90.00万元，决算数小于预算数。"
