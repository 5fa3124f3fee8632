"""A part stated larger than its whole anywhere in the text (项目支出 above 总支出)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Fact, Finding
from gongkai.schemas.vocabulary import MEASURES, PART_OF
from gongkai.validate.figures import interval, make_finding, shown
from gongkai.validate.registry import rule


@rule("part_whole.subject", "part_whole", "warning")
def part_exceeds_whole(analysis: Analysis) -> Iterator[Finding]:
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
            continue
        key = (str(part.value), str(whole.value))
        if key in reported:
            continue
        reported.add(key)
        yield make_finding(
            part_exceeds_whole,
            f"{part.subject}{part.measure}{shown(part)}大于{whole.subject}{whole.measure}{shown(whole)}，部分不可能超过整体。",
            [part, whole],
        )


def _is_whole(fact: Fact) -> bool:
    return any(fact.subject in wholes for wholes in PART_OF.values())
