"""政府采购 awards to small and medium enterprises against the total procured."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.validate.figures import interval, make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held

_RESERVED = re.compile(r"面向中小企业预留")
_OTHER = re.compile(r"其他政府采购项目")


@rule("part_whole.sme_awards", "part_whole", "info")
def sme_awards(analysis: Analysis) -> Iterator[Finding | Check]:
    """Contracts awarded to small and medium enterprises in projects reserved for them and in
    other projects are disjoint parts of all procurement: together they cannot exceed the
    政府采购金额 of the year."""
    mentions = analysis.text.mentions
    totals = [m for m in mentions if m.kind == "amount" and m.fact.subject in ("政府采购",)]
    for index, mention in enumerate(mentions):
        quote = mention.view.text[mention.sentence_bounds[0] : mention.start]
        if mention.kind != "amount" or not _OTHER.search(quote):
            continue
        reserved = _reserved_award(mentions[:index], mention)
        whole = [t for t in totals if t.index < mention.index]
        if reserved is None or not whole:
            continue
        total = whole[-1].fact
        awarded = interval(reserved) + interval(mention.fact)
        if awarded.lo <= interval(total).hi:
            # stated: the whole; computed: the two awards together, in the whole's unit
            factor = MONEY_FACTORS.get(total.unit or "")
            together = awarded.scale(1 / Decimal(factor)) if factor else awarded
            yield held(sme_awards, [reserved, mention.fact, total], stated=shown(total), computed=together)
            continue
        yield make_finding(
            sme_awards,
            f"预留项目中授予中小企业{shown(reserved)}，其他项目中授予中小企业{shown(mention.fact)}，合计"
            f"{(reserved.value + mention.fact.value).quantize(Decimal(1).scaleb(-reserved.decimals))}{reserved.unit}，"
            f"超过全年政府采购金额{shown(total)}。",
            [reserved, mention.fact, total],
        )


def _reserved_award(before: list, other) -> Fact | None:  # type: ignore[no-untyped-def,type-arg]
    """The award amount stated for projects reserved for small and medium enterprises."""
    for mention in reversed(before):
        if mention.view is not other.view or mention.kind != "amount":
            continue
        quote = mention.view.text[mention.sentence_bounds[0] : mention.start]
        if _RESERVED.search(quote) and "中标" in quote:
            return mention.fact
    return None
