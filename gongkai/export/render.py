"""One report in one of the output formats of ``gongkai check`` (text, json, csv, md, html)."""

from __future__ import annotations

import io
from pathlib import Path

from gongkai.schemas.records import Report

FORMATS = ("text", "json", "csv", "md", "html")
_BY_SUFFIX = {".json": "json", ".csv": "csv", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "text"}


def format_for(path: str | Path) -> str | None:
    """The output format a file name asks for by its extension (``report.json`` → json), if any."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def render(report: Report, fmt: str, *, colour: bool = False, explain: bool = False) -> str:
    """The report as text in format ``fmt``."""
    if fmt == "json":
        from gongkai.export.json_report import report_json

        return report_json(report, explain=explain) + "\n"
    if fmt == "csv":
        from gongkai.export.csv_report import write_findings_csv

        out = io.StringIO()
        write_findings_csv(report, out)
        return out.getvalue()
    if fmt == "md":
        from gongkai.export.markdown import report_markdown

        return report_markdown(report)
    if fmt == "html":
        from gongkai.export.html_report import report_html

        return report_html(report)
    from gongkai.export.terminal import write_report

    out = io.StringIO()
    write_report(report, out, colour=colour, explain=explain)
    return out.getvalue()
