"""A disagreement that rests on a figure printed as approximate (约, 左右, 约占…) is no error."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document

SHARE = "本年支出合计386.25万元，其中：基本支出241.67万元，{}本年支出合计的60%。"
CHANGE = "基本支出241.67万元，比上年增加{}20.00万元，增长10.5%。"

CASES = [
    # 241.67 / 386.25 = 62.57% → 63%, printed 60%: an error when the share is stated as exact
    case("share-exact", document(FINAL, SHARE.format("占")), Expect("share.stated", "error", ("60", "241.67", "386.25"))),
    # 「约占…60%」: the text claims no more than roughly 60% → a warning that says so
    case(
        "share-approximate",
        document(FINAL, SHARE.format("约占")),
        Expect("share.stated", "warning", ("60", "241.67", "386.25"), message=("文中印为60%", "所涉数字印为约数")),
    ),
    # 20.00 / 221.67 = 9.02%, printed 10.5%: an error
    case("change-exact", document(FINAL, CHANGE.format("")), Expect("yoy.change_rate", "error", ("10.5", "20.00", "241.67"))),
    # 「增加约20.00万元」: the change is approximate → warning
    case(
        "change-approximate",
        document(FINAL, CHANGE.format("约")),
        Expect("yoy.change_rate", "warning", ("10.5", "20.00", "241.67"), message=("变动率应为9.02%", "所涉数字印为约数")),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_approximate_figures(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope=("share.stated", "yoy.change_rate"))
