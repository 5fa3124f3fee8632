"""sum.breakdown, part_whole.parts_exceed and unit.breakdown: a total and the parts after 其中."""

from __future__ import annotations

import pytest

from tests.validate.support import (
    FINAL,
    Expect,
    assert_findings,
    case,
    checks_for,
    document,
    findings_for,
    verdicts_for,
)


def economic(total: str) -> str:
    return document(
        FINAL,
        f"本年支出合计{total}万元，其中：工资福利支出412.37万元，商品和服务支出96.48万元，"
        "对个人和家庭的补助23.19万元，资本性支出8.04万元。",
    )


def kinds(project: str) -> str:
    return document(FINAL, f"本年支出合计386.25万元，其中：基本支出241.67万元，项目支出{project}万元。")


def county_uses(total: str) -> str:
    """A county budget's expense by use: 人员支出, 对个人和家庭补助, 公用支出 and 项目支出."""
    return document(
        "某县某中心2016年部门预算",
        f"相应安排支出预算{total}万元，其中：人员支出300.00万元，对个人和家庭补助支出50.00万元，公用支出40.00万元，项目支出110.00万元。",
    )


def building(total: str, above: str, counted: str, rough: str = "") -> str:
    """A project's floor areas: the whole, above and below ground, and above ground split in brackets."""
    return document(
        "某街道2025年部门预算",
        f"本工程建筑面积{rough}{total}平方米，其中地上建筑面积为{above}平方米（其中计容面积{counted}平方米，"
        "不计容面积105平方米），地下建筑面积为5356平方米，建筑高度为29.8米。",
    )


def income_by_sentence(fiscal: str, other: str = "2.09") -> str:
    """A township's income: 本年收入 in one sentence, its sources one a sentence after 具体情况如下，
    then the carry-over from last year — a part of 总收入, not of 本年收入."""
    return document(
        FINAL,
        f"部门决算总收入959.48万元，其中本年收入945.18万元。具体情况如下：财政拨款收入{fiscal}万元，"
        f"其中政府性基金74万元。其他收入{other}万元。年初结转和结余14.30万元。",
    )


