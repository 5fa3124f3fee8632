"""The fiscal year a document is about — not the year it was printed, signed or posted.

``2019年度部门整体支出绩效自评`` dated ``2020年7月`` is about 2019; a 预算 is about the year
in its title; a web page's ``发布时间：2015-11-11`` is kept out (see ``page``). Documents
dated in the 民国 era (``中华民国115年度``) have their years read as western years
(N + 1911) — but only a document that names the era itself, so an ordinary ``115年`` in
another document is never taken for a year.
"""

from __future__ import annotations

import re
from collections import Counter

_HEAD_CHARS = 600  # the title and table of contents sit in the first few hundred characters
_YEAR_CONTEXT = re.compile(
    r"((?:19|20)\d{2})\s*年(?:度)?\s*(?:[\u4e00-\u9fff]{1,2}级)?\s*(?:部门|单位)?\s*"
    r"(?:决算|预算|整体支出|项目支出|绩效|收入|支出|年初|部门预算)"
)
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_ROC_ERA = re.compile(r"民国\s*\d{1,3}\s*年")
_ROC_EXPLICIT = re.compile(r"(?:中华)?民国\s*(\d{1,3})(?=\s*年)")
_ROC_BARE = re.compile(r"(?<![\d.,，])(\d{2,3})(?=\s*年)")
_ROC_OFFSET = 1911
_ROC_FIRST, _ROC_LAST = 38, 199  # the era's years in budget documents (1949–2110)


def western_years(text: str, roc: bool | None = None) -> str:
    """``text`` with 民国 years written as western years, when the document uses that era."""
    if roc is None:
        roc = uses_roc_era(text)
    if not roc:
        return text
    text = _ROC_EXPLICIT.sub(lambda m: str(int(m.group(1)) + _ROC_OFFSET), text)

    def bare(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return str(year + _ROC_OFFSET) if _ROC_FIRST <= year <= _ROC_LAST else match.group(0)

    return _ROC_BARE.sub(bare, text)


def uses_roc_era(text: str) -> bool:
    """Whether the document dates itself in the 民国 era (``中华民国115年度``)."""
    return bool(_ROC_ERA.search(text))


def fiscal_year(title: str | None, body: str) -> int | None:
    """The year reported on: the title's year, else the head's, else the best-supported one."""
    if title:
        contextual = [int(y) for y in _YEAR_CONTEXT.findall(title)]
        undated = [int(m.group(1)) for m in _ANY_YEAR.finditer(title) if not _DATE.match(title, m.start())]
        if contextual or undated:
            return (contextual or undated)[0]
    head = body[:_HEAD_CHARS]
    contextual = [int(y) for y in _YEAR_CONTEXT.findall(head)]
    if contextual:
        return Counter(contextual).most_common(1)[0][0]
    return _best_supported(body)


def _best_supported(text: str) -> int | None:
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
