"""Money units printed wrong inside one statement."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Fact, Finding
from gongkai.schemas.subjects import subject_key
from gongkai.validate.figures import compound_piece, make_finding, percent, raw_at, shown
from gongkai.validate.interval import rounds_to
from gongkai.validate.registry import rule
from gongkai.validate.unit_slip import unit_reading

_WHAT = {"rate": "比率", "share": "占比", "yoy": "增减额与增减率"}


@rule("unit.statement", "unit", "warning")
def statement_unit(analysis: Analysis) -> Iterator[Finding]:
    """A rate, share or year-on-year change whose money figures are printed in two units
    (「支出8800.00元，比上年增加6900.00万元，增长363.16%」) and whose arithmetic fails as printed
    but holds once they are read in one unit: a unit is printed wrong. A warning, since the
    figures themselves agree; mixed units that agree as printed are fine."""
    for statement in analysis.statements:
        found = unit_reading(analysis, statement)
        if found is None:
            continue
        odd, unit = found
        others = [f for f in statement.facts if f.unit == unit]
        odd_text = "、".join(f"{f.subject}{shown(f)}" for f in odd)
        other_text = "、".join(shown(f) for f in others[:2])
        yield make_finding(
            statement_unit,
            f"{odd_text}与同一处的{other_text}单位不一致：按印出的单位，{_WHAT[statement.kind]}对不上；"
            f"都按{unit}理解则相符，疑为单位笔误。",
            [*odd, *others],
            [statement.evidence],
        )


@rule("unit.same_figure", "unit", "warning")
def same_figure_unit(analysis: Analysis) -> Iterator[Finding]:
    """The same figure of the same subject printed twice in the narrative with two money units
    (「项目支出1,000.00万元」 and 「项目支出1,000.00元」): the digits agree, so one unit is wrong.
    Zeros are left out (0元 is 0万元)."""
    groups: dict[tuple[str, str, Decimal], list[Fact]] = {}
    for fact in analysis.text_facts:
        if fact.unit not in MONEY_FACTORS or fact.value == 0 or not fact.subject or compound_piece(fact):
            continue
        groups.setdefault((subject_key(fact.subject), fact.measure, fact.value.normalize()), []).append(fact)
    for facts in groups.values():
        factors = Counter(MONEY_FACTORS[f.unit] for f in facts if f.unit)
        if len(factors) < 2:
            continue
        usual = max(factors, key=lambda factor: (factors[factor], factor == MONEY_FACTORS["万元"]))
        for odd in (f for f in facts if f.unit and MONEY_FACTORS[f.unit] != usual):
            other = next(f for f in facts if f.unit and MONEY_FACTORS[f.unit] == usual)
            yield make_finding(
                same_figure_unit,
                f"{odd.subject}在第{odd.evidence.page}页印为{shown(odd)}，在第{other.evidence.page}页印为{shown(other)}：数字相同而单位不同，"
                "疑为单位笔误。",
                [odd, other],
            )
_BARE_RATE = re.compile(
    r"^[，,]\s*(?:同比)?(?:增长|下降|减少|增加|降低|提高|上升|降幅|增幅)(?:了|为)?\s*(\d+(?:\.\d+)?)"
    r"(?![\d.%％‰]|\s*[万亿千百]?元|\s*[个人名辆台套项次])"
)


@rule("unit.missing_percent", "unit", "warning")
def missing_percent(analysis: Analysis) -> Iterator[Finding]:
    """A change amount followed by a bare number where its rate belongs (「减少100万元，减少9.52，」)
    that is the rate the figures give (100 ÷ 1,050 = 9.52%): the percent sign was left out."""
    from gongkai.validate.rules.yoy import implied_rate

    for statement in analysis.statements_of("yoy"):
        if statement.role("rate"):
            continue
        change = statement.role("change")[0]
        quote = change.evidence.quote
        at = raw_at(change)
        if at < 0:
            continue
        match = _BARE_RATE.match(quote[at + len(change.raw) :])
        if match is None:
            continue
        printed = Decimal(match.group(1))
        decimals = len(match.group(1).partition(".")[2])
        for current in statement.role("current"):
            implied = implied_rate(analysis, current, change)
            if implied is None or not rounds_to(implied, printed, decimals):
                continue
            finding = make_finding(
                missing_percent,
                f"{current.subject}{shown(current)}较上年变动{shown(change)}，其后印为“{match.group(0).lstrip('，,')}”，"
                f"少了百分号：按数字计算变动率为{percent(implied.mid)}，与{match.group(1)}相符。",
                [change, current],
                [statement.evidence],
                stated=match.group(1),
                expected=f"{match.group(1)}%",
            )
            yield replace(finding, figures=(match.group(1), *finding.figures))
            break