SUM = [
    # 943.09 + 2.09 = 945.18: the sources listed one a sentence add up; 14.30 ends the list
    case("sources-by-sentence-add-up", income_by_sentence("943.09")),
    # 869.09 + 2.09 = 871.18 ± 0.01 vs 945.18: the list runs on to 其他收入 (same family), not to
    # 年初结转和结余 (a sibling of 本年收入), and 74 is the part of 财政拨款收入 (其中 of its own)
    case(
        "sources-by-sentence-short",
        income_by_sentence("869.09"),
        Expect(
            "sum.breakdown",
            "error",
            ("945.18", "869.09", "2.09"),
            message=("本年收入合计945.18万元", "= 871.18万元", "相差74.00万元"),
            stated="945.18万元",
            expected="871.18万元",
        ),
    ),
    # the same list with one item a paragraph (HTML, DOCX): 869.09 + 2.09 vs 945.18 → the same error
    case(
        "sources-by-paragraph-short",
        document(
            FINAL,
            "部门决算总收入959.48万元，其中本年收入945.18万元。具体情况如下：",
            "财政拨款收入869.09万元，其中政府性基金74万元。",
            "其他收入2.09万元。",
            "年初结转和结余14.30万元。",
        ),
        Expect("sum.breakdown", "error", ("945.18", "869.09", "2.09"), expected="871.18万元"),
    ),
    # 「具体情况如下：」 a paragraph of its own between the total and its items: the same error
    case(
        "sources-announced-apart-short",
        document(
            FINAL,
            "部门决算总收入959.48万元，其中本年收入945.18万元。",
            "具体情况如下：",
            "财政拨款收入869.09万元，其中政府性基金74万元。",
            "其他收入2.09万元。",
            "年初结转和结余14.30万元。",
        ),
        Expect("sum.breakdown", "error", ("945.18", "869.09", "2.09"), expected="871.18万元"),
    ),
    # the announcement after a paragraph that does not end on a figure announces nothing of it
    case(
        "sources-announced-after-prose",
        document(
            FINAL,
            "部门决算总收入959.48万元，其中本年收入945.18万元，主要是财政拨款。",
            "具体情况如下：",
            "财政拨款收入869.09万元。",
            "其他收入2.09万元。",
        ),
    ),
    # one item a paragraph adding up: 943.09 + 2.09 = 945.18
    case(
        "sources-by-paragraph-add-up",
        document(
            FINAL,
            "部门决算总收入959.48万元，其中本年收入945.18万元。具体情况如下：",
            "财政拨款收入943.09万元。",
            "其他收入2.09万元。",
            "年初结转和结余14.30万元。",
        ),
    ),
    # a paragraph of more than one sentence is no item of the list: the binding is not certain
    case(
        "sources-by-paragraph-then-prose",
        document(
            FINAL,
            "部门决算总收入959.48万元，其中本年收入945.18万元。具体情况如下：",
            "财政拨款收入869.09万元。",
            "其他收入2.09万元。主要是利息收入。较上年有所增加。",
        ),
    ),
    # the next sentence starts with an expense (基本支出, another family): the list is the one source
    case(
        "sources-by-sentence-stop-at-another-family",
        document(
            FINAL,
            "部门决算总收入959.48万元，其中本年收入945.18万元。具体情况如下：财政拨款收入869.09万元。"
            "基本支出11.31万元。",
        ),
    ),
    # areas: 7998 + 105 = 8103 above ground, 8103 + 5356 = 13459 in all — both breakdowns hold
    case("areas-add-up", building("13459", "8103", "7998")),
    # whole square metres: 7998 + 105 = 8103 ≠ 8013 and 8013 + 5356 = 13369 ≠ 13459, no rounding slack;
    # the bracket after 8013 is its own breakdown (计容 + 不计容 are the whole of it)
    case(
        "areas-digits-swapped",
        building("13459", "8013", "7998"),
        Expect(
            "sum.breakdown",
            "error",
            ("8013", "7998", "105"),
            message=("地上建筑面积8013平方米", "= 8103平方米", "相差90平方米"),
            stated="8013平方米",
            expected="8103平方米",
        ),
        Expect("sum.breakdown", "error", ("13459", "8013", "5356"), stated="13459平方米", expected="13369平方米"),
    ),
    # 约为13459: a total printed as approximate is no certain contradiction → warning
    case(
        "areas-approximate-total",
        building("13459", "8103", "7990", rough="约为"),
        Expect("sum.breakdown", "error", ("8103", "7990", "105"), expected="8095平方米"),
    ),
    case(
        "areas-approximate-total-off",
        building("13500", "8103", "7998", rough="约为"),
        Expect("sum.breakdown", "warning", ("13500", "8103", "5356"), message=("数字印为约数",), expected="13459平方米"),
    ),
    # the four uses are the whole expense: 300 + 50 + 40 + 110 = 500.00
    case("county-uses-add-up", county_uses("500.00")),
    # 540.00 against 500.00 ± 0.02: the known family makes the list complete → error
    case(
        "county-uses-short",
        county_uses("540.00"),
        Expect(
            "sum.breakdown",
            "error",
            ("540.00", "300.00", "50.00", "40.00", "110.00"),
            message=("相应安排支出540.00万元", "= 500.00万元"),
            stated="540.00万元",
            expected="500.00万元",
        ),
    ),
    # four parts: 412.37 + 96.48 + 23.19 + 8.04 = 540.08 ± 4 × 0.005 = [540.06, 540.10]; 540.07 ± 0.005 meets it
    case("four-parts-off-by-one-cent", economic("540.07")),
    # 540.06 ± 0.005 = [540.055, 540.065] still meets [540.06, 540.10] (0.02 off, 0.025 of slack)
    case("four-parts-off-by-two-cents", economic("540.06")),
    # 540.10 ± 0.005 meets the upper end 540.10
    case("four-parts-two-cents-over", economic("540.10")),
    # 540.05 ± 0.005 = [540.045, 540.055] ends 0.005 below 540.06 → error
    case(
        "four-parts-off-by-three-cents",
        economic("540.05"),
        Expect(
            "sum.breakdown",
            "error",
            ("540.05", "412.37", "96.48", "23.19", "8.04"),
            message=("本年支出合计540.05万元", "8.04万元 = 540.08万元"),
            stated="540.05万元",
            expected="540.08万元",
        ),
    ),
    # 540.11 ± 0.005 = [540.105, 540.115] starts 0.005 above 540.10 → error
    case(
        "four-parts-three-cents-over",
        economic("540.11"),
        Expect("sum.breakdown", "error", ("540.11", "412.37", "96.48", "23.19", "8.04"), expected="540.08万元"),
    ),
    # two parts: 241.67 + 144.59 = 386.26 ± 0.01; 386.25 ± 0.005 meets it at 386.25..386.255
    case("two-parts-off-by-one-cent", kinds("144.59")),
    # 241.67 + 144.60 = 386.27 ± 0.01 = [386.26, 386.28] vs [386.245, 386.255] → 0.005 apart → error
    case(
        "two-parts-off-by-two-cents",
        kinds("144.60"),
        Expect(
            "sum.breakdown",
            "error",
            ("386.25", "241.67", "144.60"),
            message=("本年支出合计386.25万元", "144.60万元 = 386.27万元"),
            stated="386.25万元",
            expected="386.27万元",
        ),
    ),
    # a total printed in whole 万元 stands for [5.5, 6.5]; 3.52 + 2.95 = 6.47 ± 0.01 lies inside
    case(
        "total-without-decimals",
        document(FINAL, "三公经费6万元，其中：公务接待费3.52万元，公务用车购置及运行维护费2.95万元。"),
    ),
    # 3.52 + 3.00 = 6.52 ± 0.01 = [6.51, 6.53] lies above [5.5, 6.5] → error
    case(
        "total-without-decimals-exceeded",
        document(FINAL, "三公经费6万元，其中：公务接待费3.52万元，公务用车购置及运行维护费3.00万元。"),
        Expect("sum.breakdown", "error", ("6", "3.52", "3.00"), stated="6万元"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), SUM)
def test_sum_breakdown(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def incomplete(staff: str) -> str:
    # 项目支出 and 人员经费 belong to different families: the list need not be complete
    return document(FINAL, f"本年支出合计258.40万元，其中：项目支出180.20万元，人员经费{staff}万元。")


EXCEED = [
    # an incomplete list may fall short of its total: 180.20 + 50.00 = 230.20 < 258.40
    case("incomplete-list-below-total", incomplete("50.00")),
    # 180.20 + 78.21 = 258.41 ± 0.01 starts at 258.40 ≤ 258.405, the top of 258.40's interval
    case("incomplete-list-one-cent-over", incomplete("78.21")),
    # 180.20 + 78.22 = 258.42 ± 0.01 starts at 258.41 > 258.405 → the parts exceed the total
    case(
        "incomplete-list-two-cents-over",
        incomplete("78.22"),
        Expect(
            "part_whole.parts_exceed",
            "error",
            ("258.40", "180.20", "78.22"),
            message=("180.20万元 + 78.22万元", "大于总数本年支出合计258.40万元"),
        ),
    ),
]


def classes_with_reason(housing: str) -> str:
    """Spending by 类 listed in numbered paragraphs, the first explaining its change with an amount."""
    return document(
        FINAL,
        "本年支出合计300.00万元。其中：",
        "1．公共安全支出200.00万元，与上年相比减少10.00万元。主要原因是这一因素较上年减少部门支出50万元。",
        f"2．住房保障支出{housing}万元。",
    )


BOUND = [
    # 200.00 + 100.00 = 300.00: the 50 of the first item's reason is its detail, not a third 类
    case("reason-amount-in-an-item", classes_with_reason("100.00")),
    # 200.00 + 110.00 = 310.00 ≠ 300.00: the 类 are the whole (function classes) → error
    case(
        "reason-amount-in-an-item-off",
        classes_with_reason("110.00"),
        Expect("sum.breakdown", "error", ("300.00", "200.00", "110.00"), message=("= 310.00万元",), expected="310.00万元"),
    ),
    # parts in the total's own sentence: the parts are the total's
    case(
        "same-sentence",
        document(FINAL, "三公经费预算数为30.00万元，其中：因公出国（境）费20.00万元，公务接待费15.00万元。"),
        Expect("sum.breakdown", "error", ("30.00", "20.00", "15.00"), message=("与总数相差5.00万元",)),
    ),
    # the same figures, but the list ended: a new section's figures are no parts of the total
    case(
        "list-ended-by-a-section",
        document(
            FINAL,
            "住房改革支出预算支出合计30.00万元。其中：",
            "1.住房公积金支出10.00万元。",
            "2.提租补贴支出20.00万元。",
            "六、财政拨款基本支出预算情况说明",
            "财政拨款基本支出预算50.00万元。",
            "（一）人员经费40.00万元。",
            "（二）公用经费10.00万元。",
        ),
    ),
    # a "part" that is the total's sibling (公务接待费 beside 公务用车…): the list ran past the total's parts
    case(
        "sibling-listed",
        document(
            FINAL,
            "2.公务用车购置及运行费支出11.20万元，其中：",
            "（1）公务用车购置支出0万元。",
            "（2）公务用车运行维护费支出11.20万元。",
            "3.公务接待费支出27万元。",
        ),
    ),
    # a list holding its own subtotals (合共 …) is no flat list of parts
    case(
        "subtotals-in-the-list",
        document(FINAL, "服务费用编列500千元，包括：电话费25千元、国内旅费270千元、货物运费6千元，合共276千元，印刷费175千元。"),
    ),
    # items the vocabulary does not know may be amounts mentioned in passing: a warning, not an error
    case(
        "unknown-items-exceed",
        document(FINAL, "救助费用编列391.13万元，其中：灾害救助费用370.42万元，低利贷款额度294.00万元。"),
        Expect(
            "part_whole.parts_exceed",
            "warning",
            ("391.13", "370.42", "294.00"),
            message=("大于总数", "未必都是总数的组成部分"),
        ),
    ),
    # parts printed pages away from the total are a guess of the matcher, never an accusation
    case(
        "distant-parts",
        "\f".join(
            [
                document(FINAL, "（二）公用经费214.46万元。"),
                document("第二部分", "一般公共预算财政拨款支出预算2070.22万元，比上年增加204.36万元。"),
            ]
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), BOUND)
def test_parts_are_the_totals_only_when_printed_with_it(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope=("part_whole.parts_exceed", "sum.breakdown"))


@pytest.mark.parametrize(("text", "expect"), EXCEED)
def test_part_whole_parts_exceed(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


def sangong(total: str, reception: str, vehicles: str) -> str:
    return document(FINAL, f"三公经费{total}，其中：公务接待费{reception}，公务用车购置及运行维护费{vehicles}。")


UNIT = [
    # one unit throughout: 2.79 + 2.00 = 4.79 ± 0.01 meets 4.80 ± 0.005 → nothing
    case("same-unit", sangong("4.80万元", "2.79万元", "2.00万元")),
    # 2.79元 read as 万元: [2.785, 2.795] + [1.995, 2.005] = [4.78, 4.80] meets [4.795, 4.805] → a unit slip
    case(
        "slip-fits-within-rounding",
        sangong("4.80万元", "2.79元", "2.00万元"),
        Expect(
            "unit.breakdown",
            "warning",
            ("2.79", "4.80"),
            message=(
                "公务接待费印为2.79元",
                "总数三公经费为4.80万元",
                "单位不一致",
                "按万元理解，2.79万元与总数相符",
                "笔误",
            ),
        ),
    ),
    # 2.78元 read as 万元: [4.77, 4.79] misses [4.795, 4.805] by 0.005 → units still differ, but no claim of a slip
    case(
        "slip-does-not-fit",
        sangong("4.80万元", "2.78元", "2.00万元"),
        Expect(
            "unit.breakdown",
            "warning",
            ("2.78", "4.80"),
            message=("公务接待费印为2.78元", "单位不一致。"),
            absent=("笔误",),
        ),
    ),
    # 5000元 + 0.50万元 = 1.00万元 exactly as printed: mixed units, nothing wrong
    case(
        "mixed-units-that-add-up",
        sangong("1.00万元", "5000元", "0.50万元"),
    ),
    # 38.44万元 of 5000000元 (an incomplete list): consistent as printed; reading 38.44 as 元 must not be suggested
    case(
        "mixed-units-incomplete-list",
        document(FINAL, "本年支出合计5000000元，其中：卫生健康支出38.44万元。"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), UNIT)
def test_unit_breakdown(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)


PARTIAL = [
    # 其中 lists 财政拨款收入 and 事业收入 but not the catch-all 其他收入: 300.00 + 40.00 = 340.00 < 350.00 may be
    # an item left out, so a warning, not an error
    case(
        "partial-list-below-total",
        document(FINAL, "本年收入合计350.00万元，其中：财政拨款收入300.00万元，事业收入40.00万元。"),
        Expect("sum.breakdown", "warning", ("350.00", "300.00", "40.00"), message=("所列项目可能不全",)),
    ),
    # the same list with 其他收入 claims to be complete: the missing 10.00 is an error
    case(
        "catch-all-listed-below-total",
        document(FINAL, "本年收入合计350.00万元，其中：财政拨款收入300.00万元，其他收入40.00万元。"),
        Expect("sum.breakdown", "error", ("350.00", "300.00", "40.00"), absent=("可能不全",)),
    ),
    # introduced as the whole composition (具体构成为): complete as printed → error
    case(
        "composition-below-total",
        document(
            FINAL,
            "本年收入合计350.00万元。",
            "本年收入的具体构成为：财政拨款收入300.00万元，事业收入40.00万元。",
        ),
        Expect("sum.breakdown", "error", ("350.00", "300.00", "40.00")),
    ),
]


@pytest.mark.parametrize(("text", "expect"), PARTIAL)
def test_sum_breakdown_partial_lists(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, "sum.breakdown")


def vehicles(total: str, *kinds: str) -> str:
    return document(FINAL, f"截至2023年12月31日，某某局共有车辆{total}辆，其中：{'、'.join(kinds)}。")


VEHICLES = [
    # the kinds of vehicles add up to the vehicle total: 0 + 3 + 5 = 8
    case("vehicle-kinds-add-up", vehicles("8", "部级领导干部用车0辆", "执法执勤用车3辆", "其他用车5辆")),
    # a count is exact: 0 + 3 + 4 = 7 ≠ 8, and the list ends with the catch-all 其他用车 → complete → error
    case(
        "vehicle-kinds-short-of-the-total",
        vehicles("8", "部级领导干部用车0辆", "执法执勤用车3辆", "其他用车4辆"),
        Expect(
            "sum.breakdown",
            "error",
            ("8", "0", "3", "4"),
            message=("车辆总数8辆", "其他用车4辆 = 7辆", "相差1辆"),
            stated="8辆",
            expected="7辆",
        ),
    ),
    # without the catch-all the list may leave kinds out: falling short is only a warning
    case(
        "vehicle-kinds-partial-list",
        vehicles("8", "执法执勤用车3辆", "特种专业技术用车4辆"),
        Expect("sum.breakdown", "warning", ("8", "3", "4"), message=("所列项目可能不全",)),
    ),
    # vehicles bought with one kind listed: nothing to add up
    case("vehicles-bought", document(FINAL, "2024年单位预算安排购置车辆1辆，其中：其他用车1辆。")),
]


@pytest.mark.parametrize(("text", "expect"), VEHICLES)
def test_vehicle_kinds_add_up_to_the_vehicle_total(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, "sum.breakdown")


# --------------------------------------------------------------------------- checks

BINDING_UNSURE = "数字的对应关系不确定，未下结论"
PARTS_UNSURE = "所列各项是否属于该总数不确定，未下结论"


def test_sum_breakdown_that_adds_up_is_a_consistent_check_with_the_sum() -> None:
    (check,) = checks_for(economic("540.07"), "sum.breakdown")
    assert (check.verdict, check.stated, check.reason) == ("consistent", "540.07万元", None)
    # 412.37 + 96.48 + 23.19 + 8.04 = 540.08 ± 4 × 0.005 (the top end open), in the total's 万元
    assert check.computed == "540.06～540.1万元"
    assert len(check.fact_ids) == 5


def test_sum_breakdown_checks_by_verdict() -> None:
    assert verdicts_for(economic("540.05"), "sum.breakdown") == [("sum.breakdown", "inconsistent", None)]
    (failed,) = checks_for(economic("540.05"), "sum.breakdown")
    assert (failed.stated, failed.computed) == ("540.05万元", "540.08万元")
    # a list that may leave a kind out falls short of its total: no contradiction, so not judged
    partial = vehicles("8", "执法执勤用车3辆", "特种专业技术用车4辆")
    assert verdicts_for(partial, "sum.breakdown") == [("sum.breakdown", "not_judged", "所列项目可能不全，少于总数未必有误，未下结论")]


def subtotal_listed(total: str) -> str:
    # 其他支出 150.00 = 基本支出 100.00 + 项目支出 50.00: a subtotal among the parts, so they are not surely the total's
    return document(FINAL, f"本年支出合计{total}万元，其中：基本支出100.00万元，项目支出50.00万元，其他支出150.00万元。")


def test_sum_breakdown_of_parts_not_surely_the_totals() -> None:
    # 300.00 = 100 + 50 + 150: the figures add up on this reading → consistent, though the binding is unsure
    assert verdicts_for(subtotal_listed("300.00"), "sum.breakdown") == [("sum.breakdown", "consistent", None)]
    # 400.00 ≠ 300.00, but the parts may not be the total's: no finding, a check not judged
    assert verdicts_for(subtotal_listed("400.00"), "sum.breakdown") == [("sum.breakdown", "not_judged", PARTS_UNSURE)]
    assert findings_for(subtotal_listed("400.00"), "sum.breakdown") == []


def test_part_whole_parts_exceed_checks_by_verdict() -> None:
    (check,) = checks_for(incomplete("50.00"), "part_whole.parts_exceed")
    # 180.20 + 50.00 = 230.20 ± 0.01 ≤ 258.40
    assert (check.verdict, check.stated, check.computed) == ("consistent", "258.40万元", "230.19～230.21万元")
    assert verdicts_for(incomplete("78.22"), "part_whole.parts_exceed") == [("part_whole.parts_exceed", "inconsistent", None)]
    unknown = document(FINAL, "救助费用编列391.13万元，其中：灾害救助费用370.42万元，低利贷款额度294.00万元。")
    assert verdicts_for(unknown, "part_whole.parts_exceed") == [("part_whole.parts_exceed", "not_judged", BINDING_UNSURE)]
    sibling = document(
        FINAL,
        "2.公务用车购置及运行费支出11.20万元，其中：",
        "（1）公务用车购置支出0万元。",
        "（2）公务用车运行维护费支出11.20万元。",
        "3.公务接待费支出27万元。",
    )
    assert verdicts_for(sibling, "part_whole.parts_exceed") == [("part_whole.parts_exceed", "not_judged", PARTS_UNSURE)]


def test_a_unit_slip_is_the_unit_rules_check_only() -> None:
    text = sangong("4.80万元", "2.79元", "2.00万元")
    assert verdicts_for(text, ("sum.breakdown", "part_whole.parts_exceed", "unit.breakdown")) == [
        ("unit.breakdown", "inconsistent", None)
    ]
    # mixed units that add up as printed: 5000元 + 0.50万元 = 1.00万元, summed in 万元
    (check,) = checks_for(sangong("1.00万元", "5000元", "0.50万元"), ("sum.breakdown", "unit.breakdown"))
    assert (check.rule, check.verdict, check.computed) == ("sum.breakdown", "consistent", "0.9949～1.0051万元")


def test_a_figures_sentence_held_by_the_lists_quote_is_not_quoted_again() -> None:
    # the list's quote runs from 本年收入's sentence to 其他收入's: each figure's own sentence is inside it
    (finding,) = findings_for(income_by_sentence("869.09"), "sum.breakdown")
    assert [e.quote for e in finding.evidence] == [
        "部门决算总收入959.48万元，其中本年收入945.18万元。具体情况如下：财政拨款收入869.09万元，其中政府性基金74万元。其他收入2.09万元。"
    ]
