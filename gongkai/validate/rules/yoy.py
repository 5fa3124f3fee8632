"""Year-on-year changes: 较上年增加 X 万元，增长 Y% against the current figure."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding, Statement
from gongkai.validate.certainty import bound_with_certainty
from gongkai.validate.figures import (
    UNCERTAIN_BINDING,
    amount_in,
    compound_piece,
    disagreement_severity,
    interval,
    make_finding,
    percent,
    shown,
)
from gongkai.validate.interval import HUNDRED, Interval, rounds_to, truncates_to
from gongkai.validate.registry import rule
from gongkai.validate.unit_slip import explained_by_unit_slip
from gongkai.validate.verdicts import held, unjudged


def previous_interval(analysis: Analysis, current: Fact, change: Fact) -> Interval:
    """Last year's value implied by ``current`` and a signed ``change`` (in 元 for money)."""
    delta = interval(change)
    return interval(current) - delta if analysis.sign_of(change) > 0 else interval(current) + delta


def implied_rate(analysis: Analysis, current: Fact, change: Fact) -> Interval | None:
    """The change rate in percent implied by the figures, ``None`` when last year may be 0."""
    previous = previous_interval(analysis, current, change)
    if previous.lo <= 0:
        return None
    quotient = interval(change) / previous
    return quotient.scale(HUNDRED) if quotient else None


def zero_base(analysis: Analysis, statement: Statement) -> Fact | None:
    """The current figure for which last year's value is exactly 0, if the change implies it."""
    change = statement.role("change")[0]
    for current in statement.role("current"):
        same = (current.value_yuan, change.value_yuan) if current.value_yuan is not None else (current.value, change.value)
        if same[0] == same[1] and (current.value_yuan is not None or current.unit == change.unit) and analysis.sign_of(change) > 0:
            return current
    return None


@rule("yoy.change_rate", "yoy", "error")
def change_rate(analysis: Analysis) -> Iterator[Finding | Check]:
    """A change amount and a change rate printed together (较上年增加 X，增长 Y%) must agree
    with the current figure: Y = X ÷ (current − X). When the clause allows two current
    figures (the clause's subject or the sentence's head) the consistent one is taken; a
    rate only truncation (not rounding) explains is a warning."""
    for statement in analysis.statements_of("yoy"):
        rates = statement.role("rate")
        if not rates or zero_base(analysis, statement) is not None or explained_by_unit_slip(analysis, statement):
            continue
        rate, change = rates[0], statement.role("change")[0]
        currents = statement.role("current")
        computed = [(current, implied_rate(analysis, current, change)) for current in currents]
        computed = [(c, r) for c, r in computed if r is not None]
        if not computed:
            continue  # last year ≤ 0: the zero-base and negative-base rules'
        consistent = next(((c, r) for c, r in computed if rounds_to(r, rate.value, rate.decimals)), None)
        if consistent is not None:
            current, implied = consistent
            yield held(change_rate, [rate, change, current], [statement.evidence], stated=f"{rate.value}%", computed=implied)
            continue
        current, implied = computed[0]
        certain = len({c.value for c, _ in computed}) == 1 and bound_with_certainty(statement, current, change)
        truncated = any(truncates_to(r, rate.value, rate.decimals) for _, r in computed)
        previous = previous_interval(analysis, current, change).mid
        gap = abs(implied.mid - rate.value)
        yield make_finding(
            change_rate,
            f"{current.subject or '该项'}{shown(current)}，较上年变动{shown(change)}，则上年约为"
            f"{_amount(previous, current)}，变动率应为{percent(implied.mid)}，文中印为{shown(rate)}，"
            f"相差{percent(gap)[:-1]}个百分点{'（截断而非四舍五入可以解释）' if truncated else ''}。",
            [rate, change, current],
            [statement.evidence],
            severity=disagreement_severity(certain, explained_by_convention=truncated),
            stated=f"{rate.value}%",
            expected=percent(implied.mid),
            difference=f"{gap:.2f}",
            unsure=None if certain else UNCERTAIN_BINDING,
        )


@rule("direction_word.change", "direction_word", "error")
def change_direction(analysis: Analysis) -> Iterator[Finding | Check]:
    """The direction words of a change amount and its rate must agree: 增加…增长 or
    减少…下降, never 增加…下降."""
    for statement in analysis.statements_of("yoy"):
        rates = statement.role("rate")
        if not rates:
            continue
        change, rate = statement.role("change")[0], rates[0]
        if change.value == 0 or rate.value == 0:
            continue  # no direction to agree on
        agreement = analysis.sign_of(change) * analysis.sign_of(rate)
        if agreement > 0:
            yield held(change_direction, [change, rate], [statement.evidence])
        elif agreement < 0:
            yield make_finding(
                change_direction,
                f"变动额与变动率方向相反：金额{_word(analysis, change)}{shown(change)}，比率却{_word(analysis, rate)}{shown(rate)}。",
                [change, rate],
                [statement.evidence],
            )


_BALANCES = ("结转", "结余", "余额", "赤字")


