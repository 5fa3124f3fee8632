"""balance.claim: 收支平衡 against the income and expenditure totals before it."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for


def claim(income: str, expense: str, words: str = "收支平衡") -> str:
    return document(FINAL, f"收入总额{income}万元，支出总额{expense}万元，{words}。")


CASES = [
    # equal figures
    case("equal", claim("418.63", "418.63")),
    # 418.6 stands for [418.55, 418.65], which holds 418.63
    case("one-decimal-holds-two-decimal", claim("418.6", "418.63")),
    # 基本平衡 (roughly balanced) allows a gap of one cent: [418.615, 418.625] and [418.625, 418.635] share 418.625
    case("adjacent-cents-roughly-balanced", claim("418.62", "418.63", "收支基本平衡")),
    # a strict 收支平衡 says the two totals are one number, and one number prints one way: 418.62 and 418.63
    # cannot both be its rounding (the intervals only touch at 418.625, which half-up prints as 418.63).
    # DESIGN.md: a tiny gap rounding cannot explain (0.01 between two places) is still reported, with its size.
    case(
        "adjacent-cents-strictly-balanced",
        claim("418.62", "418.63"),
        Expect("balance.claim", "warning", ("418.62", "418.63"), message=("收支平衡", "0.01万元")),
    ),
    # [418.615, 418.625] and [418.635, 418.645] are 0.01 apart → the claim does not hold
    case(
        "two-cents-apart",
        claim("418.62", "418.64"),
        Expect(
            "balance.claim",
            "warning",
            ("418.62", "418.64"),
            message=("文中称“收支平衡”", "收入总计418.62万元", "支出总计418.64万元", "相差0.02万元"),
        ),
    ),
    # a sentence that says the budget is NOT balanced claims nothing
    case("not-balanced-is-no-claim", claim("418.62", "418.64", "收支不平衡")),
    # [418.55, 418.65] and [418.655, 418.665] are 0.005 apart: reported, and the message must not call that 0.0
    case(
        "one-decimal-just-beyond",
        claim("418.6", "418.66"),
        Expect(
            "balance.claim",
            "warning",
            ("418.6", "418.66"),
            message=("收入总计418.6万元", "支出总计418.66万元"),  # 收入总额 is the canonical 收入总计
            absent=("相差0.0万元",),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_balance_claim(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_balance_claim_checks_by_verdict() -> None:
    (check,) = checks_for(claim("418.6", "418.63"), "balance.claim")
    # the income as printed is the stated figure, the expenditure it is compared with the computed one
    assert (check.verdict, check.stated, check.computed, len(check.fact_ids)) == ("consistent", "418.6万元", "418.63万元", 2)
    assert verdicts_for(claim("418.62", "418.64"), "balance.claim") == [("balance.claim", "inconsistent", None)]
    # 基本平衡 promises no equality: no claim, no check
    assert verdicts_for(claim("418.62", "418.63", "收支基本平衡"), "balance.claim") == []


def corresponding(income: str, expense: str, stop: str = "，") -> str:
    """A county budget: the income, its source, then the expense 相应安排 to match it."""
    return document(
        "某县某中心2016年部门预算",
        f"2016年，某中心部门收入预算为{income}万元，其中：一般公共预算拨款{income}万元{stop}"
        f"相应安排支出预算{expense}万元，其中：人员支出300.00万元，公用支出40.00万元，项目支出17.68万元。",
    )


CORRESPONDING = [
    case("arranged-to-match", corresponding("357.68", "357.68")),
    # 「相应安排」 claims the expense matches the income: 357.68 against 375.68 does not
    case(
        "arranged-not-matching",
        corresponding("357.68", "375.68"),
        Expect(
            "balance.claim",
            "warning",
            ("357.68", "375.68"),
            message=("文中称“相应安排”", "部门收入357.68万元", "相应安排支出375.68万元", "相差18.00万元"),
        ),
    ),
    # the income in the sentence before (「…357.68万元。相应安排支出预算…」)
    case(
        "arranged-after-a-full-stop",
        corresponding("357.68", "375.68", stop="。"),
        Expect("balance.claim", "warning", ("357.68", "375.68"), message=("相差18.00万元",)),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CORRESPONDING)
def test_corresponding_expense(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="balance.claim")
