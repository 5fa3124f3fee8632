"""sum.table_hierarchy, sum.table_row and sum.personnel_public on a synthetic 部门决算.

Each case mutates one printed cell of ``final_accounts.BASELINE`` and is checked against the
rule under test only (one cell usually moves several identities at once).
"""

from __future__ import annotations

import pytest

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from tests.validate.final_accounts import BASELINE, mutate
from tests.validate.support import Expect, assert_findings, case, checks_for, verdicts_for

PROJECT_ITEM = "其他财政事务支出\t85.06\t\t85.06"
CLASS_ROW = "201\t一般公共服务支出\t265.30\t180.25\t85.06"
PERSONNEL = "人员经费合计\t\t192.32"

HIERARCHY = [
    # 20106 = 180.25 + 85.06 = 265.31 ± 0.01 = [265.30, 265.32], which meets 265.30 ± 0.005
    case("baseline-款-within-rounding", BASELINE),
    # 180.25 + 85.07 = 265.32 ± 0.01 = [265.31, 265.33] misses [265.295, 265.305] by 0.005 → error
    case(
        "项-one-cent-beyond",
        mutate(BASELINE, PROJECT_ITEM, "其他财政事务支出\t85.07\t\t85.07"),
        Expect(
            "sum.table_hierarchy",
            "error",
            ("265.30", "180.25", "85.07"),
            message=("《支出决算表》20106财政事务", "“本年支出合计”为265.30万元", "相加为265.32万元"),
            stated="265.30万元",
            expected="265.32万元",
            difference="0.02万元",
        ),
        # the 款's 项目支出 85.06 has one 项 under it, now 85.07: one figure cannot print two ways
        Expect("sum.table_hierarchy", "error", ("85.06", "85.07"), message=("“项目支出”为85.06万元", "相加为85.07万元")),
    ),
]


