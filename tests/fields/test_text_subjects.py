"""Subjects of facts read from running text: canonical names.

Synthetic sentences test each mechanism with a case where it must not apply; the real corpus
documents (skipped without ../shared) test it where it was found.
"""

from __future__ import annotations

from functools import cache

import pytest

from gongkai.classify import classify
from gongkai.extract import extract
from gongkai.fields import TextReading, read_text
from gongkai.normalize import normalize
from gongkai.schemas.vocabulary import FAMILIES, PART_OF, SUBJECT_ALIASES, canonical_subject, family_of
from tests.conftest import CORPUS, need
from tests.fields.test_binding import facts, reading

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
