"""The terminal report of ``gongkai check``: what is wrong, why, where, with the quote.

Disputed figures are highlighted in the quote — in colour on a terminal, between 【 】
otherwise (pipes, files, ``NO_COLOR``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TextIO

from gongkai.export.paths import printable_path
from gongkai.schemas.records import Finding, Report

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
DOC_TYPE_LABEL = {
    "final_accounts": "部门决算",
    "budget": "部门预算",
    "performance_self_evaluation": "绩效自评报告",
    "other": "其他",
}
_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _DIM, _RESET, _MARK = "\033[1m", "\033[2m", "\033[0m", "\033[1;4m"
QUOTE_WIDTH = 110


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


def highlight(quote: str, figures: tuple[str, ...], colour: bool) -> str:
    """The quote with each printed figure marked, shortened around the marks."""
    return "".join(
        (f"{_MARK}{text}{_RESET}" if colour else f"【{text}】") if marked else text
        for text, marked in marked_pieces(quote, figures, QUOTE_WIDTH)
    )


def figure_spans(quote: str, figures: Sequence[str]) -> list[tuple[int, int]]:
    """Where the printed figures occur in ``quote``: sorted, overlapping spans merged.

    A figure matches only as a whole number (``9.5`` is not found inside ``19.55``); the
    offsets are those of ``quote`` as given (callers collapse its whitespace first).
    """
    spans: list[tuple[int, int]] = []
    for figure in figures:
        for match in re.finditer(r"(?<![\d.])" + re.escape(figure) + r"(?![\d])", quote.replace(",", "\0")):
            spans.append(match.span())
    return _merge(sorted(spans))


def marked_pieces(quote: str, figures: Sequence[str], width: int | None = QUOTE_WIDTH) -> list[tuple[str, bool]]:
    """The quote as consecutive ``(text, is_figure)`` pieces, for any output format.

    Whitespace runs are collapsed to one space; with a ``width`` a longer quote is
    shortened (with ``…``) around the figures, ``None`` keeps it whole. Joining the texts
    gives the shown quote; no unmarked piece is empty.
    """
    quote = re.sub(r"\s+", " ", quote).strip()
    spans = figure_spans(quote, figures)
    if width is not None:
        quote, spans = _shorten(quote, spans, width)
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end in spans:
        if start > last:
            pieces.append((quote[last:start], False))
        pieces.append((quote[start:end], True))
        last = end
    if last < len(quote):
        pieces.append((quote[last:], False))
    return pieces


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _shorten(quote: str, spans: list[tuple[int, int]], width: int) -> tuple[str, list[tuple[int, int]]]:
    if len(quote) <= width:
        return quote, spans
    if not spans:
        return quote[: width - 1] + "…", []
    first, last = spans[0][0], spans[-1][1]
    margin = max(10, (width - (last - first)) // 2)
    start = max(0, first - margin)
    end = min(len(quote), last + margin)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(quote) else ""
    shift = start - len(prefix)
    return prefix + quote[start:end] + suffix, [(a - shift, b - shift) for a, b in spans]


def write_report(report: Report, stream: TextIO, colour: bool | None = None, explain: bool = False) -> None:
    """Write the readable report of one document; with ``explain``, how each figure of a
    finding was bound."""
    colour = use_colour(stream) if colour is None else colour
    info = report.document
    counts = report.counts()

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    stream.write(paint(printable_path(info.source), _BOLD) + "\n")
    details = [
        f"{DOC_TYPE_LABEL.get(info.doc_type, info.doc_type)}",
        f"{info.fiscal_year}年度" if info.fiscal_year else "年度不明",
        info.department or "部门不明",
        f"{info.pages}页",
        f"{len(report.facts)}个数字",
    ]
    stream.write(paint(" · ".join(details), _DIM) + "\n")
    if report.coverage is not None:
        stream.write(paint(report.coverage.line(), _DIM) + "\n")
    summary = f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示"
    stream.write(summary + "\n")
    for finding in report.findings:
        stream.write("\n")
        _write_finding(finding, stream, colour, paint)
        if explain:
            from gongkai.export.explain import explain_lines

            lines = explain_lines(report, finding)
            if lines:
                stream.write(paint("  依据：", _DIM) + "\n")
                for line in lines:
                    stream.write(paint(f"    {line}", _DIM) + "\n")
    for warning in info.warnings:
        stream.write(paint(f"\n注意：{warning}", _DIM) + "\n")


def _write_finding(finding: Finding, stream: TextIO, colour: bool, paint) -> None:  # type: ignore[no-untyped-def]
    label = SEVERITY_LABEL[finding.severity]
    where = f"  第{finding.page}页" if finding.page else ""
    stream.write(f"{paint(label, _COLOURS[finding.severity])} {finding.rule}{where}\n")
    stream.write(f"  {finding.message}\n")
    for evidence in finding.evidence[:3]:
        page = f"第{evidence.page}页 " if evidence.page != finding.page else ""
        stream.write(paint(f"  {page}「", _DIM) + highlight(evidence.quote, finding.figures, colour) + paint("」", _DIM) + "\n")
    if len(finding.evidence) > 3:
        stream.write(paint(f"  （另有{len(finding.evidence) - 3}处）", _DIM) + "\n")
