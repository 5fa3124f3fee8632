"""What a document is: its type, the fiscal year it reports on, and who published it.

Read from the document's own title and text. The fiscal year is the year reported on —
``2019年度部门整体支出绩效自评`` dated ``2020年7月`` is about 2019 — so cover dates and
the year of signing are discounted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from gongkai.normalize.document import Document

_HEAD_CHARS = 600  # the title and table of contents sit in the first few hundred characters

_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("performance_self_evaluation", re.compile(r"绩效自评|自评报告|绩效评价报告|整体支出绩效|项目支出绩效自评表|绩效自评表")),
    ("final_accounts", re.compile(r"(?:部门|单位)决算|决算(?:公开|报告|说明)|年度决算|决算表")),
    ("budget", re.compile(r"(?:部门|单位)预算|预算(?:公开|说明)|年度预算|预算表")),
)
_YEAR_CONTEXT = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?\s*(?:部门|单位)?\s*(?:决算|预算|整体支出|项目支出|绩效|收入|支出|年初|部门预算)")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_DEPARTMENT_PATTERNS = (
    re.compile(r"(?:部门|单位)名称[：:]\s*(?P<name>[^\s（(，。；\t\n]{2,40})"),
    re.compile(r"(?:填报|编制|报送|公开)单位[：:]\s*(?P<name>[^\s（(，。；\t\n]{2,40})"),
    re.compile(r"第一部分\s*(?P<name>[^\s，。；\n]{2,40}?)(?:部门|单位)?(?:概况|基本情况)"),
    re.compile(r"^(?P<name>[^\s，。；\n]{2,40}?)\s*(?:(?:19|20)\d{2}\s*年度?)\s*(?:部门|单位)?(?:决算|预算|整体支出|绩效)", re.M),
    re.compile(r"^(?P<name>[^\s，。；\n]{2,40}?)\s*(?:部门|单位)?(?:整体支出)?绩效自评报告", re.M),
    # a cover: 「2024年部门预算」 with the department on the next line
    re.compile(r"^(?:(?:19|20)\d{2}\s*年度?)?\s*(?:部门|单位)(?:决算|预算)\s*\n(?P<name>[^\s，。；\n]{2,40})$", re.M),
)
_ORG_SUFFIX = re.compile(r"(?:局|委员会|委|办公室|办|部|中心|院|所|站|队|厅|处|署|会|馆|集团|公司|政府|法院|检察院|学校|大学|医院)$")
_REGION = re.compile(
    r"^(?:中共)?(?P<region>(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,8}?(?:市|州|盟))?"
    r"(?:[\u4e00-\u9fff]{1,8}?(?:区|县|旗))?)"
)


@dataclass(frozen=True, slots=True)
class Classification:
    """The document's type, year, department, region and title."""

    doc_type: str
    fiscal_year: int | None
    department: str | None
    region: str | None
    title: str | None


def classify(document: Document) -> Classification:
    """Classify a normalised document from its own text."""
    text = document.text
    head = text[:_HEAD_CHARS]
    title = _title(document)
    doc_type = _doc_type(title or "", head, text)
    return Classification(
        doc_type=doc_type,
        fiscal_year=_fiscal_year(text, head),
        department=(department := _department(text)),
        region=_region(department),
        title=title,
    )


def _title(document: Document) -> str | None:
    for passage in document.passages[:6]:
        if passage.kind == "table":
            continue
        line = document.passage_text(passage).strip()
        if re.search(r"决算|预算|绩效|自评", line) and len(line) <= 80:
            return line
    return None


def _doc_type(title: str, head: str, text: str) -> str:
    for source in (title, head):
        for doc_type, pattern in _TYPE_PATTERNS:
            if pattern.search(source):
                return doc_type
    counts = {doc_type: len(pattern.findall(text)) for doc_type, pattern in _TYPE_PATTERNS}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "other"


def _fiscal_year(text: str, head: str) -> int | None:
    contextual = [int(y) for y in _YEAR_CONTEXT.findall(head)]
    if contextual:
        return Counter(contextual).most_common(1)[0][0]
    dates = Counter(int(m.group(1)) for m in _DATE.finditer(text))
    years = Counter(int(y) for y in _ANY_YEAR.findall(text))
    for year, count in dates.items():
        years[year] -= count  # a year that only appears in dates is a cover or signing date
    contextual_all = Counter(int(y) for y in _YEAR_CONTEXT.findall(text))
    scored = {year: years[year] + 3 * contextual_all[year] for year in set(years) | set(contextual_all)}
    scored = {year: score for year, score in scored.items() if score > 0}
    if not scored:
        return None
    return max(scored, key=lambda y: (scored[y], y))


def _department(text: str) -> str | None:
    for pattern in _DEPARTMENT_PATTERNS:
        for match in pattern.finditer(text[:4000]):
            name = match.group("name").strip()
            name = re.sub(r"(?:\d{4}年度?)$", "", name)
            if _ORG_SUFFIX.search(name) or "XX" in name.upper():
                return name
    return None


def _region(department: str | None) -> str | None:
    if not department:
        return None
    match = _REGION.match(department)
    region = match.group("region") if match else ""
    return region or None
