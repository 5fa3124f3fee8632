"""Bind mentions into statements: which figures a rate, share, change or list is about.

Binding follows the text: a rate's numerator and denominator are found before it in the
same paragraph (then the section), a change binds to the figure its clause is about, and
the parts of an enumeration follow its total after 其中 / 主要用于 / 具体构成为. When the
text allows more than one binding, every candidate is kept (best first) and the rules
prefer the one that is consistent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

from gongkai.fields.labels import is_named_rate
from gongkai.fields.labels import measure_class as class_of_measure
from gongkai.fields.mentions import (
    ANNOUNCES_LIST,
    BARE_ANNOUNCEMENT,
    ENUMERATION_AFTER,
    ENUMERATION_INTRO,
    FLAT_CLAUSE,
    Mention,
)
from gongkai.fields.quantities import QUANTITY
from gongkai.fields.views import View
from gongkai.normalize.document import Document
from gongkai.normalize.paragraphs import is_heading_start
from gongkai.schemas.records import Evidence, Fact, Statement
from gongkai.schemas.subjects import same_subject, subject_key
from gongkai.schemas.vocabulary import AMOUNT_CLASSES, BUDGET_CLASSES, NAMED_RATES, TOTAL_WORDS, family_of

_FULL_STOP = re.compile(r"[。！？\n]")
GENERIC_SUBJECT = re.compile(r"^(?:\d{4}年度?)?(?:当年|本年|上年|年)?(?:预算|决算|执行)?(?:数|安排)?$")
_COMPARISON_LEAD = re.compile(
    r"^\s*(?:与上年(?:度)?(?:预算)?(?:数)?相比|比上年(?:度)?|较上年(?:度)?"
    r"|与\d{4}年(?:度)?相比|比\d{4}年(?:度)?|较\d{4}年(?:度)?|同比)"
)
_CORRESPONDING = re.compile(r"相应(?:安排|地安排)(?=的?支出)")  # 「…收入…万元，相应安排支出…万元」
_BALANCE_CLAIM = re.compile(r"(?<!不)收支(?:基本)?平衡|支出总额等于收入总额|收入总额等于支出总额")
_CURRENT_CLASSES = ("actual", "amount", "budget", "budget_full", "budget_initial")
_SECTION_LOOKBACK = 4  # views before the current one searched for a missing figure
_LIST_ITEMS = 12  # list items a share may sit below the paragraph that opens the list
_LIST_OPENER = re.compile(r"其中[：:]")
# a breakdown in the bracket right after a figure: 「地上建筑面积6200平方米（其中计容面积6100平方米，…）」
_BRACKET_LIST = re.compile(r"\s*[（(]\s*(?:其中|包括)[：:，,]?")
_LEVELS = {"类": 0, "款": 1, "项": 2}
def _side(subject: str) -> str | None:
    """收入 or 支出 when a subject names one side of the budget and not the other."""
    sides = [side for side in ("收入", "支出") if side in subject]
    return sides[0] if len(sides) == 1 else None


_WITHIN_INTRO = re.compile(r"^\s*(?P<subject>[^，。；：:\d]{2,24}?)(?:预算数|预算)?中[，,]")
_ENDS_SENTENCE = re.compile(r"[。！？；]\s*$")
_ENDS_ON_FIGURE = re.compile(r"^\s*(?:万元|千元|亿元|元)?\s*[。；]?\s*$")

Predicate = Callable[[Mention], bool]


def measure_class(mention: Mention) -> str | None:
    """The class of a mention's measure (``actual``, ``budget_initial`` …)."""
    return class_of_measure(mention.fact.measure)


def is_money(mention: Mention) -> bool:
    """Whether the mention is an amount of money."""
    return mention.fact.value_yuan is not None


