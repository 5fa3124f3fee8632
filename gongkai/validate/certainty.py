"""How surely the figures of a statement belong together, from where they are printed.

A rule may accuse (``error``) only when every figure it rests on is bound with certainty:
printed in the same passage as the figure it is compared with, or in a list the passage
opens (a sentence ending 「其中：」 followed by its numbered items). A total on page 7 and
"parts" collected from page 21 are no breakdown, whatever the text matcher proposed.
"""

from __future__ import annotations

import bisect
import re
from enum import IntEnum

from gongkai.fields.mentions import ANNOUNCES_LIST, BARE_ANNOUNCEMENT
from gongkai.normalize.document import Document
from gongkai.schemas.records import Fact, Statement

_LIST_OPENERS = ("：", ":")
_NEXT_ITEMS = 8  # passages a list opened by 「其中：」 may run on through
_NAMED_REACH = 2  # passages between a total and a list that names it
_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]+[、.．])")
_ONE_SENTENCE = re.compile(r"^[^。！？]{1,80}[。！？；]?$")  # a paragraph of one short sentence: one item
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+(?:部分|章|节))")
_INTRO = re.compile(r"^(?:的)?(?:具体)?(?:构成|组成|明细|情况)?(?:为|如下|是)?[：:]|^(?:中|的构成)[，,：:]?|^(?:主要)?(?:包括|用于)")


class Binding(IntEnum):
    """How a figure is placed relative to the figure it is bound to, surest first."""

    SAME_SENTENCE = 0
    TABLE_LOOKUP = 1  # a table cell found by its row's subject and its column's measure
    NAMED_LOOKUP = 2  # the figure the sentence names (「占本年支出合计的…%」), found by that name
    EARLIER_SENTENCE = 3  # the one figure of the sentence before (「…支出100万元。与上年相比增加…」)
    SAME_PASSAGE = 4
    NAMED_LIST = 5  # a list next to it that names it (「本年收入的具体构成为：」)
    OPENED_LIST = 6  # an item of a list the passage opens (「……其中：」 then （一）（二）…)
    DISTANT = 7  # another passage or page: a guess of the text matcher

    @property
    def certain(self) -> bool:
        """Whether a rule may accuse on this binding."""
        return self is not Binding.DISTANT

    @property
    def label(self) -> str:
        """How the binding reads in a report."""
        return _LABELS[self]


_LABELS = {
    Binding.SAME_SENTENCE: "同一句",
    Binding.TABLE_LOOKUP: "按科目和栏目在表中查得",
    Binding.NAMED_LOOKUP: "按句中点明的名称查得",
    Binding.EARLIER_SENTENCE: "上一句唯一的数",
    Binding.SAME_PASSAGE: "同一段",
    Binding.NAMED_LIST: "紧随其后、点明其总数的列表",
    Binding.OPENED_LIST: "「其中：」所开列表的条目",
    Binding.DISTANT: "相隔较远，对应关系不确定",
}


