"""A quantity's label → what it measures: subject, measure, and the kind of figure.

``社会保障和就业支出年初预算数为`` → subject 社会保障和就业支出, measure 年初预算数;
``较2020年减少`` → a change of −; ``完成年初预算的`` → a completion rate against the
年初预算; ``占政府采购支出总额的`` → a share of 政府采购支出总额.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.fields.segment import strip_filler_tokens
from gongkai.schemas.vocabulary import (
    GENERIC_LABEL,
    MEASURE_PATTERNS,
    MEASURES,
    NAMED_RATES,
    canonical_subject,
    clause_topic,
)

PLACEHOLDER = re.compile(r"增加[（(]减少[)）]|减少[（(]增加[)）]|增长[（(]下降[)）]|下降[（(]增长[)）]|大于[（(]小于[)）]|小于[（(]大于[)）]")
_SCOPE_MARK = re.compile(r"^[（(](?:部门|单位)[)）]")
_LEVEL = re.compile(r"[（(](类|款|项)[)）]")
_BOTH_SIDES = re.compile(r"收入?[、和与及]支出?(?=预算|总计|合计|总额|各)")
_DASH = r"[-－—]"
_DASHED_PATH = re.compile(
    rf"^(?P<path>[^-－—，,。；]{{2,30}}{_DASH}[^-－—，,。；]{{2,30}}?(?P<item>{_DASH}[^-－—，,。；]{{2,30}}?)?)(?:科目)?$"
)
_ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d)|[①-⑳])")
_ENUM_MARKER = re.compile(r"^(?:[（(](?:其中|包括)|其中|包括|主要包括|含|即|具体为|分别为|主要为|具体构成为)[：:]?")
_CONTEXT = re.compile(
    r"同比|环比|截[止至]\d{4}年(?:\d{1,2}月\d{1,2}日|底|末)?|截[止至]\d{1,2}月\d{1,2}日"
    r"|与\d{4}年度?相比|与上年(?:度)?相比"
    r"|本部门|本单位|我部门|我单位|我局|本局|该单位|本年度|本年(?!收入|支出)"
    r"|(?<!上)\d{4}年度?(?![初末])|\d{4}年(?=[初末]预算)|\d{1,2}月\d{1,2}日"
)
_COMPARISON = re.compile(r"(?:较|比)(?:上年度?|上一年度?|去年|\d{4}年度?|上年决算数?|上年度决算数?|年初预算数?|预算数?)(?:同期)?(?:决算数)?")
_CHANGE_WORDS = re.compile(r"(增加|减少|增长|下降|上升|降低|提高|增|减|节约|压减|减支|增支)(?:了)?$")
_CHANGE_RATE_NAME = re.compile(r"(增长|下降|增|降|减少|增加|上升|降低)(?:率|幅度?|比例)(?:为|是|达)?$")
_NEGATIVE = {"减少", "下降", "降低", "减", "降", "节约", "压减", "减支"}
_TRAILING = re.compile(r"(?:为|是|达到|达|共计|约|了|的|：|:|，|,|\s)+$")
_LEADING = re.compile(r"^(?:[，,。；：:、\s]|及|和|以及|另|另外|此外|同时|并|且)+")
_COMPLETION = re.compile(r"完成(?:了)?(年初|全年|调整后|年度|全年调整)?(?:预算|计划)(?:数|收入|支出)?的?$")
_RATE_NAME = re.compile(r"([^，。；、\s]{0,16}?率)(?:为|是|达到|达)?$")
_GENERIC_RATE_SUBJECTS = {"预算", "资金", "支出", "收入", "总体", "整体", "年度", "全年", "支付", "经费"}
_SHARE = re.compile(r"占(?!比)(.*?)(?:的)?(?:比重|比例|份额)?(?:为|是|达)?$|占比(?:重)?(?:为|是|达)?$")


@dataclass(frozen=True, slots=True)
class Label:
    """What a quantity's label says."""

    subject: str
    measure: str | None
    kind: str  # amount | change | change_rate | share | rate | score | score_max | count
    sign: int = 0
    rate_name: str | None = None
    rate_base: str | None = None
    whole: str | None = None
    enum_marker: bool = False
    level: str | None = None
    placeholder: bool = False
    compared: bool = False
    raw: str = ""


