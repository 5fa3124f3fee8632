"""Score tables and summaries: score_sum.table_total, score_sum.level, cross_text.overall_score,
score_sum.dimensions and rate.score_ratio.

Scores are assigned, not measured: a sum of scores has no rounding slack, so "within
rounding" here means the same value printed with other decimals (46 = 46.00), and "just
beyond" means one unit in the last printed digit. Only the printed 得分比 is rounded.
"""

from __future__ import annotations

import pytest

from tests.validate.support import PERFORMANCE, Expect, assert_findings, case, checks_for, document, verdicts_for


def score_table(total: str = "46.00", points: str = "50") -> list[str]:
    return [
        "一级指标\t二级指标\t三级指标\t分值\t得分",
        "投入\t预算配置\t预算编制规范性\t10\t9.50",
        "\t\t在职人员控制率\t10\t8",
        "过程\t预算执行\t预算执行率\t20\t18.5",
        "\t\t项目执行率\t10\t10.0",
        f"合计\t\t\t{points}\t{total}",
    ]


def summary(
    first: str = "17.5",
    second: str = "28.7",
    overall: str = "46.2",
    ratios: tuple[str, str, str] = ("87.50%", "95.67%", "92.40%"),
) -> list[str]:
    """A score summary: 投入 out of 20, 过程 out of 30, 综合绩效 out of 50, with 得分比 and grades."""
    return [
        "评价指标\t分值\t得分\t得分比\t评价结论",
        f"投入\t20\t{first}\t{ratios[0]}\t良",
        f"过程\t30\t{second}\t{ratios[1]}\t优",
        f"综合绩效\t50\t{overall}\t{ratios[2]}\t优",
    ]


