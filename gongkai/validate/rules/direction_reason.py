"""A change's stated reason that restates the change with the opposite direction word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.fields.mentions import Mention
from gongkai.schemas.records import Check, Evidence, Finding
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held

# the reason that follows the change in its own or the next sentence: 「…减少2.98%。主要原因是：…」
_REASON = re.compile(
    r"^[^。；;]{0,4}?[，,。；;]\s*(?:其)?(?:主要)?原因(?:主要)?(?:是|为|在于)?[：:]?\s*(?P<reason>[^。；;！!]{1,60})"
)
_UP = "增加|增长|提高|上升|上涨|增多"
_DOWN = "减少|下降|降低|压减|减小|缩减"
_WORD = re.compile(rf"(?P<up>{_UP})|(?P<down>{_DOWN})")
# what may stand between the subject and the direction word: the subject's own money
_MONEY = re.compile(r"(?:的)?(?:经费|支出|资金|预算|拨款|安排|数|额)*$")
# what may follow the direction word and still be the same restatement
_TAIL = re.compile(r"^(?:了|所致|导致|等|的原因)?$")
_MARKERS = re.compile(r"[（(][类款项][）)]|[“”\"'《》「」\s]")


def restated_subject(reason: str) -> tuple[str, int] | None:
    """The subject and the direction (+1/−1) of a reason that is only 「<subject>经费增加」.

    ``None`` when the reason says more than that: several direction words, a figure, or words
    after the direction word (「新增一辆车，但车型不同」 explains, it does not restate).
    """
    words = list(_WORD.finditer(reason))
    if len(words) != 1 or re.search(r"\d", reason):
        return None
    word = words[0]
    if not _TAIL.match(reason[word.end() :].strip()):
        return None
    head = _MARKERS.sub("", reason[: word.start()])
    subject = _MONEY.sub("", head)
    if subject == head and head:  # the subject's money is not named: 「人员增加」 is a cause, not a restatement
        return None
    return subject, (1 if word.group("up") else -1)


@rule("direction_word.reason", "direction_word", "warning")
def reason_direction(analysis: Analysis) -> Iterator[Finding | Check]:
    """The reason given for a change (「比上年减少2.98%。主要原因是：宣传事务经费增加。」) must not
    say that the same item's money moved the other way. Only a reason that does nothing but
    restate the change's own subject (or its 经费 without a subject) with one direction word is
    judged; a reason naming another cause is never judged. A warning: the figures are not wrong,
    the explanation contradicts them."""
    for mention in analysis.text.mentions:
        sign = mention.label.sign
        if mention.label.kind not in ("change", "change_rate") or sign not in (1, -1) or mention.fact.value == 0:
            continue
        found = _REASON.match(mention.view.text[mention.end :])
        if found is None:
            continue
        restated = restated_subject(found.group("reason").strip())
        if restated is None:
            continue
        subject, direction = restated
        own = _MARKERS.sub("", mention.fact.subject or "")
        if subject and (len(subject) < 2 or subject not in own):
            continue  # the reason names another item: a cause, not judged
        if direction == sign:
            yield held(reason_direction, [mention.fact], [_reason_evidence(mention, found.end())])
            continue
        yield make_finding(
            reason_direction,
            f"{mention.fact.subject or '该项'}{'增加' if sign > 0 else '减少'}{shown(mention.fact)}，"
            f"所述原因却是“{found.group('reason').strip()}”——方向相反。",
            [mention.fact],
            [_reason_evidence(mention, found.end())],
        )


def _reason_evidence(mention: Mention, reason_end: int) -> Evidence:
    """The change's own evidence extended to the end of its reason."""
    view, first, last = mention.view, mention.sentence_bounds[0], mention.end + reason_end
    start, end = view.doc_range(first, last)
    evidence = mention.fact.evidence
    return Evidence(page=evidence.page, quote=view.text[first:last], start=start, end=end, bbox=evidence.bbox)
