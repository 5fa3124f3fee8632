"""The same figure stated twice in the running text, printed differently.

A report often repeats a figure: the 基本支出 of the overview comes back in the section on
基本支出, a 科目's heading amount comes back in its sentence. Two prints of one named figure
that differ by what a slip of the pen makes — one digit, two neighbouring digits swapped, or
less than 1 % — are flagged. Figures far apart under one label are left alone: the label
then names two things (the 基本支出 of all funds and of the general budget, a 合计 per 款).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.fields.labels import measure_class
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.schemas.subjects import subject_key
from gongkai.schemas.vocabulary import canonical_subject
from gongkai.validate.figures import figure, make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.cross_text_table import item_candidates
from gongkai.validate.table_arith import equal_fields, equal_mismatch
from gongkai.validate.verdicts import held

_MEASURES = {"预算数", "决算数", "年初预算数", "全年预算数", "调整预算数", "金额"}
_CLOSE = Decimal("0.01")  # a relative difference below this is a misprint, not another scope


def slip_of_the_pen(a: Fact, b: Fact) -> bool:
    """Whether two prints differ as a misprint does: in one digit, by two neighbouring digits
    swapped, or by less than 1 % of the larger."""
    x, y = figure(a).replace(".", ""), figure(b).replace(".", "")
    if a.decimals == b.decimals and len(x) == len(y):
        differ = [i for i in range(len(x)) if x[i] != y[i]]
        if len(differ) == 1:
            return True
        if len(differ) == 2 and differ[1] == differ[0] + 1 and x[differ[0]] == y[differ[1]] and x[differ[1]] == y[differ[0]]:
            return True
    va, vb = a.value_yuan, b.value_yuan
    if va is None or vb is None or max(abs(va), abs(vb)) == 0:
        return False
    return abs(va - vb) < _CLOSE * max(abs(va), abs(vb))


def named_figure(analysis: Analysis, fact: Fact) -> str | None:
    """The key of a figure that names one thing of the report — a subject of the vocabulary
    (基本支出, 公务接待费 …), or a 科目 (类/款/项) that the report's tables list once — with its
    measure and period; ``None`` for any other label, which may name a different thing each
    time it is printed (the items of each work plan of a Taiwanese budget)."""
    if fact.value_yuan is None or fact.measure not in _MEASURES:
        return None
    key = subject_key(fact.subject)
    if fact.level:
        rows = {row.code for _, row, _, exact in item_candidates(analysis, fact) if exact}
        if len(rows) != 1:
            return None
        key = f"{rows.pop()}"
    elif canonical_subject(key) is None:
        return None
    return f"{key}|{fact.level or ''}|{measure_class(fact.measure)}|{fact.period or ''}"


@rule("cross_text.same_figure", "cross_text", "warning")
def same_figure(analysis: Analysis) -> Iterator[Finding | Check]:
    """A named figure (a subject of the vocabulary or a 科目, one measure, one year) printed
    twice in the text must be printed alike, within rounding. Prints that differ by a slip of
    the pen are a warning naming both; prints far apart are taken as two different scopes
    under one label and not compared."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in analysis.text_facts:
        key = named_figure(analysis, fact)
        if key is not None:
            groups[key].append(fact)
    for facts in groups.values():
        first = facts[0]
        for other in facts[1:]:
            difference = equal_mismatch(first, other)
            if difference is None:
                if other.evidence.start != first.evidence.start:
                    yield held(same_figure, [first, other], [first.evidence, other.evidence], stated=shown(other), computed=shown(first))
                continue
            if not slip_of_the_pen(first, other):
                continue
            yield make_finding(
                same_figure,
                f"正文两处给出{first.subject}：第{first.evidence.page}页为{shown(first)}，第{other.evidence.page}页为{shown(other)}，"
                "相差超出四舍五入；两处所指若为同一数字，必有一处印错。",
                [other, first],
                [other.evidence, first.evidence],
                **equal_fields(other, first, difference),
            )