TABLE_TOTAL = [
    # 9.50 + 8 + 18.5 + 10.0 = 46 = 46.00; 10 + 10 + 20 + 10 = 50
    case("total-equal-other-decimals", document(PERFORMANCE, *score_table())),
    # 46.01 ≠ 46: one unit in the last printed digit
    case(
        "total-one-hundredth-off",
        document(PERFORMANCE, *score_table(total="46.01")),
        Expect(
            "score_sum.table_total",
            "error",
            ("46.01",),
            message=("合计行的得分为46.01分", "4个指标的得分相加为46分", "相差0.01分"),
            stated="46.01分",
            expected="46分",
        ),
    ),
    # the points column is checked too: 51 ≠ 50
    case(
        "points-one-off",
        document(PERFORMANCE, *score_table(points="51")),
        Expect(
            "score_sum.table_total",
            "error",
            ("51",),
            message=("合计行的分值为51分", "分值相加为50分", "相差1分"),
            stated="51分",
            expected="50分",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), TABLE_TOTAL)
def test_score_sum_table_total(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


LEVEL = [
    # 投入 rows 9.50 + 8 = 17.5, 过程 rows 18.5 + 10.0 = 28.5
    case(
        "text-matches-rows",
        document(
            PERFORMANCE, *score_table(), "投入指标满分20分，自评得分17.50分。", "过程指标满分30分，评价得分28.5分。"
        ),
    ),
    # 17.6 ≠ 17.5
    case(
        "text-one-tenth-off",
        document(PERFORMANCE, *score_table(), "投入指标满分20分，自评得分17.6分。"),
        Expect(
            "score_sum.level",
            "error",
            ("17.6",),
            message=("“投入”的得分文中为17.6分", "9.5 + 8 = 17.5分"),
            stated="17.6分",
            expected="17.5分",
        ),
    ),
    # a summary table agreeing with the rows (blank line: a separate table): 17.5/20, 28.5/30, 46/50
    case(
        "summary-matches-rows",
        document(PERFORMANCE, *score_table(), "", *summary("17.50", "28.5", "46", ("87.50%", "95.00%", "92.00%"))),
    ),
    # the summary's 投入 17.6 ≠ 17.5 (and so its overall 46.1 ≠ the table's 46.00)
    case(
        "summary-one-tenth-off",
        document(PERFORMANCE, *score_table(), "", *summary("17.6", "28.5", "46.1", ("88.00%", "95.00%", "92.20%"))),
        Expect("score_sum.level", "error", ("17.6",), stated="17.6分", expected="17.5分"),
        Expect(
            "cross_text.overall_score",
            "error",
            ("46.00", "46.1"),
            message=("46.00分（绩效评分表）", "46.1分（评分结果表）"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), LEVEL)
def test_score_sum_level(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


OVERALL = [
    # the text's 46 and the table's 46.00 are the same score
    case(
        "text-and-table-agree",
        document(PERFORMANCE, *score_table(), "经综合评定，本部门整体支出绩效自评综合得分46分。"),
    ),
    # 46.1 in the text against 46.00 in the table
    case(
        "text-one-tenth-off",
        document(PERFORMANCE, *score_table(), "经综合评定，本部门整体支出绩效自评综合得分46.1分。"),
        Expect(
            "cross_text.overall_score",
            "error",
            ("46.1", "46.00"),
            message=("不同的综合得分", "46.1分（正文第1页）", "46.00分（绩效评分表）"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), OVERALL)
def test_cross_text_overall_score(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


DIMENSIONS = [
    # 17.5 + 28.7 = 46.2 = 46.20
    case("dimensions-add-up", document(PERFORMANCE, *summary(overall="46.20"))),
    # 46.3 ≠ 46.2 (its 得分比 46.3/50 = 92.60% is printed consistently)
    case(
        "overall-one-tenth-off",
        document(PERFORMANCE, *summary(overall="46.3", ratios=("87.50%", "95.67%", "92.60%"))),
        Expect(
            "score_sum.dimensions",
            "error",
            ("46.3", "17.5", "28.7"),
            message=("综合绩效为46.3分", "各维度得分相加为46.2分"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), DIMENSIONS)
def test_score_sum_dimensions(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


RATIO = [
    # 28.7/30 = 95.6667% (scores exact) → 95.67% only by rounding the printed ratio
    case("ratio-rounds", document(PERFORMANCE, *summary())),
    # one decimal: 95.6667% → 95.7%
    case("ratio-one-decimal", document(PERFORMANCE, *summary(ratios=("87.50%", "95.7%", "92.40%")))),
    # 95.68% needs ≥ 95.675%, but 28.7/30 = 95.66667% exactly → error
    case(
        "ratio-one-unit-above",
        document(PERFORMANCE, *summary(ratios=("87.50%", "95.68%", "92.40%"))),
        Expect(
            "rate.score_ratio",
            "error",
            ("95.68", "28.7", "30"),
            message=("过程的得分比印为95.68%", "28.7分÷30分=95.67%"),
        ),
    ),
    # 95.66% needs ≤ 95.665% → error
    case(
        "ratio-one-unit-below",
        document(PERFORMANCE, *summary(ratios=("87.50%", "95.66%", "92.40%"))),
        Expect("rate.score_ratio", "error", ("95.66", "28.7", "30"), message=("28.7分÷30分=95.67%",)),
    ),
    # 17.5/20 = 87.5% exactly: half-up gives 88%
    case("ratio-exact-half-rounds-up", document(PERFORMANCE, *summary(ratios=("88%", "95.67%", "92.40%")))),
    case(
        "ratio-exact-half-printed-down",
        document(PERFORMANCE, *summary(ratios=("87%", "95.67%", "92.40%"))),
        Expect("rate.score_ratio", "error", ("87", "17.5", "20"), message=("17.5分÷20分=87.50%",)),
    ),
]


@pytest.mark.parametrize(("text", "expect"), RATIO)
def test_rate_score_ratio(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_score_sum_table_total_checks() -> None:
    # 9.50 + 8 + 18.5 + 10.0 = 46 against 46.00, 10 + 10 + 20 + 10 = 50 against 50: both held
    score, points = checks_for(document(PERFORMANCE, *score_table()), "score_sum.table_total")
    assert (score.verdict, score.stated, score.computed) == ("consistent", "46.00分", "46分")
    assert (points.verdict, points.stated, points.computed) == ("consistent", "50分", "50分")
    assert len(score.fact_ids) == 5  # the total and its four rows
    assert verdicts_for(document(PERFORMANCE, *score_table(total="46.01")), "score_sum.table_total") == [
        ("score_sum.table_total", "inconsistent", None),
        ("score_sum.table_total", "consistent", None),
    ]


def test_score_sum_table_total_with_a_row_missing_its_points_is_not_judged() -> None:
    rows = score_table()
    rows[2] = "\t\t在职人员控制率\t\t8"
    assert verdicts_for(document(PERFORMANCE, *rows), "score_sum.table_total") == [
        ("score_sum.table_total", "consistent", None),
        ("score_sum.table_total", "not_judged", "有指标行的分值未印出，无法相加核对"),
    ]


def test_score_sum_level_checks() -> None:
    text = document(PERFORMANCE, *score_table(), "投入指标满分20分，自评得分17.50分。", "过程指标满分30分，评价得分28.6分。")
    first, second = checks_for(text, "score_sum.level")
    assert (first.verdict, first.stated, first.computed) == ("consistent", "17.50分", "17.5分")
    assert len(first.fact_ids) == 3  # the stated score and the two 投入 rows
    # 28.6 against 18.5 + 10.0 = 28.5
    assert (second.verdict, second.stated, second.computed) == ("inconsistent", "28.6分", "28.5分")


def test_cross_text_overall_score_checks() -> None:
    agree = document(PERFORMANCE, *score_table(), "经综合评定，本部门整体支出绩效自评综合得分46分。")
    (check,) = checks_for(agree, "cross_text.overall_score")
    assert (check.verdict, check.stated, check.computed) == ("consistent", "46分", "46.00分")
    assert len(check.fact_ids) == 2
    differ = document(PERFORMANCE, *score_table(), "经综合评定，本部门整体支出绩效自评综合得分46.1分。")
    assert verdicts_for(differ, "cross_text.overall_score") == [("cross_text.overall_score", "inconsistent", None)]
    # stated once only: no claim to compare
    assert verdicts_for(document(PERFORMANCE, *summary()[:3]), "cross_text.overall_score") == []


def test_score_sum_dimensions_checks() -> None:
    (check,) = checks_for(document(PERFORMANCE, *summary(overall="46.20")), "score_sum.dimensions")
    assert (check.verdict, check.stated, check.computed) == ("consistent", "46.20分", "46.2分")
    assert len(check.fact_ids) == 3
    off = document(PERFORMANCE, *summary(overall="46.3", ratios=("87.50%", "95.67%", "92.60%")))
    assert verdicts_for(off, "score_sum.dimensions") == [("score_sum.dimensions", "inconsistent", None)]


def test_rate_score_ratio_checks() -> None:
    first, second, third = checks_for(document(PERFORMANCE, *summary()), "rate.score_ratio")
    assert (first.verdict, first.stated, first.computed) == ("consistent", "87.50%", "87.5%")
    # 28.7/30 = 95.66666…%, the scores exact
    assert (second.verdict, second.stated, second.computed) == ("consistent", "95.67%", "95.6666～95.6667%")
    assert third.verdict == "consistent"
    assert verdicts_for(document(PERFORMANCE, *summary(ratios=("87.50%", "95.68%", "92.40%"))), "rate.score_ratio") == [
        ("rate.score_ratio", "consistent", None),
        ("rate.score_ratio", "inconsistent", None),
        ("rate.score_ratio", "consistent", None),
    ]


def test_rate_score_ratio_without_points_or_over_zero_points_is_not_judged() -> None:
    head, first, *rest = summary()
    no_points = document(PERFORMANCE, head, first.replace("投入\t20", "投入\t"), *rest)
    assert verdicts_for(no_points, "rate.score_ratio")[0] == (
        "rate.score_ratio",
        "not_judged",
        "得分或分值未印出，得分比无法核对",
    )
    zero = document(PERFORMANCE, head, "投入\t0\t0\t0.00%\t差", *rest)
    assert verdicts_for(zero, "rate.score_ratio")[0] == ("rate.score_ratio", "not_judged", "基数为0，比率无法计算")
