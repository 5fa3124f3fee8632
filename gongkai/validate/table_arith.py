"""Shared arithmetic for table rules: compare one figure with a sum of others."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.schemas.records import Fact
from gongkai.validate.figures import amount_in, interval, shown
from gongkai.validate.interval import Interval


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A stated figure that the sum of its parts does not reproduce."""

    stated: Fact
    difference: Decimal  # printed total minus printed sum, in 元 for money
    decimals: int = 2  # the most decimals printed among the figures

    def describe_difference(self) -> str:
        """The printed difference in the stated figure's unit."""
        return amount_in(abs(self.difference), self.stated.unit, max(self.stated.decimals, 2))

    def fields(self) -> dict[str, str]:
        """The finding's ``stated``, ``expected`` and ``difference``: the printed figure, the
        printed sum of its parts and their gap, all in the stated figure's unit."""
        stated = self.stated.value_yuan if self.stated.value_yuan is not None else self.stated.value
        return {
            "stated": shown(self.stated),
            "expected": amount_in(stated - self.difference, self.stated.unit, self.decimals),
            "difference": self.describe_difference(),
        }


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
    return Mismatch(stated, printed_total - printed_sum, max(f.decimals for f in (stated, *parts)))


def equal_mismatch(left: Fact, right: Fact) -> Decimal | None:
    """The printed difference of two figures for the same thing, ``None`` when rounding explains it."""
    if not comparable(left, right):
        return None
    if interval(left).intersects(interval(right)):
        return None
    a = left.value_yuan if left.value_yuan is not None else left.value
    b = right.value_yuan if right.value_yuan is not None else right.value
    return a - b


def equal_fields(stated: Fact, other: Fact, difference: Decimal) -> dict[str, str]:
    """The finding's ``stated``, ``expected`` and ``difference`` for two prints of one figure
    (``difference``: what ``equal_mismatch`` returned, in 元 for money)."""
    return {
        "stated": shown(stated),
        "expected": shown(other),
        "difference": amount_in(abs(difference), stated.unit, max(stated.decimals, other.decimals, 2)),
    }


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
