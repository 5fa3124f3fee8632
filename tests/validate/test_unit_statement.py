"""unit.statement: a money unit printed wrong inside a rate, share or change."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document, verdicts_for

CASES = [
    # 200.00元 after 增加50.00万元: last year would be 200 − 500,000 = −499,800元, no rate follows;
    # read in 万元, 50.00/(200.00 − 50.00) = 33.33% → the printed 33.33% holds
    case(
        "change-current-in-yuan",
        document(FINAL, "机关运行经费支出200.00元，比上年增加50.00万元，增长33.33%。"),
        Expect(
            "unit.statement",
            "warning",
            ("200.00", "50.00"),
            message=("机关运行经费支出200.00元", "50.00万元", "增减额与增减率对不上", "都按万元理解则相符"),
        ),
    ),
    # one unit throughout and the arithmetic holds: nothing to report
    case("change-consistent", document(FINAL, "机关运行经费支出200.00万元，比上年增加50.00万元，增长33.33%。")),
    # 元 and 万元 that agree as printed (500,000元 = 50万元): nothing to report
    case("mixed-units-agree", document(FINAL, "机关运行经费支出2,000,000元，比上年增加50.00万元，增长33.33%。")),
    # 项目支出 400.00元 of 1,000.00万元 is 0.000004%; read in 万元, 40.00% → the unit is wrong, not the share
    case(
        "share-part-in-yuan",
        document(FINAL, "本年支出合计1,000.00万元，其中：基本支出600.00万元，占60.00%；", "项目支出400.00元，占40.00%。"),
        Expect("unit.statement", "warning", ("400.00", "1000.00"), message=("项目支出400.00元", "占比对不上")),
    ),
    # no unit repairs 45.00%: the share rule reports it, the unit rule does not
    case(
        "share-wrong-either-way",
        document(FINAL, "本年支出合计1,000.00万元，其中：基本支出600.00万元，占60.00%；", "项目支出400.00元，占45.00%。"),
        Expect("share.stated", "error", ("45.00", "400.00", "1000.00"), stated="45.00%", expected="0.00%"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_unit_statement(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


SAME_FIGURE_CASES = [
    # 项目支出 1,200.50 printed in 万元 on one line and in 元 on another: one unit is wrong
    case(
        "same-digits-two-units",
        document(FINAL, "项目支出1,200.50万元，主要用于设备购置。", "其中项目支出1,200.50元用于设备购置。"),
        Expect(
            "unit.same_figure",
            "warning",
            ("1200.50",),
            message=("项目支出在第1页印为1200.50元", "在第1页印为1200.50万元", "数字相同而单位不同"),
        ),
    ),
    # the same subject at two amounts in two units is no slip
    case("different-digits", document(FINAL, "项目支出1,200.50万元，主要用于设备购置。", "其中项目支出800.00元用于设备购置。")),
    # zeros have no unit to get wrong
    case("zeros", document(FINAL, "项目支出0万元。", "项目支出0元。")),
]


@pytest.mark.parametrize(("text", "expect"), SAME_FIGURE_CASES)
def test_unit_same_figure(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="unit.same_figure")


MISSING_PERCENT_CASES = [
    # 100/(950 + 100) = 9.5238% → the bare 9.52 is the rate without its %
    case(
        "bare-rate",
        document(FINAL, "案件执行支出950万元，与上年相比减少100万元，减少9.52，主要原因是压减经费。"),
        Expect(
            "unit.missing_percent",
            "warning",
            ("9.52", "100", "950"),
            message=("其后印为“减少9.52”", "少了百分号", "9.52%"),
            stated="9.52",
            expected="9.52%",
        ),
    ),
    # a bare number that is not the rate is not judged (it may be anything)
    case("bare-number-not-the-rate", document(FINAL, "案件执行支出950万元，与上年相比减少100万元，减少3，主要原因是压减经费。")),
    # the rate printed with its sign: nothing to report
    case("rate-with-sign", document(FINAL, "案件执行支出950万元，与上年相比减少100万元，减少9.52%。")),
]


@pytest.mark.parametrize(("text", "expect"), MISSING_PERCENT_CASES)
def test_unit_missing_percent(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="unit.missing_percent")


def test_unit_rules_are_detectors_with_no_held_checks() -> None:
    # a unit slip is the one check of its statement: the change rules leave it to the unit rule
    slip = document(FINAL, "机关运行经费支出200.00元，比上年增加50.00万元，增长33.33%。")
    assert verdicts_for(slip, ("unit.", "yoy.")) == [("unit.statement", "inconsistent", None)]
    # mixed units that agree are judged by the change rules; the unit rule states no claim of its own
    agree = document(FINAL, "机关运行经费支出2,000,000元，比上年增加50.00万元，增长33.33%。")
    assert verdicts_for(agree, "unit.") == []
    assert ("yoy.change_rate", "consistent", None) in verdicts_for(agree, "yoy.")
    twice = document(FINAL, "项目支出1,200.50万元，主要用于设备购置。", "其中项目支出1,200.50元用于设备购置。")
    assert verdicts_for(twice, "unit.") == [("unit.same_figure", "inconsistent", None)]
    assert verdicts_for(document(FINAL, "项目支出1,200.50万元，主要用于设备购置。"), "unit.") == []
    bare = document(FINAL, "案件执行支出950万元，与上年相比减少100万元，减少9.52，主要原因是压减经费。")
    assert verdicts_for(bare, "unit.") == [("unit.missing_percent", "inconsistent", None)]
    other = document(FINAL, "案件执行支出950万元，与上年相比减少100万元，减少3，主要原因是压减经费。")
    assert verdicts_for(other, "unit.") == []
