"""Checks between documents: last year's figures from last year's document."""

from __future__ import annotations

import pytest

from gongkai.api import analyse, report
from gongkai.crossdoc import compare_all, compare_group, digest_of, group_key
from gongkai.extract import extract_bytes


def digest(year: int, *lines: str, department: str = "某某区某某局") -> dict:
    text = "\n".join((f"{department}{year}年部门预算", *lines)) + "\n"
    analysis = analyse(extract_bytes(text.encode("utf-8"), f"{year}.txt"))
    return digest_of(analysis, report(analysis))


LAST_YEAR = digest(2023, "2023年基本支出预算为100.00万元。", "项目支出预算为50.00万元。", "公务接待费预算为6.00万元。")
THIS_YEAR = digest(
    2024,
    "2024年基本支出预算为110.00万元，比上年增加10.00万元，增长10.00%。",
    "项目支出预算为60.00万元，比上年增加12.00万元。",
    "公务接待费预算为5.00万元，与上年预算数相等。",
)


def outcomes(results) -> list[tuple[str, str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(r.check.rule, r.check.verdict, r.check.stated, r.check.computed) for r in results]


def test_the_two_years_form_one_group() -> None:
    assert group_key(THIS_YEAR) == group_key(LAST_YEAR) == ("某某区某某局", "budget")


def test_changes_and_a_flat_claim_against_last_years_document() -> None:
    results = compare_group([LAST_YEAR, THIS_YEAR])
    assert outcomes(results) == [
        # [109.995, 110.005] − [99.995, 100.005] = [9.99, 10.01] holds the stated 10.00
        ("cross_document.change", "consistent", "10.00万元", "9.99～10.01万元"),
        # [9.99, 10.01] ÷ [99.995, 100.005] = [9.98950…%, 10.01050…%], widened outward to 4 places
        ("cross_document.rate", "consistent", "10.00%", "9.9895～10.0106%"),
        # 60.00 − 50.00 = 10.00, not 12.00
        ("cross_document.change", "inconsistent", "12.00万元", "10.00万元"),
        # 5.00 said equal to last year's 6.00
        ("cross_document.flat", "inconsistent", "5.00万元", "6.00万元"),
    ]
    change = results[2].finding
    assert change is not None and change.severity == "warning" and change.category == "cross_document"
    assert change.message == (
        "项目支出本年60.00万元，文中称比上年增加12.00万元；上年文件《2023.txt》第1页该项为50.00万元，据此应增加10.00万元。"
    )
    assert [e.quote for e in change.evidence] == ["项目支出预算为60.00万元，比上年增加12.00万元。", "项目支出预算为50.00万元。"]
    flat = results[3].finding
    assert flat is not None and "实为比上年减少1.00万元" in flat.message
    assert {r.related_doc_id for r in results} == {LAST_YEAR["doc_id"]}
    assert {r.doc_id for r in results} == {THIS_YEAR["doc_id"]}


def test_last_year_printed_two_different_figures_is_not_judged() -> None:
    ambiguous = digest(2023, "2023年基本支出预算为100.00万元。", "其中基本支出预算为104.00万元。")
    results = compare_group([ambiguous, THIS_YEAR])
    assert [(r.check.rule, r.check.verdict, r.check.reason) for r in results] == [
        ("cross_document.change", "not_judged", "上年文件中该项目的数字不止一个且互不相同，无法确定上年数")
    ]


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (digest(2022, "2022年基本支出预算为100.00万元。"), "two years apart"),
        (digest(2023, "2023年基本支出预算为100.00万元。", department="某某区另一局"), "another department"),
    ],
)
def test_only_consecutive_years_of_one_department_are_compared(other: dict, why: str) -> None:
    assert compare_all([other, THIS_YEAR]) == [], why


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("中国共产党江苏省委员会办公厅", "江苏省委办公厅"),
        ("中共江苏省委办公厅", "江苏省委办公厅"),
        ("江苏省委办公厅", "江苏省委办公厅"),
        ("上海市普陀区商务委员会", "上海市普陀区商务委员会"),
        ("中共某某县委组织部", "某某县委组织部"),
        (None, None),
    ],
)
def test_department_key(name: str | None, key: str | None) -> None:
    from gongkai.crossdoc.digest import department_key

    assert department_key(name) == key
