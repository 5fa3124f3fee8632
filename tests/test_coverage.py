"""Coverage: what was read and verified, with exact counts on two real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.api import check

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def report_of(relative: str):  # type: ignore[no-untyped-def]
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return check(path)


def test_a_budget_pdf_with_nine_tables() -> None:
    report = report_of("corpus/shanghai/putuo_wanli_subdistrict_2024_dept_budget.pdf")
    # 33 figures printed again alike (cross_text.same_figure; 住房公积金 350.35 vs 352.67 is not), and the
    # narrative's 收入 and 支出 held against the 部门收支总表's 收入总计 and 支出总计, its 三公 figures (5) against
    # the 三公 table
    assert report.verdicts() == {"consistent": 657, "inconsistent": 5, "not_judged": 4}
    coverage = report.coverage.to_dict()
    assert coverage == {
        "tables_expected": None,
        "tables_listed": 9,
        "tables_recognised": 9,
        "tables_expected_found": None,
        "table_rows": 259,
        "table_rows_verified": 239,
        "text_numbers": 197,  # six floor areas (平方米) of the project it builds
        "text_numbers_bound": 123,
        "checks_consistent": 657,
        "checks_inconsistent": 5,  # 地上 8013 ≠ 计容 7998 + 不计容 105; 住房公积金 350.35 ≠ 352.67
        "checks_not_judged": 4,  # 约13459 against 8013 + 5356: an approximate total
        "checks": 666,
    }
    assert report.coverage.line() == (
        "核对了 662 处，5 处不符；4 处无法判断"
        "（识别标准表 9 张，表内 259 行中 239 行经算式核对，正文 197 个数字中 123 个已对应到算式）"
    )
    # every inconsistent check is reported by exactly one finding, and every finding by its check
    inconsistent = {c.check_id for c in report.checks if c.verdict == "inconsistent"}
    assert inconsistent <= {f.check_id for f in report.findings}
    assert len(report.checks) == len({c.check_id for c in report.checks})


def test_a_final_accounts_pdf_counts_the_nine_tables_it_must_publish() -> None:
    report = report_of("corpus/putuo_social_work_dept_2024_final.pdf")
    assert report.verdicts() == {"consistent": 218, "inconsistent": 2, "not_judged": 9}
    coverage = report.coverage
    assert (coverage.tables_expected, coverage.tables_expected_found, coverage.tables_recognised) == (9, 9, 10)
    assert (coverage.table_rows, coverage.table_rows_verified) == (139, 139)
    assert coverage.line().startswith("核对了 220 处，2 处不符；9 处无法判断（应有的 9 张标准表识别出 9 张，")


def test_a_pasted_text_without_tables() -> None:
    report = report_of("corpus/fujian/pingtan_2016_water_service_center_budget.txt")
    # held besides the four lists: 项目支出 262.5 (section 四) and 262.50 (section 五) printed alike, and
    # 「相应安排支出预算1136.33万元」 matching the income 1136.33
    # the two errors: the list of uses (547.85 + 243.48 + 41.25 + 262.5 = 1095.08 ≠ 1136.33) and the 基本支出
    # of section 五 against its uses (873.83 ≠ 547.85 + 243.48 + 41.25 = 832.58)
    assert report.verdicts() == {"consistent": 6, "inconsistent": 2, "not_judged": 0}
    assert report.coverage.line() == "核对了 8 处，2 处不符（正文 24 个数字中 19 个已对应到算式）"
    assert [f.rule for f in report.findings] == ["sum.breakdown", "sum.basic_uses"]
    failed = [c for c in report.checks if c.verdict == "inconsistent"]
    assert [(c.check_id, c.rule) for c in failed] == [(f.check_id, f.rule) for f in report.findings]