@pytest.mark.parametrize(("text", "expect"), HIERARCHY)
def test_sum_table_hierarchy(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.table_hierarchy")


ROW = [
    # 合计 row: 222.73 + 85.06 = 307.79 ± 0.01 meets 307.78 ± 0.005
    case("baseline-合计-within-rounding", BASELINE),
    # 201 row printed 265.29: 180.25 + 85.06 = 265.31 ± 0.01 = [265.30, 265.32] misses [265.285, 265.295]
    case(
        "row-total-two-cents-short",
        mutate(BASELINE, CLASS_ROW, "201\t一般公共服务支出\t265.29\t180.25\t85.06"),
        Expect(
            "sum.table_row",
            "error",
            ("265.29", "180.25", "85.06"),
            message=("《支出决算表》“一般公共服务支出”行", "本年支出合计265.29万元", "= 265.31万元"),
            stated="265.29万元",
            expected="265.31万元",
            difference="0.02万元",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), ROW)
def test_sum_table_row(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.table_row")


PERSONNEL_PUBLIC = [
    # 人员经费合计 192.32 against 301 + 303 = 170.46 + 21.85 = 192.31 ± 0.01 → meets
    case("baseline-within-rounding", BASELINE),
    # 192.33 ± 0.005 = [192.325, 192.335] still misses [192.30, 192.32] by 0.005 → error
    case(
        "personnel-two-cents-over",
        mutate(BASELINE, PERSONNEL, "人员经费合计\t\t192.33"),
        Expect(
            "sum.personnel_public",
            "error",
            ("192.33", "170.46", "21.85"),
            message=(
                "人员经费合计192.33万元",
                "301工资福利支出170.46万元",
                "303对个人和家庭的补助21.85万元",
                "= 192.31万元",
            ),
        ),
    ),
    # 公用经费合计 against its only class 302: 30.43 vs 30.41, intervals 0.01 apart → error
    case(
        "public-two-cents-over",
        mutate(BASELINE, "公用经费合计\t\t30.41", "公用经费合计\t\t30.43"),
        Expect("sum.personnel_public", "error", ("30.43", "30.41"), message=("公用经费合计30.43万元",)),
    ),
]


@pytest.mark.parametrize(("text", "expect"), PERSONNEL_PUBLIC)
def test_sum_personnel_public(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.personnel_public")


def test_baseline_has_no_findings_at_all() -> None:
    """The synthetic 决算 is consistent under every rule (missing_table included)."""
    assert_findings(BASELINE, [], scope=("",))


def unit_list(last_cell: str, extra: tuple[str, ...] = ()) -> str:
    """A 三公 control table of four units and its 合计 row, as pasted tab rows."""
    rows = [
        ("单位名称", "“三公经费”合计数", "公务接待费控制数", "车辆经费控制数"),
        ("某局机关", "10.50", "2.90", "7.6"),
        ("某局中心", "3.12", "3.12", ""),
        ("某局所", "8.00", "4.20", "3.8"),
        *(tuple(r.split("|")) for r in extra),
        ("某局站", "2.00", "2.00", ""),
        ("合计", "23.62", last_cell, "11.4"),
    ]
    return "某县2015年部门预算“三公经费”公开表\n单位：万元\n" + "\n".join("\t".join(r) for r in rows) + "\n"


COLUMN = [
    # 2.90 + 3.12 + 4.20 + 2.00 = 12.22: the 合计 row agrees, as does 7.6 + 3.8 = 11.4
    case("list-adds-up", unit_list("12.22")),
    # 12.24 is 0.02 above 12.22 ± 0.02 of four two-decimal figures' rounding → error
    case(
        "list-two-cents-over",
        unit_list("12.25"),
        Expect(
            "sum.table_column",
            "error",
            ("12.25",),
            message=("“公务接待费控制数”为12.25万元", "上面4行相加为12.22万元"),
            stated="12.25万元",
            expected="12.22万元",
            difference="0.03万元",
        ),
    ),
    # a numbered group row shows the list is not one level deep: no column sum is claimed
    case("nested-list", unit_list("12.25", extra=("一、直属单位|0.00|0.00|",))),
]


@pytest.mark.parametrize(("text", "expect"), COLUMN)
def test_sum_table_column(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="sum.table_column")


# --------------------------------------------------------------------------- checks


def verdicts(rule: str, count: int, failed: tuple[int, ...] = ()) -> list[tuple[str, str, None]]:
    """``count`` checks of ``rule``, those at the ``failed`` positions inconsistent, the others consistent."""
    return [(rule, "inconsistent" if k in failed else "consistent", None) for k in range(count)]


def test_sum_table_hierarchy_checks_every_parent_column() -> None:
    # 23 (parent, column) identities: 合计 = Σ类 and 类 = Σ款, 款 = Σ项 in the 收入、支出 and 一般公共预算 tables
    assert verdicts_for(BASELINE, "sum.table_hierarchy") == verdicts("sum.table_hierarchy", 23)
    (item_sum,) = [c for c in checks_for(BASELINE, "sum.table_hierarchy") if c.stated == "265.30万元" and len(c.fact_ids) == 3]
    # 20106 = 180.25 + 85.06 = 265.31 ± 0.01, the top end open
    assert item_sum.computed == "265.3～265.32万元"
    mutated = mutate(BASELINE, PROJECT_ITEM, "其他财政事务支出\t85.07\t\t85.07")
    assert verdicts_for(mutated, "sum.table_hierarchy") == verdicts("sum.table_hierarchy", 23, failed=(6, 8))


def test_sum_table_row_checks_every_row() -> None:
    assert verdicts_for(BASELINE, "sum.table_row") == verdicts("sum.table_row", 24)
    (total_row, *_) = checks_for(BASELINE, "sum.table_row")
    # 收入决算表 合计: 296.41 + 11.38 = 307.79 ± 0.01 against 307.78
    assert (total_row.stated, total_row.computed, len(total_row.fact_ids)) == ("307.78万元", "307.78～307.8万元", 3)
    mutated = mutate(BASELINE, CLASS_ROW, "201\t一般公共服务支出\t265.29\t180.25\t85.06")
    assert verdicts_for(mutated, "sum.table_row") == verdicts("sum.table_row", 24, failed=(5,))


def test_sum_personnel_public_checks() -> None:
    personnel, public = checks_for(BASELINE, "sum.personnel_public")
    # 170.46 + 21.85 = 192.31 ± 0.01; 30.41 alone
    assert (personnel.verdict, personnel.stated, personnel.computed) == ("consistent", "192.32万元", "192.3～192.32万元")
    assert (public.verdict, public.stated, public.computed) == ("consistent", "30.41万元", "30.405～30.415万元")
    mutated = mutate(BASELINE, PERSONNEL, "人员经费合计\t\t192.33")
    assert verdicts_for(mutated, "sum.personnel_public") == verdicts("sum.personnel_public", 2, failed=(0,))


def test_sum_table_column_checks() -> None:
    # “三公经费”合计数 and 公务接待费控制数 are summed; 车辆经费控制数 has two cells only
    total, reception = checks_for(unit_list("12.22"), "sum.table_column")
    assert (total.verdict, total.stated, total.computed) == ("consistent", "23.62万元", "23.6～23.64万元")
    # the check rests on the 合计 cell and the four cells above it, so their rows count as verified
    assert (reception.verdict, reception.computed, len(reception.fact_ids)) == ("consistent", "12.2～12.24万元", 5)
    assert verdicts_for(unit_list("12.25"), "sum.table_column") == verdicts("sum.table_column", 2, failed=(1,))
    assert verdicts_for(unit_list("12.25", extra=("一、直属单位|0.00|0.00|",)), "sum.table_column") == []


def test_every_row_of_the_baseline_is_verified() -> None:
    coverage = report(analyse(extract_bytes(BASELINE.encode("utf-8"), "case.txt"))).coverage
    assert (coverage.table_rows, coverage.table_rows_verified, coverage.checks_inconsistent) == (43, 43, 0)
