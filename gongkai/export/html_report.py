"""``gongkai check --format html``: one self-contained page for a reader (a journalist).

Header (which document), counts by severity, then one card per finding: severity badge,
rule and category, page, the Chinese message, and the quotes with the disputed figures in
``<mark>``. Inline CSS only: no script, no external file, so the page can be mailed or
archived as it is. Everything that comes from the document is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from gongkai import __version__
from gongkai.export.paths import printable_path
from gongkai.export.terminal import DOC_TYPE_LABEL, SEVERITY_LABEL, marked_pieces
from gongkai.schemas.records import Evidence, Finding, Report

SHOWN_EVIDENCE = 3  # quotes shown open; the rest sit in a <details> fold

CATEGORY_LABEL = {
    "rate": "完成率/比率",
    "share": "占比",
    "yoy": "同比增减",
    "sum": "合计",
    "balance": "收支平衡",
    "cross_text": "正文前后不一致",
    "cross_text_table": "正文与表格不一致",
    "cross_table": "表与表不一致",
    "direction_word": "增减用词",
    "zero_denominator": "零基数",
    "part_whole": "部分大于整体",
    "unit": "单位",
    "score_sum": "评分合计",
    "grade": "评价等级",
    "score_formula": "评分公式",
    "placeholder_text": "模板残留",
    "foreign_entity": "其他单位的内容",
    "missing_table": "缺少表格",
    "year": "年份",
}

_CSS = """
:root { --error: #b42318; --warning: #b54708; --info: #175cd3; --muted: #667085; --line: #d0d5dd; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; color: #101828; background: #fff;
  font: 16px/1.7 "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", "Source Han Sans SC",
  sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; line-height: 1.35; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.doc { margin: 0 0 1rem; display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
.doc dt { color: var(--muted); }
.doc dd { margin: 0; overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: .5rem; padding: .25rem .75rem; }
.counts .n { font-weight: 700; font-size: 1.15rem; margin-right: .25rem; }
.counts .error .n { color: var(--error); } .counts .warning .n { color: var(--warning); }
.counts .info .n { color: var(--info); }
.none { padding: 1rem; border: 1px dashed var(--line); border-radius: .5rem; color: var(--muted); }
.finding { border: 1px solid var(--line); border-left: .4rem solid var(--info); border-radius: .5rem;
  padding: .75rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .75rem; }
.badge { color: #fff; background: var(--info); border-radius: .3rem; padding: 0 .5rem; font-weight: 700;
  font-size: .9rem; }
.error .badge { background: var(--error); } .warning .badge { background: var(--warning); }
.category, .page { color: var(--muted); font-size: .9rem; }
.message { margin: .5rem 0; }
.values { margin: 0 0 .5rem; font-size: .9rem; color: var(--muted); }
.values b { color: #101828; font-weight: 600; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 3px solid var(--line); background: #f9fafb;
  overflow-wrap: anywhere; }
blockquote .where { color: var(--muted); font-size: .85rem; margin-right: .5rem; }
mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: .15em; font-weight: 600; }
details summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
.notes { color: var(--muted); font-size: .9rem; }
footer { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .85rem; }
@media print { body { max-width: none; } details { display: block; } mark { outline: 1px solid #b54708; } }
"""

_FOOTER = (
    "怎样判定数字不符：公开的数字都经过四舍五入，gongkai 不用任何固定的容差（例如“差1%以内算对”）。"
    "每个印出的数字代表它末位允许的区间（352.36 即 [352.355, 352.365]）；"
    "只有当这些区间里的任何取值都不能在按印出的位数四舍五入后得到文中的结果时，才判为“错误”，"
    "差额再小也照样列出并写明差额。截尾（而非四舍五入）能解释的占比、文字可作两种理解而都对不上的，列为“警告”；"
    "“提示”是值得核实但不算算术错误的地方。"
)


def report_html(report: Report) -> str:
    """The report of one document as a self-contained HTML page (UTF-8, ``lang="zh-CN"``)."""
    info = report.document
    counts = report.counts()
    heading = info.department or info.title or printable_path(info.source)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="gongkai {escape(__version__)}">',
        f"<title>{_e(heading)} · gongkai 核对报告</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(heading)}</h1>",
        _document_block(report),
        '<ul class="counts">',
        *(
            f'<li class="{severity}"><span class="n">{counts[severity]}</span>个{SEVERITY_LABEL[severity]}</li>'
            for severity in ("error", "warning", "info")
        ),
        "</ul>",
    ]
    if report.findings:
        parts.extend(_card(number, finding) for number, finding in enumerate(report.findings, start=1))
    else:
        parts.append('<p class="none">没有发现对不上的算术。</p>')
    if info.warnings:
        parts.append('<section class="notes"><h2>读取时的注意事项</h2><ul>')
        parts.extend(f"<li>{_e(warning)}</li>" for warning in info.warnings)
        parts.append("</ul></section>")
    parts += [
        "</main>",
        f"<footer><p>{_e(_FOOTER)}</p><p>由 gongkai {_e(__version__)} 生成。</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _e(text: object) -> str:
    """HTML-escaped text (quotes included, so it is safe in attributes too)."""
    return escape(str(text), quote=True)


def _document_block(report: Report) -> str:
    info = report.document
    rows = [
        ("文件", f"<code>{_e(printable_path(info.source))}</code>"),
        ("类型", _e(DOC_TYPE_LABEL.get(info.doc_type, info.doc_type))),
        ("年度", _e(f"{info.fiscal_year}年度") if info.fiscal_year else "不明"),
        ("部门", _e(info.department) if info.department else "不明"),
        ("页数", _e(f"{info.pages}页")),
        ("读出的数字", _e(f"{len(report.facts)}个")),
    ]
    if info.title and info.title != DOC_TYPE_LABEL.get(info.doc_type):
        rows.insert(1, ("标题", _e(info.title)))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="doc">{body}</dl>'


def _card(number: int, finding: Finding) -> str:
    severity = finding.severity
    category = CATEGORY_LABEL.get(finding.category, finding.category)
    header = [
        f'<span class="badge">{_e(SEVERITY_LABEL[severity])}</span>',
        f"<code>{_e(finding.rule)}</code>",
        f'<span class="category">{_e(category)}（{_e(finding.category)}）</span>',
    ]
    if finding.page:
        header.append(f'<span class="page">第{finding.page}页</span>')
    lines = [
        f'<article class="finding {severity}" id="finding-{number}">',
        f"<header>{''.join(header)}</header>",
        f'<p class="message">{_e(finding.message)}</p>',
    ]
    values = []
    if finding.stated:
        values.append(f"文中印为 <b>{_e(finding.stated)}</b>")
    if finding.expected:
        values.append(f"按算术应为 <b>{_e(finding.expected)}</b>")
    if values:
        lines.append(f'<p class="values">{"；".join(values)}</p>')
    shown, folded = finding.evidence[:SHOWN_EVIDENCE], finding.evidence[SHOWN_EVIDENCE:]
    lines.extend(_quote(evidence, finding.figures) for evidence in shown)
    if folded:
        lines.append(f"<details><summary>另有{len(folded)}处</summary>")
        lines.extend(_quote(evidence, finding.figures) for evidence in folded)
        lines.append("</details>")
    lines.append("</article>")
    return "\n".join(lines)


def _quote(evidence: Evidence, figures: tuple[str, ...]) -> str:
    """One quote, whole, with the figures in ``<mark>``."""
    text = "".join(
        f"<mark>{_e(piece)}</mark>" if marked else _e(piece)
        for piece, marked in marked_pieces(evidence.quote, figures, width=None)
    )
    return f'<blockquote><span class="where">第{evidence.page}页</span>「{text}」</blockquote>'
