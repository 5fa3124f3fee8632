"""The changes of a breakdown's parts against the change of its total."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding, Statement
from gongkai.validate.certainty import Placement
from gongkai.validate.figures import amount_in, interval, make_finding, raw_at, shown
from gongkai.validate.interval import Interval
from gongkai.validate.registry import rule
from gongkai.validate.rules.enumeration import bound_surely, complete_breakdown, listed_in_full, parts_sum
from gongkai.validate.rules.yoy import sure_currents
from gongkai.validate.verdicts import held, unjudged

# the reason a breakdown's changes are not judged when one of them, or its base, is not printed
_UNSTATED = "组成部分的增减额或比较基数未写明"

_BASE = re.compile(r"(?:比|较|与)(上年|\d{4}年)度?(预算执行数|执行数|预算数|预算|决算数|决算)?")


_FLAT = re.compile(r"持平|保持不变|无变化|没有变化|与上年一致")


def comparison_base(change: Fact, fiscal_year: int | None) -> str | None:
    """What a change compares with (「比上年预算」 → ``2023年预算``), from its sentence, or
    ``None`` when the sentence names no base before the change."""
    quote = change.evidence.quote
    cut = raw_at(change)
    return _base_in(quote[: cut if cut >= 0 else len(quote)], fiscal_year)


def flat_base(amount: Fact, fiscal_year: int | None) -> str | None:
    """The base an amount is stated to be unchanged from (「政府性基金拨款支出预算0万元，比2024年预算
    持平」 → ``2024年预算``), or ``None`` when its clause states no such thing."""
    quote = amount.evidence.quote
    start = raw_at(amount)
    if start < 0:
        return None
    tail = re.split(r"[；;。]", quote[start + len(amount.raw) :], maxsplit=1)[0]
    if not _FLAT.search(tail):
        return None
    return _base_in(tail, fiscal_year)


def _base_in(text: str, fiscal_year: int | None) -> str | None:
    found = list(_BASE.finditer(text))
    if not found:
        return None
    year, measure = found[-1].group(1), found[-1].group(2) or ""
    if year == "上年" and fiscal_year is not None:
        year = f"{fiscal_year - 1}年"
    measure = {"预算数": "预算", "执行数": "预算执行数", "决算数": "决算"}.get(measure, measure)
    return year + measure


def changes_by_current(analysis: Analysis) -> dict[int, Fact]:
    """The change amount of each figure a year-on-year statement is surely about: the clause's
    own subject (the change names it), or every current candidate when they have one value."""
    found: dict[int, Fact] = {}
    for statement in analysis.statements_of("yoy"):
        change = statement.role("change")[0]
        if change.unit not in MONEY_FACTORS or analysis.sign_of(change) == 0:
            continue
        for current in sure_currents(statement):
            found.setdefault(current.fact_id, change)
    return found


def in_unit(span: Interval, like: Fact) -> Interval:
    """An interval in 元 expressed in the unit of the money figure ``like``."""
    factor = MONEY_FACTORS.get(like.unit or "")
    return span.scale(1 / factor) if factor else span


def signed(analysis: Analysis, change: Fact) -> Interval:
    """The interval of a change figure with its direction's sign (减少 → negative)."""
    span = interval(change)
    return span if analysis.sign_of(change) > 0 else Interval(-span.hi, -span.lo)


