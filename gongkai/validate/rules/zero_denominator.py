"""Rates computed against a base of zero (0/0, or N over a 年初预算 of 0)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Finding
from gongkai.validate.figures import make_finding, named, ratio_percent, shown
from gongkai.validate.interval import rounds_to
from gongkai.validate.registry import rule


@rule("zero_denominator.rate", "zero_denominator", "warning")
def rate_of_zero(analysis: Analysis) -> Iterator[Finding]:
    """A rate whose base is printed as 0 cannot be computed. 0 ÷ 0 printed as 0% is noted
    (info); 0 ÷ 0 printed as 100%, or N ÷ 0, is a warning — and when another budget
    figure of the same statement reproduces the rate, the message names it."""
    for statement in analysis.statements_of("rate"):
        denominators = statement.role("denominator")
        if not denominators or denominators[0].value != 0:
            continue
        result = statement.role("result")[0]
        base = denominators[0]
        numerator = statement.role("numerator")[0]
        name = statement.note or "比率"
        alternatives = [
            d
            for d in (*denominators[1:], *statement.role("alternatives"))
            if d.value != 0 and (r := ratio_percent(numerator, d)) is not None and rounds_to(r, result.value, result.decimals)
        ]
        if numerator.value == 0:
            message = f"{name}的分子和分母都是0（{named(numerator)}{shown(numerator)}，{named(base)}{shown(base)}），比率没有意义，文中印为{shown(result)}。"
            severity = "info" if result.value == 0 else "warning"
        else:
            message = f"{name}以{named(base)}{shown(base)}为分母，无法计算；文中却印为{shown(result)}"
            if alternatives:
                alt = alternatives[0]
                message += f"，这实际是{named(numerator)}{shown(numerator)}÷{named(alt)}{shown(alt)}的结果，口径与名称不符"
            message += "。"
            severity = "warning"
        facts = [result, numerator, base, *alternatives[:1]]
        yield make_finding(rate_of_zero, message, facts, [statement.evidence], severity=severity)


