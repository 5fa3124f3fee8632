"""决算数大于/小于/等于/持平预算数 against the figures the paragraph states."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.fields.mentions import Mention
from gongkai.fields.views import View
from gongkai.schemas.records import Check, Evidence, Finding
from gongkai.schemas.vocabulary import MEASURES
from gongkai.validate.figures import interval, make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held, unjudged

_CLAIM = re.compile(
    r"决算数?\s*(?P<word>大于|小于|等于|高于|低于|超过|少于|多于)\s*(?P<base>年初|全年|调整后)?预算数?"
    r"|决算数?\s*与\s*(?P<base2>年初|全年|调整后)?预算数?\s*(?P<word2>持平|一致|相等|相同)"
    r"|决算数?\s*较\s*(?P<base3>年初|全年)?预算数?\s*(?P<word3>增加|减少)(?![（(])"
)
_GREATER = {"大于", "高于", "超过", "多于", "增加"}
_LESS = {"小于", "低于", "少于", "减少"}
_BASE = {"年初": ("budget_initial", "budget"), "全年": ("budget_full", "budget"), "调整后": ("budget_full",)}


@rule("direction_word.budget_vs_final", "direction_word", "error")
def budget_vs_final(analysis: Analysis) -> Iterator[Finding | Check]:
    """A sentence that compares the final figure with the budget (决算数大于预算数, 决算数与
    全年预算数持平, 决算数较年初预算数减少) must agree with the two figures stated just before
    it for the same subject."""
    for view, mentions in _by_view(analysis.text.mentions).items():
        for match in _CLAIM.finditer(view.text):
            word = match.group("word") or match.group("word2") or match.group("word3")
            base = match.group("base") or match.group("base2") or match.group("base3")
            before = [m for m in mentions if m.end <= match.start() and m.kind == "amount"]
            actual = next((m for m in reversed(before) if MEASURES.get(m.fact.measure) == "actual"), None)
            if actual is None:
                yield unjudged(budget_vs_final, [], "决算数未找到", [_claim_evidence(analysis, view, match)], stated=word)
                continue
            classes = _BASE.get(base or "", ("budget_full", "budget", "budget_initial"))
            budgets = [m for m in reversed(before) if MEASURES.get(m.fact.measure) in classes and m.subject == actual.subject]
            if not budgets:
                evidence = [_claim_evidence(analysis, view, match)]
                yield unjudged(budget_vs_final, [actual.fact], "对应的预算数未找到", evidence, stated=word)
                continue
            budget = budgets[0]
            a, b = interval(actual.fact), interval(budget.fact)
            if word in _GREATER:
                wrong = a.hi <= b.lo
            elif word in _LESS:
                wrong = a.lo >= b.hi
            else:
                wrong = not a.intersects(b)
            if not wrong:
                yield held(budget_vs_final, [actual.fact, budget.fact], stated=word)
                continue
            yield make_finding(
                budget_vs_final,
                f"文中说“{match.group(0)}”，但{actual.subject}决算数为{shown(actual.fact)}，"
                f"{budget.fact.measure}为{shown(budget.fact)}。",
                [actual.fact, budget.fact],
                severity="error",
            )


def _claim_evidence(analysis: Analysis, view: View, match: re.Match[str]) -> Evidence:
    """The sentence of a comparison claim, as evidence."""
    text = view.text
    first = max(text.rfind(mark, 0, match.start()) for mark in "。；;") + 1
    ends = [at for at in (text.find(mark, match.end()) for mark in "。；;") if at >= 0]
    last = min(ends) + 1 if ends else len(text)
    start, end = view.doc_range(first, last)
    return Evidence(page=analysis.document.page_at(start), quote=text[first:last].strip(), start=start, end=end)


def _by_view(mentions: list[Mention]) -> dict:  # type: ignore[type-arg]
    views: dict = {}  # type: ignore[type-arg]
    for mention in mentions:
        views.setdefault(mention.view, []).append(mention)
    return views
