"""Find the printed quantities in a sentence and the label text that precedes each.

A quantity is a number followed by a unit (万元, %, 人, 分 …) or the word 零 after 为.
Years (2024年), dates, document numbers and ordinals carry no unit and are left alone.
The label of a quantity is the text back to the previous quantity or clause boundary,
ignoring boundaries inside brackets so that ``其他支出（对附属单位补助支出、上缴上级支出）0万元``
keeps its whole label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from gongkai.normalize.numbers import AREA_UNITS, COUNT_UNITS, MONEY_FACTORS

_UNITS = sorted(
    {*MONEY_FACTORS, "万美元", "美元", "%", "‰", "分", *COUNT_UNITS, *AREA_UNITS, "台（套）"},
    key=len,
    reverse=True,
)
QUANTITY = re.compile(
    r"(?<![\d.,A-Za-z])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + r")"
    r"|(?<=为)(?P<zero>零)(?=[，。；、,;\s]|$)"
)
# A unit that is really the start of another word: 5分钟, 3个月, 2次会议 are fine, but
# 10分为 … in a grade scale and 个人 are not quantities of that unit.
_FALSE_UNIT_FOLLOW = {
    "分": re.compile(r"钟|析|配|类|别|局|期|管|解|布|散|摊"),
    "个": re.compile(r"人(?!次)|体|百分点|月"),
    "人": re.compile(r"民|员|大|社"),
    "次": re.compile(r"日|年|月"),
    "家": re.compile(r"庭"),
    "元": re.compile(r"旦"),
    "项": re.compile(r"目(?!\d)"),
}
BOUNDARY = set("，。；！？、\n")
SENTENCE_END = set("。；！？\n")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity in a text: value as printed, unit, and where its label starts."""

    start: int
    end: int
    value: Decimal
    decimals: int
    unit: str | None
    label: str
    label_start: int
    in_brackets: bool
    raw: str


def bracket_depths(text: str) -> list[int]:
    """Bracket nesting depth before each character of ``text``."""
    depths = []
    depth = 0
    for ch in text:
        depths.append(depth)
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depths


def find_quantities(text: str) -> list[Quantity]:
    """All quantities of ``text`` in order, each with its label."""
    depths = bracket_depths(text)
    found: list[Quantity] = []
    previous_end = 0
    for match in QUANTITY.finditer(text):
        if match.group("zero"):
            value, decimals, unit, raw = Decimal(0), 0, None, "零"
        else:
            unit = match.group("unit")
            follow = text[match.end() : match.end() + 3]
            pattern = _FALSE_UNIT_FOLLOW.get(unit)
            if pattern and pattern.match(follow):
                continue
            if _is_not_a_quantity(text, match.start()):
                continue
            if unit == "分" and _is_threshold(text, match.start(), match.end()):
                continue
            digits = match.group("num").replace(",", "")
            value = Decimal(digits)
            decimals = len(digits.split(".")[1]) if "." in digits else 0
            raw = match.group(0)
        label_start = _label_start(text, depths, match.start(), previous_end)
        label = text[label_start : match.start()]
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                value=value,
                decimals=decimals,
                unit=unit,
                label=label,
                label_start=label_start,
                in_brackets=depths[match.start()] > 0,
                raw=raw,
            )
        )
        previous_end = match.end()
    return found


# 「2024年某单位无机关运行经费。」: a sentence that states a thing is absent states it is zero.
# Only a sentence of one clause with no figure in it: its context, 无/没有, and the label.
ABSENCE_WORDS = ("无", "没有")
_ABSENCE = re.compile(
    r"^(?P<context>[^，,：:；;无]{0,40}?)(?P<word>无|没有)(?P<label>[^，,：:；;、（）()\d无]{2,24}?)[。；;！]?\s*$"
)


def find_absences(text: str, bounds: list[tuple[int, int]]) -> list[Quantity]:
    """Zeros stated in words: one per sentence of ``bounds`` that says ``无`` + a label.

    The quantity spans 无 and its label; it has no unit (the caller knows the document's);
    its ``label`` is the text after 无. Sentences holding a printed figure are left alone.
    """
    found = []
    for start, end in bounds:
        sentence = text[start:end]
        if QUANTITY.search(sentence):
            continue
        match = _ABSENCE.match(sentence.strip())
        if match is None:
            continue
        offset = start + len(sentence) - len(sentence.lstrip())
        label_start = offset + match.start("label")
        label_end = offset + match.end("label")
        found.append(
            Quantity(
                start=offset + match.start("word"),
                end=label_end,
                value=Decimal(0),
                decimals=0,
                unit=None,
                label=match.group("label"),
                label_start=label_start,
                in_brackets=False,
                raw=match.group("word"),
            )
        )
    return found


def _is_not_a_quantity(text: str, start: int) -> bool:
    """Ordinals (第3个), ranges in a scale (80-90分) and list numbers are not quantities."""
    before = text[max(0, start - 1) : start]
    return before == "第"


_THRESHOLD_AFTER = re.compile(r"\s*(?:[（(]不?含\S{0,4}[)）])?\s*(?:及|或)?(?:以上|以下|以内|之间|[-－—~～至到])")


def _is_threshold(text: str, start: int, end: int) -> bool:
    """A bound of a score band (90分以上, 60-80分), not a score."""
    before = text[max(0, start - 1) : start]
    return bool(_THRESHOLD_AFTER.match(text, end)) or before in ("-", "－", "—", "~", "～", "至", "到")


def _label_start(text: str, depths: list[int], position: int, floor: int) -> int:
    """Where the label of the quantity at ``position`` starts."""
    depth = depths[position]
    i = position
    while i > floor:
        ch = text[i - 1]
        if ch in BOUNDARY and depths[i - 1] <= depth and not _joins_sides(text, i - 1):
            break
        i -= 1
    return i


def _joins_sides(text: str, comma: int) -> bool:
    """Whether a 、 joins 收入 and 支出 into one label (「收入、支出预算总计」「收、支预算总计各增加」)."""
    return text[comma] == "、" and text[max(0, comma - 2) : comma].endswith(("收入", "收")) and text[comma + 1 : comma + 2] == "支"


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` as ``(start, end)``; 。；！？ and newlines end a sentence.

    A boundary inside brackets does not end the sentence.
    """
    depths = bracket_depths(text)
    bounds = []
    start = 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END and depths[i] == 0:
            if i + 1 > start:
                bounds.append((start, i + 1))
            start = i + 1
    if start < len(text):
        bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip("。；！？\n ")]
