"""Checks: every claim a rule evaluated, with its verdict, and the check behind each finding.

A rule yields a ``Finding`` for a claim that does not hold and may yield a ``Check`` for one
that holds (``held``) or that it could not judge (``unjudged``); ``number_checks`` turns the
findings into their checks too, numbers them in rule order, and links each finding to its
check, so findings → checks → facts join without orphans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from gongkai.schemas.records import Check, Evidence, Fact, Finding, format_decimal
from gongkai.validate.figures import UNSURE, evidence_of
from gongkai.validate.interval import Interval

# categories whose findings say a claim could not be evaluated, not that it is false
_UNJUDGEABLE = {"zero_denominator": "基数为0，比率无法计算"}


def computed_text(value: Interval | str | None, places: int = 4) -> str | None:
    """A computed interval as ``lo～hi``, widened outward to ``places`` decimals so that it still
    holds every value computed (one value when both ends print alike)."""
    if value is None or isinstance(value, str):
        return value
    quantum = Decimal(1).scaleb(-places)
    lo = format_decimal(value.lo.quantize(quantum, rounding=ROUND_FLOOR).normalize())
    hi = format_decimal(value.hi.quantize(quantum, rounding=ROUND_CEILING).normalize())
    return lo if lo == hi else f"{lo}～{hi}"


_PRINTED = re.compile(r"^[−\-+]?[\d,]+(?:\.\d+)?(?P<unit>[^\d,.]*)$")


def unit_of(stated: str | None) -> str:
    """The unit a stated figure is printed with (``258.40万元`` → ``万元``, ``6.10%`` → ``%``), or ``""``."""
    match = _PRINTED.match(stated or "")
    return match.group("unit") if match else ""


def held(
    rule: object,
    facts: Iterable[Fact],
    evidence: Iterable[Evidence] = (),
    *,
    stated: str | None = None,
    computed: Interval | str | None = None,
) -> Check:
    """A claim of ``rule`` on ``facts`` that the printed figures bear out."""
    return _check(rule, "consistent", facts, evidence, stated=stated, computed=computed)


def unjudged(
    rule: object,
    facts: Iterable[Fact],
    reason: str,
    evidence: Iterable[Evidence] = (),
    *,
    stated: str | None = None,
) -> Check:
    """A claim of ``rule`` on ``facts`` that it could not judge, and why (in Chinese)."""
    return _check(rule, "not_judged", facts, evidence, stated=stated, reason=reason)


def _check(
    rule: object,
    verdict: str,
    facts: Iterable[Fact],
    evidence: Iterable[Evidence],
    *,
    stated: str | None = None,
    computed: Interval | str | None = None,
    reason: str | None = None,
) -> Check:
    facts = tuple(facts)
    given = tuple(evidence)
    text = computed_text(computed)
    if text is not None and isinstance(computed, Interval):
        text += unit_of(stated)  # the interval is computed in the unit the stated figure is printed in
    return Check(
        rule=rule.id,  # type: ignore[attr-defined]
        category=rule.category,  # type: ignore[attr-defined]
        verdict=verdict,
        fact_ids=tuple(dict.fromkeys(f.fact_id for f in facts)),
        stated=stated,
        computed=text,
        reason=reason,
        evidence=given + tuple(e for e in evidence_of(*facts) if e not in given),
    )


def check_of(finding: Finding) -> Check:
    """The check a finding reports: ``not_judged`` when the rule was unsure of the binding or the
    claim cannot be evaluated (a zero base), else ``inconsistent``."""
    reason = finding.extra.get(UNSURE) or _UNJUDGEABLE.get(finding.category)
    return Check(
        rule=finding.rule,
        category=finding.category,
        verdict="not_judged" if reason else "inconsistent",
        fact_ids=finding.fact_ids,
        stated=finding.stated,
        computed=finding.expected,
        reason=reason,
        evidence=finding.evidence,
    )


def number_checks(results: Iterable[Finding | Check], first_id: int = 1) -> tuple[list[Finding], list[Check]]:
    """The findings and checks of some rule results, each check numbered from ``first_id``
    and each finding carrying its check's id. A result repeated (same rule, facts, verdict and
    stated value) counts once."""
    findings: list[Finding] = []
    checks: list[Check] = []
    seen: dict[tuple[object, ...], int] = {}
    for result in results:
        check = check_of(result) if isinstance(result, Finding) else result
        key = (check.rule, check.fact_ids, check.verdict, check.stated, check.computed, check.evidence[:1])
        if key not in seen:
            seen[key] = first_id + len(checks)
            checks.append(replace(check, check_id=seen[key]))
        if isinstance(result, Finding):
            findings.append(replace(result, check_id=seen[key]))
    return findings, checks
