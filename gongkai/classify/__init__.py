"""What a document is: its type, the fiscal year it reports on, and who published it.

Read from the document's own title, cover, label lines and headings (``page``,
``department``), in the 民国 era converted where the document uses it (``years``). The
fiscal year is the year reported on — ``2019年度部门整体支出绩效自评`` dated ``2020年7月``
is about 2019 — so cover dates, signing dates and a web page's posting date are discounted.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.classify.department import find_department
from gongkai.classify.kind import document_type, lists_many_units
from gongkai.classify.names import region_of
from gongkai.classify.page import read_page
from gongkai.classify.years import fiscal_year, uses_roc_era, western_years
from gongkai.normalize.document import Document

__all__ = ["Classification", "classify"]

_HEAD_CHARS = 600


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
    page = read_page(document)
    roc = uses_roc_era(document.text)
    title = western_years(page.title, roc) if page.title else None
    head = (title or "") + "\n" + page.body[:_HEAD_CHARS]
    department = find_department(document, page, roc)
    doc_type = document_type(title, head, page.body)
    if department is None and lists_many_units(document):
        doc_type = "other"
    return Classification(
        doc_type=doc_type,
        fiscal_year=fiscal_year(title, western_years(page.body, roc)),
        department=department,
        region=region_of(department),
        title=page.title,
    )
