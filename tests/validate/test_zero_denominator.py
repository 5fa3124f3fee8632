"""zero_denominator.rate: rates over a base printed as 0."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document, verdicts_for


def procurement(printed: str) -> str:
    return document(FINAL, f"政府采购年初预算为0万元，实际执行数为0万元，政府采购执行率为{printed}%。")


def zero_initial(printed: str) -> str:
    return document(FINAL, f"年初预算为0万元，全年预算为271.35万元，支出决算为265.40万元，完成年初预算的{printed}%。")


CASES = [
    # 0 ÷ 0 printed as 0%: noted
    case(
        "zero-over-zero-as-0",
        procurement("0"),
        Expect("zero_denominator.rate", "info", ("0",), message=("分子和分母都是0", "文中印为0%")),
    ),
    # 0 ÷ 0 printed as 100%: warning
    case(
        "zero-over-zero-as-100",
        procurement("100"),
        Expect("zero_denominator.rate", "warning", ("100", "0"), message=("分子和分母都是0", "文中印为100%")),
    ),
    # N ÷ 0 with no other budget figure in the sentence
    case(
        "amount-over-zero",
        document(FINAL, "年初预算为0万元，支出决算为265.40万元，完成年初预算的100%。"),
        Expect(
            "zero_denominator.rate",
            "warning",
            ("100", "265.40", "0"),
            message=("以年初预算数0万元为分母，无法计算", "文中却印为100%"),
            absent=("这实际是",),
        ),
    ),
    # 97.82% is not 265.40/271.35 either: [265.395/271.355, 265.405/271.345] = [97.80362%, 97.81091%] misses
    # [97.815, 97.825], so the 全年预算 is not named
    case(
        "amount-over-zero-alternative-one-unit-off",
        zero_initial("97.82"),
        Expect(
            "zero_denominator.rate",
            "warning",
            ("97.82", "265.40", "0"),
            message=("以年初预算数0万元为分母，无法计算", "文中却印为97.82%"),
            absent=("这实际是",),
        ),
    ),
    # 265.40/271.35 = 97.80726% → 97.81%: the rate is really against the 全年预算, and the message must say so
    case(
        "amount-over-zero-names-alternative",
        zero_initial("97.81"),
        Expect(
            "zero_denominator.rate",
            "warning",
            ("97.81", "265.40", "0", "271.35"),
            message=("以年初预算数0万元为分母", "这实际是", "271.35万元"),
        ),
    ),
    # exact 97.80726% prints 97.81%, but 265.395/271.355 = 97.80362% → 97.80% within the inputs' rounding
    case(
        "amount-over-zero-names-alternative-within-rounding",
        zero_initial("97.80"),
        Expect(
            "zero_denominator.rate",
            "warning",
            ("97.80", "265.40", "0", "271.35"),
            message=("这实际是", "271.35万元"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_zero_denominator_rate(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_zero_denominator_rate_is_not_judged_and_leaves_the_rate_rule_out() -> None:
    for text in (procurement("0"), procurement("100"), zero_initial("97.81")):
        assert verdicts_for(text, ("zero_denominator.rate", "rate.stated")) == [
            ("zero_denominator.rate", "not_judged", "基数为0，比率无法计算")
        ]
