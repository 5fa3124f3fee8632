"""cross_text.same_figure: a named figure printed twice in the text, printed differently."""

from __future__ import annotations

import pytest

from gongkai.schemas.records import Evidence, Fact
from gongkai.validate.rules.restated import slip_of_the_pen
from tests.validate.support import FINAL, Expect, assert_findings, case, document, verdicts_for
from tests.validate.test_item_changes import budget


def basic_twice(second: str) -> str:
    """基本支出 in the overview and again in its own section."""
    return document(
        FINAL,
        "本年支出合计17996.68万元，其中：基本支出12323.48万元，项目支出5673.20万元。",
        "三、基本支出情况说明",
        f"本年基本支出{second}万元，主要用于人员经费和公用经费。",
    )


CASES = [
    # the same print twice: nothing to say
    case("printed-alike", basic_twice("12323.48")),
    # one decimal fewer is the same figure rounded: 12323.5 holds 12323.48
    case("printed-rounded", basic_twice("12323.5")),
    # one digit off (…46 for …48): a misprint in one of the two
    case(
        "one-digit-off",
        basic_twice("12323.46"),
        Expect(
            "cross_text.same_figure",
            "warning",
            ("12323.46", "12323.48"),
            message=("正文两处给出基本支出", "为12323.48万元", "为12323.46万元", "必有一处印错"),
            stated="12323.46万元",
            expected="12323.48万元",
            difference="0.02万元",
        ),
    ),
    # two neighbouring digits swapped (…32… for …23…)
    case(
        "digits-swapped",
        basic_twice("13223.48"),
        Expect("cross_text.same_figure", "warning", ("13223.48", "12323.48"), difference="900.00万元"),
    ),
    # far apart: the label names two things (another scope), not compared
    case("far-apart", basic_twice("9850.00")),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_same_figure(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="cross_text.same_figure")


def test_prints_alike_are_a_held_check() -> None:
    assert verdicts_for(basic_twice("12323.48"), "cross_text.same_figure") == [("cross_text.same_figure", "consistent", None)]


def test_a_label_outside_the_vocabulary_is_not_compared() -> None:
    # 专项业务费 names a different thing in each project: two prints are two figures
    text = document(FINAL, "项目一专项业务费1620万元。", "项目二专项业务费1630万元。")
    assert verdicts_for(text, "cross_text.same_figure") == []


def test_a_kemu_is_compared_when_the_tables_list_it() -> None:
    # the 项 社会福利事业单位 is printed twice in the narrative, the second time one digit off
    text = budget("增加40.00万元").replace(
        "2024年预算单位一般公共预算支出功能分类预算表",
        "其中社会福利（款）社会福利事业单位（项）支出696.43万元。\n2024年预算单位一般公共预算支出功能分类预算表",
    )
    assert_findings(
        text,
        [Expect("cross_text.same_figure", "warning", ("696.43", "696.48"), difference="0.05万元")],
        scope="cross_text.same_figure",
    )


def _fact(value: str, unit: str = "万元") -> Fact:
    from decimal import Decimal

    number = Decimal(value)
    decimals = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    return Fact(0, "基本支出", "决算数", number, decimals, unit, Evidence(1, "", 0, 0), value_yuan=number * 10000, raw=value)


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        ("350.35", "352.67", True),  # 0.66 % apart
        ("12323.46", "12323.48", True),  # one digit
        ("86.00", "68.00", True),  # two neighbouring digits swapped
        ("220.63", "441.25", False),  # twice as much: another figure
        ("21955.35", "16444.36", False),
        ("100", "105", True),  # one digit off, however far that puts it
        ("100.00", "110.50", False),  # two digits, 10 % apart
    ],
)
def test_slip_of_the_pen(a: str, b: str, slip: bool) -> None:
    assert slip_of_the_pen(_fact(a), _fact(b)) is slip
