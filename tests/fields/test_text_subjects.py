"""Subjects of facts read from running text: canonical names, the topic a generic label takes
from the clause before it, the vehicle total, and zeros stated in words (无…).

Synthetic sentences test each mechanism with a case where it must not apply; the real corpus
documents (skipped without ../shared) test it where it was found.
"""

from __future__ import annotations

from functools import cache

import pytest

from gongkai.classify import classify
from gongkai.extract import extract
from gongkai.fields import TextReading, read_text
from gongkai.fields.labels import parse_label, topical_subject
from gongkai.fields.quantities import find_absences, sentence_bounds
from gongkai.normalize import normalize
from gongkai.schemas.vocabulary import FAMILIES, PART_OF, SUBJECT_ALIASES, canonical_subject, clause_topic, family_of
from tests.conftest import CORPUS, need
from tests.fields.test_binding import facts, reading, statements

BUDGET = "某区某局2025年部门预算"


@cache
def corpus_reading(name: str) -> TextReading:
    """The text facts of a corpus document (extract → normalize → classify → read_text)."""
    document = normalize(extract(need(CORPUS / name)))
    kind = classify(document)
    return read_text(document, kind.doc_type, kind.department)


def corpus_facts(name: str, subject: str) -> list[tuple[str, str, str, str | None]]:
    return [row for row in facts(corpus_reading(name)) if row[0] == subject]


# --- 因公出国（境）费 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    ["因公出国（境）费", "因公出国（境）费用", "因公出国（境）费支出", "因公出国（境）费用支出", "因公出国费", "因公出国费用", "出国经费"],
)
def test_every_name_of_the_travel_abroad_cost_is_one_subject(label: str) -> None:
    assert canonical_subject(label) == "因公出国费用"


def test_the_canonical_travel_abroad_cost_holds_both_usual_names() -> None:
    assert "因公出国费" in "因公出国费用"
    assert "因公出国（境）费" not in SUBJECT_ALIASES  # the old canonical spelling is now an alias
    assert family_of("因公出国费用") == "sangong"
    assert FAMILIES["sangong"] == frozenset({"因公出国费用", "公务用车购置及运行维护费", "公务接待费"})
    assert PART_OF["因公出国费用"] == ("三公经费",)


def test_travel_abroad_cost_in_text_takes_the_canonical_subject() -> None:
    result = reading(
        "2025年“三公”经费预算数为867.50万元。其中：",
        "（一）因公出国（境）费839万元，与2024年预算持平。",
        "1．因公出国（境）费用预算支出70万元，本年数与上年预算数一致。",
        title=BUDGET,
    )
    assert facts(result) == [
        ("三公经费", "预算数", "867.50", "万元"),
        ("因公出国费用", "预算数", "839", "万元"),
        ("因公出国费用", "预算数", "70", "万元"),
    ]


def test_travel_abroad_cost_of_the_chongqing_budget() -> None:
    assert corpus_facts("chongqing/transport_commission_2018_budget.html", "因公出国费用") == [
        ("因公出国费用", "预算数", "60", "万元"),
        ("因公出国费用", "增减额", "25.36", "万元"),
    ]


def test_travel_abroad_cost_of_the_jiangsu_narrative() -> None:
    assert corpus_facts("jiangsu/js_party_office_2017_narrative.pdf", "因公出国费用") == [
        ("因公出国费用", "预算数", "70", "万元"),
        ("因公出国费用", "占比", "13.75", "%"),
        ("因公出国费用", "预算数", "70", "万元"),
    ]


@pytest.mark.parametrize(
    ("label", "canonical"),
    [
        ("公务车购置及运行费", "公务用车购置及运行维护费"),
        ("公务车购置费", "公务用车购置费"),
        ("公务车运行费", "公务用车运行维护费"),
    ],
)
def test_gongwuche_is_the_short_form_of_gongwu_yongche(label: str, canonical: str) -> None:
    assert canonical_subject(label) == canonical


# --- the vehicle total ------------------------------------------------------------------


