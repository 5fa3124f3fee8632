"""direction_word.reason: a reason that restates the change with the opposite direction word."""

from __future__ import annotations

import pytest

from gongkai.validate.rules.direction_reason import restated_subject
from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for


def changed(reason: str) -> str:
    return document(
        FINAL,
        "“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”90.00万元。"
        f"上年预算数为100.00万元，本年预算安排90.00万元，比上年预算数减少10.00%。主要原因是：{reason}。",
    )


CASES = [
    case(
        "own-money-moved-the-other-way",
        changed("行政运行经费增加"),
        Expect(
            "direction_word.reason",
            "warning",
            ("10.00",),
            message=("减少10.00%", "所述原因却是“行政运行经费增加”", "方向相反"),
        ),
    ),
    # the money of the change alone, without a subject, is the same restatement
    case(
        "bare-funding-moved-the-other-way",
        changed("经费增加"),
        Expect("direction_word.reason", "warning", ("10.00",), message=("所述原因却是“经费增加”",)),
    ),
    case("same-direction", changed("行政运行经费减少")),
    # another item's money is a cause, not a restatement
    case("another-item", changed("专项业务经费增加")),
    # a cause with two directions or a qualification explains the change
    case("mixed-causes", changed("人员经费增加，公用经费减少")),
    case("qualified", changed("新增一辆公务用车购置，但车型不同")),
    case("a-cause-without-money", changed("在编人员增加")),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_direction_word_reason(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


@pytest.mark.parametrize(
    ("reason", "restated"),
    [
        ("宣传事务经费增加", ("宣传事务", 1)),
        ("“行政运行（项）”支出减少了", ("行政运行", -1)),
        ("经费增加", ("", 1)),
        ("人员增加", None),
        ("人员经费增加12万元", None),
        ("人员经费增加，公用经费减少", None),
        ("经费增加，但车型不同", None),
    ],
)
def test_restated_subject(reason: str, restated: tuple[str, int] | None) -> None:
    assert restated_subject(reason) == restated


def test_direction_word_reason_checks() -> None:
    (ok,) = checks_for(changed("行政运行经费减少"), "direction_word.reason")
    assert ok.verdict == "consistent"
    assert ok.evidence[0].quote.endswith("主要原因是：行政运行经费减少")
    assert verdicts_for(changed("行政运行经费增加"), "direction_word.reason") == [("direction_word.reason", "inconsistent", None)]
    # a reason that names another cause is not judged at all: no check
    assert verdicts_for(changed("专项业务经费增加"), "direction_word.reason") == []
    assert verdicts_for(changed("在编人员增加"), "direction_word.reason") == []