@rule("sum.changes", "sum", "error")
def breakdown_changes(analysis: Analysis) -> Iterator[Finding | Check]:
    """A total broken down into its parts (「支出324,000.00万元，比上年减少1,000.00万元。其中：基本支出
    60,000.00万元，比上年增加500.00万元；项目支出…，比上年减少1,500.00万元」) changes by the sum of its
    parts' changes, when the parts add up to the total and every one of them states its change
    against the same base (上年预算, 上年执行数 …). An error when the parts are a known family listed
    in full (基本支出 + 项目支出, the 三公 items, the three funds …) bound surely to the total; a
    warning when the list only adds up."""
    fiscal_year = analysis.info.fiscal_year
    changes = changes_by_current(analysis)
    placement = Placement(analysis.document)
    for statement in analysis.statements_of("enumeration"):
        found = _checked(analysis, statement, changes, placement, fiscal_year)
        if found is None:
            continue
        total, total_change, parts, part_changes, family, stated_in_full = found
        stated_change = f"{'-' if analysis.sign_of(total_change) < 0 else ''}{shown(total_change)}"
        if not stated_in_full:
            facts = [total_change, *(c for c in part_changes if c is not None), total, *parts]
            yield unjudged(breakdown_changes, facts, _UNSTATED, [statement.evidence], stated=stated_change)
            continue
        summed = Interval.point(Decimal(0))
        for change in part_changes:
            if change is not None:
                summed = summed + signed(analysis, change)
        stated = signed(analysis, total_change)
        stated_changes = [c for c in part_changes if c is not None]
        if summed.intersects(stated):
            facts = [total_change, *stated_changes, total, *parts]
            computed = in_unit(summed, total_change)
            yield held(breakdown_changes, facts, [statement.evidence], stated=stated_change, computed=computed)
            continue
        items = "、".join(
            f"{p.subject}持平" if c is None else f"{p.subject}{'+' if analysis.sign_of(c) > 0 else '−'}{shown(c)}"
            for p, c in zip(parts, part_changes, strict=True)
        )
        printed = sum((analysis.sign_of(c) * c.value_yuan for c in stated_changes), Decimal(0))  # type: ignore[misc]
        gap = abs(printed - analysis.sign_of(total_change) * total_change.value_yuan)  # type: ignore[operator]
        places = max(c.decimals for c in (total_change, *stated_changes))
        shown_sum = amount_in(abs(printed), total_change.unit, places)
        yield make_finding(
            breakdown_changes,
            f"{total.subject}{shown(total)}较上年{'增加' if analysis.sign_of(total_change) > 0 else '减少'}{shown(total_change)}，"
            f"而其各组成部分的增减额相加为{'−' if printed < 0 else '+'}{shown_sum}（{items}），"
            f"相差{amount_in(gap, total_change.unit, places)}，超出四舍五入可解释的范围。",
            [total_change, *stated_changes, total, *parts],
            [statement.evidence],
            severity="error" if family and listed_in_full(statement, family) else "warning",
        )


def _checked(
    analysis: Analysis,
    statement: Statement,
    changes: dict[int, Fact],
    placement: Placement,
    fiscal_year: int | None,
) -> tuple[Fact, Fact, tuple[Fact, ...], list[Fact | None], str | None, bool] | None:
    """The total, its change, the parts and their changes (``None`` for a part stated 持平) of an
    enumeration this rule can judge, with the family of the parts (``None`` when they only add
    up) and whether every change and its base is printed (else the claim cannot be judged), or
    ``None`` when the enumeration makes no such claim."""
    total, parts = statement.role("total")[0], statement.role("parts")
    if len(parts) < 2 or total.fact_id not in changes or not bound_surely(placement, statement):
        return None
    if not parts_sum(parts).intersects(interval(total)):
        return None  # the parts are not the whole breakdown
    part_changes = [changes.get(p.fact_id) for p in parts]
    total_change = changes[total.fact_id]
    bases = {comparison_base(c, fiscal_year) for c in (total_change, *part_changes) if c is not None}
    bases |= {flat_base(p, fiscal_year) for p, c in zip(parts, part_changes, strict=True) if c is None}
    if all(c is None for c in part_changes) or len(bases - {None}) > 1:
        return None  # no part states a change, or they compare with different bases
    return total, total_change, parts, part_changes, complete_breakdown(parts), None not in bases


# --------------------------------------------------------------------------- income and expense

