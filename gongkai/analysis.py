"""The analysed document the rules read: normalised text, classification, facts, statements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gongkai.schemas.records import DocumentInfo, Fact, Statement

if TYPE_CHECKING:
    from gongkai.failures import StageFailure
    from gongkai.fields import TextReading
    from gongkai.normalize.document import Document
    from gongkai.tables import TableReading


@dataclass(slots=True)
class Analysis:
    """Everything known about one document before validation.

    ``failures`` are the parts of the pipeline that raised on this document (reported as
    ``internal`` findings); everything else was read as usual.
    """

    document: Document
    info: DocumentInfo
    text: TextReading
    tables: TableReading
    facts: list[Fact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    signs: dict[int, int] = field(default_factory=dict)
    failures: list[StageFailure] = field(default_factory=list)
    derived: dict[str, Any] = field(default_factory=dict)  # indexes several rules build once, by name

    def derive(self, name: str, build: Callable[[Analysis], Any]) -> Any:
        """The value ``build(self)``, computed on the first call for ``name`` and kept."""
        if name not in self.derived:
            self.derived[name] = build(self)
        return self.derived[name]

    def statements_of(self, kind: str) -> list[Statement]:
        """The statements of one kind (``rate``, ``share``, ``yoy``, ``enumeration`` …)."""
        return [s for s in self.statements if s.kind == kind]

    @property
    def text_facts(self) -> list[Fact]:
        """Facts read from running text."""
        return [f for f in self.facts if f.origin == "text"]

    @property
    def table_facts(self) -> list[Fact]:
        """Facts read from table cells."""
        return [f for f in self.facts if f.origin == "table"]

    def sign_of(self, fact: Fact) -> int:
        """+1 or −1 for a change figure's direction word (增加/减少), 0 otherwise."""
        return self.signs.get(fact.fact_id, 0)
