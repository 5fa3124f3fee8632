"""part_whole.sme_awards: awards to small and medium enterprises against all procurement."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for


def awards(other: str) -> str:
    return document(
        FINAL,
        "2023年度本部门政府采购支出总额120.00万元，其中：政府采购服务支出120.00万元。"
        f"面向中小企业预留项目中标的中小企业合同金额80.00万元，其他政府采购项目中标的中小企业合同金额{other}万元。",
    )


CASES = [
    case("below-total", awards("30.00")),
    # 80.00 + 40.01 = 120.01 ± 0.01 starts at 120.00 ≤ 120.005 (the top of 120.00's interval) → may fit
    case("one-cent-over-within-rounding", awards("40.01")),
    # 80.00 + 40.02 = 120.02 ± 0.01 starts at 120.01 > 120.005 → the awards exceed all procurement
    case(
        "two-cents-over",
        awards("40.02"),
        Expect(
            "part_whole.sme_awards",
            "info",
            ("80.00", "40.02", "120.00"),
            message=(
                "预留项目中授予中小企业80.00万元",
                "其他项目中授予中小企业40.02万元",
                "合计120.02万元",
                "超过全年政府采购金额120.00万元",
            ),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_part_whole_sme_awards(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def test_part_whole_sme_awards_checks() -> None:
    (check,) = checks_for(awards("30.00"), "part_whole.sme_awards")
    # 80.00 + 30.00, each ± 0.005, is [109.99, 110.01) in 万元, within the 120.00万元 procured
    assert (check.verdict, check.stated, check.computed) == ("consistent", "120.00万元", "109.99～110.01万元")
    assert len(check.fact_ids) == 3
    assert verdicts_for(awards("40.02"), "part_whole.sme_awards") == [("part_whole.sme_awards", "inconsistent", None)]
    # without the award in reserved projects there is nothing to add up
    alone = document(FINAL, "2023年度本部门政府采购支出总额120.00万元。其他政府采购项目中标的中小企业合同金额30.00万元。")
    assert verdicts_for(alone, "part_whole.sme_awards") == []
