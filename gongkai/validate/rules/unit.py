"""Money units printed wrong inside one statement."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Finding
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.unit_slip import unit_reading

_WHAT = {"rate": "比率", "share": "占比", "yoy": "增减额与增减率"}


@rule("unit.statement", "unit", "warning")
def statement_unit(analysis: Analysis) -> Iterator[Finding]:
    """A rate, share or year-on-year change whose money figures are printed in two units
    (「支出10101.76元，比上年增加7952.30万元，增长369.97%」) and whose arithmetic fails as printed
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
