"""Stated shares (占 N%) against the part and the whole they relate."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Finding
from gongkai.validate.figures import disagreement_severity, make_finding, percent, ratio_percent, shown
from gongkai.validate.interval import rounds_to, truncates_to
from gongkai.validate.registry import rule


@rule("share.stated", "share", "error")
def stated_share(analysis: Analysis) -> Iterator[Finding]:
    """A share printed as 占 N% must equal the part over the whole (the named whole, or the
    total the list belongs to), within the rounding of all three figures. A share that
    only truncation (not rounding) explains is a warning; with more than one possible
    whole and none consistent, also a warning."""
    for statement in analysis.statements_of("share"):
        result = statement.role("result")[0]
        part = statement.role("part")[0]
        wholes = [w for w in statement.role("whole") if w.value != 0 and w.fact_id != part.fact_id]
        if not wholes:
            continue
        computed = [(whole, ratio_percent(part, whole)) for whole in wholes]
        computed = [(w, c) for w, c in computed if c is not None]
        if not computed or any(rounds_to(c, result.value, result.decimals) for _, c in computed):
            continue
        whole, value = computed[0]
        certain = len({w.value for w, _ in computed}) == 1
        truncated = truncates_to(value, result.value, result.decimals)
        gap = abs(value.mid - result.value)
        message = (
            f"{part.subject}{shown(part)}占{whole.subject}{shown(whole)}的比例为{percent(value.mid, 4)}，"
            f"按{result.decimals}位小数四舍五入应为{percent(value.mid, result.decimals)}，文中印为{shown(result)}"
        )
        if truncated:
            message += "；印出的数是截尾而非四舍五入的结果"
        yield make_finding(
            stated_share,
            message + "。",
            [result, part, whole],
            [statement.evidence],
            severity=disagreement_severity(certain, truncated),
            stated=f"{result.value}%",
            expected=percent(value.mid, result.decimals),
            difference=f"{gap:.4f}",
        )
