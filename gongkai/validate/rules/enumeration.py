"""Totals and the parts listed under them (其中 …): sums, parts exceeding the whole, units."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding, Statement
from gongkai.schemas.subjects import subject_key
from gongkai.schemas.vocabulary import FAMILIES, FAMILY_CORE, canonical_subject, family_of
from gongkai.validate.certainty import Placement
from gongkai.validate.figures import (
    ROUGH_FIGURE,
    UNCERTAIN_BINDING,
    amount_in,
    approximate,
    interval,
    make_finding,
    shown,
)
from gongkai.validate.interval import Interval
from gongkai.validate.registry import rule
from gongkai.validate.rules.table_sum import sum_in_unit
from gongkai.validate.verdicts import held, unjudged

# the reason of the check of a list whose parts may not be the total's, and that does not add up
UNSURE_PARTS = "所列各项是否属于该总数不确定，未下结论"
# the reason of the check of a list that may leave an item out and falls short of its total
MAYBE_PARTIAL = "所列项目可能不全，少于总数未必有误，未下结论"


def parts_sum(parts: tuple[Fact, ...]) -> Interval:
    """The interval of the sum of the parts (n half-units of slack for n parts)."""
    total = Interval.point(Decimal(0))
    for part in parts:
        total = total + interval(part)
    return total


def complete_breakdown(parts: tuple[Fact, ...]) -> str | None:
    """The family whose members the parts are, when they form a breakdown of one total.

    At least two parts must belong to one family (基本支出 + 项目支出, 货物 + 工程 + 服务 …),
    and any other part must be zero or a catch-all (其他…).
    """
    for name, members in FAMILIES.items():
        inside = [p for p in parts if subject_key(p.subject) in members]
        if len(inside) < 2:
            continue
        outside = [p for p in parts if p not in inside]
        if all(p.value == 0 or p.subject.startswith("其他") for p in outside):
            return name
    return None


def listed_in_full(statement: Statement, family: str) -> bool:
    """Whether a breakdown claims to be complete: introduced as a whole (具体构成为 …), or
    listing the family's core members, or ending with a catch-all (其他…)."""
    parts = statement.role("parts")
    if statement.listed_whole:
        return True
    listed = {subject_key(p.subject) for p in parts}
    return FAMILY_CORE.get(family, frozenset()) <= listed or any(p.subject.startswith("其他") for p in parts)


def lists_a_sibling(statement: Statement) -> bool:
    """Whether a "part" is a sibling of the total (公务接待费 listed under 公务用车购置及运行维护费:
    both are parts of 三公经费), which shows the list ran past the total's own parts."""
    total = subject_key(statement.role("total")[0].subject)
    family = family_of(total)
    if family is None:
        return False
    return any(family_of(subject_key(p.subject)) == family and subject_key(p.subject) != total for p in statement.role("parts"))


def lists_subtotals(parts: tuple[Fact, ...]) -> bool:
    """Whether a "part" is the sum of the parts just before or just after it (「国内旅费270千元、
    货物运费6千元，合共276千元」; 「1.补助…编列1,900千元，包括：（1）300千元（2）1,600千元」): the
    list mixes items and their subtotals, so it is no flat list of parts."""
    for k, part in enumerate(parts):
        target = interval(part)
        for step in (-1, 1):
            run = Interval.point(Decimal(0))
            j = k + step
            while 0 <= j < len(parts):
                run = run + interval(parts[j])
                if abs(j - k) >= 2 and run.intersects(target):
                    return True
                j += step
    return False


def bound_surely(placement: Placement, statement: Statement) -> bool:
    """Whether the parts of an enumeration are surely the total's: printed with it, none a
    sibling of the total, no subtotal among them."""
    return (
        placement.enumeration(statement).certain
        and not lists_a_sibling(statement)
        and not lists_subtotals(statement.role("parts"))
    )


def named_parts(statement: Statement) -> bool:
    """Whether every part is a subject the vocabulary knows (基本支出, 公务接待费 …): then it is
    surely a part of the total, not an amount the list's text mentions in passing."""
    return all(canonical_subject(subject_key(p.subject)) is not None for p in statement.role("parts"))


def mixed_units(statement: Statement) -> list[Fact]:
    """Parts printed in a money unit other than the total's."""
    total = statement.role("total")[0]
    return [p for p in statement.role("parts") if p.unit in MONEY_FACTORS and total.unit in MONEY_FACTORS and p.unit != total.unit]


def unit_slip(statement: Statement) -> tuple[list[Fact], bool]:
    """Parts in another money unit when the figures disagree as printed, and whether reading
    those parts in the total's unit makes them agree (a slip such as 6万元，其中：公务接待费6元).

    Returns ``([], False)`` when the units agree, or disagree but add up as printed.
    """
    odd = mixed_units(statement)
    if not odd:
        return [], False
    total, parts = statement.role("total")[0], statement.role("parts")
    complete = complete_breakdown(parts) is not None
    printed = parts_sum(parts)
    repaired = Interval.point(Decimal(0))
    for part in parts:
        base = Interval.printed(part.value, part.decimals, exact=part.exact)
        unit = total.unit if part in odd else part.unit
        repaired = repaired + base.scale(MONEY_FACTORS[unit])  # type: ignore[index]
    stated = interval(total)
    if complete:
        return (odd, repaired.intersects(stated)) if not printed.intersects(stated) else ([], False)
    if printed.lo > stated.hi:  # the parts exceed the total as printed
        return odd, repaired.lo <= stated.hi
    # a partial list that adds up to the total exactly once the odd unit is corrected
    if repaired.intersects(stated) and not printed.intersects(stated):
        return odd, True
    return [], False