class Binder:
    """Builds statements over the mentions of one document."""

    def __init__(self, mentions: list[Mention], document: Document, views: list[View], first_id: int = 0) -> None:
        self.mentions = mentions
        self.document = document
        self.all_views = views
        self.next_id = first_id
        self.statements: list[Statement] = []
        self.part_of: dict[int, Statement] = {}  # mention index → its enumeration
        self.shares: list[tuple[Mention, Mention]] = []  # every share with its part, for share groups
        self._by_view: dict[int, list[Mention]] | None = None
        self.views = _view_order(mentions)

    # -- searching ---------------------------------------------------------------------

    def before(self, mention: Mention, scope: str = "section") -> Iterator[Mention]:
        """Mentions before ``mention``, nearest first, within ``scope``.

        Scopes: ``sentence``, ``view`` (the paragraph), ``section`` (the paragraph and a
        few paragraphs before it under the same heading) and ``document``.
        """
        for other in reversed(self.mentions[: mention.index]):
            if scope == "sentence" and (other.view is not mention.view or other.sentence != mention.sentence):
                return
            if scope == "view" and other.view is not mention.view:
                return
            if scope == "section" and (
                other.view.section != mention.view.section
                or self.views[mention.view.passage] - self.views[other.view.passage] > _SECTION_LOOKBACK
            ):
                return
            yield other

    def find(self, mention: Mention, predicate: Predicate, scopes: tuple[str, ...] = ("view", "section")) -> list[Mention]:
        """Candidates satisfying ``predicate`` in the first scope that has any, nearest first."""
        for scope in scopes:
            found = [m for m in self.before(mention, scope) if predicate(m)]
            if found:
                return found
        return []

    # -- statements --------------------------------------------------------------------

    def build(self) -> list[Statement]:
        """All statements of the document."""
        self._inherit_item_subjects()
        self._enumerations()
        for mention in self.mentions:
            if mention.label.placeholder:
                continue
            if mention.kind == "rate":
                self._rate(mention)
            elif mention.kind == "share":
                self._share(mention)
            elif mention.kind == "change":
                self._change(mention)
            elif mention.kind == "change_rate":
                self._rate_between_years(mention)
        self._share_groups()
        self._balance_claims()
        return self.statements

    def _add(
        self,
        kind: str,
        facts: list[Fact],
        evidence: Evidence,
        roles: dict[str, list[Fact]],
        note: str | None = None,
        listed_whole: bool = False,
    ) -> Statement:
        unique: dict[int, Fact] = {}
        for fact in facts:
            unique.setdefault(fact.fact_id, fact)
        statement = Statement(
            statement_id=self.next_id,
            kind=kind,
            facts=tuple(unique.values()),
            evidence=evidence,
            roles=tuple((role, tuple(_dedupe(candidates))) for role, candidates in roles.items()),
            note=note,
            listed_whole=listed_whole,
        )
        self.next_id += 1
        self.statements.append(statement)
        return statement

    def evidence(self, first: Mention, last: Mention | None = None) -> Evidence:
        """Evidence spanning the sentences of ``first`` to ``last`` (same view)."""
        last = last or first
        if last.view is not first.view:
            last = first
        start, end = first.sentence_bounds[0], last.sentence_bounds[1]
        doc_start, doc_end = first.view.doc_range(start, end)
        box = self.document.figure_bbox(*first.view.doc_range(first.start, first.end))
        return Evidence(
            page=first.fact.evidence.page,
            quote=first.view.text[start:end].strip(),
            start=doc_start,
            end=doc_end,
            bbox=box.rounded() if box else None,
        )

    # rates ------------------------------------------------------------------------------

    def _inherit_item_subjects(self) -> None:
        """Figures of an item paragraph that name no subject of their own take the item's.

        「5.“…（类）…（款）…（项）”60.00万元，主要用于…。2023年当年预算执行数为52.63万元，2024年
        预算安排60.00万元，比2023年预算执行数增加14.00%。」: the figures after the heading are
        the 科目's, though their labels (当年预算执行数, 预算安排) say only what they measure.
        """
        head: Mention | None = None
        for mention in self.mentions:
            if head is None or mention.view is not head.view:
                head = mention if mention.label.level and mention.kind == "amount" else None
                continue
            if GENERIC_SUBJECT.match(mention.fact.subject):
                mention.fact = replace(
                    mention.fact, subject=head.fact.subject, subject_code=head.fact.subject_code, level=head.fact.level
                )

    def _rate(self, rate: Mention) -> None:
        label = rate.label
        name = label.rate_name or ""
        alternatives: list[Mention] = []
        if is_named_rate(name):
            top, bottom = NAMED_RATES[name]
            numerators = self.find(rate, lambda m: m.kind == "count" and same_subject(m.subject, top))
            denominators = self.find(rate, lambda m: m.kind == "count" and same_subject(m.subject, bottom))
        elif label.rate_base or label.measure in ("执行率", "控制率", "完成率"):
            bases = _denominator_classes(label.rate_base)
            subject = rate.subject

            def actual(m: Mention) -> bool:
                return m.kind == "amount" and measure_class(m) == "actual" and _subject_fits(m, subject)

            def budget(m: Mention) -> bool:
                return m.kind == "amount" and measure_class(m) in bases and _subject_fits(m, subject)

            numerators = self.find(rate, actual)
            denominators = self.find(rate, budget)
            denominators.sort(key=lambda m: bases.index(measure_class(m)))  # type: ignore[arg-type]
            alternatives = [
                m
                for m in self.find(rate, lambda m: m.kind == "amount" and measure_class(m) in BUDGET_CLASSES and _subject_fits(m, subject))
                if all(m is not d for d in denominators)
            ]
        else:
            return
        if not numerators or not denominators:
            return
        roles = {
            "result": [rate.fact],
            "numerator": [m.fact for m in numerators[:3]],
            "denominator": [m.fact for m in denominators[:4]],
        }
        if alternatives:
            roles["alternatives"] = [m.fact for m in alternatives[:3]]
        self._add("rate", [rate.fact, numerators[0].fact, denominators[0].fact], self.evidence(rate), roles, note=name or label.measure)

    # shares -----------------------------------------------------------------------------

    def _share(self, share: Mention) -> None:
        parts = [m for m in self.before(share, "sentence") if m.kind in ("amount", "count")]
        if not parts:
            return
        part = parts[0]
        self.shares.append((share, part))
        wholes: list[Mention] = []
        if share.label.whole:
            named = share.label.whole

            def whole(m: Mention) -> bool:
                return (
                    m is not part
                    and m.kind == part.kind
                    and same_subject(m.subject, named, strict=True)
                    and measure_class(m) in AMOUNT_CLASSES | {"count", None}
                )

            wholes = self.find(part, whole, ("view", "section", "document"))
        else:
            enumeration = self.part_of.get(part.index)
            if enumeration is not None:
                totals = enumeration.role("total")
                wholes_facts = list(totals)
                if wholes_facts:
                    self._add(
                        "share",
                        [share.fact, part.fact, wholes_facts[0]],
                        self.evidence(share),
                        {"result": [share.fact], "part": [part.fact], "whole": wholes_facts},
                    )
                return
        note = "named_whole" if share.label.whole else None
        if not wholes and not share.label.whole:
            opened = self._opened_list_total(share)
            wholes = [opened] if opened is not None and opened.kind == part.kind else []
            note = "opened_list"
        if not wholes:
            return
        self._add(
            "share",
            [share.fact, part.fact, wholes[0].fact],
            self.evidence(share),
            {"result": [share.fact], "part": [part.fact], "whole": [m.fact for m in wholes[:2]]},
            note=note,
        )

    def _opened_list_total(self, mention: Mention) -> Mention | None:
        """The total of a list the mention is an item of: the last figure before 「其中」 of the
        paragraph that opens the list, the paragraphs between being items with a share each
        (「…合计1,000.00万元，其中：」 「一般公共预算收入990.00万元，占99.00%；」 「其他资金…，占1.00%；」,
        or 「…合计1,000.00万元，其中：基本支出600.00万元，占60.00%；」 「项目支出…，占40.00%；」)."""
        passage = mention.view.passage
        views = [v for v in self.all_views if v.passage < passage]
        for steps, view in enumerate(reversed(views)):
            if steps > _LIST_ITEMS:
                return None
            inside = self._mentions_in(view)
            opener = _LIST_OPENER.search(view.text)
            if opener is not None or view.text.rstrip().endswith(("：", ":")):
                cut = opener.start() if opener is not None else len(view.text)
                amounts = [m for m in inside if m.kind in ("amount", "count") and m.end <= cut]
                return amounts[-1] if amounts else None
            if not any(m.kind == "share" for m in inside):
                return None  # not an item of the list
        return None

    def _mentions_in(self, view: View) -> list[Mention]:
        """The mentions of one view, from an index built on first use."""
        if self._by_view is None:
            self._by_view = {}
            for mention in self.mentions:
                self._by_view.setdefault(id(mention.view), []).append(mention)
        return self._by_view.get(id(view), [])

    def _share_groups(self) -> None:
        """Shares of one named whole listed together, whose whole is printed nowhere
        (「因公出国（境）费支出30万元，占“三公”经费的12.50%；公务用车…200.40万元，占…83.50%；公务接待费
        9.60万元，占4.00%」): when the shares add up to 100% within their rounding the parts are the
        whole breakdown, and the whole is their sum."""
        bound = {f.fact_id for s in self.statements if s.kind == "share" for f in s.role("result")}
        groups: dict[tuple[int, str], list[tuple[Mention, Mention]]] = {}
        for share, part in self.shares:
            if share.fact.fact_id in bound:
                continue
            key = (share.view.passage, subject_key(share.label.whole or ""))
            groups.setdefault(key, []).append((share, part))
        for members in groups.values():
            units = {p.fact.unit for _, p in members}
            if len(members) < 2 or not (all(is_money(p) for _, p in members) or len(units) == 1):
                continue
            total = sum((s.fact.value for s, _ in members), Decimal(0))
            slack = sum((Decimal(5).scaleb(-(s.fact.decimals + 1)) for s, _ in members), Decimal(0))  # half a unit each
            if abs(total - 100) > slack:
                continue
            self._add(
                "share_group",
                [f for s, p in members for f in (s.fact, p.fact)],
                self.evidence(members[0][0], members[-1][0]),
                {"results": [s.fact for s, _ in members], "parts": [p.fact for _, p in members]},
            )

    # year-on-year changes --------------------------------------------------------------

    def _change(self, change: Mention) -> None:
        following = self.mentions[change.index + 1] if change.index + 1 < len(self.mentions) else None
        rate = following if following and following.kind == "change_rate" and following.view is change.view else None
        currents: list[Mention] = []
        if change.label.subject:
            subject = change.fact.subject

            def named(m: Mention) -> bool:
                return (
                    m.kind == "amount"
                    and measure_class(m) in _CURRENT_CLASSES
                    and same_subject(m.subject, subject, strict=True)
                )

            currents = self.find(change, named, ("view", "section"))[:2]
        else:
            in_sentence = [m for m in self.before(change, "sentence") if m.kind == "amount"]
            if change.label.measure:
                in_sentence = [m for m in in_sentence if m.fact.measure == change.label.measure] or in_sentence
            currents = in_sentence[:1]
            head = _sentence_head(self.mentions, change)
            if head is not None and head.kind == "amount" and all(head is not c for c in currents):
                nearest_is_part = bool(currents) and self.part_of.get(currents[0].index) is not None and any(
                    f.fact_id == head.fact.fact_id for f in self.part_of[currents[0].index].role("total")
                )
                # 收入总计…，其中年初结转和结余…，较上年减少…: the change is the clause subject's, not the part's
                if nearest_is_part:
                    currents.insert(0, head)
                else:
                    currents.append(head)
        binding = "same_sentence"
        if not currents and not change.label.subject:
            currents = self._subject_of_previous_sentence(change)
            binding = "earlier_sentence"
        if not currents:
            return
        if not change.label.subject and currents[0].subject != change.fact.subject:
            # the change is about the figure it binds to, whatever the nearest clause named
            change.fact = replace(change.fact, subject=currents[0].subject)
            if rate is not None and not rate.label.subject:
                rate.fact = replace(rate.fact, subject=currents[0].subject)
        facts = [change.fact, currents[0].fact] + ([rate.fact] if rate else [])
        roles = {"current": [m.fact for m in currents], "change": [change.fact]}
        if rate:
            roles["rate"] = [rate.fact]
        evidence = self.evidence(currents[0], change) if binding == "earlier_sentence" else self.evidence(change)
        self._add("yoy", facts, evidence, roles, note=binding)

    def _subject_of_previous_sentence(self, change: Mention) -> list[Mention]:
        """The figure a subjectless change (「……支出12,480.00万元，主要用于……。与上年相比增加350.00万元」)
        is about: the first amount of the sentence just before it, when the change's sentence
        opens with the comparison itself and that sentence states one amount only."""
        text = change.view.text
        lead = text[change.sentence_bounds[0] : change.start]
        if not _COMPARISON_LEAD.match(lead):
            return []
        earlier = [
            m for m in self.mentions[: change.index] if m.view is change.view and m.sentence == change.sentence - 1
        ]
        amounts = [m for m in earlier if m.kind == "amount"]
        if len(amounts) != 1 or any(m.kind in ("change", "change_rate") for m in earlier):
            return []
        return amounts

    # a rate between two years' figures ---------------------------------------------------

    def _rate_between_years(self, rate: Mention) -> None:
        """「2023年当年预算执行数为80.00万元，2024年预算安排78.88万元，比2023年预算执行数减少1.40%」:
        a change rate with no change amount, between last year's and this year's figure of one
        sentence."""
        if not rate.label.compared:
            return
        earlier = list(self.before(rate, "sentence"))
        if any(m.kind == "change" for m in earlier):
            return  # a change amount and its rate: _change binds the pair
        amounts = [m for m in earlier if m.kind == "amount"]
        previous = [m for m in amounts if _is_previous(m)]
        current = [m for m in amounts if not _is_previous(m) and measure_class(m) in _CURRENT_CLASSES]
        if len(previous) != 1 or len(current) != 1 or is_money(previous[0]) != is_money(current[0]):
            return
        currents = [current[0]]
        head = self._item_head(rate)
        if head is not None and head is not current[0] and head.fact.value_yuan != current[0].fact.value_yuan:
            currents.append(head)  # the item's heading states this year's figure too: either may be meant
        self._add(
            "yoy_years",
            [rate.fact, current[0].fact, previous[0].fact],
            self.evidence(rate),
            {"rate": [rate.fact], "current": [m.fact for m in currents], "previous": [previous[0].fact]},
            note="same_sentence",
        )

    def _item_head(self, mention: Mention) -> Mention | None:
        """The heading figure of the item paragraph holding ``mention`` (「“…（项）”50.37万元」)."""
        first = next((m for m in self.mentions[: mention.index + 1] if m.view is mention.view), None)
        if first is None or first is mention or not first.label.level or first.kind != "amount":
            return None
        return first if first.fact.subject == mention.fact.subject else None

    # enumerations ----------------------------------------------------------------------

    def _enumerations(self) -> None:
        for head in self.mentions:
            if head.enumerates:
                self._enumeration_from(head)
            elif head.kind in ("amount", "count") and _BRACKET_LIST.match(head.view.text, head.end):
                self._bracketed_enumeration(head)
        self._announced_lists()
        for view_first in _first_mentions(self.mentions):
            before = view_first.view.text[view_first.sentence_bounds[0] : view_first.start]
            within = _WITHIN_INTRO.match(before)
            if "：" in before:
                intro = ENUMERATION_INTRO.search(before[: before.index("：") + 1])
                if intro is None:
                    continue
                marker_end = view_first.sentence_bounds[0] + before.index("：") + 1
                subject = intro.group("subject")
                if not subject:
                    continue  # 「…512.40万元。具体情况如下：」: the figure before it announced the list
            elif within is not None:
                # 「财政拨款支出预算中，一般公共预算拨款支出…；政府性基金拨款支出…」: the parts of the figure named
                marker_end = view_first.sentence_bounds[0] + within.end()
                subject = within.group("subject")
            else:
                continue
            totals = self.find(
                view_first,
                lambda m, s=subject: m.kind == "amount" and same_subject(m.subject, s, strict=True),
                ("section", "document"),
            )
            if totals:
                self._collect_parts(totals[0], view_first, marker_end, intro=True)

    def _next_unnumbered_item(
        self, mention: Mention, marker_view: View, parts: list[Mention], family: str | None, intro: bool
    ) -> bool:
        """Whether ``mention`` heads the next paragraph of a list announced as a whole (「具体情况如下：」
        then 「财政拨款收入…。」「其他收入…。」, one item a paragraph, no numbers): the paragraph right
        after the last item's and opening on the figure's label, and — after the first item — of the
        first item's family."""
        if not intro:
            return False
        if parts and parts[-1].view is mention.view:
            return True  # the rest of an item paragraph already taken
        if not self._opens_sentence(mention) or mention.sentence != 0:
            return False
        last = parts[-1].view.passage if parts else marker_view.passage
        if mention.view.passage != last + 1:
            return False
        return not parts or (family is not None and family_of_subject(mention.subject) == family)

    def _opens_sentence(self, mention: Mention) -> bool:
        """Whether ``mention`` is the first figure of its sentence."""
        previous = self.mentions[mention.index - 1] if mention.index > 0 else None
        return previous is None or previous.view is not mention.view or previous.sentence != mention.sentence

    def _announced_lists(self) -> None:
        """A paragraph that is only 「具体情况如下：」 after a paragraph ending on a figure: that figure's
        breakdown follows, one item a paragraph (the layout of a page that sets each sentence apart)."""
        by_passage = {m.view.passage: m for m in self.mentions}  # the last figure of each passage
        firsts = {}
        for mention in self.mentions:
            firsts.setdefault(mention.view.passage, mention)
        for view in self.all_views:
            if view.passage in firsts or not BARE_ANNOUNCEMENT.match(view.text):
                continue
            total, first = by_passage.get(view.passage - 1), firsts.get(view.passage + 1)
            if total is None or first is None or total.kind != "amount" or total.view.section != view.section:
                continue
            if not _ENDS_ON_FIGURE.match(total.view.text[total.end :]):
                continue
            self._collect_parts(total, first, len(view.text), intro=True, marker_view=view)

    def _enumeration_from(self, head: Mention) -> None:
        following = self.mentions[head.index + 1] if head.index + 1 < len(self.mentions) else None
        if following is None:
            return
        if following.view.passage != head.view.passage and not (
            following.view.section == head.view.section
            and following.view.passage - head.view.passage <= _LIST_ITEMS
            and following.fact.evidence.page - head.fact.evidence.page <= 1
            and (following.view.passage == head.view.passage + 1 or _starts_list_item(following))
        ):
            return  # the list it announces holds no figure of its own before the text moves on
        after = head.view.text[head.end : head.end + 40]
        flat = FLAT_CLAUSE.match(after)
        skip = flat.end() if flat else 0
        marker = ENUMERATION_AFTER.match(after[skip : skip + 12])
        marker_end = head.end + (skip + marker.end() if marker else 0)
        if head.kind == "change":
            # 「支出1,000.00万元，比上年减少50.00万元。其中：…」: the list breaks down the amount the change is of
            head = self._changed_amount(head) or head
        if head.kind not in ("amount", "count"):
            return
        intro = bool(marker) and not re.search(r"其中|分别为", marker.group(0))  # type: ignore[union-attr]
        self._collect_parts(head, following, marker_end, intro, marker_view=head.view)

    def _bracketed_enumeration(self, total: Mention) -> None:
        """The parts listed in the bracket that follows ``total`` (「…6200平方米（其中计容面积6100平方米，
        不计容面积105平方米）」): the figures inside that bracket, up to where it closes."""
        text = total.view.text
        opening = next(i for i in range(total.end, len(text)) if text[i] in "（(")
        close = _closing_bracket(text, opening)
        if close is None:
            return
        parts: list[Mention] = []
        for mention in self.mentions[total.index + 1 :]:
            if mention.view is not total.view or mention.start >= close:
                break
            if self._is_part(mention, total, parts, bracketed=True):
                parts.append(mention)
        if parts:
            self._add_enumeration(total, parts, intro=False)

    def _changed_amount(self, change: Mention) -> Mention | None:
        """The amount a change figure is printed after in its sentence (「支出1,000.00万元，比上年减少
        50.00万元」 → 1,000.00), when the text between them is only the comparison."""
        for mention in reversed(self.mentions[: change.index]):
            if mention.view is not change.view or mention.sentence != change.sentence:
                return None
            if mention.kind in ("amount", "count"):
                lead = change.view.text[mention.end : change.start]
                return mention if _COMPARISON_LEAD.match(lead.lstrip("，,元万千亿 ")) else None
            if mention.kind != "change_rate":
                return None
        return None

    def _collect_parts(self, total: Mention, first: Mention, marker_end: int, intro: bool, marker_view: View | None = None) -> None:
        """Parts of ``total`` listed from ``first`` on.

        The list runs to the end of the clause group (；) that holds the marker; a list
        introduced as a whole (具体构成为：, 主要用于以下方面：) or a marker that ends its
        sentence (其中：。) runs to the full stop, or on through numbered paragraphs. After
        the clause group, further clauses continue the list only with members of the same
        family (基本支出；项目支出).
        """
        view = marker_view or first.view  # the view whose text holds the marker (其中：…)
        if (
            view is not first.view
            and first.view.passage == view.passage + 1
            and not _ENDS_SENTENCE.search(view.text)
            and not ANNOUNCES_LIST.search(view.text)
            and not _starts_list_item(first)
        ):
            view, marker_end = first.view, 0  # the sentence runs on into the next passage (a wrapped line)
        text = view.text
        semicolon = _next_boundary(text, marker_end, "；。！？\n")
        full_stop = _next_boundary(text, marker_end, "。！？\n")
        tail_empty = not text[marker_end:semicolon].strip("，：:；。 ")
        open_ended = (intro or tail_empty) and not text[marker_end:full_stop].strip("，：:；。 ")
        strict_end = full_stop if (intro or tail_empty) else semicolon
        if not tail_empty and not QUANTITY.search(text, marker_end, semicolon):
            return  # a list of words (主要包括：基本工资、津贴补贴…), not of figures
        parts: list[Mention] = []
        family: str | None = None
        nested: tuple[int, int | None] | None = None  # (passage, sentence or None for the rest of it)
        for mention in self.mentions[first.index :]:
            same_view = mention.view is view
            next_sentence = same_view and mention.start >= full_stop and not open_ended
            if next_sentence and not (intro and parts and family):
                break
            if next_sentence and not self._opens_sentence(mention):
                continue  # 「其他收入3.16万元，占…」: only a sentence's first figure is the list's next item
            if next_sentence and (family_of_subject(mention.subject) != family or not self._is_part(mention, total, parts)):
                break  # 「具体情况如下：」 runs on, one item a sentence, while the items are of one family
            if not same_view and not (
                open_ended
                and mention.view.section == view.section
                and mention.view.passage - view.passage <= _LIST_ITEMS
                and mention.fact.evidence.page - first.fact.evidence.page <= 1
                and (_starts_list_item(mention) or self._next_unnumbered_item(mention, view, parts, family, intro))
            ):
                break
            beyond = same_view and mention.start >= strict_end and not open_ended
            if nested and mention.view.passage == nested[0] and nested[1] in (None, mention.sentence):
                continue
            nested = None
            if mention.kind == total.kind and _is_new_total(mention):
                break
            side = _side(mention.subject)
            if parts and side not in (None, _side(total.subject)) and _side(parts[0].subject) in (None, _side(total.subject)):
                break  # 「收入…，其中：一般公共预算拨款…，相应安排支出…」: the expense starts a statement of its own
            if not self._is_part(mention, total, parts):
                if parts and mention.kind in ("amount", "count") and same_subject(mention.subject, total.subject, strict=True):
                    break
                continue
            if beyond and (family is None or family_of_subject(mention.subject) != family):
                break
            if mention.view is not view and parts[-1:] and parts[-1].view is mention.view and family and family_of_subject(mention.subject) != family:
                continue  # an item paragraph's later figure outside the list's family: its detail (a reason's amount)
            parts.append(mention)
            if family is None and len(parts) == 1:
                family = family_of_subject(mention.subject)
            if mention.view is not view and _LIST_OPENER.search(mention.view.text, mention.end):
                # an item of its own paragraph owns the rest of it (「（二）…20万元，…。其中：购置费…」)
                nested = (mention.view.passage, None)
            elif mention.enumerates:
                nested = (mention.view.passage, mention.sentence)
        if parts:
            self._add_enumeration(total, parts, intro)

    def _add_enumeration(self, total: Mention, parts: list[Mention], intro: bool) -> None:
        statement = self._add(
            "enumeration",
            [total.fact, *(p.fact for p in parts)],
            self.evidence(total, parts[-1]),
            {"total": [total.fact], "parts": [p.fact for p in parts]},
            note=total.subject,
            listed_whole=intro,
        )
        for part in parts:
            self.part_of.setdefault(part.index, statement)

    def _is_part(self, mention: Mention, total: Mention, parts: list[Mention], bracketed: bool = False) -> bool:
        """Whether ``mention`` can be a part of ``total`` (``bracketed``: it is listed in the bracket
        after the total, so being in brackets is what a part is)."""
        if mention.kind != total.kind:
            return False
        if _LEVELS.get(mention.fact.level or "", 9) <= _LEVELS.get(total.fact.level or "", -1):
            return False  # a 科目 of the total's level or above is its sibling, not its part
        if mention.quantity.in_brackets and not total.quantity.in_brackets and not bracketed:
            return False
        if measure_class(mention) != measure_class(total) and not _same_measure_family(mention, total):
            return False
        if same_subject(mention.subject, total.subject, strict=True):
            return False
        if parts and any(word in mention.subject for word in TOTAL_WORDS):
            return False
        return _clause_head(mention)

    # balance claims -------------------------------------------------------------------

    def _balance_claims(self) -> None:
        seen: set[tuple[int, int]] = set()
        for view in {id(m.view): m.view for m in self.mentions}.values():
            for match in _BALANCE_CLAIM.finditer(view.text):
                key = (view.passage, match.start())
                if key in seen:
                    continue
                seen.add(key)
                self._balance_claim(view, match.start(), match.end())
            for match in _CORRESPONDING.finditer(view.text):
                self._corresponding_expense(view, match.start(), match.end())
        self._balance_claims_without_figures(seen)

    def _corresponding_expense(self, view: View, start: int, end: int) -> None:
        """「收入预算为600.00万元，其中：…，相应安排支出预算600.00万元」: the expense is arranged to
        match the income the sentence opened with — a claim of balance between the two totals."""
        sentence_start = max(view.text.rfind(ch, 0, start) for ch in "。！？\n") + 1
        in_view = [m for m in self._mentions_in(view) if m.kind == "amount"]
        before = [m for m in in_view if sentence_start <= m.start < start]
        if not before:  # 「收入预算为420.50万元，其中：…。相应安排支出预算…」: the income opened the sentence before
            previous_start = max(view.text.rfind(ch, 0, max(sentence_start - 1, 0)) for ch in "。！？\n") + 1
            before = [m for m in in_view if previous_start <= m.start < sentence_start]
        after = [m for m in in_view if m.start >= end]
        if not before or not after or _side(before[0].subject) != "收入" or _side(after[0].subject) not in ("支出", None):
            return
        income, expense = before[0], after[0]
        if view.text[end : expense.start].strip("预算为是：:，, ") and _side(expense.subject) != "支出":
            return  # the figure after 相应安排 is not the expense it arranges
        self._add(
            "balance_claim",
            [income.fact, expense.fact],
            self.evidence(income, expense),
            {"income": [income.fact], "expense": [expense.fact]},
            note=view.text[start:end],
        )

    def _balance_claims_without_figures(self, seen: set[tuple[int, int]]) -> None:
        viewed = {m.view.passage for m in self.mentions}
        for view in self.all_views:
            if view.passage in viewed:
                continue
            for match in _BALANCE_CLAIM.finditer(view.text):
                if (view.passage, match.start()) not in seen:
                    self._balance_claim(view, match.start(), match.end())

    def _balance_claim(self, view: View, start: int, end: int) -> None:
        anchor = _last_mention_before(self.mentions, view, start)
        if anchor is None:
            return
        candidates = [anchor, *self.before(anchor, "section")]
        incomes = [m for m in candidates if _is_total_of(m, "收入")]
        expenses = [m for m in candidates if _is_total_of(m, "支出")]
        if not incomes or not expenses:
            return
        income, expense = incomes[0], expenses[0]
        same_class = [m for m in expenses if measure_class(m) == measure_class(income)]
        expense = same_class[0] if same_class else expense
        sentence_start = max(view.text.rfind(ch, 0, start) for ch in "。；\n") + 1
        sentence_end_match = _FULL_STOP.search(view.text, end)
        sentence_end = sentence_end_match.end() if sentence_end_match else len(view.text)
        doc_start, doc_end = view.doc_range(sentence_start, sentence_end)
        evidence = Evidence(
            page=self.document.page_at(doc_start),
            quote=view.text[sentence_start:sentence_end].strip(),
            start=doc_start,
            end=doc_end,
        )
        self._add(
            "balance_claim",
            [income.fact, expense.fact],
            evidence,
            {"income": [income.fact], "expense": [expense.fact]},
            note=view.text[start:end],
        )


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[int] = set()
    out = []
    for fact in facts:
        if fact.fact_id not in seen:
            seen.add(fact.fact_id)
            out.append(fact)
    return out


