"""``report_html`` and ``gongkai check --format html``: one self-contained, escaped page."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.cli import main
from gongkai.export.html_report import report_html
from gongkai.export.terminal import highlight, marked_pieces
from gongkai.schemas.records import DocumentInfo, Evidence, Fact, Finding, Report
from tests.conftest import PUTUO, need

# 120.00% is stated where 43.53 / 34.10 = 127.65%: one error (rate.stated)
WITH_ERROR = (
    "某区某局2023年度部门决算\n"
    "一、收入支出决算总体情况\n"
    "本年收入合计766.58万元，其中：财政拨款收入745.97万元，其他收入20.62万元。"
    "社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的120.00%。\n"
)
VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}


class Page(HTMLParser):
    """A strict reading of the page: every tag must be closed in order; cards and their marks are collected."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.cards: list[dict[str, list[str]]] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.html_lang: str | None = None
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        if tag == "article" and "finding" in classes:
            self.cards.append({"classes": classes, "marks": [], "text": []})
        if tag == "mark" and "article" in self.stack:
            self.cards[-1]["marks"].append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "article" in self.stack:
            self.cards[-1]["text"].append(data)
            if self.stack[-1] == "mark":
                self.cards[-1]["marks"][-1] += data


@pytest.fixture
def with_error(tmp_path: Path) -> Path:
    path = tmp_path / "with_error.txt"
    path.write_text(WITH_ERROR, encoding="utf-8")
    return path


