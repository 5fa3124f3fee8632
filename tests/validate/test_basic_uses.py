"""sum.basic_uses: the 基本支出 stated against the uses other than 项目支出 a list of the expense gives."""

from __future__ import annotations

import pytest

from tests.validate.support import Expect, assert_findings, case, document, verdicts_for

BUDGET = "某县某中心2016年部门预算"


def county(basic: str, personal: str = "50.00") -> str:
    """Section 四 lists the expense by use; section 五 states 基本支出 and 项目支出."""
    return document(
        BUDGET,
        f"四、预算收支总体情况。相应安排支出预算500.00万元，其中：人员支出300.00万元，对个人和家庭补助支出{personal}万元，"
        "公用支出40.00万元，项目支出110.00万元。",
        "五、一般公共预算拨款支出情况",
        f"（一）基本支出{basic}万元。主要用于部门运行支出。",
        "（二）项目支出110.00万元。",
    )


CASES = [
    # 300.00 + 50.00 + 40.00 = 390.00 = 基本支出
    case("uses-make-the-basic-expense", county("390.00")),
    # the list is short by 41.25 (对个人和家庭补助 printed 8.75 for 50.00): 390.00 + 110.00 = 500.00 pins the
    # 基本支出 to this expense, so 300.00 + 8.75 + 40.00 = 348.75 ≠ 390.00 is an error (the list's sum too)
    case(
        "a-use-misprinted",
        county("390.00", personal="8.75"),
        Expect(
            "sum.basic_uses",
            "error",
            ("390.00", "300.00", "8.75", "40.00", "110.00", "500.00"),
            message=("基本支出390.00万元与项目支出110.00万元合为相应安排支出500.00万元", "= 348.75万元", "相差41.25万元"),
            stated="390.00万元",
            expected="348.75万元",
            difference="41.25万元",
        ),
    ),
    # a 基本支出 that does not make the total with the 项目支出 (another fund's, another year's): not compared
    case("another-basic-expense", county("350.00")),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_basic_uses(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.basic_uses")


def test_uses_that_make_the_basic_expense_are_a_held_check() -> None:
    assert verdicts_for(county("390.00"), "sum.basic_uses") == [("sum.basic_uses", "consistent", None)]
    assert verdicts_for(county("350.00"), "sum.basic_uses") == []
