"""The summary page in front of an annotated PDF: every finding, and those that could not be marked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from gongkai.api import check
from gongkai.export.annotate_pdf import annotate_pdf
from gongkai.export.summary_page import (
    BODY_SIZE,
    SUMMARY_LABEL,
    char_width,
    encodable,
    page_streams,
    wrap,
)
from tests.builders import build_pdf
from tests.export.test_annotate_pdf import LINES


def _annotated(tmp_path: Path) -> tuple[Path, list[str]]:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    target = tmp_path / "annotated.pdf"
    annotate_pdf(source, check(source), target)
    reader = PdfReader(target)
    return target, reader.pages[0].extract_text().splitlines()


def test_the_summary_lists_every_finding_and_says_which_is_not_marked(tmp_path: Path) -> None:
    target, lines = _annotated(tmp_path)
    assert lines[:3] == ["gongkai 核对摘要", "文件：built.pdf", "部门决算 · 某区某局 · 2023年度 · 共 1 页"]
    assert "发现 2 条（错误 1 条，警告 1 条，提示 0 条）；其中 1 条无法在页面上标出，标为「未标出」。" in lines
    assert "1. 【错误】rate.stated · 第 1 页" in lines
    assert "2. 【警告】missing_table.final_accounts · 无页码 · 未标出" in lines
    assert PdfReader(target).page_labels == [SUMMARY_LABEL, "1"]  # the original page keeps its number


def test_the_summary_text_is_read_back_by_pdfminer_too(tmp_path: Path) -> None:
    target, _ = _annotated(tmp_path)
    with pdfplumber.open(target) as pdf:
        text = pdf.pages[0].extract_text()
    assert "完成年初预算印为120.00%" in text and "missing_table.final_accounts" in text


def test_a_clean_report_says_so(tmp_path: Path) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    report = dataclasses.replace(check(source), findings=())
    target = tmp_path / "annotated.pdf"
    assert annotate_pdf(source, report, target) == 0
    assert "没有发现不符之处。" in PdfReader(target).pages[0].extract_text()


def test_a_long_report_runs_over_several_summary_pages(tmp_path: Path) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    report = check(source)
    report = dataclasses.replace(report, findings=report.findings * 40)
    assert len(page_streams(report, [True] * len(report.findings))) == 5
    target = tmp_path / "annotated.pdf"
    annotate_pdf(source, report, target)
    reader = PdfReader(target)
    assert reader.page_labels == [SUMMARY_LABEL + str(n) for n in range(1, 6)] + ["1"]
    assert "80. 【警告】missing_table.final_accounts · 无页码 · 未标出" in reader.pages[4].extract_text()


def test_wrapping_keeps_figures_whole_and_closing_marks_off_the_line_start() -> None:
    text = "机关运行经费支出10.23万元较上年增加10.23万元，说明上年为0；以0为基数无法计算增长率，习惯上写作100%，但严格说增长率不存在。"
    width = 20 * BODY_SIZE
    lines = wrap(text, BODY_SIZE, width)
    assert "".join(line.removeprefix("　　") for line in lines) == text
    assert all(not line.removeprefix("　　").startswith(("，", "。", "；", "%")) for line in lines)
    for figure in ("10.23", "100%"):
        assert any(figure in line for line in lines)
    # a line is no wider than the width, but for one closing mark allowed to hang in the margin
    assert all(sum(char_width(ch) for ch in line) * BODY_SIZE <= width + BODY_SIZE for line in lines)


def test_characters_outside_ucs2_are_replaced() -> None:
    assert encodable("𠀀部门") == "?部门"
