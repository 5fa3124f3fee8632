"""Limits that hold for every format: one line naming the file, the limit and the option that raises it."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import Workbook

from gongkai.api import check, read
from gongkai.cli import main
from gongkai.errors import UnreadableInput
from gongkai.limits import check_deadline, deadline
from gongkai.normalize.document import Document
from gongkai.settings import Settings
from tests.builders import build_pdf

SENTENCE = "本部门一般公共预算财政拨款支出123.45万元，比上年增加10.00万元，增长8.81%。"


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _docx(path: Path, paragraphs: int) -> Path:
    document = WordDocument()
    for i in range(paragraphs):
        document.add_paragraph(f"第{i}项支出{i % 997}.{i % 100:02d}万元。")
    document.save(str(path))
    return path


def _xlsx(path: Path, rows: int) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["科目编码", "科目名称", "合计"])
    for i in range(rows):
        sheet.append([f"2010{i:02d}", f"科目{i}", 100.5 + i])
    workbook.save(path)
    return path


def _refusal(path: Path, **settings: object) -> UnreadableInput:
    with pytest.raises(UnreadableInput) as info:
        check(path, Settings(**settings))  # type: ignore[arg-type]
    return info.value


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = _docx(tmp_path / "bomb.docx", 1)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * 3_000_000)
    error = _refusal(path, max_inflated_bytes=2_000_000)
    assert error.kind == "too_large"
    assert error.reason.startswith("解压后 3,")
    assert error.reason.endswith("字节，超过上限 2,000,000 字节；可用 --max-inflated-mb 调高（0 表示不限）")


def test_a_line_too_long_for_the_matchers_is_refused(tmp_path: Path) -> None:
    path = write_text(tmp_path / "one_line.txt", SENTENCE * 40)
    error = _refusal(path, max_line_chars=1000)
    assert (error.kind, error.reason) == (
        "too_large",
        f"一行（一段）有 {len(SENTENCE) * 40:,} 个字符，超过上限 1,000 个字符；可用 --max-line-chars 调高（0 表示不限）",
    )


def test_too_much_text_is_refused(tmp_path: Path) -> None:
    path = write_text(tmp_path / "long.txt", "\n".join([SENTENCE] * 30))
    error = _refusal(path, max_chars=500)
    assert (
        error.reason
        == f"正文共 {len(SENTENCE) * 30:,} 个字符，超过上限 500 个字符；可用 --max-chars 调高（0 表示不限）"
    )


def test_too_many_cells_are_refused(tmp_path: Path) -> None:
    error = _refusal(_xlsx(tmp_path / "rows.xlsx", 20), max_cells=50)  # refused while the rows stream in
    assert error.reason == "表格超过 50 个单元格的上限；可用 --max-cells 调高（0 表示不限）"
    docx = WordDocument()
    table = docx.add_table(rows=10, cols=6)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}.{c}"
    docx.save(str(tmp_path / "table.docx"))
    error = _refusal(tmp_path / "table.docx", max_cells=50)  # other formats: counted once read
    assert error.reason == "表格共 60 个单元格，超过上限 50 个单元格；可用 --max-cells 调高（0 表示不限）"


def test_a_pdf_page_with_too_many_objects_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pathological", Path(__file__).parents[1] / "benchmarks" / "pathological.py"
    )
    assert spec is not None and spec.loader is not None
    pathological = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pathological)
    path = tmp_path / "dense.pdf"
    pathological.pdf_text_stream(path, 0.0002)  # about 10 KB: some 280 text objects on one page
    error = _refusal(path, max_page_items=100)
    assert error.kind == "too_large"
    assert error.reason.startswith("第 1 页有 2") and error.reason.endswith(
        "个页面对象，超过上限 100 个页面对象；可用 --max-page-items 调高（0 表示不限）"
    )


@pytest.mark.parametrize("suffix", ["txt", "docx", "xlsx", "html", "pdf"])
def test_the_time_limit_holds_for_every_format(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"doc.{suffix}"
    if suffix == "txt":
        write_text(path, SENTENCE)
    elif suffix == "docx":
        _docx(path, 3)
    elif suffix == "xlsx":
        _xlsx(path, 3)
    elif suffix == "html":
        path.write_text(f"<html><body><p>{SENTENCE}</p></body></html>", encoding="utf-8")
    else:
        from tests.extract.test_pdf_extract import TITLE

        build_pdf([TITLE], path)
    error = _refusal(path, timeout_seconds=1e-9)
    assert error.kind == "timeout"
    assert error.reason.startswith("处理超过 1e-09 秒的上限（") and error.reason.endswith(
        "时）；可用 --timeout 调高（0 表示不限）"
    )


@pytest.mark.parametrize(
    ("suffix", "stage"),
    [("txt", "读取正文"), ("html", "读取网页正文"), ("html-chunks", "解析网页"), ("docx", "读取段落")],
)
def test_the_text_extractors_look_at_the_clock_inside_their_loops(
    tmp_path: Path, suffix: str, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.extract import html as html_module
    from gongkai.extract.docx import extract_docx
    from gongkai.extract.html import extract_html
    from gongkai.extract.txt import parse_text

    if suffix == "html-chunks":  # markup parsed in chunks of 1,000 characters: the clock between them
        monkeypatch.setattr(html_module, "FEED_CHUNK", 1000)
        suffix = "html"

    lines = [f"第{i}项支出{i}.50万元。" for i in range(600)]  # more than two rounds of EVERY
    if suffix == "docx":
        data = _docx(tmp_path / "long.docx", 600).read_bytes()
        work = lambda: extract_docx(data, "long.docx")  # noqa: E731
    elif suffix == "html":
        markup = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
        work = lambda: extract_html(markup.encode("utf-8"), "long.html")  # noqa: E731
    else:
        work = lambda: parse_text("\n".join(lines))  # noqa: E731
    assert len(work()[0].blocks) >= 600  # with no deadline the whole file is read
    with deadline(f"long.{suffix}", Settings(timeout_seconds=1e-9)), pytest.raises(UnreadableInput) as info:
        work()
    assert info.value.kind == "timeout"
    assert info.value.reason == f"处理超过 1e-09 秒的上限（{stage}时）；可用 --timeout 调高（0 表示不限）"


def test_the_deadline_is_the_whole_file_s_not_each_stage_s() -> None:
    with (
        deadline("a.txt", Settings(timeout_seconds=60)) as outer,
        deadline("a.txt", Settings(timeout_seconds=1e-9)) as inner,
    ):
        assert inner is outer
        check_deadline("读取正文")  # the outer minute holds
    with deadline("a.txt", Settings(timeout_seconds=0)) as none:
        assert none is None
        check_deadline("读取正文")


def test_the_cli_refuses_in_one_line_and_says_how_to_raise_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_text(tmp_path / "one_line.txt", SENTENCE * 40)
    assert main(["check", str(path), "--max-line-chars", "100"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"gongkai: {path}: 一行（一段）有 {len(SENTENCE) * 40:,} 个字符，超过上限 100 个字符；可用 --max-line-chars 调高（0 表示不限）"
    ]
    assert main(["check", str(path), "--max-line-chars", "0"]) == 0
    capsys.readouterr()


# --------------------------------------------------------------------------- linear in the size


def test_boxing_every_figure_visits_spans_in_proportion_to_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Document.bbox_of`` once copied the rest of the span list per figure: quadratic."""
    visited = [0]

    class CountingSpans(list):  # type: ignore[type-arg]
        def __getitem__(self, index):  # type: ignore[no-untyped-def]
            item = super().__getitem__(index)
            visited[0] += len(item) if isinstance(index, slice) else 1
            return item

    original = Document.__post_init__

    def counting(self: Document) -> None:
        self.spans = CountingSpans(self.spans)
        original(self)

    monkeypatch.setattr(Document, "__post_init__", counting)
    counts = []
    for paragraphs in (500, 2000):
        visited[0] = 0
        read(_docx(tmp_path / f"p{paragraphs}.docx", paragraphs))
        counts.append(visited[0])
    assert counts[0] > 0
    assert counts[1] / counts[0] < 4 * 1.5  # four times the document, about four times the work


def test_reading_paragraphs_grows_linearly(tmp_path: Path) -> None:
    small, large = _docx(tmp_path / "small.docx", 1000), _docx(tmp_path / "large.docx", 4000)
    check(small)  # warm up the imports and the matchers
    timings = []
    for path in (small, large):
        start = time.perf_counter()
        check(path)
        timings.append(time.perf_counter() - start)
    assert timings[1] / timings[0] < 4 * 2  # quadratic work would be 16 times