def test_vehicles_held_are_the_vehicle_total_and_their_kinds_its_parts() -> None:
    result = reading(
        "截至2024年8月31日，某区人民政府某街道办事处（部门）共有车辆8辆，其中：执法执勤用车3辆、其他用车5辆；"
        "单价100万元（含）以上设备（不含车辆）0台（套）。",
        title=BUDGET,
    )
    assert facts(result)[:3] == [
        ("车辆总数", "数量", "8", "辆"),
        ("执法执勤用车", "数量", "3", "辆"),
        ("其他用车", "数量", "5", "辆"),
    ]
    assert statements(result, "enumeration") == [
        (
            "enumeration",
            {
                "total": [("车辆总数", "数量", "8")],
                "parts": [("执法执勤用车", "数量", "3"), ("其他用车", "数量", "5")],
            },
        )
    ]


def test_a_department_name_before_the_vehicle_count_is_dropped() -> None:
    for label in ("上海市普陀区商务委员会共有车辆", "本部门共有车辆", "某区社会福利院共有车辆"):
        got = parse_label(label, "辆")
        assert (got.subject, got.measure, got.kind) == ("共有车辆", "数量", "count")
        assert canonical_subject(got.subject) == "车辆总数"


def test_vehicles_bought_are_not_the_vehicle_total() -> None:
    result = reading("2025年部门预算安排购置车辆0辆，其中：其他用车0辆。", title=BUDGET)
    assert facts(result) == [("部门购置车辆", "预算数", "0", "辆"), ("其他用车", "数量", "0", "辆")]


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("shanghai/putuo_welfare_home_2024_unit_budget.pdf", "2"),
        ("shanghai/putuo_wanli_subdistrict_2024_dept_budget.pdf", "7"),
        ("shanghai/putuo_general_office_2025_unit_budget.pdf", "0"),
        ("jiangsu/js_party_office_2019_narrative.pdf", "127"),
    ],
)
def test_vehicle_total_of_corpus_documents(name: str, total: str) -> None:
    assert corpus_facts(name, "车辆总数") == [("车辆总数", "数量", total, "辆")]


def test_vehicle_kinds_of_the_welfare_home_add_up_to_its_total() -> None:
    result = corpus_reading("shanghai/putuo_welfare_home_2024_unit_budget.pdf")
    lists = [roles for kind, roles in statements(result, "enumeration") if roles["total"][0][0] == "车辆总数"]
    assert len(lists) == 1
    parts = lists[0]["parts"]
    assert [p[0] for p in parts][-1] == "其他用车"
    assert sum(int(p[2]) for p in parts) == 2
    bought = [row for row in facts(result) if row[0] == "单位购置车辆"]
    assert bought == [("单位购置车辆", "预算数", "0", "辆")]


# --- generic labels take the topic of the clause before them ----------------------------


@pytest.mark.parametrize(
    ("clause", "topic"),
    [
        ("本部门编报绩效目标的项目5个", "绩效目标"),
        ("2018年本部门共5个项目实行绩效目标管理", "绩效目标管理"),
        ("2018年项目支出均实行了绩效目标管理", "绩效目标管理"),
        ("绩效跟踪评价的2024年度项目1个", "绩效跟踪"),
        ("本年共安排项目10个", None),
    ],
)
def test_clause_topic(clause: str, topic: str | None) -> None:
    assert clause_topic(clause) == topic


def test_funds_of_projects_with_performance_targets() -> None:
    result = reading(
        "2025年度，本部门编报绩效目标的项目共25个，涉及项目预算资金11381.60万元。",
        "2018年本部门共5个项目实行绩效目标管理，涉及财政性资金合计5,086万元。",
        title=BUDGET,
    )
    assert facts(result) == [
        ("编报绩效目标的项目共", "数量", "25", "个"),  # the count stays a count
        ("绩效目标涉及项目预算资金", "预算数", "11381.60", "万元"),
        ("共", "数量", "5", "个"),
        ("绩效目标管理资金", "预算数", "5086", "万元"),
    ]


def test_a_generic_label_without_a_topic_keeps_its_generic_subject() -> None:
    result = reading(
        "本年共安排项目10个，涉及项目资金500万元。",
        # the topic must be in the clause right before the label, not anywhere in the sentence
        "编报绩效目标的项目5个，另安排其他项目3个，涉及项目资金100万元。",
        title=BUDGET,
    )
    assert [row for row in facts(result) if row[3] == "万元"] == [
        ("涉及项目资金", "预算数", "500", "万元"),
        ("涉及项目资金", "预算数", "100", "万元"),
    ]


