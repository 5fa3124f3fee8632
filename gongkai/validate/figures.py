"""Helpers the rules share: a fact's interval, how it prints, and finding construction."""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Evidence, Fact, Finding, format_decimal
from gongkai.validate.interval import HUNDRED, Interval, show


def interval(fact: Fact, in_yuan: bool = True) -> Interval:
    """The values a printed fact may stand for (money in 元 when ``in_yuan``)."""
    base = Interval.printed(fact.value, fact.decimals, exact=fact.exact)
    factor = MONEY_FACTORS.get(fact.unit or "") if in_yuan else None
    return base.scale(factor) if factor else base


def ratio_percent(numerator: Fact, denominator: Fact) -> Interval | None:
    """``numerator / denominator`` in percent as an interval, ``None`` if the base may be 0."""
    quotient = interval(numerator) / interval(denominator)
    return quotient.scale(HUNDRED) if quotient is not None else None


def figure(fact: Fact) -> str:
    """The fact's number as printed (no unit, no thousands separators)."""
    return format_decimal(fact.value)


def named(fact: Fact) -> str:
    """A fact's subject and measure for a message (``项目支出年初预算数``), without repeats."""
    measure = "" if fact.measure in ("金额", "数量", "人数") or fact.measure in fact.subject else fact.measure
    return f"{fact.subject}{measure}" if fact.subject else fact.measure


def shown(fact: Fact) -> str:
    """The fact as a reader saw it: number and unit (``352.36万元``, ``80%``)."""
    return f"{format_decimal(fact.value)}{fact.unit or ''}"


def amount_in(value_yuan: Decimal, unit: str | None, decimals: int) -> str:
    """An amount in 元 shown in ``unit`` with ``decimals`` places."""
    factor = MONEY_FACTORS.get(unit or "")
    if factor:
        return f"{show(value_yuan / factor, decimals)}{unit}"
    return f"{show(value_yuan, decimals)}{unit or ''}"


def percent(value: Decimal, decimals: int = 2) -> str:
    """A percentage for messages."""
    return f"{show(value, decimals)}%"


def disagreement_severity(certain: bool, explained_by_convention: bool = False) -> str:
    """``error`` for figures that disagree under the one possible reading; ``warning`` when
    the text allows other readings, or a printing convention (truncation) explains the gap."""
    return "error" if certain and not explained_by_convention else "warning"


def evidence_of(*facts: Fact) -> tuple[Evidence, ...]:
    """The distinct evidence of some facts, in order."""
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for fact in facts:
        key = (fact.evidence.start, fact.evidence.end)
        if key not in seen:
            seen.add(key)
            out.append(fact.evidence)
    return tuple(out)


# the finding extra naming why a disagreement is not a judgement (the binding is not certain)
UNSURE = "not_judged_reason"
# the reason recorded when a rule reports a disagreement as a warning for want of certainty
UNCERTAIN_BINDING = "数字的对应关系不确定，未下结论"


def make_finding(
    rule: object,
    message: str,
    facts: tuple[Fact, ...] | list[Fact],
    evidence: tuple[Evidence, ...] | list[Evidence] = (),
    *,
    severity: str | None = None,
    stated: str | None = None,
    expected: str | None = None,
    difference: str | None = None,
    unsure: str | None = None,
) -> Finding:
    """A finding of ``rule`` citing ``facts`` (figures as printed) and its evidence; ``unsure``
    names why its check is ``not_judged`` (the figures disagree, but their binding is not certain).

    An error that rests on a figure printed as approximate (约300万元, 30%左右) is a warning: the
    text does not claim the precision the arithmetic holds it to."""
    severity = severity or rule.severity  # type: ignore[attr-defined]
    if severity == "error" and any(approximate(f) for f in facts):
        severity, unsure = "warning", unsure or ROUGH_FIGURE
        if "约数" not in message:
            message = f"{message.removesuffix('。')}（所涉数字印为约数）。"
    figures: list[str] = []
    for fact in facts:
        text = figure(fact)
        if text not in figures:
            figures.append(text)
    all_evidence = list(evidence)
    for own in evidence_of(*facts):
        if not any(_holds(given, own) for given in all_evidence):
            all_evidence.append(own)  # a figure's sentence, unless a quote already given holds it
    return Finding(
        rule=rule.id,  # type: ignore[attr-defined]
        category=rule.category,  # type: ignore[attr-defined]
        severity=severity,
        message=message,
        figures=tuple(figures),
        evidence=tuple(all_evidence),
        stated=stated,
        expected=expected,
        difference=difference,
        extra={UNSURE: unsure} if unsure else {},
        fact_ids=tuple(dict.fromkeys(f.fact_id for f in facts)),
    )


def raw_at(fact: Fact) -> int:
    """Where a figure's printed text sits in its sentence (``fact.evidence.quote``), −1 when it is
    not found: the first place it stands as a number of its own, not inside a longer one
    (「减少50.00万元」 in 「支出750.00万元，…减少50.00万元」)."""
    raw = fact.raw or ""
    if not raw:
        return -1
    found = re.search(r"(?<![\d.,])" + re.escape(raw) + r"(?![\d])", fact.evidence.quote)
    return found.start() if found else fact.evidence.quote.find(raw)


def _holds(outer: Evidence, inner: Evidence) -> bool:
    """Whether the quote ``outer`` spans all of ``inner`` (same page, its text inside)."""
    if outer == inner:
        return True
    return outer.page == inner.page and outer.start <= inner.start and inner.end <= outer.end and outer.end > outer.start


def compound_piece(fact: Fact) -> bool:
    """Whether a figure is one piece of a compound amount (「2亿5,719万3千元」 read as 2亿, 5,719万, 3千元):
    its raw text runs on into a digit, or follows a 亿/万 that ends another figure."""
    quote, raw = fact.evidence.quote, fact.raw or ""
    at = raw_at(fact)
    if at < 0:
        return False
    runs_on = quote[at + len(raw) : at + len(raw) + 1].isdigit()
    follows = at >= 2 and quote[at - 1] in "亿万" and quote[at - 2].isdigit()
    return runs_on or follows


_ROUGH_BEFORE = re.compile(r"(?:约|大约|近|将近|接近|逾|超过)(?:为|是|有|达)?$")
_ROUGH_AFTER = re.compile(r"(?:左右|上下|余|多)")
_ROUGH_SHARE = re.compile(r"(?:约|大约|接近|将近)占[^，,。；;%]{0,30}$")  # 「约占本年支出的60%」
# the reason of a disagreement that rests on a figure printed as approximate
ROUGH_FIGURE = "所涉数字印为约数（约、左右、余），相差未必是错误"


def approximate(fact: Fact) -> bool:
    """Whether a figure is printed as approximate: 「约为12800平方米」, 「近300万元」, 「100万元左右」,
    「约占本年支出的60%」."""
    quote, raw = fact.evidence.quote, fact.raw or ""
    at = raw_at(fact)
    if at < 0:
        return False
    after = quote[at + len(raw) :].removeprefix(fact.unit or "")
    if _ROUGH_BEFORE.search(quote[max(0, at - 4) : at]) or _ROUGH_AFTER.match(after):
        return True
    return fact.unit == "%" and _ROUGH_SHARE.search(quote[max(0, at - 34) : at]) is not None
