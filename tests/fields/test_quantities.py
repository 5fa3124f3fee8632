"""Printed quantities in a sentence: value as printed, decimals, unit and the label before each."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.fields.quantities import bracket_depths, find_quantities, sentence_bounds

Row = tuple[str, int, str | None, str]


def rows(text: str) -> list[Row]:
    """``(value, decimals, unit, label)`` of every quantity, values as printed."""
    return [(str(q.value), q.decimals, q.unit, q.label) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2019年部门预算总收入352.36万元，其中：基本支出254.98万元，项目支出97.38万元。",
            [
                ("352.36", 2, "万元", "2019年部门预算总收入"),
                ("254.98", 2, "万元", "其中：基本支出"),
                ("97.38", 2, "万元", "项目支出"),
            ],
        ),
        (
            "在职人员控制率为80%，编制23人，实有13人，合计1,234.56万元。",
            [
                ("80", 0, "%", "在职人员控制率为"),
                ("23", 0, "人", "编制"),
                ("13", 0, "人", "实有"),
                ("1234.56", 2, "万元", "合计"),
            ],
        ),
        ("较2020年减少30.64万元，下降3.6%。", [("30.64", 2, "万元", "较2020年减少"), ("3.6", 1, "%", "下降")]),
        ("综合得分93.2分，满分100分。", [("93.2", 1, "分", "综合得分"), ("100", 0, "分", "满分")]),
        ("年初预算0.00万元。", [("0.00", 2, "万元", "年初预算")]),
        ("共计3.5亿元，另有12万美元。", [("3.5", 1, "亿元", "共计"), ("12", 0, "万美元", "另有")]),
        ("购置设备5台（套）。", [("5", 0, "台（套）", "购置设备")]),
        (
            "新购车辆2辆，公务接待12批次120人次。",
            [("2", 0, "辆", "新购车辆"), ("12", 0, "批次", "公务接待"), ("120", 0, "人次", "")],
        ),
        ("预算执行率为95.89%", [("95.89", 2, "%", "预算执行率为")]),
        ("降低3‰。", [("3", 0, "‰", "降低")]),
        ("全年共3家单位。", [("3", 0, "家", "全年共")]),
        ("收入 352.36 万元", [("352.36", 2, "万元", "收入 ")]),
    ],
)
def test_quantities_with_value_decimals_unit_and_label(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_label_keeps_punctuation_inside_brackets() -> None:
    text = "其他支出（对附属单位补助支出、上缴上级支出）0万元。"
    assert rows(text) == [("0", 0, "万元", "其他支出（对附属单位补助支出、上缴上级支出）")]


def test_label_joins_income_and_expense() -> None:
    # 收入、支出 name one figure (the budget's two equal totals); a 、 between other words still ends a label
    text = "收入、支出预算总计500.00万元，与上年相比收、支预算总计各增加20.00万元，房屋、车辆3处。"
    assert rows(text) == [
        ("500.00", 2, "万元", "收入、支出预算总计"),
        ("20.00", 2, "万元", "与上年相比收、支预算总计各增加"),
        ("3", 0, "处", "车辆"),
    ]


def test_quantity_inside_brackets() -> None:
    found = find_quantities("发放补贴3.5万元（含2人）。")
    assert [(str(q.value), q.unit, q.label, q.in_brackets) for q in found] == [
        ("3.5", "万元", "发放补贴", False),
        ("2", "人", "（含", True),
    ]


def test_positions_and_raw_text() -> None:
    text = "本年收入合计766.58万元，占比97.31%。"
    found = find_quantities(text)
    assert [(q.start, q.end, q.raw, q.label_start) for q in found] == [(6, 14, "766.58万元", 0), (17, 23, "97.31%", 15)]
    assert [text[q.start : q.end] for q in found] == ["766.58万元", "97.31%"]
    assert found[0].value == Decimal("766.58")


@pytest.mark.parametrize(
    "text",
    [
        "2019年",
        "2019年度部门决算",
        "2020年至2022年",
        "2020年7月15日",
        "截至2019年12月31日",
        "第3个项目",
        "第2次会议",
        "按照武财预[2019]2号文件",
        "根据区财〔2019〕15号文件",
        "90分以上为优秀",
        "80-90分为良好",
        "80～90分为良好",
        "60分以下为差",
        "90分（含）以上为优秀",
        "60-80（不含80）分为中等",
        "会议用时5分钟",
        "个人缴纳部分",
        "人民群众满意",
        "元旦慰问",
        "12345678",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_grade_scale_sentence_has_no_quantities() -> None:
    text = "90分以上的为优秀、80-90（不含90）分为良好，60-80（不含80）分为中等，60分以下为差。"
    assert find_quantities(text) == []


def test_band_bound_with_not_included_is_not_a_quantity() -> None:
    assert find_quantities("85分（不含）以下为合格") == []


def test_zero_only_as_a_word_of_its_own() -> None:
    assert find_quantities("作为零星采购的补充。") == []


def test_percentage_points_are_not_a_count() -> None:
    assert [q.unit for q in find_quantities("执行率较上年提高2.5个百分点。")] != ["个"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("资本性支出为零。", [("0", 0, None, "资本性支出为")]),
        (
            "年末结转和结余为零，较上年减少12.50万元。",
            [("0", 0, None, "年末结转和结余为"), ("12.50", 2, "万元", "较上年减少")],
        ),
        ("支出为零，收入为零。", [("0", 0, None, "支出为"), ("0", 0, None, "收入为")]),
    ],
)
def test_wei_ling_is_a_zero(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected
    assert all(q.raw == "零" for q in find_quantities(text) if q.unit is None)


def test_sentence_bounds_ignore_stops_inside_brackets() -> None:
    text = "收入100万元（含补助。）；支出90万元。\n结余10万元"
    assert [text[a:b] for a, b in sentence_bounds(text)] == ["收入100万元（含补助。）；", "支出90万元。", "结余10万元"]


def test_bracket_depths() -> None:
    assert bracket_depths("a（b(c)）d") == [0, 0, 1, 1, 2, 2, 1, 0]
