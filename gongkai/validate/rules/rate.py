"""Stated completion, execution and control rates against the figures they divide."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding, Statement
from gongkai.schemas.vocabulary import MEASURES
from gongkai.validate.certainty import bound_with_certainty
from gongkai.validate.figures import (
    UNCERTAIN_BINDING,
    disagreement_severity,
    make_finding,
    named,
    percent,
    ratio_percent,
    shown,
)
from gongkai.validate.interval import rounds_to, truncates_to
from gongkai.validate.registry import rule
from gongkai.validate.unit_slip import explained_by_unit_slip
from gongkai.validate.verdicts import held, unjudged


def rate_pairs(statement: Statement) -> Iterator[tuple[Fact, Fact]]:
    """(numerator, denominator) candidates of a rate statement with a non-zero base."""
    for numerator in statement.role("numerator"):
        for denominator in statement.role("denominator"):
            if numerator.fact_id != denominator.fact_id and denominator.value != 0:
                yield numerator, denominator


def consistent_pair(statement: Statement) -> tuple[Fact, Fact] | None:
    """The first (numerator, denominator) pair that reproduces the stated rate."""
    result = statement.role("result")[0]
    for numerator, denominator in rate_pairs(statement):
        computed = ratio_percent(numerator, denominator)
        if computed is not None and rounds_to(computed, result.value, result.decimals):
            return numerator, denominator
    return None


@rule("rate.stated", "rate", "error")
def stated_rate(analysis: Analysis) -> Iterator[Finding | Check]:
    """A stated rate (完成率, 执行率, 控制率, 完成…预算的 N%) must equal its numerator over its
    denominator, within the rounding of all three figures. When the text allows several
    bindings the rule accepts any consistent one; it reports an error only when every
    binding disagrees and the figures are unambiguous, a warning otherwise."""
    for statement in analysis.statements_of("rate"):
        result = statement.role("result")[0]
        denominators = statement.role("denominator")
        if not denominators or not statement.role("numerator"):
            yield unjudged(stated_rate, statement.facts, "比率的分子或分母未找到", [statement.evidence], stated=f"{result.value}%")
            continue
        if denominators[0].value == 0:
            continue  # a zero base is the zero_denominator rule's
        pair = consistent_pair(statement)
        if pair is not None:
            computed = ratio_percent(*pair)
            yield held(stated_rate, [result, *pair], [statement.evidence], stated=f"{result.value}%", computed=computed)
            continue
        if explained_by_unit_slip(analysis, statement):
            continue  # the unit rule reports it
        pairs = list(rate_pairs(statement))
        if not pairs:
            continue
        numerator, denominator = pairs[0]
        computed = ratio_percent(numerator, denominator)
        if computed is None:
            continue
        certain = len({(n.value, n.unit, d.value, d.unit) for n, d in pairs}) == 1 and bound_with_certainty(statement, numerator, denominator)
        truncated = truncates_to(computed, result.value, result.decimals)
        value = computed.mid
        gap = abs(value - result.value)
        name = statement.note or "比率"
        message = (
            f"{name}印为{shown(result)}，但{named(numerator)}{shown(numerator)}÷{named(denominator)}"
            f"{shown(denominator)}={percent(value)}，相差{percent(gap)[:-1]}个百分点"
        )
        if truncated:
            message += "（按截尾而非四舍五入可得印出的数，属取舍口径问题）"
        elif not certain:
            message += "（文中可对应的数字不止一组，均算不出印出的比率）"
        yield make_finding(
            stated_rate,
            message + "。",
            [result, numerator, denominator],
            [statement.evidence],
            severity=disagreement_severity(certain, truncated),
            stated=f"{result.value}%",
            expected=percent(value),
            difference=f"{gap:.2f}",
            unsure=None if certain else UNCERTAIN_BINDING,
        )
    bound = {f.fact_id for statement in analysis.statements_of("rate") for f in statement.facts}
    for fact in analysis.text_facts:
        if MEASURES.get(fact.measure) == "rate" and fact.measure != "得分率" and fact.fact_id not in bound:
            yield unjudged(stated_rate, [fact], "比率的分子或分母未找到", stated=f"{fact.value}%")


def _names_its_base(statement: Statement) -> bool:
    return any(word in (statement.note or "") for word in ("年初", "全年", "调整"))


@rule("cross_text.rate_bases", "cross_text", "warning")
def rate_bases(analysis: Analysis) -> Iterator[Finding]:
    """Two stated rates for the same executed amount against different bases (e.g. 712.50%
    of the 年初预算 and 100% of the 调整预算) are flagged so the reader sees both
    denominators: one of them does not measure what its name says."""
    resolved: list[tuple[Statement, Fact, Fact, Fact]] = []
    for statement in analysis.statements_of("rate"):
        pair = consistent_pair(statement)
        if pair is not None:
            resolved.append((statement, statement.role("result")[0], *pair))
    reported: set[tuple[Decimal, Decimal, Decimal, Decimal]] = set()
    for i, (first, rate_a, num_a, den_a) in enumerate(resolved):
        for second, rate_b, num_b, den_b in resolved[i + 1 :]:
            if num_a.value != num_b.value or num_a.unit != num_b.unit:
                continue
            if num_a.subject and num_b.subject and num_a.subject != num_b.subject:
                continue
            if den_a.value == den_b.value or rate_a.value == rate_b.value:
                continue
            if _names_its_base(first) and _names_its_base(second):
                continue  # 完成年初预算的…，完成全年预算的…: two rates, each saying what it divides by
            key = (rate_a.value, den_a.value, rate_b.value, den_b.value)
            if key in reported:
                continue
            reported.add(key)
            yield make_finding(
                rate_bases,
                f"同一执行数{shown(num_a)}给出两个比率：{shown(rate_a)}（以{named(den_a)}{shown(den_a)}为分母）"
                f"和{shown(rate_b)}（以{named(den_b)}{shown(den_b)}为分母）；两个口径只能有一个是“预算执行率”。",
                [rate_a, rate_b, num_a, den_a, den_b],
                [first.evidence, second.evidence],
            )
