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


BLANK_CASES = [
    # a reason announced and left blank, and a drafting instruction of the template
    case(
        "blank-reason-and-instruction",
        document(
            FINAL,
            "公务接待费6.40万元，与上年持平，主要原因是。",
            "以下为常见专业名词解释，部门应根据实际情况进行解释和增减。",
        ),
        Expect("placeholder_text.template", "warning", (), message=("第1页有2处", "主要原因是", "部门应根据实际情况")),
    ),
    # a reason given, even on the next line after a colon, is no blank
    case(
        "reasons-given",
        document(FINAL, "公务接待费6.40万元，与上年持平，主要原因是严格控制接待标准。", "支出增加的主要原因是：", "1.人员增加。"),
    ),
]


@pytest.mark.parametrize(("text", "expect"), BLANK_CASES)
def test_placeholder_blank_reason(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="placeholder_text.template")


def sangong_table(first_row: str) -> str:
    """A 三公 table in pasted text with the template's empty-table note under it."""
    return document(
        "某区某街道2024年部门预算",
        "部门“三公”经费和机关运行经费预算表",
        "单位：万元",
        "\t".join(("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "机关运行经费")),
        first_row,
        "注：本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。",
    )


EMPTY_TABLE_CASES = [
    case(
        "note-under-a-filled-table",
        sangong_table("\t".join(("12.50", "0", "2.50", "10.00", "300.00"))),
        Expect(
            "placeholder_text.empty_table_note",
            "warning",
            ("12.50",),
            message=("表下注明“本表为空表”", "印有数字", "三公经费12.50"),
        ),
    ),
    case("note-under-an-empty-table", sangong_table("\t".join(("0", "0", "0", "0", "0")))),
]


@pytest.mark.parametrize(("text", "expect"), EMPTY_TABLE_CASES)
def test_empty_table_note(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="placeholder_text.empty_table_note")


def sangong(second: str) -> str:
    """A 三公 paragraph whose second item is printed as ``second`` before its amount."""
    return document(
        "某市某委员会2018年部门预算",
        "2018年“三公”经费预算2800.68万元。其中：因公出国（境）费用60万元，主要是因为严格执行中央有关规定，"
        f"{second}290.5万元，主要是根据中央“八项规定”；公务用车购置及运行维护费2450.18万元。",
    )


UNNAMED_CASES = [
    # every item named
    case("items-named", sangong("公务接待费")),
    # a money word (补贴) names an item even when the vocabulary does not know it
    case("item-outside-the-vocabulary", sangong("接待补贴")),
    # words lost from the text: 「严控290.5万元」 — what 290.5万元 is, the sentence does not say
    case(
        "item-name-lost",
        sangong("严控"),
        Expect(
            "placeholder_text.unnamed_part",
            "warning",
            ("290.5", "2800.68"),
            message=("三公经费2800.68万元所列的一项290.5万元前只有“严控”", "文字似有缺漏"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), UNNAMED_CASES)
def test_unnamed_part(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="placeholder_text.unnamed_part")


def test_a_list_of_unknown_wholes_is_left_alone() -> None:
    # 材料费 is no whole the vocabulary breaks down: its short labels are not judged
    text = document(FINAL, "材料费100万元，其中：物料60万元，燃料40万元。")
    assert_findings(text, [], scope="placeholder_text.unnamed_part")
