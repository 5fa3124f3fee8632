"""sum.item_changes: the changes stated for the 项 of a 类 against the change stated for the 类."""

from __future__ import annotations

import pytest

from tests.builders.text import function_table
from tests.validate.support import Expect, assert_findings, case, verdicts_for


def budget(welfare_change: str, retired: str = "与上年一致", welfare_name: str = "社会福利事业单位") -> str:
    """A 预算 whose narrative explains the 类 208 and then each of its three 项; the table (元)
    shows the three 项 to be the whole of the 类."""
    return (
        "\n".join(
            [
                "某区某福利院2024年单位预算",
                "一般公共预算支出主要内容如下：",
                "1.社会保障和就业支出（类）支出750.00万元，与上年相比增加50.00万元。",
                "（1）行政事业单位养老支出（款）行政单位离退休（项）支出30.00万元，与上年相比增加10.00万元。",
                f"（2）行政事业单位养老支出（款）事业单位离退休（项）支出23.52万元，{retired}。",
                f"（3）社会福利（款）{welfare_name}（项）支出696.48万元，与上年相比{welfare_change}。",
                *function_table(),
            ]
        )
        + "\n"
    )


CASES = [
    # +10.00 + 0 + 40.00 = +50.00: the items' changes make the 类's
    case("items-add-up", budget("增加40.00万元")),
    # +10.00 + 0 + 30.00 = +40.00 < +50.00: a 项 gone since last year would only lower the 类's
    # change further, so the shortfall of 10.00 is an error
    case(
        "items-fall-short",
        budget("增加30.00万元"),
        Expect(
            "sum.item_changes",
            "error",
            ("50.00", "10.00", "30.00", "750.00", "23.52", "696.48"),
            message=("社会保障和就业支出750.00万元较上年增加50.00万元", "3个项的增减额相加为+40.00万元", "少10.00万元"),
            stated="50.00万元",
            expected="40.00万元",
            difference="10.00万元",
        ),
    ),
    # +10.00 + 0 + 45.00 = +55.00 > +50.00: a 项 of last year not listed could explain it → warning
    case(
        "items-exceed",
        budget("增加45.00万元"),
        Expect(
            "sum.item_changes",
            "warning",
            ("50.00", "10.00", "45.00", "750.00", "30.00", "23.52", "696.48"),
            message=("多5.00万元", "除非上年另有本年已取消的项目"),
        ),
    ),
    # a decrease counts against: +10.00 + 0 − 40.00 = −30.00 against +50.00
    case(
        "item-decrease",
        budget("减少40.00万元"),
        Expect(
            "sum.item_changes",
            "error",
            ("50.00", "10.00", "40.00", "750.00", "30.00", "23.52", "696.48"),
            message=("相加为−30.00万元", "社会福利事业单位−40.00万元", "少80.00万元"),
            expected="−30.00万元",
        ),
    ),
    # the narrative names the 项 with its words in another order: its amount confirms the row
    case(
        "item-name-reordered",
        budget("增加30.00万元", welfare_name="事业单位社会福利"),
        Expect(
            "sum.item_changes",
            "error",
            ("50.00", "10.00", "30.00", "750.00", "23.52", "696.48"),
            message=("少10.00万元",),
        ),
    ),
    # one 项 states no change: the items' changes cannot be added up
    case("item-change-not-stated", budget("增加30.00万元", retired="主要用于离退休人员经费")),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_item_changes(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.item_changes")


def test_items_that_add_up_are_a_held_check() -> None:
    assert verdicts_for(budget("增加40.00万元"), "sum.item_changes") == [("sum.item_changes", "consistent", None)]


def test_an_item_not_stated_leaves_nothing_to_check() -> None:
    assert verdicts_for(budget("增加30.00万元", retired="主要用于离退休人员经费"), "sum.item_changes") == []