def parse_label(label: str, unit: str | None, department: str | None = None) -> Label:
    """Interpret the label text printed before a quantity with ``unit``."""
    raw = label
    label, marker_before = _last_colon_segment(label)
    placeholder = PLACEHOLDER.search(label) is not None
    text = PLACEHOLDER.sub(lambda m: m.group(0)[:2], label)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    text = _BOTH_SIDES.sub("收支", text)  # 「收入、支出预算总计」「收、支预算总计各增加」 name one figure
    text = _LEADING.sub("", text)
    text = _ENUMERATOR.sub("", text)
    enum_marker = marker_before or bool(_ENUM_MARKER.match(text))
    text = _ENUM_MARKER.sub("", text)
    level = None
    for match in _LEVEL.finditer(text):
        level = match.group(1)
    text = _LEVEL.sub("", text)
    dashed = _DASHED_PATH.match(text)
    if dashed is not None and level is None:
        # 「“一般公共服务支出-政府办公厅（室）及相关机构事务-一般行政管理事务”科目」: a 科目 named by its path
        level = "款" if dashed.group("item") is None else "项"
        text = dashed.group("path")
    if department:
        text = _SCOPE_MARK.sub("", text.replace(department, ""))  # 「…办事处（部门）共有车辆」
    compared = bool(_COMPARISON.search(text))
    text = _COMPARISON.sub("", text)
    text = _CONTEXT.sub("", text)
    text = _TRAILING.sub("", text)
    common = {"enum_marker": enum_marker, "level": level, "placeholder": placeholder, "compared": compared, "raw": raw}

    if unit in ("%", "‰"):
        return _percent_label(text, common)
    change = _CHANGE_WORDS.search(text)
    if change and unit != "分":
        sign = -1 if change.group(1) in _NEGATIVE else 1
        subject, measure = _split_measure(text[: change.start()].removesuffix("各"))  # 「…总计各增加」
        return Label(_clean_subject(subject), measure, "change", sign=sign, **common)
    subject, measure = _split_measure(text)
    subject = _clean_subject(subject)
    if unit == "分":
        if measure not in ("分值", "得分"):
            measure = "得分"
        return Label(_strip_indicator(subject), measure, "score" if measure == "得分" else "score_max", **common)
    if unit is not None and unit not in ("元", "万元", "亿元", "千元", "百万元", "亿", "万美元", "美元"):
        return Label(subject, measure or "人数" if unit in ("人", "名") else measure or "数量", "count", **common)
    return Label(subject, measure, "amount", **common)


def topical_subject(label: Label, clause_before: str) -> str | None:
    """The subject of an amount whose label is generic on its own, read with the clause before it.

    ``涉及项目预算资金`` after ``编报绩效目标的项目5个`` → ``绩效目标涉及项目预算资金``;
    ``涉及财政性资金合计`` after ``共5个项目实行绩效目标管理`` → ``绩效目标管理资金``. None when
    the label names its own subject or the clause before it names no topic.
    """
    if label.kind != "amount" or not GENERIC_LABEL.match(label.subject):
        return None
    phrase = _generic_phrase(label.raw)
    topic = clause_topic(clause_before)
    if phrase is None or topic is None:
        return None
    composed = topic + phrase
    return canonical_subject(composed) or composed


def _generic_phrase(raw: str) -> str | None:
    """A generic label as printed, measure words kept, context dropped (``共涉及资金`` → ``涉及资金``)."""
    text, _ = _last_colon_segment(raw)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    text = _TRAILING.sub("", _CONTEXT.sub("", _LEADING.sub("", text)))
    match = GENERIC_LABEL.match(text)
    if match is None:
        return None
    return "涉及" + text[match.end() :]


