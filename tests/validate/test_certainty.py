"""How surely two figures belong together, from where they are printed (validate.certainty)."""

from __future__ import annotations

from gongkai.api import analyse
from gongkai.extract import extract_bytes
from gongkai.validate.certainty import Binding, Placement
from tests.validate.support import FINAL, document


def placed(*lines: str) -> tuple[Placement, dict[str, object]]:
    analysis = analyse(extract_bytes(document(FINAL, *lines).encode("utf-8"), "case.txt"))
    return Placement(analysis.document), {str(f.value): f for f in analysis.text_facts}


def test_same_sentence_and_same_passage() -> None:
    placement, facts = placed("本年支出合计258.40万元，其中项目支出180.20万元。人员经费50.00万元。")
    assert placement.binding(facts["258.40"], facts["180.20"]) is Binding.SAME_SENTENCE
    assert placement.binding(facts["258.40"], facts["50.00"]) is Binding.SAME_PASSAGE


def test_a_list_the_passage_opens_runs_through_its_numbered_items_only() -> None:
    placement, facts = placed(
        "三公经费预算数为30.00万元。其中：",
        "（一）因公出国（境）费20.00万元。",
        "（二）公务接待费15.00万元。",
        "二、机关运行经费预算情况",
        "机关运行经费12.00万元。",
    )
    assert placement.binding(facts["30.00"], facts["20.00"]) is Binding.OPENED_LIST
    assert placement.binding(facts["30.00"], facts["15.00"]) is Binding.OPENED_LIST
    assert placement.binding(facts["30.00"], facts["12.00"]) is Binding.DISTANT
    assert Binding.OPENED_LIST.certain and not Binding.DISTANT.certain


def test_the_passage_right_after_an_opening_colon_continues_its_sentence() -> None:
    placement, facts = placed("在职实有人数13人，其中：", "行政编制11人，事业人员1人。", "退休人员20人。")
    assert placement.binding(facts["13"], facts["11"]) is Binding.OPENED_LIST
    assert placement.binding(facts["13"], facts["20"]) is Binding.DISTANT


def test_a_passage_not_opening_a_list_binds_nothing_after_it() -> None:
    placement, facts = placed("（二）公用经费214.46万元。", "（三）一般公共预算财政拨款支出预算2070.22万元。")
    assert placement.binding(facts["214.46"], facts["2070.22"]) is Binding.DISTANT


def test_a_list_next_to_its_total_that_names_it() -> None:
    placement, facts = placed("本年收入合计350.00万元。", "本年收入的具体构成为：财政拨款收入300.00万元，事业收入40.00万元。")
    assert placement.binding(facts["350.00"], facts["300.00"]) is Binding.NAMED_LIST
    placement, facts = placed("本年收入合计350.00万元。", "本年支出的具体构成为：基本支出300.00万元。")
    assert placement.binding(facts["350.00"], facts["300.00"]) is Binding.DISTANT


def test_an_earlier_figure_is_never_a_part() -> None:
    placement, facts = placed("人员经费50.00万元。", "本年支出合计258.40万元，其中：")
    assert placement.binding(facts["258.40"], facts["50.00"]) is Binding.DISTANT


def test_bindings_recorded_and_read_by_rules() -> None:
    from dataclasses import replace

    from gongkai.validate.certainty import bound_with_certainty

    analysis = analyse(
        extract_bytes(document(FINAL, "项目支出120.00万元，年初预算为100.00万元，完成年初预算的120%。").encode("utf-8"), "case.txt")
    )
    rate = next(s for s in analysis.statements if s.kind == "rate")
    assert {binding for _, _, binding in rate.bindings} == {"same_sentence"}
    assert bound_with_certainty(rate, *rate.facts)
    # the same statement with its base recorded as a distant guess is no ground for an accusation
    base = rate.role("denominator")[0]
    guessed = replace(rate, bindings=tuple((f, r, "distant" if f == base.fact_id else b) for f, r, b in rate.bindings))
    assert not bound_with_certainty(guessed, *rate.facts)
    assert bound_with_certainty(guessed, rate.role("result")[0])
