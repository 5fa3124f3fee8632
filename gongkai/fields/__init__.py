"""Facts and statements from running text (regex + jieba over the normalised document)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.fields.binding import Binder
from gongkai.fields.mentions import Mention, MentionReader
from gongkai.fields.views import View, document_views
from gongkai.normalize.document import Document
from gongkai.schemas.records import Fact, Statement

__all__ = ["Mention", "TextReading", "View", "read_text"]


@dataclass(slots=True)
class TextReading:
    """What the text matchers found: mentions (facts with context) and statements."""

    mentions: list[Mention]
    statements: list[Statement]
    views: list[View]

    @property
    def facts(self) -> list[Fact]:
        """The facts of all mentions, in reading order."""
        return [m.fact for m in self.mentions]


def read_text(document: Document, doc_type: str, department: str | None, first_fact_id: int = 0) -> TextReading:
    """Read the running text of a document into facts and statements."""
    views = document_views(document)
    mentions = MentionReader(document, doc_type, department, first_fact_id).read(views)
    statements = Binder(mentions, document, views).build()
    return TextReading(mentions=mentions, statements=statements, views=views)