def test_a_label_that_names_its_subject_takes_no_topic() -> None:
    label = parse_label("项目支出", "万元")
    assert topical_subject(label, "编报绩效目标的项目5个") is None
    count = parse_label("涉及项目", "个")
    assert topical_subject(count, "编报绩效目标的项目5个") is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("shanghai/putuo_welfare_home_2024_unit_budget.pdf", "262.00"),
        ("shanghai/putuo_wanli_subdistrict_2024_dept_budget.pdf", "5634.81"),
        ("shanghai/putuo_general_office_2025_unit_budget.pdf", "6626"),
    ],
)
def test_performance_target_funds_of_shanghai_budgets(name: str, value: str) -> None:
    assert corpus_facts(name, "绩效目标涉及项目预算资金") == [("绩效目标涉及项目预算资金", "预算数", value, "万元")]


@pytest.mark.parametrize(
    ("name", "value", "count"),
    [("jiangsu/js_procuratorate_2018.pdf", "5086", "5"), ("jiangsu/js_high_court_2018.pdf", "4481.3", "6")],
)
def test_performance_target_funds_of_jiangsu_budgets(name: str, value: str, count: str) -> None:
    rows = facts(corpus_reading(name))
    index = rows.index(("绩效目标管理资金", "预算数", value, "万元"))
    assert rows[index - 1] == ("共", "数量", count, "个")


# --- zeros stated in words --------------------------------------------------------------


def test_an_absent_cost_is_a_zero_in_the_unit_of_the_text() -> None:
    result = reading(
        "（三）公务接待费0.00万元，与2023年预算持平。",
        "二、机关运行经费预算",
        "2024年某区社会福利院无机关运行经费。",
        title=BUDGET,
    )
    assert facts(result) == [("公务接待费", "预算数", "0.00", "万元"), ("机关运行经费", "预算数", "0", "万元")]
    zero = result.facts[-1]
    assert (zero.raw, zero.exact, zero.value_yuan, zero.evidence.quote) == ("无", True, 0, "2024年某区社会福利院无机关运行经费。")


@pytest.mark.parametrize(
    "sentence",
    [
        "本单位无此项支出。",  # not a subject of the vocabulary
        "本部门无政府性基金预算，故本表为空表。",  # more than one clause
        "无形资产12项0.5万元。",  # a sentence with figures
        "与上年相比无变化。",
    ],
)
def test_what_is_not_an_absent_cost(sentence: str) -> None:
    result = reading("公务接待费1.00万元。", sentence, title=BUDGET)
    assert all(f.raw != "无" for f in result.facts)


def test_an_absence_before_any_money_figure_has_no_unit_and_is_not_read() -> None:
    text = "2024年某单位无机关运行经费。"
    assert [q.label for q in find_absences(text, sentence_bounds(text))] == ["机关运行经费"]
    assert facts(reading(text, title=BUDGET)) == []


def test_operating_cost_of_the_welfare_home() -> None:
    assert corpus_facts("shanghai/putuo_welfare_home_2024_unit_budget.pdf", "机关运行经费") == [
        ("机关运行经费", "预算数", "0", "万元")
    ]


# --- figures that are not amounts -------------------------------------------------------


def test_a_price_threshold_is_not_an_amount() -> None:
    result = reading(
        "单价100万元（含）以上设备（不含车辆）2台（套）；单价在50万元以上的通用设备1台。",
        title=BUDGET,
    )
    # the bound keeps its amount in 元 (单价 ≥ 1,000,000元), under a measure no amount rule reads
    assert [(f.measure, str(f.value), f.unit, str(f.value_yuan)) for f in result.facts if f.unit == "万元"] == [
        ("阈值", "100", "万元", "1000000"),
        ("阈值", "50", "万元", "500000"),
    ]
    assert statements(result, "enumeration") == []


def test_a_goal_is_not_an_amount_spent() -> None:
    result = reading("利用外资及增幅预期目标31200万美元，拼搏目标31888万美元，增幅与去年持平。", title=BUDGET)
    assert [(f.measure, str(f.value), f.unit) for f in result.facts] == [
        ("目标值", "31200", "万美元"),
        ("目标值", "31888", "万美元"),
    ]


def test_an_amount_followed_by_a_class_word_is_still_an_amount() -> None:
    result = reading("项目支出预算为100.00万元，以上资金全部用于设备购置。", title=BUDGET)
    assert [(f.measure, str(f.value)) for f in result.facts] == [("预算数", "100.00")]
