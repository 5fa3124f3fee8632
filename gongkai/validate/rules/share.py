"""Stated shares (占 N%) against the part and the whole they relate."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.validate.certainty import bound_with_certainty
from gongkai.validate.figures import (
    UNCERTAIN_BINDING,
    amount_in,
    disagreement_severity,
    interval,
    make_finding,
    percent,
    ratio_percent,
    shown,
)
from gongkai.validate.interval import HUNDRED, Interval, rounds_to, truncates_to
from gongkai.validate.registry import rule
from gongkai.validate.unit_slip import explained_by_unit_slip
from gongkai.validate.verdicts import held, unjudged

# the reason a share against a whole printed as 0 is not judged (no zero_denominator rule covers shares)
_ZERO_WHOLE = "基数为0，比率无法计算"
# the reason a share of listed parts is not judged when a part is not a positive figure
_NOT_POSITIVE = "所列各项含0或负数，比例无法计算"


@rule("share.stated", "share", "error")
def stated_share(analysis: Analysis) -> Iterator[Finding | Check]:
    """A share printed as 占 N% must equal the part over the whole (the named whole, or the
    total the list belongs to), within the rounding of all three figures. A share that
    only truncation (not rounding) explains is a warning; with more than one possible
    whole and none consistent, also a warning."""
    for statement in analysis.statements_of("share"):
        result = statement.role("result")[0]
        part = statement.role("part")[0]
        wholes = [w for w in statement.role("whole") if w.value != 0 and w.fact_id != part.fact_id]
        if not wholes:
            if any(w.value == 0 for w in statement.role("whole")):
                yield unjudged(stated_share, statement.facts, _ZERO_WHOLE, [statement.evidence], stated=f"{result.value}%")
            continue
        computed = [(whole, ratio_percent(part, whole)) for whole in wholes]
        computed = [(w, c) for w, c in computed if c is not None]
        if not computed:
            yield unjudged(stated_share, statement.facts, "基数可能为0，比率无法计算", [statement.evidence], stated=f"{result.value}%")
            continue
        consistent = next(((w, c) for w, c in computed if rounds_to(c, result.value, result.decimals)), None)
        if consistent is not None:
            whole, value = consistent
            yield held(stated_share, [result, part, whole], [statement.evidence], stated=f"{result.value}%", computed=value)
            continue
        if explained_by_unit_slip(analysis, statement):
            continue
        whole, value = computed[0]
        certain = len({w.value for w, _ in computed}) == 1 and bound_with_certainty(statement, part, whole)
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
            unsure=None if certain else UNCERTAIN_BINDING,
        )


@rule("share.of_listed_parts", "share", "error")
def share_of_listed_parts(analysis: Analysis) -> Iterator[Finding | Check]:
    """Shares of one whole listed together whose whole is printed nowhere, and which add up
    to 100% (「因公出国（境）费支出30万元，占“三公”经费的12.50%；…200.40万元，占83.50%；…9.60万元，占
    4.00%」): the parts are the whole breakdown, so each share must be its part over the parts'
    sum, within the rounding of every figure. A share only truncation explains is a warning.

    A whole number beside figures of two decimals (「30万元」 beside 「200.40万元」) may be a
    rounded figure or an exact one printed without its 「.00」: the error test reads it as
    printed; when only the exact reading contradicts the share, a warning says so."""
    for statement in analysis.statements_of("share_group"):
        results, parts = statement.role("results"), statement.role("parts")
        if explained_by_unit_slip(analysis, statement):
            continue
        places = max(p.decimals for p in parts)
        readings = (
            ([interval(p) for p in parts], False),
            ([interval(replace(p, decimals=places)) for p in parts], True),
        )
        for index, (result, part) in enumerate(zip(results, parts, strict=True)):
            values = [_share_of_sum(spans[index], _sum_except(spans, index)) for spans, _ in readings]
            for value, (_, padded) in zip(values, readings, strict=True):
                if value is None or rounds_to(value, result.value, result.decimals):
                    continue
                truncated = truncates_to(value, result.value, result.decimals)
                whole_numbers = "、".join(shown(p) for p in parts if p.decimals < places)
                printed_whole = _printed_sum(parts, part)
                yield make_finding(
                    share_of_listed_parts,
                    f"所列各项之和为{printed_whole}，{part.subject}{shown(part)}占其{percent(value.mid, 4)}，"
                    f"按{result.decimals}位小数四舍五入应为{percent(value.mid, result.decimals)}，文中印为{shown(result)}"
                    f"{'；印出的数是截尾而非四舍五入的结果' if truncated else ''}"
                    f"{f'（按{whole_numbers}为整数计；若其为四舍五入到整数的数则无法判断）' if padded else ''}。",
                    [result, *parts],
                    [statement.evidence],
                    severity=disagreement_severity(not padded, truncated),
                    stated=f"{result.value}%",
                    expected=percent(value.mid, result.decimals),
                    # only the exact reading of a whole number contradicts the share: not a judgement
                    unsure=UNCERTAIN_BINDING if padded else None,
                )
                break
            else:
                # every reading reproduces the share (held), or some part is not a positive figure
                if all(v is not None for v in values):
                    yield held(share_of_listed_parts, [result, *parts], [statement.evidence], stated=f"{result.value}%", computed=values[0])
                else:
                    yield unjudged(share_of_listed_parts, [result, *parts], _NOT_POSITIVE, [statement.evidence], stated=f"{result.value}%")


def share_of_sum_in_group(parts: tuple[Fact, ...], index: int, result: Fact) -> bool:
    """Whether the printed share ``result`` of part ``index`` is its part over the parts' sum,
    the figures read as printed (the test ``share.of_listed_parts`` accuses on)."""
    spans = [interval(p) for p in parts]
    value = _share_of_sum(spans[index], _sum_except(spans, index))
    return value is not None and rounds_to(value, result.value, result.decimals)


def _printed_sum(parts: tuple[Fact, ...], like: Fact) -> str:
    """The parts' printed sum in the unit of ``like`` (money in mixed units converted)."""
    factor = MONEY_FACTORS.get(like.unit or "")
    if factor and all(p.value_yuan is not None for p in parts):
        return amount_in(sum((p.value_yuan for p in parts), Decimal(0)), like.unit, max(p.decimals for p in parts))  # type: ignore[misc]
    return f"{sum((p.value for p in parts), Decimal(0))}{like.unit or ''}"


def _sum_except(spans: list[Interval], index: int) -> Interval:
    """The sum of every interval but one."""
    total = Interval.point(Decimal(0))
    for other, span in enumerate(spans):
        if other != index:
            total = total + span
    return total


def _share_of_sum(part: Interval, rest: Interval) -> Interval | None:
    """``part / (part + rest)`` in percent, the part counted once: the quotient grows with the
    part and falls with the rest, so its ends are ``lo/(lo + rest.hi)`` and ``hi/(hi + rest.lo)``.
    ``None`` unless every figure is positive."""
    if part.lo <= 0 or rest.lo < 0:
        return None
    return Interval(part.lo / (part.lo + rest.hi), part.hi / (part.hi + rest.lo)).scale(HUNDRED)
