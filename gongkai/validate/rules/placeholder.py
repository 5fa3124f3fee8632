"""Template wording left in a published report: 增加（减少）, XX局, XXX万元."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Evidence, Finding
from gongkai.validate.registry import rule

PLACEHOLDER_WORDING = re.compile(
    r"增加[（(]减少[)）]|减少[（(]增加[)）]|增长[（(]下降[)）]|下降[（(]增长[)）]"
    r"|大于[（(]小于[)）]|小于[（(]大于[)）]|上升[（(]下降[)）]"
    r"|(?<![A-Za-z])[XＸ×]{2,}(?![A-Za-z])|[（(]制度名称[)）]|。。。|……[（(]不涉及的不列[)）]"
)
_MAX_QUOTES = 6
_PAGES_FOR_SUMMARY = 3  # beyond this many pages, one finding for the whole document


@rule("placeholder_text.template", "placeholder_text", "warning")
def template_wording(analysis: Analysis) -> Iterator[Finding]:
    """Unfilled template wording — alternatives left side by side (增加（减少）, 增长（下降）),
    runs of X standing for a name or number (XX局, XXX万元) — means the text was published
    without being completed. One finding per page, quoting the sentences."""
    document = analysis.document
    by_page: dict[int, list[Evidence]] = {}
    counts: dict[int, list[str]] = {}
    for passage in document.passages:
        text = document.passage_text(passage)
        for match in PLACEHOLDER_WORDING.finditer(text):
            start, end = _sentence(text, match.start(), match.end())
            offset = passage.start
            page = document.page_at(offset + match.start())
            counts.setdefault(page, []).append(match.group(0))
            quotes = by_page.setdefault(page, [])
            evidence = Evidence(page, text[start:end].strip(), offset + start, offset + end)
            if len(quotes) < _MAX_QUOTES and all(e.start != evidence.start for e in quotes):
                quotes.append(evidence)
    if len(by_page) > _PAGES_FOR_SUMMARY:
        total = sum(len(found) for found in counts.values())
        kinds = "、".join(dict.fromkeys(k for found in counts.values() for k in found))
        pages = "、".join(str(p) for p in sorted(by_page))
        sample = [quotes[0] for _, quotes in sorted(by_page.items())][:_MAX_QUOTES]
        yield Finding(
            rule=template_wording.id,
            category=template_wording.category,
            severity=template_wording.severity,
            message=f"全文{len(by_page)}页共有{total}处未填写的模板文字（{kinds}），第{pages}页，像是未填写完成的模板。",
            evidence=tuple(sample),
        )
        return
    for page, evidence in sorted(by_page.items()):
        found = counts[page]
        kinds = "、".join(dict.fromkeys(found))
        yield Finding(
            rule=template_wording.id,
            category=template_wording.category,
            severity=template_wording.severity,
            message=f"第{page}页有{len(found)}处未填写的模板文字（{kinds}），像是照抄模板未改。",
            figures=(),
            evidence=tuple(evidence),
        )


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, start) for ch in "。；\n") + 1
    ends = [i for i in (text.find(ch, end) for ch in "。；\n") if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return left, right
