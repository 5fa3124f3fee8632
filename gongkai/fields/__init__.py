"""Facts and statements from running text (regex + jieba over the normalised document).

Each view (a paragraph, a narrative table) is read on its own: a view whose mentions
cannot be read adds no facts and the other views are still read; the views that failed
with the same exception become one ``StageFailure`` (an ``internal`` finding). When the
binder fails, the mentions stay and there are no statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gongkai.failures import StageFailure, attempt
from gongkai.fields.binding import Binder
from gongkai.fields.mentions import Mention, MentionReader
from gongkai.fields.views import View, document_views
from gongkai.limits import check_deadline
from gongkai.normalize.document import Document
from gongkai.schemas.records import Evidence, Fact, Statement

__all__ = ["Mention", "TextReading", "View", "read_text"]

_QUOTE_CHARS = 40  # how much of a failed view's text its finding quotes
_LISTED_PAGES = 5  # more pages than this are named as a range


@dataclass(slots=True)
class TextReading:
    """What the text matchers found: mentions (facts with context) and statements."""

    mentions: list[Mention]
    statements: list[Statement]
    views: list[View]
    failures: list[StageFailure] = field(default_factory=list)

    @property
    def facts(self) -> list[Fact]:
        """The facts of all mentions, in reading order."""
        return [m.fact for m in self.mentions]


def read_text(
    document: Document, doc_type: str, department: str | None, first_fact_id: int = 0, *, reraise: bool = False
) -> TextReading:
    """Read the running text of a document into facts and statements.

    A matcher that raises is recorded in ``failures`` (``reraise`` raises it instead).
    """
    failures: list[StageFailure] = []
    views = attempt(lambda: document_views(document), failures, "text_matcher", where="正文", reraise=reraise)
    if views is None:
        return TextReading(mentions=[], statements=[], views=[], failures=failures)
    reader = MentionReader(document, doc_type, department, first_fact_id)
    failed_views: list[StageFailure] = []
    for view in views:
        check_deadline("读取正文")
        _read_view(reader, view, document, failed_views, reraise)
    failures.extend(_merged(failed_views))
    mentions = reader.mentions
    statements = attempt(lambda: Binder(mentions, document, views).build(), failures, "binding", reraise=reraise)
    return TextReading(mentions=mentions, statements=statements or [], views=views, failures=failures)


def _read_view(reader: MentionReader, view: View, document: Document, failures: list[StageFailure], reraise: bool) -> None:
    """The mentions of one view; when its reading fails, the mentions it made are taken back."""
    next_id, made = reader.next_id, len(reader.mentions)
    if attempt(lambda: reader.read([view]), failures, "text_matcher", reraise=reraise, **_place(view, document)) is None:
        reader.next_id = next_id
        del reader.mentions[made:]


def _place(view: View, document: Document) -> dict[str, object]:
    """Where a view is, for the finding of its failure: ``where``, ``page`` and ``evidence``."""
    start, end = view.doc_range(0, len(view.text))
    page = document.page_at(start)
    quote = view.text[:_QUOTE_CHARS] + ("…" if len(view.text) > _QUOTE_CHARS else "")
    return {"where": f"第{page}页的一段正文", "page": page, "evidence": Evidence(page=page, quote=quote, start=start, end=end)}


def _merged(failures: list[StageFailure]) -> list[StageFailure]:
    """One failure per exception (type and message), naming every page whose views it cost."""
    groups: dict[tuple[str, str], list[StageFailure]] = {}
    for failure in failures:
        groups.setdefault((failure.error_type, failure.detail), []).append(failure)
    merged = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            merged.append(first)
            continue
        pages = sorted({f.page for f in group if f.page is not None})
        merged.append(replace(first, where=f"{_pages_named(pages)}的{len(group)}段正文"))
    return merged


def _pages_named(pages: list[int]) -> str:
    """``第3、5页``, or ``第3至40页`` for many pages."""
    if len(pages) > _LISTED_PAGES:
        return f"第{pages[0]}至{pages[-1]}页"
    return "第" + "、".join(str(p) for p in pages) + "页"
