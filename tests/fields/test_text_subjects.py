"""Subjects of facts read from running text: canonical names and the vehicle total.

Synthetic sentences test each mechanism with a case where it must not apply; the real corpus
documents (skipped without ../shared) test it where it was found.
"""

from __future__ import annotations

from functools import cache

import pytest

from gongkai.classify import classify
from gongkai.extract import extract
from gongkai.fields import TextReading, read_text
from gongkai.fields.labels import parse_label
from gongkai.normalize import normalize
from gongkai.schemas.vocabulary import FAMILIES, PART_OF, SUBJECT_ALIASES, canonical_subject, family_of
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
