"""placeholder_text.template: template wording left in a published report."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document

CASES = [
    # no arithmetic here; the near misses are wording that resembles a template: a reason in brackets, a model
    # name with letters around XX, a single × in a formula
    case(
        "near-misses",
        document(
            FINAL,
            "本年支出合计较上年增加12.00万元（主要是人员增加）。",
            "购置MAXX型号设备2台。",
            "得分=指标实际完成值×12。",
        ),
    ),
    case(
        "alternatives-and-x-runs",
        document(FINAL, "本年支出合计较上年增加（减少）0万元，增长（下降）0%。", "XX局负责XXX工作。"),
        Expect(
            "placeholder_text.template",
            "warning",
            (),
            message=("第1页有4处未填写的模板文字", "增加（减少）", "增长（下降）", "XX", "XXX"),
        ),
    ),
    # one finding per page (a form feed starts page 2)
    case(
        "one-finding-per-page",
        document(FINAL, "本部门XX年度收入如下。\f本年支出合计较上年增加（减少）0万元。"),
        Expect("placeholder_text.template", "warning", (), page=1, message=("第1页有1处", "XX")),
        Expect("placeholder_text.template", "warning", (), page=2, message=("第2页有1处", "增加（减少）")),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_placeholder_text_template(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)
