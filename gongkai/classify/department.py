"""The department as printed, from the most explicit place that names it.

In order: a label line (``预算单位：…``, ``编制部门：…``, ``部门（单位）：…`` — often glued to
``单位：元`` on the same line, in a text passage or a table's title cell); a Taiwan cover
(``X主管`` over ``Y附属单位预算``); the title (``某市某区社会福利院2024年单位预算``,
``2017年度某省高级人民法院部门预算公开``); headings and cover lines (``第二部分 <name>
2017年度部门预算表``, ``第一部分 <name>概况``, a cover ``2024年部门预算`` over the name).
A name printed without its place (``卫生监督所``) is completed from the body when the body
always prints the same place before it (``某县卫生监督所``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from gongkai.classify.names import NAME, clean_name, is_organisation, region_of
from gongkai.classify.page import Page, is_breadcrumb
from gongkai.classify.years import western_years
from gongkai.normalize.document import Document

_HEAD_CHARS = 4000
_YEAR = r"(?:(?:19|20)\d{2})\s*年度?"
_KIND = r"(?:部门|单位)?(?:决算|预算|整体支出|绩效)"
# a department's labels, then a unit's: a department's own line outranks its units' table headers
_DEPARTMENT_LABEL = r"预算主管部门|主管部门|编制部门|预算部门|部门[（(]单位[)）]|部门名称"
_UNIT_LABEL = r"单位名称|预算单位|编制单位|填报单位|报送单位|公开单位"
_LABEL_LINE = re.compile(
    rf"(?:(?P<department>{_DEPARTMENT_LABEL})|{_UNIT_LABEL}|(?P<bare>部门))\s*[：:][ \t\u3000]*(?P<name>{NAME}{{2,60}}?)"
    r"(?=\s*(?:金额)?单位\s*[：:]|[（(]盖章[)）]|[\s，。；,;：:]|\d|$)"
)
_TITLE_PATTERNS = (
    re.compile(rf"^(?P<name>{NAME}{{2,60}}?)\s*{_YEAR}"),  # 某县人民检察院2014年部门决算批复
    re.compile(rf"{_YEAR}\s*(?P<name>{NAME}{{2,60}}?)\s*{_KIND}"),  # 2017年度某省高级人民法院部门预算公开
    re.compile(rf"^(?P<name>{NAME}{{2,60}}?)\s*(?:部门|单位)(?:决算|预算)"),  # 某区某局部门预算
)
_HEAD_PATTERNS = (
    re.compile(
        rf"第[一二三四五六七八九十]+部分\s*(?P<name>{NAME}{{2,60}}?)\s*(?:{_YEAR})?\s*(?:部门|单位)?(?:概况|基本情况|决算|预算)"
    ),
    re.compile(rf"^(?P<name>{NAME}{{2,60}}?)\s*{_YEAR}\s*{_KIND}", re.M),
    re.compile(rf"^(?P<name>{NAME}{{2,60}}?)\s*(?:部门|单位)?(?:整体支出)?绩效自评报告", re.M),
    # a cover: 「2024年部门预算」 with the department on the next line
    re.compile(rf"^(?:{_YEAR})?\s*(?:部门|单位)(?:决算|预算)\s*\n(?P<name>{NAME}{{2,60}})$", re.M),
)
_SUPERVISOR = re.compile(rf"^(?P<name>{NAME}{{2,30}}?)主管(?:{_YEAR}.*)?$")  # a Taiwan cover: 某院主管
_SUPERVISED_UNIT = re.compile(rf"^(?P<name>{NAME}{{2,40}}?)(?:附属)?单位预算")
_PLACE_END = re.compile(r"(?:省|市|县|区|州|旗|盟|乡|镇)$")
_CONTEXT = 14  # characters looked at before a short name to find its place


def find_department(document: Document, page: Page, roc: bool = False) -> str | None:
    """The department the document is about, as printed, or None (``roc``: 民国 years)."""
    name = (
        _from_labels(_label_sources(document, page))
        or _from_supervisor([western_years(line, roc) if line else line for line in page.cover])
        or _first_organisation(_matches(_TITLE_PATTERNS, [western_years(page.title or "", roc)]))
        or _first_organisation(_matches(_HEAD_PATTERNS, [western_years(_head(page), roc)]))
    )
    return _with_place(name, page.body) if name else None


def _label_sources(document: Document, page: Page) -> list[str]:
    """The body text and the title cells of tables (a cell may keep its own line breaks)."""
    cells = [
        cell.text
        for table in document.tables
        for row in table.rows[:3]
        for cell in row
        if cell is not None and "\n" in cell.text and ("：" in cell.text or ":" in cell.text)
    ]
    return [page.body, *cells]


def _from_labels(sources: Iterable[str]) -> str | None:
    """The name most label lines give, department labels before unit labels.

    A copy whose characters came out of order is outvoted; the earliest wins a tie.
    """
    votes: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    first: dict[str, int] = {}
    position = 0
    for source in sources:
        for match in _LABEL_LINE.finditer(source):
            name = clean_name(match.group("name"))
            if is_organisation(name):
                votes[bool(match.group("department") or match.group("bare"))][name] += 1
                first.setdefault(name, position + match.start())
        position += len(source)
    counts = votes[True] or votes[False]
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


def _from_supervisor(cover: list[str | None]) -> str | None:
    """A Taiwan cover: ``某部主管`` over ``某某特别收入基金附属单位预算`` → both names."""
    lines = [line for line in cover[:40] if line]
    for i, line in enumerate(lines):
        match = _SUPERVISOR.match(line)
        if not match or not is_organisation(clean_name(match.group("name"))):
            continue
        name = clean_name(match.group("name"))
        for below in lines[i + 1 : i + 4]:
            unit = _SUPERVISED_UNIT.match(below)
            if unit and is_organisation(clean_name(unit.group("name"))):
                return name + clean_name(unit.group("name"))
        return name
    return None


def _head(page: Page) -> str:
    lines = page.body[:_HEAD_CHARS].split("\n")
    return "\n".join(line for line in lines if not is_breadcrumb(line))


def _matches(patterns: Iterable[re.Pattern[str]], texts: list[str]) -> Iterator[str]:
    for pattern in patterns:
        for text in texts:
            for match in pattern.finditer(text):
                yield clean_name(match.group("name"))


def _first_organisation(names: Iterable[str]) -> str | None:
    return next((name for name in names if is_organisation(name)), None)


def _with_place(name: str, body: str) -> str:
    """``卫生监督所`` → ``某某县卫生监督所`` when every placed mention has the same place."""
    if region_of(name) or len(name) > 20:
        return name
    contexts = []
    for match in re.finditer(re.escape(name), body):
        before = re.search(r"[\u4e00-\u9fff]*$", body[max(0, match.start() - _CONTEXT) : match.start()])
        context = before.group(0) if before else ""
        if _PLACE_END.search(context):
            contexts.append(context)
    if len(contexts) < 2:
        return name
    place = _common_suffix(contexts)
    return place + name if len(place) >= 2 and _PLACE_END.search(place) else name


def _common_suffix(texts: list[str]) -> str:
    shortest = min(texts, key=len)
    for size in range(len(shortest), 0, -1):
        tail = shortest[-size:]
        if all(text.endswith(tail) for text in texts):
            return tail
    return ""