def enumeration_check(check: object, statement: Statement, consistent: bool) -> Check:
    """The check of a total and its listed parts that yields no finding: held when the figures
    bear the claim out (``consistent``), else not judged (the parts may not be the total's)."""
    total, parts = statement.role("total")[0], list(statement.role("parts"))
    if consistent:
        return held(check, [total, *parts], [statement.evidence], stated=shown(total), computed=sum_in_unit(parts, total))
    return unjudged(check, [total, *parts], UNSURE_PARTS, [statement.evidence], stated=shown(total))


@rule("sum.breakdown", "sum", "error")
def breakdown_sum(analysis: Analysis) -> Iterator[Finding | Check]:
    """A total followed by its complete breakdown (其中：基本支出 …，项目支出 …; 货物、工程、
    服务; 行政编制、事业编制 …) must equal the sum of the parts, allowing each printed
    figure its rounding. Breakdowns with a part in another unit are left to the unit rule."""
    placement = Placement(analysis.document)
    for statement in analysis.statements_of("enumeration"):
        total, parts = statement.role("total")[0], statement.role("parts")
        family = complete_breakdown(parts)
        if family is None or unit_slip(statement)[0]:
            continue  # a partial list is parts_exceed's, a part in another unit the unit rule's
        computed = parts_sum(parts)
        stated = interval(total)
        if not bound_surely(placement, statement) or computed.intersects(stated):
            yield enumeration_check(breakdown_sum, statement, computed.intersects(stated))
            continue
        full = listed_in_full(statement, family)
        # 其中 may leave an item out: falling short of the total is then no contradiction
        partial = not full and computed.hi < stated.lo
        rough = any(approximate(f) for f in (total, *parts))
        severity = "warning" if partial or rough else "error"
        gap = stated.gap(computed)
        listed = " + ".join(f"{p.subject}{shown(p)}" for p in parts)
        printed = sum((p.value_yuan if p.value_yuan is not None else p.value for p in parts), Decimal(0))
        stated_value = total.value_yuan if total.value_yuan is not None else total.value
        decimals = max(total.decimals, *(p.decimals for p in parts))
        slack = abs(stated_value - printed) - gap
        why = f"，四舍五入最多只能解释{amount_in(slack, total.unit, decimals + 1)}" if slack > 0 else ""
        missing = ("" if full else "；所列项目可能不全") + ("；数字印为约数" if rough else "")
        yield make_finding(
            breakdown_sum,
            f"{total.subject}{shown(total)}，其中{listed} = {amount_in(printed, total.unit, decimals)}，"
            f"与总数相差{amount_in(abs(stated_value - printed), total.unit, decimals)}{why}{missing}。",
            [total, *parts],
            [statement.evidence],
            severity=severity,
            stated=shown(total),
            expected=amount_in(computed.mid, total.unit, total.decimals),
            unsure=MAYBE_PARTIAL if partial else ROUGH_FIGURE if rough else None,
        )


@rule("part_whole.parts_exceed", "part_whole", "error")
def parts_exceed(analysis: Analysis) -> Iterator[Finding | Check]:
    """Parts listed under a total (其中 …) cannot add up to more than the total, even when
    the list is not complete. Only parts printed with their total — in its passage, or in
    the list its passage opens (「其中：」 then （一）（二）…) — count as its parts, and a list
    holding subtotals of its own items is no flat list. An error when every part is a named
    budget subject, a warning when some part is an item the vocabulary does not know (the
    text may mention an amount that is not a part)."""
    placement = Placement(analysis.document)
    for statement in analysis.statements_of("enumeration"):
        total, parts = statement.role("total")[0], statement.role("parts")
        if complete_breakdown(parts) is not None or unit_slip(statement)[0]:
            continue  # a complete breakdown is breakdown_sum's, a part in another unit the unit rule's
        computed = parts_sum(parts)
        stated = interval(total)
        if not bound_surely(placement, statement) or computed.lo <= stated.hi:
            yield enumeration_check(parts_exceed, statement, computed.lo <= stated.hi)
            continue
        listed = " + ".join(shown(p) for p in parts)
        named = named_parts(statement)
        yield make_finding(
            parts_exceed,
            f"“其中”所列各项之和{listed}大于总数{total.subject}{shown(total)}"
            f"{'' if named else '（所列各项未必都是总数的组成部分，请核对）'}。",
            [total, *parts],
            [statement.evidence],
            severity="error" if named else "warning",
            unsure=None if named else UNCERTAIN_BINDING,
        )


@rule("unit.breakdown", "unit", "warning")
def breakdown_unit(analysis: Analysis) -> Iterator[Finding]:
    """A part of a breakdown printed in another money unit than its total (6万元，其中：公务接待费
    6元) is flagged when the figures disagree as printed and agree once that part is read
    in the total's unit. Mixed units that add up as printed are fine."""
    for statement in analysis.statements_of("enumeration"):
        total = statement.role("total")[0]
        odd, slip = unit_slip(statement)
        for part in odd:
            message = f"{part.subject}印为{shown(part)}，而总数{total.subject}为{shown(total)}，单位不一致"
            if slip:
                message += f"；按{total.unit}理解，{part.value}{total.unit}与总数相符，疑为单位笔误"
            yield make_finding(breakdown_unit, message + "。", [part, total], [part.evidence, statement.evidence])
