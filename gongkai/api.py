"""The Python API: ``read`` a document into an ``Analysis``, ``check`` it into a ``Report``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from gongkai.analysis import Analysis
from gongkai.classify import classify
from gongkai.extract import RawDocument, extract
from gongkai.fields import read_text
from gongkai.normalize import normalize
from gongkai.schemas.records import DocumentInfo, Report
from gongkai.settings import Settings
from gongkai.tables import read_tables


def read(path: str | Path, settings: Settings | dict[str, Any] | None = None) -> Analysis:
    """Extract, normalise, classify and read the facts of the document at ``path``.

    Raises ``gongkai.errors.UnreadableInput`` (with the file and the reason) when the file
    cannot be read.
    """
    settings = Settings.resolve(settings)
    return analyse(extract(path, settings))


def analyse(raw: RawDocument) -> Analysis:
    """An ``Analysis`` of an already extracted document."""
    document = normalize(raw)
    kind = classify(document)
    info = DocumentInfo(
        doc_id=raw.doc_id,
        source=raw.source,
        format=raw.format,
        pages=len(raw.pages),
        doc_type=kind.doc_type,
        fiscal_year=kind.fiscal_year,
        department=kind.department,
        region=kind.region,
        title=kind.title,
        warnings=tuple(raw.warnings),
    )
    text = read_text(document, kind.doc_type, kind.department)
    tables = read_tables(document, info, first_fact_id=len(text.mentions), first_statement_id=len(text.statements))
    facts = [*text.facts, *tables.facts]
    statements = [*text.statements, *tables.statements]
    signs = {m.fact.fact_id: m.label.sign for m in text.mentions if m.label.sign}
    info = replace(info, warnings=(*info.warnings, *tables.warnings))
    return Analysis(document, info, text, tables, facts, statements, signs)


def check(path: str | Path, settings: Settings | dict[str, Any] | None = None) -> Report:
    """Read the document at ``path`` and run every selected rule on it."""
    settings = Settings.resolve(settings)
    analysis = read(path, settings)
    return report(analysis, settings)


def report(analysis: Analysis, settings: Settings | None = None) -> Report:
    """Validate an analysis into a report."""
    from gongkai.validate import run_rules

    findings = run_rules(analysis, Settings.resolve(settings))
    return Report(
        document=analysis.info,
        facts=tuple(analysis.facts),
        statements=tuple(analysis.statements),
        findings=tuple(findings),
    )
