"""score_formula.completion: 得分 = 指标实际完成值 × N against the completion printed as the basis."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.builders.text import rows
from tests.validate.support import PERFORMANCE, Expect, assert_findings, case, checks_for, document, verdicts_for


def formula(basis: str, score: str) -> str:
    # the total row is kept consistent (score + 8) so that only the formula is under test
    total = format(Decimal(score) + 8, "f")
    return document(
        PERFORMANCE,
        "一级指标\t三级指标\t分值\t评分标准\t评分依据\t得分",
        f"过程\t预算执行率\t12\t得分=指标实际完成值×12\t{basis}\t{score}",
        "\t资金使用合规性\t8\t合规得满分\t合规\t8",
        f"合计\t\t20\t\t\t{total}",
    )


CASES = [
    # 100% × 12 = 12
    case("full-completion", formula("预算执行率100%", "12")),
    # 87.5% × 12 = 10.5
    case("partial-completion", formula("预算执行率87.5%", "10.5")),
    # capped at N: 103% × 12 would be 12.36
    case("over-completion-capped", formula("预算执行率103%", "12")),
    # a threshold (≥95%) earns the full weight
    case("threshold-full-weight", formula("预算执行率≥95%", "12")),
    # a printed 100% may be 99.5%: 12 × [0.995, 1.005) = [11.94, 12.06) holds 11.9's [11.85, 11.95) → nothing
    case("full-completion-within-rounding", formula("预算执行率100%", "11.9")),
    # 11.8 stands for [11.75, 11.85), below 11.94 → the score does not follow the formula
    case(
        "full-completion-two-tenths-short",
        formula("预算执行率100%", "11.8"),
        Expect(
            "score_formula.completion",
            "warning",
            ("11.8",),
            message=("得分=完成值×12", "应得12分", "表中得分为11.8分"),
            stated="11.8分",
            expected="12分",
        ),
    ),
    # 10.6 ≠ 87.5% × 12 = 10.5
    case(
        "partial-completion-one-tenth-over",
        formula("预算执行率87.5%", "10.6"),
        Expect(
            "score_formula.completion",
            "warning",
            ("10.6",),
            message=("应得10.5分",),
            stated="10.6分",
            expected="10.5分",
        ),
    ),
    # 87.46% stands for [87.455%, 87.465%]; × 12 = [10.4946, 10.4958], which a score printed with one decimal
    # shows as 10.5
    case(
        "score-rounded-to-one-decimal",
        formula("预算执行率87.46%", "10.5"),
    ),
    # 10.4 is beyond it: 10.4 ± 0.05 = [10.35, 10.45] misses [10.4946, 10.4958]
    case(
        "score-rounded-one-tenth-below",
        formula("预算执行率87.46%", "10.4"),
        Expect("score_formula.completion", "warning", ("10.4",), stated="10.4分"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_score_formula_completion(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_score_formula_completion_checks() -> None:
    (check,) = checks_for(formula("预算执行率87.5%", "10.5"), "score_formula.completion")
    # 87.5% stands for [87.45%, 87.55%): × 12 = [10.494, 10.506)
    assert (check.verdict, check.stated, check.computed) == ("consistent", "10.5分", "10.494～10.506分")
    # capped at the weight: 100% stands for up to 100.5%, but a score never exceeds 12
    (full,) = checks_for(formula("预算执行率100%", "12"), "score_formula.completion")
    assert full.computed == "11.94～12分"
    (wrong,) = checks_for(formula("预算执行率87.5%", "10.6"), "score_formula.completion")
    assert (wrong.verdict, wrong.stated, wrong.computed) == ("inconsistent", "10.6分", "10.5分")


def test_score_formula_completion_not_judged() -> None:
    assert verdicts_for(formula("预算执行率较高", "10.5"), "score_formula.completion") == [
        ("score_formula.completion", "not_judged", "评分依据未给出唯一的完成百分比")
    ]
    other = document(
        PERFORMANCE,
        "一级指标\t三级指标\t分值\t评分标准\t评分依据\t得分",
        "过程\t预算执行率\t12\t得分=指标实际完成值×12，全部完成得满分\t预算执行率87.5%\t12",
        "合计\t\t12\t\t\t12",
    )
    assert verdicts_for(other, "score_formula.completion") == [
        ("score_formula.completion", "not_judged", "评分标准另有其他计分条款，未按公式核对")
    ]


def funds(points: str, rate: str, score: str) -> str:
    """A 项目支出绩效自评表 funds block whose 年度资金总额 row scores its execution."""
    return "\n".join(
        [
            "2023年度项目支出绩效自评表",
            rows(
                ("项目名称", "社区服务提升项目", "", "", "", "", ""),
                ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                ("年度资金总额", "100.00", "120.00", "114.00", points, rate, score),
                ("年度总体目标", "预期目标", "", "实际完成情况", "", "", ""),
            ),
        ]
    )


def test_score_formula_execution_checks() -> None:
    # 10 × 95.00% = 9.5, the rate standing for [94.995%, 95.005%)
    (check,) = checks_for(funds("10", "95.00%", "9.5"), "score_formula.execution")
    assert (check.verdict, check.stated, check.computed) == ("consistent", "9.5分", "9.4995～9.5005分")
    assert len(check.fact_ids) == 3
    (wrong,) = checks_for(funds("10", "95.00%", "10"), "score_formula.execution")
    assert (wrong.verdict, wrong.stated, wrong.computed) == ("inconsistent", "10分", "9.5分")
    assert verdicts_for(funds("", "95.00%", "9.5"), "score_formula.execution") == [
        ("score_formula.execution", "not_judged", "分值或执行率未印出")
    ]
