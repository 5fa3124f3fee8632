"""Template wording left in a published report: 增加（减少）, XX局, XXX万元."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Evidence, Fact, Finding, Statement
from gongkai.schemas.subjects import subject_key
from gongkai.schemas.vocabulary import PART_OF, canonical_subject
from gongkai.validate.certainty import Placement
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule

PLACEHOLDER_WORDING = re.compile(
    r"增加[（(]减少[)）]|减少[（(]增加[)）]|增长[（(]下降[)）]|下降[（(]增长[)）]"
    r"|大于[（(]小于[)）]|小于[（(]大于[)）]|上升[（(]下降[)）]"
    r"|(?<![A-Za-z])[XＸ×]{2,}(?![A-Za-z])|[（(]制度名称[)）]|。。。|……[（(]不涉及的不列[)）]"
    # a reason announced and left blank: 「…持平，主要原因是。」
    r"|(?:主要)?原因(?:是|为)[：:]?(?=[。；;])"
    # the template's instruction to the department that drafts it
    r"|部门应根据实际情况|根据(?:本部门)?实际情况(?:进行)?(?:解释|填写|增减|删减)"
)
_EMPTY_TABLE_NOTE = re.compile(r"(?:本|此|该)表(?:为空表|为空|无数据)")
_MAX_QUOTES = 6
_PAGES_FOR_SUMMARY = 3  # beyond this many pages, one finding for the whole document


@rule("placeholder_text.template", "placeholder_text", "warning")
def template_wording(analysis: Analysis) -> Iterator[Finding]:
    """Unfilled template wording — alternatives left side by side (增加（减少）, 增长（下降）),
    runs of X standing for a name or number (XX局, XXX万元), a reason announced and left
    blank (主要原因是。), the template's instruction to the drafting department (部门应根据实际
    情况进行解释和增减) — means the text was published without being completed. One finding
    per page, quoting the sentences."""
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


@rule("placeholder_text.empty_table_note", "placeholder_text", "warning")
def empty_table_note(analysis: Analysis) -> Iterator[Finding]:
    """A note saying the table is empty (「故本表为空表」) printed under a table that holds
    figures other than zero: the template's note was left in place when the table was filled,
    and it contradicts the table."""
    document = analysis.document
    for passage in document.passages:
        text = document.passage_text(passage)
        match = _EMPTY_TABLE_NOTE.search(text)
        if match is None:
            continue
        offset = passage.start + match.start()
        page = document.page_at(offset)
        cell = _filled_cell_above(analysis, page, offset)
        if cell is None or Placement(document).passage_of(cell.evidence.start) != passage.index - 1:
            continue  # the note must follow the filled table directly, not an empty table of its own
        start, end = _sentence(text, match.start(), match.end())
        note = Evidence(page, text[start:end].strip(), passage.start + start, passage.start + end)
        yield Finding(
            rule=empty_table_note.id,
            category=empty_table_note.category,
            severity=empty_table_note.severity,
            message=f"表下注明“{match.group(0)}”，但其上的《{cell.table or '表格'}》印有数字（{cell.subject or cell.column or ''}{cell.raw or cell.value}），"
            "像是填表后未删去模板的说明。",
            figures=(str(cell.raw or cell.value),),
            evidence=(note, cell.evidence),
            fact_ids=(cell.fact_id,),
        )


def _filled_cell_above(analysis: Analysis, page: int, offset: int) -> Fact | None:
    """A non-zero cell of the table printed last before ``offset`` on the same page."""
    above = [f for f in analysis.table_facts if f.evidence.page == page and f.evidence.start < offset]
    if not above:
        return None
    last_table = max(above, key=lambda f: f.evidence.start).table
    cells = [f for f in above if f.table == last_table and f.value != 0]
    return cells[0] if cells else None



_UNNAMED_LENGTH = 4  # a "label" this short that names no part of the whole is what is left of one
# the words a name of money ends on (公务接待费, 提租补贴, 住房公积金 …): a label without one names no money
_MONEY_NOUN = re.compile(r"费|支出|经费|补贴|补助|资金|拨款|款|金|收入|工资|津贴|奖|保险|购置|租|税|息|额")


def _shares_a_word(label: str, names: set[str]) -> bool:
    """Whether ``label`` has two characters in a row in common with one of ``names``."""
    return any(label[i : i + 2] in name for name in names for i in range(len(label) - 1))


def unnamed_parts(statement: Statement) -> list[Fact]:
    """The parts of a breakdown of a known whole (三公经费, 基本支出 …) whose label names nothing:
    a word or two that names no money (no 费, 支出, 补贴 …), is no subject of the vocabulary and
    has nothing in common with the whole's parts (「严控45.6万元」 among the 三公 items), while
    another part is named."""
    total, parts = statement.role("total")[0], statement.role("parts")
    whole = subject_key(total.subject)
    members = {part for part, wholes in PART_OF.items() if whole in wholes}
    if not members or not any(subject_key(p.subject) in members for p in parts):
        return []
    names = members | {whole}
    return [
        p
        for p in parts
        if len(p.subject) <= _UNNAMED_LENGTH
        and not _MONEY_NOUN.search(p.subject)
        and canonical_subject(subject_key(p.subject)) is None
        and not _shares_a_word(p.subject, names)
    ]


@rule("placeholder_text.unnamed_part", "placeholder_text", "warning")
def unnamed_part(analysis: Analysis) -> Iterator[Finding]:
    """A part of a breakdown printed without its name (「其中：因公出国（境）费用60万元…，严控
    45.6万元，…」: what 45.6万元 is, the text does not say) — words were lost from the
    published text. Flagged when the whole is a known total and another part is named."""
    for statement in analysis.statements_of("enumeration"):
        total = statement.role("total")[0]
        for part in unnamed_parts(statement):
            yield make_finding(
                unnamed_part,
                f"{total.subject}{shown(total)}所列的一项{shown(part)}前只有“{part.subject}”，没有写明是哪一项支出，"
                "文字似有缺漏。",
                [part, total],
                [part.evidence],
            )
