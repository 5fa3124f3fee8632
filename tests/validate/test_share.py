"""share.stated: 占 N% against the part and the whole, under interval arithmetic."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for


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


def three_shares(first: str, second: str, third: str, abroad: str = "30.00", reception: str = "21.00") -> str:
    """Three 三公 items with their share of a whole printed nowhere."""
    return document(
        FINAL,
        f"因公出国（境）费支出{abroad}万元，占“三公”经费的{first}%；公务用车购置及运行费300.50万元，"
        f"占“三公”经费的{second}%；公务接待费{reception}万元，占“三公”经费的{third}%。",
    )


# parts 30.00 + 300.50 + 21.00 = 351.50: 8.535%, 85.491%, 5.974% → 8.53 + 85.49 + 5.97 = 99.99
GROUP_CASES = [
    case("group-consistent", three_shares("8.53", "85.49", "5.97")),
    # 8.53 + 85.50 + 5.97 = 100.00: still a complete breakdown, but with the part counted once
    # 300.50/(300.50 + 51.00) ∈ [300.495/(300.495 + 51.01), 300.505/(300.505 + 50.99)]
    # = [85.4894%, 85.4937%], below 85.495, rounds only to 85.49 → error
    case(
        "group-one-off",
        three_shares("8.53", "85.50", "5.97"),
        Expect(
            "share.of_listed_parts",
            "error",
            ("85.50", "30.00", "300.50", "21.00"),
            message=("所列各项之和为351.50万元", "应为85.49%", "文中印为85.50%"),
            absent=("截尾", "整数"),
            stated="85.50%",
            expected="85.49%",
        ),
    ),
    # with 30 and 21 printed as whole numbers the rest lies in [50.00, 52.00] and 300.50 may be
    # 85.25%..85.74% of the sum: no error; read as 30.00 and 21.00 it is 85.49% → a warning that says so
    case(
        "group-whole-numbers",
        three_shares("8.53", "85.50", "5.97", abroad="30", reception="21"),
        Expect(
            "share.of_listed_parts",
            "warning",
            ("85.50", "30", "300.50", "21"),
            message=("应为85.49%", "按30万元、21万元为整数计"),
            stated="85.50%",
            expected="85.49%",
        ),
    ),
    # 8.53 + 75.49 + 5.97 = 89.99: the items are not the whole breakdown, so nothing can be judged
    case("group-not-complete", three_shares("8.53", "75.49", "5.97")),
    # a list opened by 「其中：」 names its total in the opening paragraph:
    # 990.00/1,000.00 = 99.00%, 10.00/1,000.00 = 1.00%
    case(
        "opened-list-consistent",
        document(
            FINAL,
            "2023年收入预算合计1,000.00万元，其中：",
            "一般公共预算收入990.00万元，占99.00%；",
            "其他资金10.00万元，占1.00%。",
        ),
    ),
    # the same with 1.10%: [9.995/1,000.005, 10.005/999.995] = [0.99950%, 1.00050%] → 1.00%
    case(
        "opened-list-off",
        document(
            FINAL,
            "2023年收入预算合计1,000.00万元，其中：",
            "一般公共预算收入990.00万元，占99.00%；",
            "其他资金10.00万元，占1.10%。",
        ),
        Expect("share.stated", "error", ("1.10", "10.00", "1000.00"), stated="1.10%", expected="1.00%"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), GROUP_CASES)
def test_share_groups(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_share_stated(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_share_stated_checks() -> None:
    (ok,) = checks_for(share_of_total("307.82", "10.82", "3.52"), "share.stated")
    # [10.815/307.825, 10.825/307.815] = [3.51336%, 3.51672%], widened outward to 4 places
    assert (ok.verdict, ok.stated, ok.computed, ok.reason) == ("consistent", "3.52%", "3.5133～3.5168%", None)
    assert len(ok.fact_ids) == 3
    (failed,) = checks_for(share_of_total("307.82", "10.82", "3.53"), "share.stated")
    assert (failed.verdict, failed.stated, failed.computed) == ("inconsistent", "3.53%", "3.52%")


def test_share_stated_two_wholes() -> None:
    """One check per share, whatever the number of candidate wholes: the consistent one is held,
    and none consistent with two wholes is not a judgement."""
    def text(printed: str) -> str:
        return document(
            FINAL, "本年支出合计年初预算数为520.00万元，决算数为500.00万元。", f"卫生健康支出38.44万元，占本年支出合计的{printed}%。"
        )

    (ok,) = checks_for(text("7.39"), "share.stated")
    # against 520.00: [38.435/520.005, 38.445/519.995] = [7.39127%, 7.39334%]
    assert (ok.verdict, ok.computed) == ("consistent", "7.3912～7.3934%")
    assert verdicts_for(text("7.70"), "share.stated") == [("share.stated", "not_judged", "数字的对应关系不确定，未下结论")]


def test_share_of_a_zero_whole_is_not_judged() -> None:
    assert verdicts_for(share_of_total("0", "10.82", "3.52"), "share.stated") == [
        ("share.stated", "not_judged", "基数为0，比率无法计算")
    ]


def test_share_of_listed_parts_checks() -> None:
    held = ("share.of_listed_parts", "consistent", None)
    assert verdicts_for(three_shares("8.53", "85.49", "5.97"), "share.") == [held, held, held]
    first = checks_for(three_shares("8.53", "85.49", "5.97"), "share.")[0]
    # 30.00 over the parts' sum, within their rounding: [29.995/(29.995 + 321.51), 30.005/(30.005 + 321.49)]
    assert (first.stated, first.computed, len(first.fact_ids)) == ("8.53%", "8.5333～8.5364%", 4)
    assert verdicts_for(three_shares("8.53", "85.50", "5.97"), "share.") == [
        held,
        ("share.of_listed_parts", "inconsistent", None),
        held,
    ]
    # only reading 30 and 21 as exact contradicts 85.50%: not a judgement
    assert verdicts_for(three_shares("8.53", "85.50", "5.97", abroad="30", reception="21"), "share.") == [
        held,
        ("share.of_listed_parts", "not_judged", "数字的对应关系不确定，未下结论"),
        held,
    ]