def _info(**changes: object) -> DocumentInfo:
    base = DocumentInfo(
        doc_id="0" * 16,
        source="样例.pdf",
        format="pdf",
        pages=3,
        doc_type="final_accounts",
        fiscal_year=2024,
        department="某区某局",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _evidence(quote: str, page: int = 1) -> Evidence:
    return Evidence(page=page, quote=quote, start=0, end=len(quote))


def test_the_page_is_one_self_contained_document(with_error: Path) -> None:
    report = check(with_error)
    page = report_html(report)
    parsed = Page(page)
    assert parsed.errors == []
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
    assert parsed.html_lang == "zh-CN"
    assert page.endswith("</html>\n")
    assert {"script", "link", "img", "iframe", "object"}.isdisjoint(parsed.tags)  # no script, no external asset
    assert [name for name, _ in parsed.attributes if name in ("src", "href")] == []
    assert "<style>" in page and "http" not in page


def test_header_counts_and_one_card_per_finding_in_report_order(with_error: Path) -> None:
    report = check(with_error)
    parsed = Page(report_html(report))
    counts = report.counts()
    assert len(parsed.cards) == len(report.findings) >= 1
    assert [card["classes"] for card in parsed.cards] == [["finding", f.severity] for f in report.findings]
    page = report_html(report)
    assert "<dt>类型</dt><dd>部门决算</dd>" in page
    assert "<dt>年度</dt><dd>2023年度</dd>" in page
    assert "<dt>部门</dt><dd>某区某局</dd>" in page
    assert "<dt>页数</dt><dd>1页</dd>" in page
    assert f"<dt>读出的数字</dt><dd>{len(report.facts)}个</dd>" in page
    assert f'<li class="error"><span class="n">{counts["error"]}</span>个错误</li>' in page
    assert f'<li class="warning"><span class="n">{counts["warning"]}</span>个警告</li>' in page
    assert f'<li class="info"><span class="n">{counts["info"]}</span>个提示</li>' in page
    for finding in report.findings:
        assert escape(finding.message) in page


def test_the_disputed_figures_are_marked_in_the_quote(with_error: Path) -> None:
    report = check(with_error)
    [index] = [i for i, f in enumerate(report.findings) if f.rule == "rate.stated"]
    card = Page(report_html(report)).cards[index]
    assert card["marks"] == ["34.10", "43.53", "120.00"]
    text = "".join(card["text"])
    assert "错误" in text and "rate.stated" in text and "第1页" in text
    assert "「社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的120.00%。」" in text
    assert (
        "社会保障和就业支出年初预算数为<mark>34.10</mark>万元，支出决算数为<mark>43.53</mark>万元，"
        "完成年初预算的<mark>120.00</mark>%。" in report_html(report)
    )


def test_document_text_is_escaped_everywhere() -> None:
    quote = '收入<script>alert("x")</script>合计12.50万元 & 其他 <b>7</b>'
    finding = Finding(
        rule="sum.breakdown",
        category="sum",
        severity="error",
        message="合计<12.50>万元 & \"不符\"",
        figures=("12.50",),
        evidence=(_evidence(quote, page=2),),
        stated="12.50万元",
        expected="<13>万元",
    )
    report = Report(_info(department="<i>局</i>", source="a&b<c>.pdf"), (), (), (finding,))
    page = report_html(report)
    parsed = Page(page)
    assert parsed.errors == []
    assert "script" not in parsed.tags and "i" not in parsed.tags
    assert "<script" not in page.lower()
    assert "收入&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;合计<mark>12.50</mark>万元 &amp; 其他 &lt;b&gt;7&lt;/b&gt;" in page
    assert escape(finding.message) in page
    assert "按算术应为 <b>&lt;13&gt;万元</b>" in page
    assert "<h1>&lt;i&gt;局&lt;/i&gt;</h1>" in page
    assert "<code>a&amp;b&lt;c&gt;.pdf</code>" in page
    assert parsed.cards[0]["marks"] == ["12.50"]


def test_more_than_three_quotes_fold_into_details() -> None:
    evidence = tuple(_evidence(f"第{i}项为{i}.5万元。", page=i) for i in range(1, 6))
    finding = Finding("sum.breakdown", "sum", "warning", "合计不符。", ("3.5", "5.5"), evidence)
    page = report_html(Report(_info(), (), (), (finding,)))
    shown, folded = page.split("<details>")
    assert shown.count("<blockquote>") == 3
    assert folded.count("<blockquote>") == 2
    assert "<summary>另有2处</summary>" in folded
    assert "第3项为<mark>3.5</mark>万元。" in shown and "第5项为<mark>5.5</mark>万元。" in folded


def test_a_clean_report_says_so() -> None:
    fact = Fact(0, "本年收入合计", "决算数", Decimal("1.00"), 2, "万元", _evidence("本年收入合计1.00万元。"))
    page = report_html(Report(_info(warnings=("第2页 <没有文字>",)), (fact,), (), ()))
    parsed = Page(page)
    assert parsed.errors == [] and parsed.cards == []
    assert '<p class="none">没有发现对不上的算术。</p>' in page
    assert "<li>第2页 &lt;没有文字&gt;</li>" in page
    assert "<dt>读出的数字</dt><dd>1个</dd>" in page


def test_the_footer_explains_rounding_intervals(with_error: Path) -> None:
    footer = report_html(check(with_error)).split("<footer>")[1]
    assert "四舍五入" in footer and "[352.355, 352.365]" in footer and "固定的容差" in footer


def test_long_quotes_are_kept_whole_but_the_terminal_still_shortens_them() -> None:
    quote = "甲" * 150 + "收入12.50万元" + "乙" * 150
    pieces = marked_pieces(quote, ("12.50",), width=None)
    assert pieces == [("甲" * 150 + "收入", False), ("12.50", True), ("万元" + "乙" * 150, False)]
    shortened = highlight(quote, ("12.50",), colour=False)
    assert shortened.startswith("…") and shortened.endswith("…") and "【12.50】" in shortened
    assert shortened == "".join(f"【{t}】" if m else t for t, m in marked_pieces(quote, ("12.50",)))


def test_check_format_html_prints_the_page(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out == report_html(check(with_error))
    assert main(["check", str(with_error), "--format", "html", "--fail-on", "error"]) == 1
    capsys.readouterr()


def test_putuo_share_finding_marks_its_figures() -> None:
    report = check(need(PUTUO))
    parsed = Page(report_html(report))
    assert parsed.errors == []
    assert len(parsed.cards) == len(report.findings)
    [index] = [i for i, f in enumerate(report.findings) if f.rule == "share.stated"]
    assert parsed.cards[index]["classes"] == ["finding", "warning"]
    assert parsed.cards[index]["marks"] == ["29.42", "9.55", "307.82"]
