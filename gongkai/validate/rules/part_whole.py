"""A part stated larger than its whole anywhere in the text (项目支出 above 总支出)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding, format_decimal
from gongkai.schemas.vocabulary import FORM_FUND_PARTS, MEASURES, PART_OF
from gongkai.validate.figures import UNCERTAIN_BINDING, interval, make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held, unjudged


@rule("part_whole.subject", "part_whole", "warning")
def part_exceeds_whole(analysis: Analysis) -> Iterator[Finding | Check]:
    """A figure for a part (项目支出, 基本支出, 公务接待费 …) cannot exceed the figure for its
    whole (本年支出合计, 三公经费 …) of the same measure (executed against executed,
    budget against budget) in the same unit kind — the largest such whole, when the text
    states it more than once. Reported as a warning: the two figures may come from
    different sections that use the words loosely."""
    facts = [f for f in analysis.text_facts if f.subject in PART_OF or _is_whole(f)]
    reported: set[tuple[str, str]] = set()
    for part in facts:
        wholes = [
            whole
            for whole in facts
            if whole.subject in PART_OF.get(part.subject, ())
            and MEASURES.get(part.measure) == MEASURES.get(whole.measure)
            and (part.value_yuan is None) == (whole.value_yuan is None)
        ]
        if not wholes:
            continue
        # a text may state a whole several times (年初 and 调整后 budgets): a part above the
        # largest of them is above them all
        whole = max(wholes, key=lambda f: interval(f).hi)
        if interval(part).lo <= interval(whole).hi:
            yield held(part_exceeds_whole, [part, whole], stated=shown(whole), computed=shown(part))
            continue
        key = (str(part.value), str(whole.value))
        if key in reported:
            continue
        reported.add(key)
        yield make_finding(
            part_exceeds_whole,
            f"{part.subject}{part.measure}{shown(part)}大于{whole.subject}{whole.measure}{shown(whole)}，部分不可能超过整体。",
            [part, whole],
            unsure=UNCERTAIN_BINDING,  # the two may come from sections that use the words loosely
        )


def _is_whole(fact: Fact) -> bool:
    return any(fact.subject in wholes for wholes in PART_OF.values())


def form_field(label: str | None) -> str | None:
    """The funding field a form's row label names (「项目资金（元）项目资金总额」 → 项目资金总额,
    「其中：当年财政拨款」 → 当年财政拨款), or ``None``."""
    if not label:
        return None
    text = re.sub(r"\s+", "", label)
    text = re.sub(r"^.*其中[：:]", "", text)
    fields = {*FORM_FUND_PARTS, *(p for parts in FORM_FUND_PARTS.values() for p in parts)}
    return next((f for f in sorted(fields, key=len, reverse=True) if text.endswith(f)), None)


@rule("part_whole.fund_form", "part_whole", "error")
def form_part_exceeds_whole(analysis: Analysis) -> Iterator[Finding | Check]:
    """On a project's funding form (绩效目标表: 年度资金申请总额, 其中：当年财政拨款、上年结转资金、
    其他资金), no field printed under a total can exceed it: the other parts are not negative.
    Each part is paired with the nearest total before it on the same table that it can belong
    to, so two projects on one page are never mixed."""
    last_whole: dict[tuple[int, str | None, str], Fact] = {}
    for fact in analysis.tables.facts:
        name = form_field(fact.row)
        if name is None:
            continue
        where = (fact.evidence.page, fact.table)
        if name in FORM_FUND_PARTS:
            last_whole[(*where, name)] = fact
            continue
        printed = [w for w in (last_whole.get((*where, w)) for w in FORM_FUND_PARTS if name in FORM_FUND_PARTS[w]) if w is not None]
        wholes = [w for w in printed if w.unit == fact.unit]
        if not wholes:
            if printed:
                nearest = max(printed, key=lambda w: w.fact_id)
                yield unjudged(form_part_exceeds_whole, [fact, nearest], "其中项与总额单位不同，未比较", stated=shown(nearest))
            continue
        whole = max(wholes, key=lambda w: w.fact_id)  # the nearest total before it
        if interval(fact).lo <= interval(whole).hi:
            yield held(form_part_exceeds_whole, [fact, whole], stated=shown(whole), computed=shown(fact))
            continue
        yield make_finding(
            form_part_exceeds_whole,
            f"表中“{fact.row}”{shown(fact)}大于其所属的“{whole.row}”{shown(whole)}，"
            f"多出{_excess(fact, whole)}；其中项不可能超过总额。",
            [fact, whole],
        )


def _excess(part: Fact, whole: Fact) -> str:
    return f"{format_decimal(part.value - whole.value)}{part.unit or ''}"