def _view_order(mentions: list[Mention]) -> dict[int, int]:
    order: dict[int, int] = {}
    for mention in mentions:
        order.setdefault(mention.view.passage, len(order))
    return order


def _denominator_classes(base: str | None) -> list[str]:
    if base == "budget_initial":
        return ["budget_initial", "budget"]
    if base == "budget_full":
        return ["budget_full", "budget"]
    return ["budget_full", "budget", "budget_initial"]


def _subject_fits(mention: Mention, subject: str) -> bool:
    return not subject or not mention.subject or same_subject(mention.subject, subject)


def _sentence_head(mentions: list[Mention], mention: Mention) -> Mention | None:
    """The first figure of the full sentence (up to 。) that holds ``mention``."""
    text = mention.view.text
    start = max(text.rfind(ch, 0, mention.start) for ch in "。！？\n") + 1
    for other in mentions[: mention.index]:
        if other.view is mention.view and other.start >= start:
            return other
    return None


def _first_mentions(mentions: list[Mention]) -> list[Mention]:
    out = []
    seen: set[int] = set()
    for mention in mentions:
        key = (mention.view.passage, mention.view.base, mention.sentence)
        if key not in seen:
            seen.add(key)  # type: ignore[arg-type]
            out.append(mention)
    return out


def _next_boundary(text: str, start: int, chars: str) -> int:
    """The position just after the next boundary character at or after ``start``."""
    positions = [i for i in (text.find(ch, start) for ch in chars) if i >= 0]
    return min(positions) + 1 if positions else len(text)


