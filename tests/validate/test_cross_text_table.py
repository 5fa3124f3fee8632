"""cross_text_table.narrative: a figure in the 情况说明 against the same figure in a table."""

from __future__ import annotations

import pytest

from tests.validate.final_accounts import BASELINE, mutate
from tests.validate.support import Expect, assert_findings, case

PUBLIC = "公用经费30.41万元"

CASES = [
    case("baseline", BASELINE),
    # the narrative's 30.4 (one decimal) stands for [30.35, 30.45], which holds the table's 30.41
    case("narrative-at-one-decimal", mutate(BASELINE, PUBLIC, "公用经费30.4万元")),
    # 30.43 ± 0.005 against the 基本支出表's 公用经费合计 30.41 ± 0.005: 0.01 apart → error
    case(
        "narrative-two-cents-off",
        mutate(BASELINE, PUBLIC, "公用经费30.43万元"),
        Expect(
            "cross_text_table.narrative",
            "error",
            ("30.43", "30.41"),
            message=("正文称公用经费30.43万元", "《一般公共预算财政拨款基本支出决算表》公用经费合计", "30.41万元"),
        ),
    ),
    case(
        "narrative-one-cent-off",
        mutate(BASELINE, PUBLIC, "公用经费30.42万元"),
        Expect("cross_text_table.narrative", "error", ("30.42", "30.41"), message=("30.42万元", "30.41万元")),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_cross_text_table_narrative(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="cross_text_table.narrative")
