"""A money unit printed wrong inside one statement (「支出8800.00元，比上年增加6900.00万元」).

A statement's money figures in two units are fine when its arithmetic holds as printed. When it
fails as printed and holds once every money figure is read in one of the units printed, the
figures are right and a unit is wrong: that is a unit slip, not a wrong rate or amount, and the
arithmetic rules leave the statement to the unit rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Fact, Statement
from gongkai.validate.figures import ratio_percent
from gongkai.validate.interval import rounds_to

_CHECKED_KINDS = ("rate", "share", "share_group", "yoy")

Roles = Callable[[str], tuple[Fact, ...]]


def _is_money(fact: Fact) -> bool:
    return fact.unit in MONEY_FACTORS


def _rate_holds(role: Roles) -> bool | None:
    result = role("result")
    pairs = [(n, d) for n in role("numerator") for d in role("denominator") if n.fact_id != d.fact_id and d.value != 0]
    if not result or not pairs:
        return None
    computed = [ratio_percent(n, d) for n, d in pairs]
    return any(c is not None and rounds_to(c, result[0].value, result[0].decimals) for c in computed)


def _share_holds(role: Roles) -> bool | None:
    result, parts, wholes = role("result"), role("part"), role("whole")
    if not result or not parts or not wholes:
        return None
    computed = [ratio_percent(p, w) for p in parts for w in wholes if w.value != 0]
    return any(c is not None and rounds_to(c, result[0].value, result[0].decimals) for c in computed)


def _group_holds(role: Roles) -> bool | None:
    from gongkai.validate.rules.share import share_of_sum_in_group

    results, parts = role("results"), role("parts")
    if not results or len(results) != len(parts):
        return None
    return all(share_of_sum_in_group(parts, index, result) for index, result in enumerate(results))


def _change_holds(analysis: Analysis, role: Roles) -> bool | None:
    from gongkai.validate.rules.yoy import implied_rate, previous_interval

    changes, currents, rates = role("change"), role("current"), role("rate")
    if not changes or not currents:
        return None
    change = changes[0]
    if not rates:
        return any(previous_interval(analysis, current, change).hi >= 0 for current in currents)
    rate = rates[0]
    for current in currents:
        implied = implied_rate(analysis, current, change)
        if implied is not None and rounds_to(implied, rate.value, rate.decimals):
            return True
    return False


def _holds(analysis: Analysis, statement: Statement, reading: dict[int, Fact]) -> bool | None:
    def role(name: str) -> tuple[Fact, ...]:
        return tuple(reading.get(f.fact_id, f) for f in statement.role(name))

    if statement.kind == "rate":
        return _rate_holds(role)
    if statement.kind == "share":
        return _share_holds(role)
    if statement.kind == "share_group":
        return _group_holds(role)
    if statement.kind == "yoy":
        return _change_holds(analysis, role)
    return None


def unit_reading(analysis: Analysis, statement: Statement) -> tuple[list[Fact], str] | None:
    """The money figures printed in a wrong unit and the unit that makes the statement hold,
    or ``None`` when its units agree, or its arithmetic holds as printed, or no one unit
    repairs it."""
    if statement.kind not in _CHECKED_KINDS:
        return None
    money = [f for f in statement.facts if _is_money(f)]
    units = sorted({f.unit for f in money if f.unit})
    if len(units) < 2 or _holds(analysis, statement, {}) is not False:
        return None
    for unit in units:
        odd = [f for f in money if f.unit != unit]
        reading = {f.fact_id: replace(f, unit=unit, value_yuan=f.value * MONEY_FACTORS[unit]) for f in odd}
        if _holds(analysis, statement, reading):
            return odd, unit
    return None


def explained_by_unit_slip(analysis: Analysis, statement: Statement) -> bool:
    """Whether a unit slip (see ``unit_reading``) explains why the statement's arithmetic fails."""
    return unit_reading(analysis, statement) is not None
