"""share.stated: 占 N% against the part and the whole, under interval arithmetic."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document


def share_of_total(total: str, part: str, printed: str) -> str:
    return document(FINAL, f"本年支出合计{total}万元，其中：卫生健康支出{part}万元，占本年支出合计的{printed}%。")


CASES = [
    # 10.82/307.82 = 3.51504% → 3.52% half-up;
    # [10.815/307.825, 10.825/307.815] = [3.51336%, 3.51672%] meets [3.515, 3.525]
    case("rounds-half-up", share_of_total("307.82", "10.82", "3.52")),
    # exact 3.51504% would print 3.52%, but 10.815/307.825 = 3.51336% lies in [3.505, 3.515]:
    # consistent only by the rounding of the inputs
    case("consistent-only-within-input-rounding", share_of_total("307.82", "10.82", "3.51")),
    # 3.53% needs ≥ 3.525%, the largest quotient is 10.825/307.815 = 3.51672%; cutting 3.513..3.517 gives 3.51, not 3.53
    case(
        "one-unit-above",
        share_of_total("307.82", "10.82", "3.53"),
        Expect(
            "share.stated",
            "error",
            ("3.53", "10.82", "307.82"),
            message=("10.82万元", "307.82万元", "3.5150%", "应为3.52%", "文中印为3.53%"),
            absent=("截尾",),
            stated="3.53%",
            expected="3.52%",
        ),
    ),
    # 3.50% needs ≤ 3.505%, the smallest quotient is 3.51336%; truncation of [3.51336, 3.51672] gives 3.51, not 3.50
    case(
        "one-unit-below-consistent-range",
        share_of_total("307.82", "10.82", "3.50"),
        Expect("share.stated", "error", ("3.50", "10.82", "307.82"), stated="3.50%", expected="3.52%"),
    ),
    # 38.44/500.00: [38.435/500.005, 38.445/499.995] = [7.68692%, 7.68908%] rounds only to 7.69
    case("truncation-neighbour-rounds", share_of_total("500.00", "38.44", "7.69")),
    # 7.68% ± 0.005 = [7.675, 7.685] misses 7.68692; cutting 7.68692..7.68908 to 2 places gives 7.68
    # → warning, not error
    case(
        "only-truncation-explains",
        share_of_total("500.00", "38.44", "7.68"),
        Expect(
            "share.stated",
            "warning",
            ("7.68", "38.44", "500.00"),
            message=("7.6880%", "应为7.69%", "文中印为7.68%", "截尾"),
            stated="7.68%",
            expected="7.69%",
        ),
    ),
    # 7.70% ± 0.005 = [7.695, 7.705] misses 7.68908, and truncation cannot raise a value → error
    case(
        "one-unit-above-truncation-case",
        share_of_total("500.00", "38.44", "7.70"),
        Expect(
            "share.stated",
            "error",
            ("7.70", "38.44", "500.00"),
            message=("应为7.69%", "文中印为7.70%"),
            absent=("截尾",),
            stated="7.70%",
            expected="7.69%",
        ),
    ),
    # whole in 元, part in 万元: 384,400 元 / 5,000,000 元 = 7.688% → 7.69%
    case(
        "whole-in-yuan",
        document(FINAL, "本年支出合计5000000元。", "卫生健康支出38.44万元，占本年支出合计的7.69%。"),
    ),
    # two figures named 本年支出合计 (决算 500.00, 年初预算 520.00): 38.44/520.00 ∈ [7.39127%, 7.39334%] → 7.39%;
    # the binding to 520.00 is consistent, so it is preferred and nothing is reported
    case(
        "two-wholes-prefers-consistent",
        document(
            FINAL,
            "本年支出合计年初预算数为520.00万元，决算数为500.00万元。",
            "卫生健康支出38.44万元，占本年支出合计的7.39%。",
        ),
    ),
    # the same with 7.70%: against 500.00 the interval is [7.68692%, 7.68908%], against 520.00 [7.39127%, 7.39334%];
    # neither meets [7.695, 7.705] and the whole is uncertain → warning, reported against the nearest whole
    case(
        "two-wholes-none-consistent",
        document(
            FINAL,
            "本年支出合计年初预算数为520.00万元，决算数为500.00万元。",
            "卫生健康支出38.44万元，占本年支出合计的7.70%。",
        ),
        Expect("share.stated", "warning", ("7.70", "38.44", "500.00"), stated="7.70%", expected="7.69%"),
    ),
]


def three_shares(first: str, second: str, third: str) -> str:
    """Three 三公 items with their share of a whole printed nowhere."""
    return document(
        FINAL,
        f"因公出国（境）费支出70.00万元，占“三公”经费的{first}%；公务用车购置及运行费411.20万元，"
        f"占“三公”经费的{second}%；公务接待费27.00万元，占“三公”经费的{third}%。",
    )


# parts 70.00 + 411.20 + 27.00 = 508.20: 13.774%, 80.913%, 5.313%
GROUP_CASES = [
    case("group-consistent", three_shares("13.77", "80.91", "5.31")),
    # 13.77 + 80.92 + 5.31 = 100.00: still a complete breakdown, but with the part counted once
    # 411.20/(411.20 + 97.00) ∈ [411.195/(411.195 + 97.01), 411.205/(411.205 + 96.99)]
    # = [80.9112%, 80.9148%], below 80.915, rounds only to 80.91 → error
    case(
        "group-one-off",
        three_shares("13.77", "80.92", "5.31"),
        Expect(
            "share.of_listed_parts",
            "error",
            ("80.92", "70.00", "411.20", "27.00"),
            message=("所列各项之和为508.20万元", "应为80.91%", "文中印为80.92%"),
            absent=("截尾",),
            stated="80.92%",
            expected="80.91%",
        ),
    ),
    # with 70 and 27 printed as whole numbers the rest lies in [96.00, 98.00] and 411.20 may be
    # 80.87%..81.07% of the sum: no error; read as 70.00 and 27.00 it is 80.91% → a warning that says so
    case(
        "group-whole-numbers",
        document(
            FINAL,
            "因公出国（境）费支出70万元，占“三公”经费的13.77%；公务用车购置及运行费411.20万元，"
            "占“三公”经费的80.92%；公务接待费27万元，占“三公”经费的5.31%。",
        ),
        Expect(
            "share.of_listed_parts",
            "warning",
            ("80.92", "70", "411.20", "27"),
            message=("应为80.91%", "按70万元、27万元为整数计"),
            stated="80.92%",
            expected="80.91%",
        ),
    ),
    # 13.77 + 70.91 + 5.31 = 90: the items are not the whole breakdown, so nothing can be judged
    case("group-not-complete", three_shares("13.77", "70.91", "5.31")),
    # a list opened by 「其中：」 names its total in the opening paragraph:
    # 21,940.96/21,955.35 = 99.9345% → 99.93%, 14.39/21,955.35 = 0.0655% → 0.07%
    case(
        "opened-list-consistent",
        document(
            FINAL,
            "2023年收入预算合计21,955.35万元，其中：",
            "一般公共预算收入21,940.96万元，占99.93%；",
            "其他资金14.39万元，占0.07%。",
        ),
    ),
    # the same with 0.08%: [14.385/21,955.355, 14.395/21,955.345] = [0.06552%, 0.06556%] → 0.07%
    case(
        "opened-list-off",
        document(
            FINAL,
            "2023年收入预算合计21,955.35万元，其中：",
            "一般公共预算收入21,940.96万元，占99.93%；",
            "其他资金14.39万元，占0.08%。",
        ),
        Expect("share.stated", "error", ("0.08", "14.39", "21955.35"), stated="0.08%", expected="0.07%"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), GROUP_CASES)
def test_share_groups(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_share_stated(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)
