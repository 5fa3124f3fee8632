"""Interval arithmetic over printed precision: the test of whether figures disagree.

A figure printed with ``d`` decimals stands for any value within half a unit of its last
digit. A statement is consistent when some inputs inside their intervals give a result
that rounds to the printed result (the GRIM idea): ``352.36 / 566.35`` against a printed
``62.2%`` is ``[352.355, 352.365] / [566.345, 566.355]`` against ``[62.15%, 62.25%]``.
Sums of n parts get n half-units of slack by construction. No fixed tolerance anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
_OPEN_END_DIGITS = 12  # how far below the last printed digit the excluded end of a rounding interval sits


def half_unit(decimals: int) -> Decimal:
    """Half a unit in the last printed digit: 2 decimals → 0.005."""
    return Decimal(5).scaleb(-(decimals + 1))


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[lo, hi]`` of Decimals."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def printed(cls, value: Decimal, decimals: int, exact: bool = False) -> Interval:
        """The values a figure printed as ``value`` with ``decimals`` decimals may stand for.

        Rounding half-up (四舍五入) maps ``[p − h, p + h)`` to ``p`` — away from zero for
        negative figures — so the far end is excluded, by a margin far below any printed
        precision. Two prints of one quantity at the same precision therefore agree only
        when their digits are equal, and a part never prints above its whole.
        """
        if exact:
            return cls(value, value)
        half = half_unit(decimals)
        epsilon = Decimal(1).scaleb(-(decimals + _OPEN_END_DIGITS))
        if value < 0:
            return cls(value - half + epsilon, value + half)
        return cls(value - half, value + half - epsilon)

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        """A single exact value."""
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = (self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi)
        return Interval(min(products), max(products))

    def scale(self, factor: Decimal) -> Interval:
        """The interval multiplied by an exact factor."""
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def __truediv__(self, other: Interval) -> Interval | None:
        """The quotient, or ``None`` when the divisor interval holds zero."""
        if other.lo <= 0 <= other.hi:
            return None
        quotients = (self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi)
        return Interval(min(quotients), max(quotients))

    def intersects(self, other: Interval) -> bool:
        """Whether the two intervals share a point."""
        return self.lo <= other.hi and other.lo <= self.hi

    def gap(self, other: Interval) -> Decimal:
        """The distance between the intervals (0 when they meet)."""
        if self.intersects(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    @property
    def mid(self) -> Decimal:
        """The midpoint."""
        return (self.lo + self.hi) / 2

    def contains_zero(self) -> bool:
        """Whether zero lies in the interval."""
        return self.lo <= 0 <= self.hi


def rounds_to(computed: Interval, printed: Decimal, decimals: int) -> bool:
    """Whether some value in ``computed`` rounds (half-up) to ``printed`` at ``decimals``."""
    return computed.intersects(Interval.printed(printed, decimals))


def truncates_to(computed: Interval, printed: Decimal, decimals: int) -> bool:
    """Whether some value in ``computed`` cut toward zero (not rounded) at ``decimals`` gives ``printed``."""
    unit = Decimal(1).scaleb(-decimals)
    epsilon = Decimal(1).scaleb(-(decimals + _OPEN_END_DIGITS))
    if printed > 0:
        window = Interval(printed, printed + unit - epsilon)
    elif printed < 0:
        window = Interval(printed - unit + epsilon, printed)
    else:
        window = Interval(-unit + epsilon, unit - epsilon)
    return computed.intersects(window)


def round_to(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def show(value: Decimal, decimals: int) -> str:
    """A Decimal as text with ``decimals`` places (for messages)."""
    return format(round_to(value, decimals), "f")
