"""rate.stated and cross_text.rate_bases: completion/execution/control rates."""

from __future__ import annotations

import pytest

from tests.validate.support import (
    FINAL,
    Expect,
    assert_findings,
    case,
    checks_for,
    document,
    findings_for,
    verdicts_for,
)


def completion(printed: str) -> str:
    return document(FINAL, f"项目支出全年预算数为450.30万元，决算数为412.76万元，完成全年预算的{printed}%。")


def staff(actual: int, posts: int, printed: str) -> str:
    return document(FINAL, f"编制人数{posts}人，在职实有人数{actual}人，在职人员控制率为{printed}%。")


STATED = [
    # 412.76/450.30 = 91.66334% → 91.66%
    case("exact-quotient", completion("91.66")),
    # exact 91.66334% prints 91.66%, but 412.765/450.295 = 91.66546% ≥ 91.665:
    # 91.67% is reachable inside the input intervals
    case("consistent-only-within-input-rounding", completion("91.67")),
    # 91.68% needs ≥ 91.675%; the largest quotient is 412.765/450.295 = 91.66546% → error
    case(
        "one-unit-above",
        completion("91.68"),
        Expect(
            "rate.stated",
            "error",
            ("91.68", "412.76", "450.30"),
            message=("完成全年预算印为91.68%", "412.76万元÷", "450.30万元=91.66%", "相差0.02个百分点"),
            absent=("截尾", "不止一组"),
            stated="91.68%",
            expected="91.66%",
        ),
    ),
    # 91.65% needs ≤ 91.655%; the smallest quotient is 412.755/450.305 = 91.66121%, and cutting it gives 91.66 → error
    case(
        "one-unit-below",
        completion("91.65"),
        Expect("rate.stated", "error", ("91.65", "412.76", "450.30"), stated="91.65%", expected="91.66%"),
    ),
    # at one decimal: [91.66121%, 91.66546%] rounds to 91.7%
    case("one-decimal-rounds", completion("91.7")),
    # 91.6% ± 0.05 = [91.55, 91.65] misses 91.66121, but cutting 91.66… to one place gives 91.6 → warning
    case(
        "one-decimal-only-truncation-explains",
        completion("91.6"),
        Expect(
            "rate.stated",
            "warning",
            ("91.6", "412.76", "450.30"),
            message=("印为91.6%", "=91.66%", "截尾"),
            stated="91.6%",
            expected="91.66%",
        ),
    ),
    # 91.8% ± 0.05 = [91.75, 91.85] misses 91.66546 → error, 0.14 points off
    case(
        "one-decimal-one-unit-above",
        completion("91.8"),
        Expect(
            "rate.stated",
            "error",
            ("91.8", "412.76", "450.30"),
            message=("印为91.8%", "=91.66%", "相差0.14个百分点"),
            stated="91.8%",
            expected="91.66%",
        ),
    ),
    # budget in 元: (4,127,600 ± 50 元) / (4,503,000 ± 0.5 元) = [91.66222%, 91.66446%] → 91.66%
    case(
        "denominator-in-yuan",
        document(FINAL, "项目支出全年预算数为4503000元，决算数为412.76万元，完成全年预算的91.66%。"),
    ),
    # the exact 元 budget narrows the interval: 91.67% needs ≥ 91.665%, the largest quotient is 91.66446% → error
    case(
        "denominator-in-yuan-one-unit-above",
        document(FINAL, "项目支出全年预算数为4503000元，决算数为412.76万元，完成全年预算的91.67%。"),
        Expect(
            "rate.stated",
            "error",
            ("91.67", "412.76", "4503000"),
            message=("412.76万元÷", "4503000元=91.66%", "相差0.01个百分点"),
            stated="91.67%",
            expected="91.66%",
        ),
    ),
    # head counts are exact: 17/23 = 73.913% → 73.91% only by rounding the printed rate
    case("named-rate-counts", staff(17, 23, "73.91")),
    # 73.92% needs ≥ 73.915%, and 17/23 = 73.91304% exactly → error
    case(
        "named-rate-counts-one-unit-above",
        staff(17, 23, "73.92"),
        Expect(
            "rate.stated",
            "error",
            ("73.92", "17", "23"),
            message=("在职人员控制率印为73.92%", "=73.91%", "相差0.01个百分点"),
            stated="73.92%",
            expected="73.91%",
        ),
    ),
    # two budget figures a 完成预算 may refer to: 412.76/460.00 ∈ [89.72837%, 89.73250%] → 89.73%, so the
    # consistent binding is taken (412.76/450.30 would give 91.66%)
    case(
        "two-denominators-prefers-consistent",
        document(
            FINAL, "本年支出合计全年预算数为450.30万元，调整预算数为460.00万元，决算数为412.76万元，完成预算的89.73%。"
        ),
    ),
    # neither 91.66% nor 89.73% is near 95.00% and the denominator is uncertain → warning, not error
    case(
        "two-denominators-none-consistent",
        document(
            FINAL, "本年支出合计全年预算数为450.30万元，调整预算数为460.00万元，决算数为412.76万元，完成预算的95.00%。"
        ),
        Expect(
            "rate.stated",
            "warning",
            ("95.00", "412.76", "460.00"),
            message=("印为95.00%", "=89.73%", "不止一组"),
            stated="95.00%",
            expected="89.73%",
        ),
    ),
    # 7/8 = 87.5% exactly: half-up gives 88%
    case("exact-half-rounds-up", staff(7, 8, "88")),
    case(
        "exact-half-printed-down",
        staff(7, 8, "87"),
        Expect(
            "rate.stated",
            "warning",
            ("87", "7", "8"),
            message=("印为87%", "=87.50%", "截尾"),
            stated="87%",
            expected="87.50%",
        ),
    ),
    # 412.76/450.30 = 91.66% against 91.8%: the label 预算执行率 must bind like 执行率 does
    case(
        "budget-execution-rate-label",
        document(FINAL, "本年支出合计全年预算数为450.30万元，决算数为412.76万元，预算执行率为91.8%。"),
        Expect("rate.stated", "error", ("91.8", "412.76", "450.30"), stated="91.8%", expected="91.66%"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), STATED)
def test_rate_stated(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_rate_stated_message_names_counts_once() -> None:
    """Regression: counts were named subject+measure (「在职实有人数人数17人÷编制人数人数23人」)."""
    assert_findings(
        staff(17, 23, "73.92"),
        [Expect("rate.stated", "error", ("73.92", "17", "23"), message=("在职实有人数17人÷编制人数23人",))],
    )


def two_rates(first: str, second: str) -> str:
    return document(FINAL, first, second)


BASES = [
    # the same rate restated: 412.76/450.30 = 91.66334% prints 91.66% and, at one decimal, 91.7%; 450.30 and 450.3
    # are the same denominator, so no second base is involved
    case(
        "same-base-restated-at-other-precision",
        two_rates(
            "本年支出合计全年预算数为450.30万元，决算数为412.76万元，执行率为91.66%。",
            "本年支出合计全年预算数为450.3万元，决算数为412.76万元，执行率为91.7%。",
        ),
    ),
    # two execution rates of the same 2400.00: 2400.00/2400.00 = 100% and 2400.00/300.00 = 800.00%, each consistent
    # with its own denominator, so both denominators are shown
    case(
        "two-execution-rates-two-bases",
        two_rates(
            "本年支出合计全年预算数为2400.00万元，决算数为2400.00万元，执行率为100%。",
            "本年支出合计年初预算数为300.00万元，决算数为2400.00万元，执行率为800.00%。",
        ),
        Expect(
            "cross_text.rate_bases",
            "warning",
            ("100", "800.00", "2400.00", "300.00"),
            message=(
                "同一执行数2400.00万元",
                "100%（以本年支出合计全年预算数2400.00万元为分母）",
                "800.00%（以本年支出合计年初预算数300.00万元为分母）",
            ),
        ),
    ),
    # each rate names its own base (完成年初预算 / 完成全年预算), so neither claims to be something it is not
    case(
        "bases-named-explicitly",
        document(
            FINAL,
            "本年支出合计年初预算数为300.00万元，全年预算数为2400.00万元，决算数为2400.00万元，"
            "完成年初预算的800.00%，完成全年预算的100%。",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), BASES)
def test_cross_text_rate_bases(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_rate_stated_checks_carry_verdict_interval_and_facts() -> None:
    (held,) = checks_for(completion("91.66"), "rate.stated")
    assert (held.verdict, held.stated, held.reason) == ("consistent", "91.66%", None)
    # [412.755, 412.765] / [450.295, 450.305] = [91.6612…%, 91.6655…%], widened outward to 4 places
    assert held.computed == "91.6612～91.6655%"
    assert len(held.fact_ids) == 3
    (failed,) = checks_for(completion("91.68"), "rate.stated")
    assert (failed.verdict, failed.stated, failed.computed) == ("inconsistent", "91.68%", "91.66%")
    (finding,) = [f for f in findings_for(completion("91.68"), "rate.stated")]
    assert finding.check_id == failed.check_id and finding.fact_ids == failed.fact_ids


def test_rate_stated_without_a_base_is_not_judged() -> None:
    text = document(FINAL, "项目支出完成全年预算的91.66%。")
    assert verdicts_for(text, "rate.stated") == [("rate.stated", "not_judged", "比率的分子或分母未找到")]