def sure_currents(statement: Statement) -> tuple[Fact, ...]:
    """The figures a year-on-year statement is surely about: every current candidate when they
    have one value, else the first when it is the clause's own subject (the change names it),
    else none."""
    currents, change = statement.role("current"), statement.role("change")[0]
    if currents and len({c.value_yuan for c in currents}) == 1:
        return currents
    if currents and change.subject and currents[0].subject == change.subject:
        return currents[:1]
    return ()


@rule("yoy.negative_base", "yoy", "error")
def negative_base(analysis: Analysis) -> Iterator[Finding | Check]:
    """An amount that grew by more than it now is (「政府性基金拨款支出预算0万元，比上年预算增加50.00万元」)
    was negative last year, which no budget or spending can be. An error when the clause is
    about that one figure; a balance (结转、结余) is left alone, and a unit slip is the unit rule's."""
    for statement in analysis.statements_of("yoy"):
        change = statement.role("change")[0]
        if analysis.sign_of(change) <= 0 or change.value_yuan is None:
            continue
        currents = sure_currents(statement)
        if not currents:
            yield from _unsure_base(analysis, statement, change)
            continue
        current = currents[0]
        if not _judgeable(current, change):
            continue
        previous = previous_interval(analysis, current, change)
        if previous.hi >= 0:
            # last year's figure, current − change, is not negative
            yield held(negative_base, [change, current], [statement.evidence], computed=_in_unit(previous, current))
            continue
        if explained_by_unit_slip(analysis, statement):
            continue
        certain = bound_with_certainty(statement, current, change)
        yield make_finding(
            negative_base,
            f"{current.subject or '该项'}{shown(current)}，较上年增加{shown(change)}，则上年为−"
            f"{amount_in(-previous.mid, current.unit, max(current.decimals, change.decimals))}——负数，不可能；增减额或方向有误。",
            [change, current],
            [statement.evidence],
            severity="error" if certain else "warning",
            unsure=None if certain else UNCERTAIN_BINDING,
        )


def _judgeable(current: Fact, change: Fact) -> bool:
    """Whether last year's ``current`` − ``change`` must not be negative: money, not a balance
    (结转、结余 may be), and neither figure a piece of a compound amount (「4,509万1千元」 read in pieces)."""
    if current.value_yuan is None or any(word in current.subject for word in _BALANCES):
        return False
    return not (compound_piece(current) or compound_piece(change))


def _unsure_base(analysis: Analysis, statement: Statement, change: Fact) -> Iterator[Check]:
    """The check of an increase whose figure is not surely known (``negative_base`` accuses none):
    held when last year is not negative under every reading, else not judged."""
    candidates = [c for c in statement.role("current") if _judgeable(c, change)]
    if not candidates:
        return
    if all(previous_interval(analysis, c, change).hi >= 0 for c in candidates):
        yield held(negative_base, [change, *candidates], [statement.evidence])
    elif not explained_by_unit_slip(analysis, statement):
        yield unjudged(negative_base, [change, *candidates], UNCERTAIN_BINDING, [statement.evidence])


def _in_unit(span: Interval, like: Fact) -> Interval:
    """An interval in 元 expressed in the unit of the money figure ``like``."""
    factor = MONEY_FACTORS.get(like.unit or "")
    return span.scale(1 / factor) if factor else span


def _word(analysis: Analysis, fact: Fact) -> str:
    return "增加" if analysis.sign_of(fact) > 0 else "减少"


def _amount(value_yuan: Decimal, like: Fact) -> str:
    from gongkai.validate.figures import amount_in

    return amount_in(value_yuan, like.unit, like.decimals)


@rule("zero_denominator.yoy", "zero_denominator", "warning")
def growth_from_zero(analysis: Analysis) -> Iterator[Finding]:
    """A growth rate printed for a figure that was 0 last year (the increase equals the
    current figure): no growth rate exists. Printing 100% is a common convention (info);
    any other rate, such as 0%, is wrong (warning)."""
    for statement in analysis.statements_of("yoy"):
        current = zero_base(analysis, statement)
        rates = statement.role("rate")
        if current is None or not rates:
            continue
        rate, change = rates[0], statement.role("change")[0]
        conventional = rate.value == 100
        note = "习惯上写作100%，但严格说增长率不存在" if conventional else f"文中的{shown(rate)}没有意义"
        yield make_finding(
            growth_from_zero,
            f"{current.subject or '该项'}{shown(current)}较上年增加{shown(change)}，说明上年为0；"
            f"以0为基数无法计算增长率，{note}。",
            [current, change, rate],
            [statement.evidence],
            severity="info" if conventional else "warning",
        )


# --------------------------------------------------------------------------- between two years


def _signed(analysis: Analysis, rate: Fact) -> Decimal:
    return -rate.value if analysis.sign_of(rate) < 0 else rate.value


def _change_rate(current: Fact, before: Interval) -> Interval:
    """(this year − last year) ÷ last year, in percent, over the figures' rounding."""
    return ((interval(current) - before) / before).scale(HUNDRED)  # type: ignore[union-attr]


