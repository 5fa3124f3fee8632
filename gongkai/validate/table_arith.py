"""Shared arithmetic for table rules: compare one figure with a sum of others."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.schemas.records import Fact
from gongkai.validate.figures import amount_in, interval
from gongkai.validate.interval import Interval


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A stated figure that the sum of its parts does not reproduce."""

    stated: Fact
    difference: Decimal  # printed total minus printed sum, in 元 for money

    def describe_difference(self) -> str:
        """The printed difference in the stated figure's unit."""
        return amount_in(abs(self.difference), self.stated.unit, max(self.stated.decimals, 2))


def sum_mismatch(stated: Fact, parts: list[Fact]) -> Mismatch | None:
    """``stated`` against ``sum(parts)`` with each figure's rounding; ``None`` when consistent.

    Figures of which some have a money unit and some none cannot be compared (``None``).
    """
    if not comparable(stated, *parts):
        return None
    total = Interval.point(Decimal(0))
    for part in parts:
        total = total + interval(part)
    if total.intersects(interval(stated)):
        return None
    printed_sum = sum((p.value_yuan if p.value_yuan is not None else p.value for p in parts), Decimal(0))
    printed_total = stated.value_yuan if stated.value_yuan is not None else stated.value
    return Mismatch(stated, printed_total - printed_sum)


def equal_mismatch(left: Fact, right: Fact) -> Decimal | None:
    """The printed difference of two figures for the same thing, ``None`` when rounding explains it."""
    if not comparable(left, right):
        return None
    if interval(left).intersects(interval(right)):
        return None
    a = left.value_yuan if left.value_yuan is not None else left.value
    b = right.value_yuan if right.value_yuan is not None else right.value
    return a - b


def comparable(*facts: Fact) -> bool:
    """Whether the figures are all money with a known unit, or all without a money unit."""
    return len({f.value_yuan is None for f in facts}) == 1


def tiny_note(difference: Decimal, like: Fact) -> str:
    """A remark for a difference of one unit in the last printed digit."""
    unit_value = Decimal(1).scaleb(-like.decimals)
    factor = (like.value_yuan / like.value) if like.value_yuan is not None and like.value else Decimal(1)
    if abs(difference) <= unit_value * factor:
        return "（差额只有末位一个单位，但四舍五入解释不了两处不同的印数）"
    return ""