_TOTAL_SIDES = {"收入": "收入", "支出": "支出", "收入总计": "收入", "支出总计": "支出", "本年收入合计": "收入", "本年支出合计": "支出"}
_FUND_SIDE = re.compile(
    r"^(?P<prefix>[^\d收支经费项基]{0,15}?)"
    r"(?P<fund>一般公共预算|政府性基金预算|政府性基金|国有资本经营预算|财政拨款)(?:财政)?(?:拨款)?(?P<side>收入|支出)(?:预算)?$"
)
_FUNDS = {
    "一般公共预算": "一般公共预算",
    "政府性基金预算": "政府性基金",
    "政府性基金": "政府性基金",
    "国有资本经营预算": "国有资本经营预算",
    "财政拨款": "财政拨款",
}


def fund_side(subject: str) -> tuple[str, str] | None:
    """(fund, side) of a budget total by source (「一般公共预算财政拨款支出」 → 一般公共预算, 支出;
    「收入」 → 总, 收入), or ``None`` for any other subject."""
    if subject in _TOTAL_SIDES:
        return "总", _TOTAL_SIDES[subject]
    match = _FUND_SIDE.match(subject)
    if match is None:
        return None
    return _FUNDS[match.group("fund")], match.group("side")


def _clause_current(statement: Statement) -> Fact | None:
    """The figure a change's clause is about: the current candidate printed last before it."""
    change = statement.role("change")[0]
    before = [c for c in statement.role("current") if c.fact_id < change.fact_id]
    return max(before, key=lambda c: c.fact_id) if before else None


@rule("yoy.income_expense", "yoy", "error")
def income_expense_changes(analysis: Analysis) -> Iterator[Finding | Check]:
    """A budget balances each year: the income and the expense of one fund (财政拨款, 一般公共预算 …,
    or the totals) are equal this year and were equal last year, so their changes are one
    change. When a 预算 states both with the same current figure against the same base, a
    different amount or an opposite direction is an error."""
    if analysis.info.doc_type != "budget":
        return
    fiscal_year = analysis.info.fiscal_year
    seen: dict[tuple[str, Decimal, str], tuple[Fact, Fact, Statement]] = {}
    reported: set[tuple[int, int]] = set()
    for statement in analysis.statements_of("yoy"):
        change = statement.role("change")[0]
        current = _clause_current(statement)
        if current is None or current.value_yuan is None or change.unit not in MONEY_FACTORS or analysis.sign_of(change) == 0:
            continue
        found = fund_side(current.subject)
        base = comparison_base(change, fiscal_year)
        if found is None or base is None:
            continue
        fund, side = found
        key = (fund, current.value_yuan, base)
        other = seen.get(key)
        if other is None or fund_side(other[0].subject)[1] == side:  # type: ignore[index]
            seen.setdefault(key, (current, change, statement))
            continue
        other_current, other_change, other_statement = other
        pair = (other_change.fact_id, change.fact_id)
        if pair in reported:
            continue
        reported.add(pair)
        if signed(analysis, change).intersects(signed(analysis, other_change)):
            facts = [change, other_change, current, other_current]
            stated = f"{'-' if analysis.sign_of(change) < 0 else ''}{shown(change)}"
            computed = in_unit(signed(analysis, other_change), change)
            yield held(income_expense_changes, facts, [statement.evidence, other_statement.evidence], stated=stated, computed=computed)
            continue
        yield make_finding(
            income_expense_changes,
            f"{other_current.subject}{shown(other_current)}比{base}{_direction(analysis, other_change)}{shown(other_change)}，"
            f"而{current.subject}{shown(current)}比{base}{_direction(analysis, change)}{shown(change)}；"
            f"预算收支平衡，两年的收入与支出相等，增减额应相同。",
            [change, other_change, current, other_current],
            [statement.evidence, other_statement.evidence],
        )


def _direction(analysis: Analysis, change: Fact) -> str:
    return "增加" if analysis.sign_of(change) > 0 else "减少"
