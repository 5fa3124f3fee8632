"""Printed numbers → ``Decimal`` with their printed precision and unit.

``1,234.56`` → 1234.56 (2 decimals); ``（12.3）`` and ``-12.3`` → -12.3; ``－``, ``—``,
``-`` and an empty cell mean *no value* (``None``), never 0. Money units convert to 元
with ``to_yuan``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MONEY_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "百万元": Decimal(1000000),
    "亿元": Decimal(100000000),
    "亿": Decimal(100000000),
}
FOREIGN_MONEY_UNITS = ("万美元", "美元")
COUNT_UNITS = ("人次", "批次", "人", "辆", "个", "家", "项", "批", "次", "台", "套", "户", "名", "所", "处", "件", "篇")
OTHER_UNITS = ("%", "‰", "分")
AREA_UNITS = ("平方米",)  # floor and land areas of the projects a budget describes
ALL_UNITS = tuple(
    sorted(
        set(MONEY_FACTORS) | set(FOREIGN_MONEY_UNITS) | set(COUNT_UNITS) | set(OTHER_UNITS) | set(AREA_UNITS),
        key=len,
        reverse=True,
    )
)

NO_VALUE_MARKS = frozenset({"", "-", "－", "—", "——", "–", "/", "／", "*", "×", "x", "X", "无", "\\"})

_NUMBER = re.compile(
    r"""^\s*
    (?P<open>[(（])?\s*
    (?P<sign>[-+－−])?\s*
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)?
    (?:\.(?P<frac>\d+))?
    \s*(?P<close>[)）])?\s*
    (?P<unit>%|‰|[^\d\s.,()（）%‰]{1,4})?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A printed number: its value, the decimals printed and its unit (``None`` if none)."""

    value: Decimal
    decimals: int
    unit: str | None = None
    text: str = ""

    @property
    def is_money(self) -> bool:
        """Whether the unit is a Renminbi amount."""
        return self.unit in MONEY_FACTORS

    @property
    def value_yuan(self) -> Decimal | None:
        """The amount in 元 for Renminbi units, else ``None``."""
        return to_yuan(self.value, self.unit)


def to_yuan(value: Decimal, unit: str | None) -> Decimal | None:
    """``value`` in ``unit`` expressed in 元 (``None`` when the unit is not Renminbi)."""
    factor = MONEY_FACTORS.get(unit or "")
    return None if factor is None else value * factor


def parse_number(text: str | None, default_unit: str | None = None) -> Number | None:
    """Parse one printed number (a table cell or a matched token).

    Returns ``None`` for blanks and dash marks. Brackets around a number make it negative
    (accounting style). Raises nothing: text that is not a number gives ``None``.
    """
    if text is None:
        return None
    stripped = text.strip().replace(" ", "")
    if stripped in NO_VALUE_MARKS:
        return None
    match = _NUMBER.match(stripped)
    if not match or (match.group("digits") is None and match.group("frac") is None):
        return None
    if bool(match.group("open")) != bool(match.group("close")):
        return None
    unit = match.group("unit")
    if unit is not None and unit not in ALL_UNITS:
        return None
    digits = (match.group("digits") or "0").replace(",", "")
    frac = match.group("frac") or ""
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:
        return None
    negative = bool(match.group("open")) or match.group("sign") in ("-", "－", "−")
    if negative:
        value = -value
    return Number(value=value, decimals=len(frac), unit=unit or default_unit, text=text.strip())


def decimal_places(value: Decimal) -> int:
    """Digits after the decimal point as written in ``value`` (``Decimal('3.10')`` → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