class Placement:
    """Where figures sit in one document: their passages, and how surely two belong together."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._starts = [p.start for p in document.passages]

    def passage_of(self, offset: int) -> int | None:
        """The index of the passage holding a character offset."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        passage = self.document.passages[index]
        return passage.index if offset <= passage.end else None

    def binding(self, anchor: Fact, other: Fact) -> Binding:
        """How ``other`` is bound to ``anchor`` (the total, the current figure …), by the
        sentences that print them (a fact's evidence is its sentence)."""
        if anchor.origin == "table" or other.origin == "table":
            return Binding.TABLE_LOOKUP
        document = self.document
        a, b = anchor.evidence.start, other.evidence.start
        pa, pb = self.passage_of(a), self.passage_of(b)
        if pa is None or pb is None or pb < pa:
            return Binding.DISTANT
        if pa == pb:
            low, high = sorted((a, b))
            between = document.text[low:high]
            return Binding.SAME_PASSAGE if any(mark in between for mark in "。！？") else Binding.SAME_SENTENCE
        if pb - pa <= _NAMED_REACH and self._names(anchor, other, pb):
            return Binding.NAMED_LIST
        opener = document.passages[pa]
        opener_text = document.passage_text(opener).rstrip()
        if not opener_text.endswith(_LIST_OPENERS) and pa + 1 < pb:
            announcement = document.passage_text(document.passages[pa + 1]).strip()
            if BARE_ANNOUNCEMENT.match(announcement):  # 「…512.40万元。」 then a paragraph 「具体情况如下：」
                pa, opener, opener_text = pa + 1, document.passages[pa + 1], announcement
        if pb - pa > _NEXT_ITEMS or not opener_text.endswith(_LIST_OPENERS):
            return Binding.DISTANT
        announced = ANNOUNCES_LIST.search(opener_text) is not None  # 「具体情况如下：」: one item a paragraph may follow
        for passage in document.passages[pa + 1 : pb + 1]:
            text = document.passage_text(passage).strip()
            follows = passage.index == pa + 1 and not _SECTION.match(text)  # the sentence 「其中：」 opened goes on
            one_item = announced and _ONE_SENTENCE.match(text) is not None
            if passage.kind == "table" or not (follows or one_item or _ITEM.match(text)) or _SECTION.match(text):
                return Binding.DISTANT  # the list ended: an unnumbered paragraph, a table, a new section
        return Binding.OPENED_LIST

    def _names(self, anchor: Fact, other: Fact, passage: int) -> bool:
        """Whether the text before ``other`` in its passage names the anchor's subject as what it
        breaks down (「本年收入的具体构成为：」)."""
        start = self.document.passages[passage].start
        lead = self.document.text[start : other.evidence.end]  # up to the end of the part's sentence
        subject = anchor.subject.replace("合计", "")
        if not subject or subject not in lead:
            return False
        return _INTRO.search(lead[lead.index(subject) + len(subject) :]) is not None

    def weakest(self, anchor: Fact, others: tuple[Fact, ...] | list[Fact]) -> Binding:
        """The least sure binding among ``others`` to ``anchor``."""
        return max((self.binding(anchor, other) for other in others), default=Binding.SAME_SENTENCE)

    def enumeration(self, statement: Statement) -> Binding:
        """How surely the parts of an enumeration (其中 …) belong to its total."""
        totals = statement.role("total")
        if not totals:
            return Binding.DISTANT
        return self.weakest(totals[0], statement.role("parts"))


# how the binder found a share's whole, when the passages alone do not show it
_NOTED_WHOLES = {"named_whole": Binding.NAMED_LOOKUP, "opened_list": Binding.OPENED_LIST}


def statement_bindings(placement: Placement, statement: Statement) -> tuple[tuple[int, str, str], ...]:
    """``(fact_id, role, binding)`` for every candidate figure of a statement: how it is bound
    to the statement's first figure (its rate, share, total or current figure)."""
    if not statement.roles or not statement.roles[0][1]:
        return ()
    anchor = statement.roles[0][1][0]
    out: list[tuple[int, str, str]] = []
    for role, facts in statement.roles:
        for fact in facts:
            if fact.fact_id == anchor.fact_id:
                binding = Binding.SAME_SENTENCE
            elif statement.note == "earlier_sentence" and role == "current":
                binding = Binding.EARLIER_SENTENCE
            else:
                first, second = sorted((anchor, fact), key=lambda f: f.evidence.start)
                binding = placement.binding(first, second)
                if binding is Binding.DISTANT and role == "whole" and statement.note in _NOTED_WHOLES:
                    binding = _NOTED_WHOLES[statement.note]
            out.append((fact.fact_id, role, binding.name.lower()))
    return tuple(out)


def with_bindings(document: Document, statements: list[Statement]) -> list[Statement]:
    """The statements with ``bindings`` recorded (see ``statement_bindings``)."""
    from dataclasses import replace

    placement = Placement(document)
    return [replace(s, bindings=statement_bindings(placement, s)) for s in statements]


def bound_with_certainty(statement: Statement, *facts: Fact) -> bool:
    """Whether every one of ``facts`` is bound to the statement with certainty, as recorded in
    its ``bindings`` (a statement without recorded bindings is taken as printed together)."""
    recorded = {fact_id: name for fact_id, _, name in statement.bindings}
    return all(Binding[recorded[f.fact_id].upper()].certain for f in facts if f.fact_id in recorded)