def _last_colon_segment(label: str) -> tuple[str, bool]:
    """The label after its last colon (``收入支出预算情况：收入预算总额：`` → ``收入预算总额``).

    Returns the segment and whether an enumeration marker (其中：) came before it.
    """
    depth = 0
    cuts = []
    for i, ch in enumerate(label):
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif ch in "：:" and depth == 0:
            cuts.append(i)
    if not cuts:
        return label, False
    segments = []
    previous = 0
    for cut in cuts:
        segments.append(label[previous:cut])
        previous = cut + 1
    segments.append(label[previous:])
    meaningful = [s for s in segments if s.strip()]
    if not meaningful:
        return label, False
    last = meaningful[-1]
    before = "".join(segments[: segments.index(last)])
    if _ENUM_MARKER.match(last + "：") and len(meaningful) == 1:
        return last, True
    return last, bool(re.search(r"其中|包括|具体构成为|主要用于", before))


def _percent_label(text: str, common: dict) -> Label:
    share = _SHARE.search(text)
    if share and "占" in text:
        whole = _clean_subject(share.group(1) or "") or None
        subject, _ = _split_measure(text[: share.start()])
        return Label(_clean_subject(subject), "占比", "share", whole=whole, **common)
    change = _CHANGE_WORDS.search(text) or _CHANGE_RATE_NAME.search(text)
    if change:
        sign = -1 if change.group(1) in _NEGATIVE else 1
        subject, measure = _split_measure(text[: change.start()])
        return Label(_clean_subject(subject), "增减率", "change_rate", sign=sign, **common)
    completion = _COMPLETION.search(text)
    if completion:
        base = {"年初": "budget_initial", "全年": "budget_full", "调整后": "budget_full", "全年调整": "budget_full"}
        subject, _ = _split_measure(text[: completion.start()])
        return Label(
            _clean_subject(subject),
            "完成率",
            "rate",
            rate_name="完成" + (completion.group(1) or "") + "预算",
            rate_base=base.get(completion.group(1) or "", "budget"),
            **common,
        )
    if "权重" in text:
        return Label(_clean_subject(text.replace("权重值", "").replace("权重", "")), "权重", "share", **common)
    named = _RATE_NAME.search(text)
    if named:
        name = named.group(1)
        measure = next((m for m in ("完成率", "执行率", "控制率") if name.endswith(m)), "比率")
        subject = _clean_subject(text[: named.start()] + name[: -len(measure)] if measure != "比率" else name)
        if subject in _GENERIC_RATE_SUBJECTS:
            subject = ""  # 预算执行率, 资金执行率: the rate of whatever the sentence is about
        return Label(subject, measure, "rate", rate_name=name, **common)
    subject, _ = _split_measure(text)
    return Label(_clean_subject(subject), "比率", "rate", **common)


def _split_measure(text: str) -> tuple[str, str | None]:
    """Remove the first measure word from ``text``; return (rest, measure)."""
    for pattern, measure in MEASURE_PATTERNS:
        match = pattern.search(text)
        if match and match.group(0):
            rest = text[: match.start()] + text[match.end() :]
            return rest, measure
    return text, None


def _clean_subject(text: str) -> str:
    text = _CONTEXT.sub("", text)
    text = _TRAILING.sub("", _LEADING.sub("", text))
    text = strip_filler_tokens(text)
    text = re.sub(r"^(?:年度|全年|年末|当年)(?=\S)", "", text) if text not in ("年末结转和结余",) else text
    text = re.sub(r"[（(][^（）()]*[)）]$", "", text) if canonical_subject(text) is None else text
    return _TRAILING.sub("", text).strip("，。；：、 ")


def _strip_indicator(subject: str) -> str:
    return re.sub(r"(?:指标|维度)$", "", subject)


def is_named_rate(name: str | None) -> bool:
    """Whether a rate name has a formula in the vocabulary."""
    return bool(name) and name in NAMED_RATES


def measure_class(measure: str | None) -> str | None:
    """The class of a canonical measure (``决算数`` → ``actual``)."""
    return MEASURES.get(measure or "")
