"""``gongkai check --format md``: a Markdown report to paste into a story draft or an issue."""

from __future__ import annotations

from gongkai.export.paths import printable_path
from gongkai.export.terminal import DOC_TYPE_LABEL, SEVERITY_LABEL, highlight
from gongkai.schemas.records import Report


def report_markdown(report: Report) -> str:
    """The findings of one report as Markdown, figures in bold inside the quotes."""
    info = report.document
    counts = report.counts()
    lines = [
        f"# {info.department or printable_path(info.source)}",
        "",
        f"- 文件：`{printable_path(info.source)}`（{info.format}，{info.pages}页）",
        f"- 类型：{DOC_TYPE_LABEL.get(info.doc_type, info.doc_type)}；年度：{info.fiscal_year or '不明'}",
        f"- 结果：{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示",
        "",
    ]
    for number, finding in enumerate(report.findings, start=1):
        where = f"（第{finding.page}页）" if finding.page else ""
        lines.append(f"## {number}. {SEVERITY_LABEL[finding.severity]}：{finding.rule}{where}")
        lines.append("")
        lines.append(finding.message)
        lines.append("")
        for evidence in finding.evidence[:3]:
            quote = highlight(evidence.quote, finding.figures, colour=False).replace("【", "**").replace("】", "**")
            lines.append(f"> 第{evidence.page}页：{quote}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
