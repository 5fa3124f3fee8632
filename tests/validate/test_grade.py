"""grade.scale: grades against the scale the report itself declares.

There is no rounding in a grade; the boundary cases are the scale's own bounds
(90分及以上 includes 90, 80-90（不含90） excludes it) and one tenth of a point beside them.
"""

from __future__ import annotations

import pytest

from tests.validate.support import PERFORMANCE, Expect, assert_findings, case, checks_for, document, verdicts_for

SCALE = (
    "本次评价按百分制计分，90分及以上评为优秀，80-90（不含90）分评为良好，60-80（不含80）分评为中等，60分以下评为差。"
)


def graded(score: str, grade: str) -> str:
    return document(PERFORMANCE, SCALE, f"经综合评定，本部门整体支出绩效自评综合得分{score}分，评价等级为{grade}。")


def summary(first_ratio: str, first_grade: str) -> str:
    return document(
        PERFORMANCE,
        SCALE,
        "评价指标\t分值\t得分\t得分比\t评价结论",
        f"投入\t20\t17.5\t{first_ratio}\t{first_grade}",
        "过程\t30\t28.7\t95.67%\t优",
        "综合绩效\t50\t46.2\t92.40%\t优",
    )


CASES = [
    # 90 is 优秀 (90分及以上 includes 90)
    case("bound-included", graded("90", "优秀")),
    # 80 is 良好 (80-90, 90 excluded)
    case("lower-bound-of-band", graded("80", "良好")),
    # 90 is not 良好
    case(
        "bound-given-lower-grade",
        graded("90", "良好"),
        Expect(
            "grade.scale",
            "error",
            ("90",),
            message=("得分90分", "应为“优秀”", "评为“良好”"),
            stated="良好",
            expected="优秀",
        ),
    ),
    # 89.9 is one tenth below the bound: 良好, not 优秀
    case(
        "one-tenth-below-bound",
        graded("89.9", "优秀"),
        Expect(
            "grade.scale",
            "error",
            ("89.9",),
            message=("得分89.9分", "应为“良好”", "评为“优秀”"),
            stated="优秀",
            expected="良好",
        ),
    ),
    # no declared scale: nothing to check against
    case("no-scale", document(PERFORMANCE, "经综合评定，本部门整体支出绩效自评综合得分89.9分，评价等级为优秀。")),
    # summary rows out of less than 100 points are graded by their 得分比: 87.5% is 良好
    case("summary-row-by-ratio", summary("87.50%", "良")),
    case(
        "summary-row-wrong-grade",
        summary("87.50%", "优"),
        Expect("grade.scale", "error", ("87.50",), stated="优秀", expected="良好"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_grade_scale(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_grade_scale_checks() -> None:
    (check,) = checks_for(graded("90", "优秀"), "grade.scale")
    assert (check.verdict, check.stated, check.computed) == ("consistent", "优秀", "优秀")
    assert len(check.fact_ids) == 1
    (wrong,) = checks_for(graded("89.9", "优秀"), "grade.scale")
    assert (wrong.verdict, wrong.stated, wrong.computed) == ("inconsistent", "优秀", "良好")
    # summary rows: 投入 87.50% 良 against 良好, wrong as 优; 过程 and 综合绩效 优 hold
    assert verdicts_for(summary("87.50%", "优"), "grade.scale") == [
        ("grade.scale", "inconsistent", None),
        ("grade.scale", "consistent", None),
        ("grade.scale", "consistent", None),
    ]


def test_grade_without_a_scale_is_not_judged() -> None:
    text = document(PERFORMANCE, "经综合评定，本部门整体支出绩效自评综合得分89.9分，评价等级为优秀。")
    assert verdicts_for(text, "grade.scale") == [("grade.scale", "not_judged", "报告未声明评分等级标准")]
    (check,) = checks_for(text, "grade.scale")
    assert check.stated == "优秀" and len(check.fact_ids) == 1


def test_grade_off_the_scale_or_without_a_score_is_not_judged() -> None:
    two_bands = "本次评价按百分制计分，90分及以上评为优秀，80-90（不含90）分评为良好。"
    off_scale = document(PERFORMANCE, two_bands, "经综合评定，本部门整体支出绩效自评综合得分70分，评价等级为良好。")
    assert verdicts_for(off_scale, "grade.scale") == [("grade.scale", "not_judged", "得分不在评分标准的任何档次内")]
    no_score = document(PERFORMANCE, two_bands, "评价等级为良好。")
    assert verdicts_for(no_score, "grade.scale") == [("grade.scale", "not_judged", "未找到综合得分")]
