"""基本支出 stated in one place against the uses that make it, listed in another.

A county budget lists its expense by use (「相应安排支出预算600.00万元，其中：人员支出…，对个人和家庭
补助支出…，公用支出…，项目支出…」) and states 基本支出 elsewhere (「（一）基本支出480.00万元」). What is
not 项目支出 is 基本支出: the uses other than 项目支出 must add up to the 基本支出 stated — when that
基本支出 and the listed 项目支出 make the same total, so that both speak of one expense.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.fields.labels import measure_class
from gongkai.schemas.records import Check, Fact, Finding, Statement
from gongkai.schemas.subjects import subject_key
from gongkai.schemas.vocabulary import FAMILIES
from gongkai.validate.certainty import Placement
from gongkai.validate.figures import amount_in, interval, make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.change_sum import in_unit
from gongkai.validate.rules.enumeration import bound_surely, parts_sum
from gongkai.validate.verdicts import held

_USES = FAMILIES["expense_use"]
_PROJECT = "项目支出"


def _uses_listed(statement: Statement) -> tuple[Fact, list[Fact]] | None:
    """The 项目支出 and the basic uses of a list of the expense by use, when every part is a use."""
    parts = statement.role("parts")
    keys = [subject_key(p.subject) for p in parts]
    if any(k not in _USES for k in keys) or keys.count(_PROJECT) != 1:
        return None
    project = parts[keys.index(_PROJECT)]
    basic = [p for p, k in zip(parts, keys, strict=True) if k != _PROJECT]
    return (project, basic) if len(basic) >= 2 else None


@rule("sum.basic_uses", "sum", "error")
def basic_uses(analysis: Analysis) -> Iterator[Finding | Check]:
    """The 基本支出 a text states must equal the uses other than 项目支出 (人员支出, 对个人和家庭补助,
    公用支出) that a list of the expense by use gives, when that 基本支出 and the list's 项目支出
    add up to the list's total (both are of one expense); each figure within its rounding."""
    placement = Placement(analysis.document)
    stated_basic = [f for f in analysis.text_facts if subject_key(f.subject) == "基本支出" and f.value_yuan is not None]
    for statement in analysis.statements_of("enumeration"):
        listed = _uses_listed(statement)
        if listed is None or not bound_surely(placement, statement):
            continue
        total, (project, uses) = statement.role("total")[0], listed
        whole = interval(total)
        for basic in stated_basic:
            if basic in statement.facts or measure_class(basic.measure) != measure_class(total.measure):
                continue
            if not (interval(basic) + interval(project)).intersects(whole):
                continue  # another 基本支出 (another fund, another year): not this expense's
            computed = parts_sum(tuple(uses))
            facts = [basic, *uses, project, total]
            if computed.intersects(interval(basic)):
                yield held(basic_uses, facts, [basic.evidence, statement.evidence], stated=shown(basic), computed=in_unit(computed, basic))
                continue
            printed = sum((u.value_yuan for u in uses), Decimal(0))  # type: ignore[misc]
            places = max(f.decimals for f in (basic, *uses))
            listed_uses = " + ".join(f"{u.subject}{shown(u)}" for u in uses)
            yield make_finding(
                basic_uses,
                f"{basic.subject}{shown(basic)}与{project.subject}{shown(project)}合为{total.subject}{shown(total)}，"
                f"但其所列{listed_uses} = {amount_in(printed, basic.unit, places)}，与基本支出相差"
                f"{amount_in(abs(basic.value_yuan - printed), basic.unit, places)}，超出四舍五入可解释的范围。",  # type: ignore[operator]
                facts,
                [basic.evidence, statement.evidence],
                stated=shown(basic),
                expected=amount_in(printed, basic.unit, places),
                difference=amount_in(abs(basic.value_yuan - printed), basic.unit, places),  # type: ignore[operator]
            )

