"""part_whole.subject: a part stated larger than its whole anywhere in the text."""

from __future__ import annotations

import pytest

from gongkai.validate.rules.part_whole import form_field
from tests.validate.support import FINAL, Expect, assert_findings, case, checks_for, document, verdicts_for


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


def fund_form(total: str, this_year: str, second: tuple[str, str] | None = None) -> str:
    """A project 绩效目标表 funding block: 项目资金总额 beside 年度资金申请总额 and their 其中 fields."""
    rows = [
        "项目绩效目标表",
        "项目名称\t\t社区服务经费\t\t项目性质\t经常性项目",
        f"项目资金（元）\t\t项目资金总额\t\t{total}\t年度资金申请总额\t\t{total}",
        f"\t\t其中：财政资金\t\t{total}\t其中：当年财政拨款\t\t{this_year}",
        "\t\t\t\t\t上年结转资金\t\t0.00",
        "\t\t其他资金\t\t0.00\t其他资金\t\t0.00",
    ]
    if second is not None:  # a second project on the same page: (total, 当年财政拨款)
        rows += [
            "项目名称\t\t设施运行经费\t\t项目性质\t经常性项目",
            f"项目资金（元）\t\t项目资金总额\t\t{second[0]}\t年度资金申请总额\t\t{second[0]}",
            f"\t\t其中：财政资金\t\t{second[0]}\t其中：当年财政拨款\t\t{second[1]}",
        ]
    return document("某某街道2023年部门预算", *rows)


FORM_CASES = [
    case("form-parts-within", fund_form("1,000,000.00", "1,000,000.00")),
    case(
        "form-part-above-total",
        fund_form("1,000,000.00", "1,200,000.00"),
        Expect(
            "part_whole.fund_form",
            "error",
            ("1200000.00", "1000000.00"),
            message=("“其中：当年财政拨款”1200000.00大于其所属的“年度资金申请总额”1000000.00", "多出200000.00"),
        ),
    ),
    # each part is held to the nearest total before it: the second project's 1,200,000.00 is above its own
    # total, though below the first project's
    case(
        "form-second-project-above-its-own-total",
        fund_form("3,000,000.00", "3,000,000.00", second=("1,000,000.00", "1,200,000.00")),
        Expect("part_whole.fund_form", "error", ("1200000.00", "1000000.00")),
    ),
    case("form-two-projects-within", fund_form("3,000,000.00", "3,000,000.00", second=("1,000,000.00", "900,000.00"))),
]


@pytest.mark.parametrize(("text", "expect"), FORM_CASES)
def test_part_whole_fund_form(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("项目资金（元）项目资金总额", "项目资金总额"),
        ("其中：当年财政拨款", "当年财政拨款"),
        ("其中:财政资金", "财政资金"),
        ("年度资金申请总额", "年度资金申请总额"),
        ("一般公共预算资金", None),
        (None, None),
    ],
)
def test_form_field(label: str | None, field: str | None) -> None:
    assert form_field(label) == field


def test_part_whole_subject_checks_by_verdict() -> None:
    (check,) = checks_for(separate("180.20"), "part_whole.subject")
    assert (check.verdict, check.stated, check.computed, len(check.fact_ids)) == ("consistent", "258.40万元", "180.20万元", 2)
    # a part above its whole is only a warning because the two may be unrelated figures: not judged
    assert verdicts_for(separate("258.42"), "part_whole.subject") == [
        ("part_whole.subject", "not_judged", "数字的对应关系不确定，未下结论")
    ]
    # a budget figure is never compared with an executed one: no check
    assert verdicts_for(separate("300.00", "全年预算数"), "part_whole.subject") == []


def test_part_whole_fund_form_checks_by_verdict() -> None:
    # 其中：财政资金 and 其他资金 under 项目资金总额; 当年财政拨款, 上年结转资金 and 其他资金 under 年度资金申请总额
    consistent = ("part_whole.fund_form", "consistent", None)
    assert verdicts_for(fund_form("1,000,000.00", "1,000,000.00"), "part_whole.fund_form") == [consistent] * 5
    above = fund_form("1,000,000.00", "1,200,000.00")
    assert verdicts_for(above, "part_whole.fund_form") == [
        consistent,
        ("part_whole.fund_form", "inconsistent", None),
        consistent,
        consistent,
        consistent,
    ]
    (held, *_) = checks_for(above, "part_whole.fund_form")
    assert (held.stated, held.computed) == ("1000000.00", "1000000.00")
