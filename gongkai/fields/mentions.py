"""Facts from running text: every quantity with its subject, measure and evidence.

A ``Mention`` is a ``Fact`` plus what the binders need to relate it to other facts:
which view and sentence it sits in, the parsed label, whether an enumeration (其中 …)
follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gongkai.fields.labels import Label, parse_label, topical_subject
from gongkai.fields.quantities import ABSENCE_WORDS, Quantity, find_absences, find_quantities, sentence_bounds
from gongkai.fields.views import View
from gongkai.normalize.document import Document
from gongkai.normalize.numbers import to_yuan
from gongkai.schemas.records import Evidence, Fact, change_direction
from gongkai.schemas.vocabulary import canonical_subject

ENUMERATION_AFTER = re.compile(
    r"^[，,：:；。]?\s*(?:其中|主要用于以下方面|主要用于|具体构成为|具体构成如下|包括|分别为|主要包括|具体如下|具体情况如下)[：:，,]?"
)
FLAT_CLAUSE = re.compile(r"^[，,]\s*(?:与|比|较)[^，,。；;]{1,16}?(?:持平|一致|相同|保持不变)")
ENUMERATION_INTRO = re.compile(
    r"(?P<subject>[^，。；：]{0,24}?)(?:的)?(?:具体构成为|具体构成如下|构成为|主要用于以下方面|主要用于|具体情况如下|具体如下)[：:]?$"
)
# a paragraph that ends announcing a list (「具体情况如下：」), or is nothing else: its items follow,
# one a paragraph when they carry no numbers (the binder collects them, certainty accepts them)
ANNOUNCES_LIST = re.compile(r"如下[：:]\s*$")
BARE_ANNOUNCEMENT = re.compile(r"^\s*(?:具体情况|具体构成|具体明细|明细)如下[：:]\s*$")
_CLAUSE_BREAK = re.compile(r"[，,：:；;]")
# an amount that bounds a class of things rather than counting money: 「单价100万元（含）以上设备」
_THRESHOLD_AFTER = re.compile(r"\s*(?:[（(]含[）)])?\s*(?:及?以上|及?以下|以内|以外)")
_THRESHOLD_BEFORE = re.compile(r"单价\s*(?:在|为)?\s*$")
# a figure stated as a goal, not as money budgeted or spent: 「利用外资预期目标25000万美元，拼搏目标26000万美元」
_TARGET_BEFORE = re.compile(r"(?:预期|拼搏|奋斗|年度|绩效)?目标(?:值|为|是)?\s*[:：]?\s*$")
_TOPIC = re.compile(r"([^（）()，。；：]+?)[（(](类|款|项)[)）]")


@dataclass(slots=True)
class Mention:
    """A fact found in text with its place in the text."""

    fact: Fact
    label: Label
    view: View
    index: int  # position among all mentions
    start: int  # view offsets of the quantity
    end: int
    sentence: int  # sentence index within the view
    sentence_bounds: tuple[int, int]
    quantity: Quantity
    enumerates: bool = False  # an enumeration (其中 …) follows this figure
    carried_measure: str | None = None  # a measure printed earlier in the sentence and carried to this figure

    @property
    def kind(self) -> str:
        """amount, change, change_rate, share, rate, score, score_max or count."""
        return self.label.kind

    @property
    def subject(self) -> str:
        """The resolved subject."""
        return self.fact.subject


def _non_amount(text: str, quantity: Quantity, label: Label) -> Label:
    """The label of a figure that is not an amount budgeted or spent: a threshold (单价100万元以上
    设备 → 阈值) or a goal (预期目标25000万美元 → 目标值). Rules that add, divide or compare
    amounts never see these; the dataset keeps them under their own measure."""
    if label.kind != "amount" or quantity.unit in (None, "%"):
        return label
    before = text[max(0, quantity.start - 12) : quantity.start]
    if _THRESHOLD_AFTER.match(text, quantity.end) or _THRESHOLD_BEFORE.search(before):
        return replace(label, kind="threshold", measure="阈值")
    if _TARGET_BEFORE.search(before):
        return replace(label, kind="target", measure="目标值")
    return label


def default_measure(doc_type: str) -> str:
    """The measure of an amount printed without one: 决算数 in final accounts, 预算数 in budgets."""
    return {"final_accounts": "决算数", "budget": "预算数"}.get(doc_type, "金额")


class MentionReader:
    """Reads every view of a document into mentions, numbering facts from ``first_id``."""

    def __init__(self, document: Document, doc_type: str, department: str | None, first_id: int = 0) -> None:
        self.document = document
        self.doc_type = doc_type
        self.department = department
        self.next_id = first_id
        self.mentions: list[Mention] = []

    def read(self, views: list[View]) -> list[Mention]:
        """Mentions of all views, in reading order."""
        for view in views:
            self._read_view(view)
        return self.mentions

    def _read_view(self, view: View) -> None:
        text = view.text
        bounds = sentence_bounds(text)
        topic = _passage_topic(text, bounds)
        quantities = sorted(find_quantities(text) + find_absences(text, bounds), key=lambda q: q.start)
        sentence_index = 0
        previous: Mention | None = None
        for quantity in quantities:
            while sentence_index < len(bounds) - 1 and quantity.start >= bounds[sentence_index][1]:
                sentence_index += 1
            if quantity.raw in ABSENCE_WORDS:
                quantity = self._absence(quantity)  # type: ignore[assignment]
                if quantity is None:
                    continue
            label = parse_label(quantity.label, quantity.unit, self.department)
            label = _with_clause_topic(label, text, bounds[sentence_index][0], quantity.label_start)
            in_sentence = previous if previous is not None and previous.sentence == sentence_index else None
            subject = self._subject(label, in_sentence, topic, previous, quantity)
            mention = self._mention(view, quantity, label, subject, sentence_index, bounds[sentence_index])
            after = text[quantity.end : quantity.end + 40]
            flat = FLAT_CLAUSE.match(after)  # 「640.00万元，与2024年预算持平。其中：」
            mention.enumerates = bool(ENUMERATION_AFTER.match(after[flat.end() if flat else 0 :][:12]))
            self.mentions.append(mention)
            previous = mention

    def _absence(self, quantity: Quantity) -> Quantity | None:
        """A zero stated in words (无机关运行经费), in the money unit of the figures before it.

        Only a known money subject is read so (无此项支出, 无变化 are not figures), and only
        when the text has printed money before, so that the zero has a unit.
        """
        label = parse_label(quantity.label, None, self.department)
        if label.kind != "amount" or canonical_subject(label.subject) is None:
            return None
        unit = next((m.fact.unit for m in reversed(self.mentions) if m.fact.value_yuan is not None), None)
        return replace(quantity, unit=unit) if unit else None

    def _subject(
        self,
        label: Label,
        in_sentence: Mention | None,
        topic: str | None,
        previous: Mention | None,
        quantity: Quantity,
    ) -> str:
        if label.subject:
            return label.subject
        if in_sentence is not None and label.kind in ("change", "change_rate", "share", "rate"):
            amounts = [m for m in reversed(self.mentions) if m.view is in_sentence.view and m.sentence == in_sentence.sentence and m.kind == "amount"]
            if amounts:
                return amounts[0].subject
        if in_sentence is not None and not (quantity.in_brackets and not in_sentence.quantity.in_brackets):
            return in_sentence.subject
        if topic:
            return topic
        if previous is not None and label.kind in ("change", "change_rate", "share", "rate"):
            return previous.subject
        return ""

    def _measure_in_sentence(self, view: View, sentence: int) -> str | None:
        """The measure printed for the last amount before, in the same sentence (年初预算数为…，其中：…)."""
        for mention in reversed(self.mentions):
            if mention.view is not view or mention.sentence != sentence:
                return None
            if mention.kind == "amount":
                return _explicit_measure(mention) or mention.carried_measure
        return None

    def _mention(
        self,
        view: View,
        quantity: Quantity,
        label: Label,
        subject: str,
        sentence: int,
        bounds: tuple[int, int],
    ) -> Mention:
        label = _non_amount(view.text, quantity, label)
        measure = label.measure
        carried = None
        if label.kind == "amount" and measure is None:
            carried = self._measure_in_sentence(view, sentence)
            measure = carried or default_measure(self.doc_type)
        elif label.kind == "change":
            measure = "增减额"
        elif label.kind == "count" and measure is None:
            measure = "数量"
        unit = quantity.unit
        if unit is None and quantity.raw == "零":
            unit = _nearest_money_unit(view.text, quantity.start)
        doc_start, doc_end = view.doc_range(quantity.start, quantity.end)
        sentence_start, sentence_end = view.doc_range(*bounds)
        quote = view.text[bounds[0] : bounds[1]].strip()
        box = self.document.figure_bbox(doc_start, doc_end)
        evidence = Evidence(
            page=self.document.page_at(doc_start),
            quote=quote,
            start=sentence_start,
            end=sentence_end,
            bbox=box.rounded() if box else None,
        )
        exact = quantity.value == 0 or label.kind in ("count", "score", "score_max")
        fact = Fact(
            fact_id=self.next_id,
            subject=canonical_subject(subject) or subject,
            measure=measure or "",
            value=quantity.value,
            decimals=quantity.decimals,
            unit=unit,
            evidence=evidence,
            origin="text",
            level=label.level,
            value_yuan=to_yuan(quantity.value, unit),
            exact=exact,
            raw=quantity.raw,
            direction=change_direction(measure or "", quantity.value, label.sign),
        )
        self.next_id += 1
        return Mention(
            fact=fact,
            label=label,
            view=view,
            index=len(self.mentions),
            start=quantity.start,
            end=quantity.end,
            sentence=sentence,
            sentence_bounds=bounds,
            quantity=quantity,
            carried_measure=carried,
        )


def _with_clause_topic(label: Label, text: str, sentence_start: int, label_start: int) -> Label:
    """``label`` with the subject the clause before it gives a generic label (涉及…资金)."""
    clauses = [c for c in _CLAUSE_BREAK.split(text[sentence_start:label_start]) if c.strip()]
    subject = topical_subject(label, clauses[-1]) if clauses else None
    return replace(label, subject=subject) if subject else label


def _explicit_measure(mention: Mention) -> str | None:
    """The measure a mention's own label printed (not a default)."""
    return mention.label.measure if mention.kind == "amount" else None


def _passage_topic(text: str, bounds: list[tuple[int, int]]) -> str | None:
    """The subject a passage is about when its first sentence names a 类/款/项 and no figure."""
    if not bounds:
        return None
    first = text[bounds[0][0] : bounds[0][1]]
    if re.search(r"\d+(?:\.\d+)?\s*(?:万元|元|%)", first):
        return None
    names = _TOPIC.findall(first)
    if not names:
        return None
    name = re.sub(r"^(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)", "", names[-1][0]).strip()
    return name or None


def _nearest_money_unit(text: str, position: int) -> str | None:
    before = re.findall(r"(万元|亿元|元)", text[:position])
    return before[-1] if before else None
