"""sum.changes: the parts' changes of a breakdown against the change of its total."""

from __future__ import annotations

import pytest

from tests.validate.support import Expect, assert_findings, case, checks_for, document, verdicts_for

BUDGET = "某市某局2018年部门预算"


def breakdown(basic_word: str, project_change: str = "1,500.00", whole_change: str = "1,000.00") -> str:
    """A total, its change, then 基本支出 and 项目支出 with theirs (their sum is the total)."""
    return document(
        BUDGET,
        f"2018年一般公共预算财政拨款支出3,000.00万元，比2017年减少{whole_change}万元。其中：基本支出1,000.00万元，"
        f"比2017年{basic_word}500.00万元，主要原因是人员增加；项目支出2,000.00万元，比2017年减少{project_change}万元，"
        "主要原因是项目完成。",
    )


CASES = [
    # +500.00 − 1,500.00 = −1,000.00: the parts' changes make the total's
    case("changes-add-up", breakdown("增加")),
    # −500.00 − 1,500.00 = −2,000.00 against −1,000.00: 1,000.00 apart, far beyond 3 × 0.005
    case(
        "one-direction-flipped",
        breakdown("减少"),
        Expect(
            "sum.changes",
            "error",
            ("1000.00", "500.00", "1500.00", "3000.00", "2000.00"),
            message=("较上年减少1000.00万元", "相加为−2000.00万元", "基本支出−500.00万元", "相差1000.00万元"),
        ),
    ),
    # +500.00 − 1,500.01 = −1,000.01 against −1,000.00: the intervals [−1,000.02, −1,000.00] and
    # [−1,000.005, −999.995] meet, so rounding explains it
    case("one-cent-within-rounding", breakdown("增加", project_change="1,500.01")),
    # a part compared with another base (上年执行数) is not the same comparison: nothing is judged
    case(
        "different-bases",
        document(
            BUDGET,
            "2018年一般公共预算财政拨款支出3,000.00万元，比2017年预算减少1,000.00万元。其中：基本支出1,000.00万元，"
            "比2017年执行数减少500.00万元；项目支出2,000.00万元，比2017年预算减少1,500.00万元。",
        ),
    ),
]


FUND_CASES = [
    # 财政拨款 +10.00 against its three funds +10.00, +10.00 and 持平: +20.00, 10.00 apart → error
    case(
        "funds-change-twice",
        document(
            BUDGET,
            "支出预算100.00万元，其中：财政拨款支出预算100.00万元，比2017年预算增加10.00万元。财政拨款支出预算中，"
            "一般公共预算拨款支出预算100.00万元，比2017年预算增加10.00万元；政府性基金拨款支出预算0万元，比2017年预算增加10.00万元；"
            "国有资本经营预算拨款支出预算0万元，比2017年预算持平。",
        ),
        Expect(
            "sum.changes",
            "error",
            ("10.00", "100.00", "0"),
            message=("相加为+20.00万元", "国有资本经营预算拨款支出持平", "相差10.00万元"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), FUND_CASES)
def test_change_sum_over_funds(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.changes")


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_change_sum(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.changes")


def income_and_expense(income_change: str, expense_change: str) -> str:
    """A 预算 stating the change of its general-budget income and of its expense."""
    return document(
        BUDGET,
        f"一般公共预算收入预算2,000.00万元，与上年相比{income_change}万元，增长25%。",
        f"2018年一般公共预算财政拨款支出预算2,000.00万元，与上年相比{expense_change}万元，增长25%。",
    )


MIRROR_CASES = [
    # both 增加400.00: one change stated twice
    case("income-expense-agree", income_and_expense("增加400.00", "增加400.00")),
    # 400.00 against 400.30: income and expense were equal last year too, so 0.30 apart is an error
    case(
        "income-expense-differ",
        income_and_expense("增加400.00", "增加400.30"),
        Expect(
            "yoy.income_expense",
            "error",
            ("400.30", "400.00", "2000.00"),
            message=("一般公共预算收入2000.00万元比2017年增加400.00万元", "一般公共预算财政拨款支出2000.00万元比2017年增加400.30万元"),
        ),
    ),
    # the direction flipped on one side
    case(
        "income-expense-opposite",
        income_and_expense("增加400.00", "减少400.00"),
        Expect("yoy.income_expense", "error", ("400.00", "2000.00"), message=("增加400.00万元", "减少400.00万元")),
    ),
    # different current figures: not the same fund's two sides
    case(
        "different-currents",
        document(
            BUDGET,
            "一般公共预算收入预算2,000.00万元，与上年相比增加400.00万元。",
            "一般公共预算财政拨款支出预算1,900.00万元，与上年相比增加300.00万元。",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), MIRROR_CASES)
def test_income_expense_changes(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="yoy.income_expense")


def test_change_sum_checks() -> None:
    (ok,) = checks_for(breakdown("增加"), "sum.changes")
    # +[499.995, 500.005] − [1,499.995, 1,500.005] = [−1,000.01, −999.99] meets the total's −1,000.00
    assert (ok.verdict, ok.stated, ok.computed, len(ok.fact_ids)) == ("consistent", "-1000.00万元", "-1000.01～-999.99万元", 6)
    assert verdicts_for(breakdown("减少"), "sum.changes") == [("sum.changes", "inconsistent", None)]
    # a part that states no change (nor 持平): the claim is there, the figure to judge it is not
    unstated = document(
        BUDGET,
        "2018年一般公共预算财政拨款支出3,000.00万元，比2017年减少1,000.00万元。其中：基本支出1,000.00万元，"
        "比2017年增加500.00万元；项目支出2,000.00万元。",
    )
    assert verdicts_for(unstated, "sum.changes") == [("sum.changes", "not_judged", "组成部分的增减额或比较基数未写明")]
    # parts compared with different bases make no claim about the total's change
    different = document(
        BUDGET,
        "2018年一般公共预算财政拨款支出3,000.00万元，比2017年预算减少1,000.00万元。其中：基本支出1,000.00万元，"
        "比2017年执行数减少500.00万元；项目支出2,000.00万元，比2017年预算减少1,500.00万元。",
    )
    assert verdicts_for(different, "sum.changes") == []


def test_income_expense_checks() -> None:
    (ok,) = checks_for(income_and_expense("增加400.00", "增加400.00"), "yoy.income_expense")
    assert (ok.verdict, ok.stated, ok.computed, len(ok.fact_ids)) == ("consistent", "400.00万元", "399.995～400.005万元", 4)
    assert len(ok.evidence) == 2
    differ = income_and_expense("增加400.00", "增加400.30")
    assert verdicts_for(differ, "yoy.income_expense") == [("yoy.income_expense", "inconsistent", None)]
    # different current figures are not one fund's two sides: no claim
    different = document(
        BUDGET,
        "一般公共预算收入预算2,000.00万元，与上年相比增加400.00万元。",
        "一般公共预算财政拨款支出预算1,900.00万元，与上年相比增加300.00万元。",
    )
    assert verdicts_for(different, "yoy.income_expense") == []
