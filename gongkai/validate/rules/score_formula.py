"""Scores against the scoring formula printed beside them (得分=指标实际完成值×12)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Finding
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.interval import Interval, rounds_to
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held, unjudged

_FORMULA = re.compile(r"得分\s*[=＝]\s*(?:指标)?(?:实际)?完成值\s*[×xX*]\s*(\d+(?:\.\d+)?)")
_OTHER_SCORING = re.compile(r"得满分|得\s*\d+(?:\.\d+)?\s*分|扣\s*\d+(?:\.\d+)?\s*分|不得分|酌情")
_ACHIEVED = re.compile(r"(?P<op>[≥≧>]=?)?\s*(?P<value>\d+(?:\.\d+)?)\s*%")

# why a score could not be checked against its formula
_OTHER_CLAUSES = "评分标准另有其他计分条款，未按公式核对"
_NO_COMPLETION = "评分依据未给出唯一的完成百分比"
_MISSING_FIGURE = "分值或执行率未印出"


def _plain(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@rule("score_formula.completion", "score_formula", "warning")
def completion_formula(analysis: Analysis) -> Iterator[Finding | Check]:
    """Where the criterion says 得分 = 指标实际完成值 × N and nothing else, and the basis
    states the completion as a percentage, the score must be N × completion (capped at
    N). Criteria with other scoring clauses (得满分, 得1.5分 …) are skipped."""
    for table in analysis.tables.scores.tables:
        for row in table.rows:
            formula = _FORMULA.search(row.criterion)
            if formula is None or row.score is None:
                continue
            stated = shown(row.score)
            if _OTHER_SCORING.search(row.criterion):
                yield unjudged(completion_formula, [row.score], _OTHER_CLAUSES, [row.evidence], stated=stated)
                continue
            achieved = _ACHIEVED.findall(row.basis)
            if len(achieved) != 1:
                yield unjudged(completion_formula, [row.score], _NO_COMPLETION, [row.evidence], stated=stated)
                continue
            op, value = achieved[0]
            weight = Decimal(formula.group(1))
            completion = Interval.printed(Decimal(value), _decimals(value)).scale(weight / 100)
            if op or completion.lo >= weight:
                completion = Interval.point(weight)
            expected = min(completion.mid, weight)
            score = Interval.printed(row.score.value, row.score.decimals, exact=row.score.decimals == 0)
            if completion.intersects(score) or (row.score.decimals == 0 and rounds_to(completion, row.score.value, 0)):
                capped = Interval(min(completion.lo, weight), min(completion.hi, weight))
                yield held(completion_formula, [row.score], [row.evidence], stated=stated, computed=capped)
                continue
            yield make_finding(
                completion_formula,
                f"“{row.indicator}”的评分规则为得分=完成值×{weight}，评分依据为“{row.basis}”，"
                f"应得{_plain(expected)}分，表中得分为{shown(row.score)}。",
                [row.score],
                [row.evidence],
                stated=shown(row.score),
                expected=f"{_plain(expected)}分",
            )


@rule("score_formula.execution", "score_formula", "warning")
def execution_score(analysis: Analysis) -> Iterator[Finding | Check]:
    """In the funds block of a 绩效自评表, the score for budget execution is its points times
    the execution rate (capped at the points): 分值10、执行率95% → 得分9.5, allowing the
    rounding of the printed rate and score."""
    for row in analysis.tables.funds:
        points, rate, score = (row.facts.get(k) for k in ("points", "rate", "score"))
        if score is None:
            continue
        if points is None or rate is None:
            given = [f for f in (score, points, rate) if f is not None]
            yield unjudged(execution_score, given, _MISSING_FIGURE, [row.evidence], stated=shown(score))
            continue
        rate_interval = Interval.printed(rate.value, rate.decimals).scale(points.value / 100)
        if rate_interval.lo >= points.value:
            rate_interval = Interval.point(points.value)
        if rate_interval.hi > points.value:
            rate_interval = Interval(rate_interval.lo, points.value)
        printed = Interval.printed(score.value, score.decimals, exact=score.decimals == 0 and score.value == points.value)
        if rate_interval.intersects(printed):
            yield held(execution_score, [score, points, rate], [row.evidence], stated=shown(score), computed=rate_interval)
            continue
        expected = min(points.value * rate.value / 100, points.value)
        yield make_finding(
            execution_score,
            f"“{row.label}”分值{shown(points)}、执行率{shown(rate)}，按分值×执行率应得{_plain(expected)}分，"
            f"表中得分为{shown(score)}。",
            [score, points, rate],
            [row.evidence],
            stated=shown(score),
            expected=f"{_plain(expected)}分",
        )
