"""yoy.change_rate, direction_word.change and zero_denominator.yoy: 较上年增加 X，增长 Y%."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for

TITLE_2021 = "某某区某某局2021年度部门决算"


def increase(printed: str) -> str:
    return document(FINAL, f"商品和服务支出63.18万元，较上年增加5.55万元，增长{printed}%。")


def decrease(printed: str, word: str = "下降") -> str:
    return document(FINAL, f"本年支出合计621.40万元，较上年减少25.18万元，{word}{printed}%。")


CHANGE_RATE = [
    # last year = 63.18 − 5.55 ∈ [57.62, 57.64]; 5.55/57.63 = 9.6304% → 9.63%
    case("increase-exact", increase("9.63")),
    # exact 9.6304% prints 9.63%, but 5.555/57.62 = 9.64075% ≥ 9.635 → 9.64% only within the inputs' rounding
    case("increase-consistent-only-within-rounding", increase("9.64")),
    # 9.65% needs ≥ 9.645%; the largest rate is 5.555/57.62 = 9.64075% → error
    case(
        "increase-one-unit-above",
        increase("9.65"),
        Expect(
            "yoy.change_rate",
            "error",
            ("9.65", "5.55", "63.18"),
            message=(
                "商品和服务支出63.18万元",
                "上年约为57.63万元",
                "变动率应为9.63%",
                "文中印为9.65%",
                "相差0.02个百分点",
            ),
            stated="9.65%",
            expected="9.63%",
        ),
    ),
    # 9.61% needs ≤ 9.615%; the smallest rate is 5.545/57.64 = 9.62006% → error
    case(
        "increase-one-unit-below",
        increase("9.61"),
        Expect("yoy.change_rate", "error", ("9.61", "5.55", "63.18"), stated="9.61%", expected="9.63%"),
    ),
    # a change in 元 is nearly exact: last year = 631,800 ± 50 − 55,500 ± 0.5 元,
    # rate ∈ [55499.5/576350.5, 55500.5/576249.5] = [9.62947%, 9.63133%] → 9.63% only, so 9.64% is an error here
    case(
        "change-in-yuan-narrows-interval",
        document(FINAL, "商品和服务支出63.18万元，较上年增加55500元，增长9.64%。"),
        Expect(
            "yoy.change_rate",
            "error",
            ("9.64", "55500", "63.18"),
            message=("较上年变动55500元", "变动率应为9.63%", "文中印为9.64%"),
            stated="9.64%",
            expected="9.63%",
        ),
    ),
    # last year = 621.40 + 25.18 ∈ [646.57, 646.59]; 25.18/646.58 ∈ [3.89350%, 3.89517%] → 3.9%
    case("decrease-one-decimal", decrease("3.9")),
    # 4.0% ± 0.05 = [3.95, 4.05] misses 3.89517% → error
    case(
        "decrease-one-unit-above",
        decrease("4.0"),
        Expect(
            "yoy.change_rate",
            "error",
            ("4.0", "25.18", "621.40"),
            message=("上年约为646.58万元", "变动率应为3.89%", "文中印为4.0%", "相差0.11个百分点"),
            stated="4.0%",
            expected="3.89%",
        ),
    ),
    # binding: the change belongs to the clause's subject 819.39 (last year 850.03, 30.64/850.03 = 3.6046% → 3.6%),
    # not to 52.81 (30.64/83.45 = 36.72%); the consistent binding is preferred
    case(
        "binding-prefers-clause-subject",
        document(TITLE_2021, "收入总计819.39万元，其中年初结转和结余52.81万元，较2020年减少30.64万元，下降3.6%。"),
    ),
    # with 3.7% neither binding works (3.60% or 36.72%); the report should be about the clause's subject 819.39
    case(
        "binding-none-consistent-cites-clause-subject",
        document(TITLE_2021, "收入总计819.39万元，其中年初结转和结余52.81万元，较2020年减少30.64万元，下降3.7%。"),
        Expect(
            "yoy.change_rate",
            "warning",
            ("3.7", "30.64", "819.39"),
            message=("收入总计819.39万元", "变动率应为3.60%", "文中印为3.7%"),
            stated="3.7%",
            expected="3.60%",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CHANGE_RATE)
def test_yoy_change_rate(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


DIRECTION = [
    # 减少 … 下降 with a rate inside rounding (3.89350%..3.89517% → 3.9%): nothing
    case("decrease-decline", decrease("3.9")),
    # 减少 … 增长: the magnitude 3.9% fits, the direction does not
    case(
        "decrease-but-growth",
        decrease("3.9", "增长"),
        Expect(
            "direction_word.change",
            "error",
            ("25.18", "3.9"),
            message=("金额减少25.18万元", "比率却增加3.9%"),
        ),
    ),
    # 增加 … 下降 (rate 9.63% is consistent in magnitude)
    case(
        "increase-but-decline",
        document(FINAL, "商品和服务支出63.18万元，较上年增加5.55万元，下降9.63%。"),
        Expect(
            "direction_word.change",
            "error",
            ("5.55", "9.63"),
            message=("金额增加5.55万元", "比率却减少9.63%"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), DIRECTION)
def test_direction_word_change(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def from_zero(change: str, printed: str) -> str:
    return document(FINAL, f"资本性支出18.60万元，较上年增加{change}，增长{printed}%。")


FROM_ZERO = [
    # the increase is 0.01 short of the current figure: last year = 18.60 − 18.59 ∈ [0.00, 0.02] may be 0, so the
    # rate cannot be checked; the figures differ, so it is not a zero base either → nothing
    case("increase-one-cent-short", from_zero("18.59万元", "186000")),
    # increase = current → last year was 0; 100% is the usual convention → info
    case(
        "zero-base-100-percent",
        from_zero("18.60万元", "100"),
        Expect(
            "zero_denominator.yoy",
            "info",
            ("18.60", "100"),
            message=("资本性支出18.60万元", "说明上年为0", "习惯上写作100%"),
        ),
    ),
    # any other rate from a zero base is wrong → warning
    case(
        "zero-base-0-percent",
        from_zero("18.60万元", "0"),
        Expect(
            "zero_denominator.yoy",
            "warning",
            ("18.60", "0"),
            message=("说明上年为0", "文中的0%没有意义"),
        ),
    ),
    # 186000元 is 18.60万元: the same zero base printed in another unit
    case(
        "zero-base-change-in-yuan",
        from_zero("186000元", "0"),
        Expect(
            "zero_denominator.yoy",
            "warning",
            ("18.60", "186000", "0"),
            message=("说明上年为0", "文中的0%没有意义"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), FROM_ZERO)
def test_zero_denominator_yoy(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


BUDGET = "某某区某某局2024年单位预算"


def item(previous: str, current: str, rate: str, word: str = "增加", heading: str | None = None) -> str:
    """A 预算 item paragraph: heading figure, last year's execution, this year's budget and the rate."""
    return document(
        BUDGET,
        f"5.“卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）”{heading or current}万元，主要用于人员医疗保险。"
        f"2023年当年预算执行数为{previous}万元，2024年预算安排{current}万元，比2023年预算执行数{word}{rate}%。",
    )


BETWEEN_YEARS = [
    # (50.37 − 44.17) / 44.17 = 14.0367% → 14.04%
    case("rate-fits", item("44.17", "50.37", "14.04")),
    # (50.375 − 44.165)/44.165 = 14.0609% rounds to 14.06%: consistent within the inputs' rounding
    case("rate-within-inputs-rounding", item("44.17", "50.37", "14.06")),
    # 14.07% needs ≥ 14.065%, above 14.0609% → error
    case(
        "rate-one-unit-beyond",
        item("44.17", "50.37", "14.07"),
        Expect(
            "yoy.between_years",
            "error",
            ("14.07", "50.37", "44.17"),
            message=("上年44.17万元", "本年50.37万元", "变动率应为14.04%", "文中印为增加14.07%"),
        ),
    ),
    # the sentence repeats a stale figure; the heading's 350.35 fits the rate → nothing
    case("heading-figure-fits", item("348.52", "352.67", "0.53", heading="350.35")),
]


@pytest.mark.parametrize(("text", "expect"), BETWEEN_YEARS)
def test_yoy_between_years(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope=("yoy.between_years", "direction_word.between_years", "zero_denominator.yoy_years"))


BETWEEN_YEARS_WORDS = [
    # 33.74 → 33.58 fell by 0.47%, printed as a rise
    case(
        "rise-printed-for-a-fall",
        item("33.74", "33.58", "0.47"),
        Expect("direction_word.between_years", "error", ("0.47", "33.58", "33.74"), message=("减少", "文中却写增加0.47%")),
    ),
    case("fall-printed-as-a-fall", item("33.74", "33.58", "0.47", word="减少")),
    # last year 0: 100.00% is the convention (info); any other rate is meaningless (warning)
    case(
        "from-zero-conventional",
        item("0", "60.13", "100.00"),
        Expect("zero_denominator.yoy_years", "info", ("100.00", "60.13", "0"), message=("以0为基数无法计算变动率",)),
    ),
    case(
        "from-zero-other-rate",
        item("0", "60.13", "50.00"),
        Expect("zero_denominator.yoy_years", "warning", ("50.00", "60.13", "0"), message=("没有意义",)),
    ),
]


@pytest.mark.parametrize(("text", "expect"), BETWEEN_YEARS_WORDS)
def test_direction_and_zero_base_between_years(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope=("yoy.between_years", "direction_word.between_years", "zero_denominator.yoy_years"))


EARLIER_SENTENCE = [
    # the change's sentence opens with 与上年相比: it is about the previous sentence's one figure
    case(
        "previous-sentence-subject",
        document(FINAL, "1．公共安全（类）支出13656.34万元，主要用于检察业务。与上年相比增加309.03万元，增长2.41%。"),
        Expect("yoy.change_rate", "error", ("2.41", "309.03", "13656.34"), message=("变动率应为2.32%",)),
    ),
    # 2.3153% rounds to 2.32%; 2.31% is what cutting the digits gives: a printing convention → warning
    case(
        "truncated-rate",
        document(FINAL, "1．公共安全（类）支出13656.34万元，主要用于检察业务。与上年相比增加309.03万元，增长2.31%。"),
        Expect("yoy.change_rate", "warning", ("2.31", "309.03", "13656.34"), message=("截断而非四舍五入可以解释",)),
    ),
    # two figures in the previous sentence: the change has no sure subject
    case(
        "previous-sentence-two-figures",
        document(FINAL, "基本支出100.00万元，项目支出50.00万元。与上年相比增加10.00万元，增长30.00%。"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), EARLIER_SENTENCE)
def test_change_bound_to_the_previous_sentence(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="yoy.change_rate")


def test_change_of_both_totals_joined_by_a_comma() -> None:
    """「收入、支出预算总计…，与上年相比收、支预算总计各增加…，增长…」 is one change of one figure:
    400.00/(2,000.00 − 400.00) = 25.00%, printed 24.95% → error."""
    text = document(
        "某省某院2018年部门预算",
        "某省某院2018年度收入、支出预算总计2,000.00万元，与上年相比收、支预算总计各增加400.00万元，增长24.95%。",
    )
    assert_findings(
        text,
        [Expect("yoy.change_rate", "error", ("24.95", "400.00", "2000.00"), stated="24.95%", expected="25.00%")],
        scope="yoy.change_rate",
    )


NEGATIVE_BASE_CASES = [
    # 0 now after 增加50.00: last year would be −50.00万元
    case(
        "grew-by-more-than-it-is",
        document(FINAL, "政府性基金拨款支出预算0万元，比上年预算增加50.00万元。"),
        Expect("yoy.negative_base", "error", ("50.00", "0"), message=("较上年增加50.00万元", "则上年为−50.00万元", "负数")),
    ),
    # a decrease, or an increase smaller than the figure, leaves a positive base
    case("decrease", document(FINAL, "政府性基金拨款支出预算0万元，比上年预算减少50.00万元。")),
    case("smaller-increase", document(FINAL, "政府性基金拨款支出预算80.00万元，比上年预算增加50.00万元。")),
    # a balance may have been negative
    case("balance", document(FINAL, "年末结转和结余0万元，比上年增加50.00万元。")),
]


@pytest.mark.parametrize(("text", "expect"), NEGATIVE_BASE_CASES)
def test_negative_base(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="yoy.negative_base")


def test_change_rate_checks() -> None:
    (ok,) = checks_for(increase("9.63"), "yoy.change_rate")
    # [5.545/57.64, 5.555/57.62] = [9.62006%, 9.64075%], widened outward to 4 places
    assert (ok.verdict, ok.stated, ok.computed, len(ok.fact_ids)) == ("consistent", "9.63%", "9.62～9.6408%", 3)
    (failed,) = checks_for(increase("9.65"), "yoy.change_rate")
    assert (failed.verdict, failed.stated, failed.computed) == ("inconsistent", "9.65%", "9.63%")
    # two current figures, neither consistent: a warning that is not a judgement
    text = document(TITLE_2021, "收入总计819.39万元，其中年初结转和结余52.81万元，较2020年减少30.64万元，下降3.7%。")
    assert verdicts_for(text, "yoy.change_rate") == [("yoy.change_rate", "not_judged", "数字的对应关系不确定，未下结论")]


def test_change_direction_checks() -> None:
    assert verdicts_for(decrease("3.9"), "direction_word.change") == [("direction_word.change", "consistent", None)]
    assert verdicts_for(decrease("3.9", "增长"), "direction_word.change") == [("direction_word.change", "inconsistent", None)]


def test_negative_base_checks() -> None:
    (ok,) = checks_for(document(FINAL, "政府性基金拨款支出预算80.00万元，比上年预算增加50.00万元。"), "yoy.negative_base")
    # last year = [79.995, 80.005) − [49.995, 50.005) ⊂ [29.99, 30.01]万元: not negative
    assert (ok.verdict, ok.computed, len(ok.fact_ids)) == ("consistent", "29.99～30.01", 2)
    grew = document(FINAL, "政府性基金拨款支出预算0万元，比上年预算增加50.00万元。")
    assert verdicts_for(grew, "yoy.negative_base") == [("yoy.negative_base", "inconsistent", None)]
    # a decrease cannot make last year negative, and a balance may have been: no claim judged
    assert verdicts_for(document(FINAL, "政府性基金拨款支出预算0万元，比上年预算减少50.00万元。"), "yoy.negative_base") == []
    assert verdicts_for(document(FINAL, "年末结转和结余0万元，比上年增加50.00万元。"), "yoy.negative_base") == []


def test_between_years_checks() -> None:
    (ok,) = checks_for(item("44.17", "50.37", "14.04"), "yoy.between_years")
    # (50.37 − 44.17)/44.17 within the rounding of both: [6.19/44.175, 6.21/44.165] = [14.0124%, 14.0609%]
    assert (ok.verdict, ok.stated, ok.computed, len(ok.fact_ids)) == ("consistent", "14.04%", "14.0124～14.061%", 3)
    (failed,) = checks_for(item("44.17", "50.37", "14.07"), "yoy.between_years")
    assert (failed.verdict, failed.stated, failed.computed) == ("inconsistent", "14.07%", "14.04%")
    # 33.74 → 33.58 fell by 0.47% printed as a rise: the size holds (its check says so, in size),
    # the direction does not
    (size,) = checks_for(item("33.74", "33.58", "0.47"), "yoy.between_years")
    assert (size.verdict, size.stated, size.computed) == ("consistent", "0.47%", "0.4445～0.504%")
    assert verdicts_for(item("33.74", "33.58", "0.47"), "direction_word.between_years") == [
        ("direction_word.between_years", "inconsistent", None)
    ]
    (fall,) = checks_for(item("33.74", "33.58", "0.47", word="减少"), "direction_word.between_years")
    assert (fall.verdict, fall.stated, fall.computed) == ("consistent", "-0.47%", "-0.504～-0.4445%")
    # a zero base is the zero_denominator rule's: its check only
    assert verdicts_for(item("0", "60.13", "50.00"), ("yoy.", "direction_word.")) == []