@rule("yoy.between_years", "yoy", "error")
def between_years(analysis: Analysis) -> Iterator[Finding | Check]:
    """A change rate printed between last year's and this year's figure of one sentence
    (「2023年预算执行数为80.00万元，2024年预算安排78.88万元，比2023年预算执行数减少1.40%」) must be
    (this year − last year) ÷ last year, with the direction its word says, each figure within
    its rounding. A rate that only truncation explains is a warning; a rate whose size fits but
    whose 增加/减少 does not is left to the direction-word rule."""
    for statement in analysis.statements_of("yoy_years"):
        rate, previous = statement.role("rate")[0], statement.role("previous")[0]
        before = interval(previous)
        if before.lo <= 0:
            continue  # a zero base: zero_denominator.yoy_years
        stated = _signed(analysis, rate)
        fitting = [
            c for c in statement.role("current")
            if any(rounds_to(_change_rate(c, before), s, rate.decimals) for s in (stated, -stated))
        ]
        if fitting:
            # one reading of this year's figure fits; when only its size does, the claim held is the size
            # (its direction is the other rule's)
            current = fitting[0]
            implied = _change_rate(current, before)
            if not rounds_to(implied, stated, rate.decimals):
                stated, implied = rate.value, implied.scale(Decimal(-1)) if stated > 0 else implied
            yield held(between_years, [rate, current, previous], [statement.evidence], stated=f"{stated}%", computed=implied)
            continue
        current = statement.role("current")[0]
        implied = _change_rate(current, before)
        truncated = truncates_to(implied, stated, rate.decimals)
        gap = abs(abs(implied.mid) - rate.value)
        yield make_finding(
            between_years,
            f"{previous.subject or '该项'}上年{shown(previous)}，本年{shown(current)}，变动率应为{percent(implied.mid)}，"
            f"文中印为{'减少' if stated < 0 else '增加'}{shown(rate)}，相差{percent(gap)[:-1]}个百分点"
            f"{'（截断而非四舍五入可以解释）' if truncated else ''}。",
            [rate, current, previous],
            [statement.evidence],
            severity=disagreement_severity(True, explained_by_convention=truncated),
            stated=f"{stated}%",
            expected=percent(implied.mid),
            difference=f"{gap:.2f}",
        )


@rule("direction_word.between_years", "direction_word", "error")
def between_years_direction(analysis: Analysis) -> Iterator[Finding | Check]:
    """The 增加/减少 of a rate between two years' figures must follow them: a rate whose size is
    right but whose word says the figure rose when it fell (or the other way) is wrong."""
    for statement in analysis.statements_of("yoy_years"):
        rate, previous = statement.role("rate")[0], statement.role("previous")[0]
        before = interval(previous)
        if before.lo <= 0 or rate.value == 0 or analysis.sign_of(rate) == 0:
            continue
        stated = _signed(analysis, rate)
        readings = [(c, _change_rate(c, before)) for c in statement.role("current")]
        agreeing = next(((c, i) for c, i in readings if rounds_to(i, stated, rate.decimals)), None)
        if agreeing is not None:
            current, implied = agreeing
            yield held(between_years_direction, [rate, current, previous], [statement.evidence], stated=f"{stated}%", computed=implied)
            continue
        current, implied = readings[0]
        if not rounds_to(implied, -stated, rate.decimals):
            if any(rounds_to(i, -stated, rate.decimals) for _, i in readings[1:]):
                # only another reading of this year's figure has the opposite direction
                facts = [rate, *statement.role("current"), previous]
                yield unjudged(between_years_direction, facts, UNCERTAIN_BINDING, [statement.evidence], stated=f"{stated}%")
            continue  # the size is wrong too: yoy.between_years reports it
        yield make_finding(
            between_years_direction,
            f"本年{shown(current)}比上年{shown(previous)}{'增加' if implied.mid > 0 else '减少'}，"
            f"文中却写{'减少' if stated < 0 else '增加'}{shown(rate)}。",
            [rate, current, previous],
            [statement.evidence],
        )


@rule("zero_denominator.yoy_years", "zero_denominator", "warning")
def between_years_from_zero(analysis: Analysis) -> Iterator[Finding]:
    """A change rate against last year's figure of 0 (「上年执行数为0万元，……增加100.00%」): no
    rate exists. Printing 100% is a common convention (info); any other rate is wrong (warning)."""
    for statement in analysis.statements_of("yoy_years"):
        rate, current, previous = (statement.role(r)[0] for r in ("rate", "current", "previous"))
        if previous.value != 0:
            continue
        conventional = rate.value == 100
        note = "习惯上写作100%，但严格说增长率不存在" if conventional else f"文中的{shown(rate)}没有意义"
        yield make_finding(
            between_years_from_zero,
            f"上年为{shown(previous)}，本年{shown(current)}；以0为基数无法计算变动率，{note}。",
            [rate, current, previous],
            [statement.evidence],
            severity="info" if conventional else "warning",
        )
