"""part_whole.subject: a part stated larger than its whole anywhere in the text."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document


def separate(project: str, measure: str = "决算数") -> str:
    return document(FINAL, "本年支出合计258.40万元。", f"项目支出{measure}为{project}万元。")


CASES = [
    case("part-below-whole", separate("180.20")),
    # the same figure printed twice is the same print: a part equal to its whole
    case("part-equals-whole", separate("258.40")),
    # 258.41 − 0.005 = 258.405 = 258.40 + 0.005: the intervals only touch. Rounding is monotonic, so a part ≤ its
    # whole can never print larger at the same precision: 258.41 > 258.40 means the part exceeds the whole.
    case(
        "part-one-cent-over",
        separate("258.41"),
        Expect("part_whole.subject", "warning", ("258.41", "258.40"), message=("258.41万元", "大于", "258.40万元")),
    ),
    # 258.42 − 0.005 = 258.415 > 258.405 → the part exceeds the whole
    case(
        "part-two-cents-over",
        separate("258.42"),
        Expect(
            "part_whole.subject",
            "warning",
            ("258.42", "258.40"),
            message=("项目支出决算数258.42万元", "大于本年支出合计决算数258.40万元"),
        ),
    ),
    # a budget figure is not compared with an executed one
    case("other-measure", separate("300.00", "全年预算数")),
    # 三公经费 6 stands for [5.5, 6.5]; 公务接待费 7.00 − 0.005 = 6.995 > 6.5 → warning
    case(
        "whole-without-decimals",
        document(FINAL, "三公经费6万元。", "公务接待费7.00万元。"),
        Expect(
            "part_whole.subject",
            "warning",
            ("7.00", "6"),
            message=("公务接待费决算数7.00万元", "大于三公经费决算数6万元"),
        ),
    ),
    # 6.49 − 0.005 = 6.485 ≤ 6.5: 6.49 fits under a total printed as 6
    case("whole-without-decimals-holds-part", document(FINAL, "三公经费6万元。", "公务接待费6.49万元。")),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_part_whole_subject(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)