def family_of_subject(subject: str) -> str | None:
    """The vocabulary family of a subject label, if any."""
    return family_of(subject_key(subject))


def _is_new_total(mention: Mention) -> bool:
    """A figure for another total (支出预算总额 after 收入预算总额) ends a list of parts."""
    return any(word in mention.subject for word in TOTAL_WORDS) and family_of_subject(mention.subject) is None


def _starts_list_item(mention: Mention) -> bool:
    return is_heading_start(mention.view.text)


def _clause_head(mention: Mention) -> bool:
    """Whether the mention is the first figure of its clause with a subject of its own."""
    return bool(mention.label.subject) or mention.label.enum_marker


def _same_measure_family(a: Mention, b: Mention) -> bool:
    classes = {measure_class(a), measure_class(b)}
    if "amount" in classes and classes & AMOUNT_CLASSES == classes:
        return True  # an amount printed without a measure word takes the list's measure
    return classes <= {"actual", "amount"} or classes <= {"budget", "budget_initial", "budget_full"} or classes <= {"count", None}


def _is_total_of(mention: Mention, side: str) -> bool:
    subject = mention.subject
    if mention.kind != "amount" or side not in subject:
        return False
    other = "支出" if side == "收入" else "收入"
    if other in subject:
        return False
    return any(word in subject for word in ("总", "合计")) or subject in (f"本年{side}",)


def _last_mention_before(mentions: list[Mention], view: View, position: int) -> Mention | None:
    """The last figure before ``position`` in ``view``, else the last one earlier in its section."""
    in_view = [m for m in mentions if m.view is view and m.start < position]
    if in_view:
        return in_view[-1]
    previous = [m for m in mentions if m.view.passage < view.passage and m.view.section == view.section]
    return previous[-1] if previous else None


def _is_previous(mention: Mention) -> bool:
    """Whether an amount is last year's: a 上年决算数, or in a 预算 the 执行数 of the year before."""
    if measure_class(mention) == "previous":
        return True
    return mention.fact.measure == "决算数" and bool(re.search(r"(?:上年|上一年|\d{4}年)", mention.label.raw))


def _closing_bracket(text: str, opening: int) -> int | None:
    """The index of the bracket closing the one at ``opening``, ``None`` when it is not closed."""
    depth = 0
    for i in range(opening, len(text)):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i
    return None
