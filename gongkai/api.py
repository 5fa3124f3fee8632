"""The Python API: ``read`` a document into an ``Analysis``, ``check`` it into a ``Report``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gongkai import __version__
from gongkai.analysis import Analysis
from gongkai.classify import Classification, classify
from gongkai.extract import RawDocument, extract
from gongkai.failures import StageFailure, attempt
from gongkai.fields import read_text
from gongkai.limits import check_deadline, deadline
from gongkai.normalize import normalize
from gongkai.schemas.records import DocumentInfo, Report
from gongkai.settings import Settings
from gongkai.tables import read_tables
from gongkai.validate.certainty import with_bindings

# what is known of a document whose classification failed
UNCLASSIFIED = Classification(doc_type="other", fiscal_year=None, department=None, region=None, title=None)


def read(path: str | Path, settings: Settings | dict[str, Any] | None = None) -> Analysis:
    """Extract, normalise, classify and read the facts of the document at ``path``.

    Raises ``gongkai.errors.UnreadableInput`` (with the file and the reason) when the file
    cannot be read.
    """
    settings = Settings.resolve(settings)
    with deadline(str(path), settings):
        return analyse(extract(path, settings), settings)


def analyse(raw: RawDocument, settings: Settings | dict[str, Any] | None = None) -> Analysis:
    """An ``Analysis`` of an already extracted document.

    Classification, each table reader and each text view run on their own: one that raises
    is recorded in ``Analysis.failures`` and the rest is read as usual (with
    ``settings.debug`` the exception propagates instead).
    """
    settings = Settings.resolve(settings)
    with deadline(raw.source, settings):
        return _analyse(raw, settings)


def _analyse(raw: RawDocument, settings: Settings) -> Analysis:
    reraise = settings.debug
    check_deadline("规范化文本")
    document = normalize(raw)
    check_deadline("识别文件类型")
    failures: list[StageFailure] = []
    kind = attempt(lambda: classify(document), failures, "classify", reraise=reraise) or UNCLASSIFIED
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
        sha256=raw.sha256,
        size=raw.size,
        gongkai_version=__version__,
        checked_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    check_deadline("读取正文")
    text = read_text(document, kind.doc_type, kind.department, reraise=reraise)
    check_deadline("读取表格")
    tables = read_tables(
        document,
        info,
        first_fact_id=len(text.mentions),
        first_statement_id=len(text.statements),
        reraise=reraise,
    )
    facts = [*text.facts, *tables.facts]
    statements = with_bindings(document, [*text.statements, *tables.statements])
    signs = {m.fact.fact_id: m.label.sign for m in text.mentions if m.label.sign}
    info = replace(info, warnings=(*info.warnings, *tables.warnings))
    failures = [*failures, *text.failures, *tables.failures]
    return Analysis(document, info, text, tables, facts, statements, signs, failures)


def check(path: str | Path, settings: Settings | dict[str, Any] | None = None) -> Report:
    """Read the document at ``path`` and run every selected rule on it."""
    settings = Settings.resolve(settings)
    with deadline(str(path), settings):
        analysis = read(path, settings)
        return report(analysis, settings)


def report(analysis: Analysis, settings: Settings | None = None) -> Report:
    """Validate an analysis into a report.

    The parts of the pipeline that failed (``analysis.failures``, and any rule that raises)
    are ``internal`` findings beside the rules' own; ``--skip-rules internal`` leaves them out.
    """
    from gongkai.coverage import coverage_of
    from gongkai.validate import evaluate

    settings = Settings.resolve(settings)
    with deadline(analysis.info.source, settings):
        findings, checks = evaluate(analysis, settings)
    return Report(
        document=analysis.info,
        facts=tuple(analysis.facts),
        statements=tuple(analysis.statements),
        findings=tuple(findings),
        checks=tuple(checks),
        coverage=coverage_of(analysis, checks),
    )
