"""PDF extraction: real corpus files, PDFs built by ``tests.builders``, both backends, bad input.

Corpus tests skip when ``../shared/corpus`` is not beside the repository (``tests.conftest.need``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from gongkai.errors import UnreadableInput
from gongkai.extract import extract
from gongkai.extract.model import RawDocument, RawPage, RawTable, TextLine
from gongkai.extract.ocr import ocr_available
from gongkai.extract.pdf import REASON_NO_TEXT, REASON_NO_TEXT_OCR
from gongkai.extract.pdf_layout import (
    Char,
    PageFrame,
    Segment,
    apply,
    cluster_lines,
    find_grids,
    layout_page,
    line_text,
)
from gongkai.settings import Settings
from tests.builders import build_pdf
from tests.conftest import CORPUS, PUTUO, TEMPLATE, need
from tests.test_font_independence import font_set

CORPUS_FILES = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
BACKENDS = ("pdfium", "plumber")
AMOUNT = re.compile(r"^-?\d[\d,]*\.\d+$")


# --------------------------------------------------------------------------- helpers


def _read(path: Path, backend: str = "pdfium", **settings: object) -> RawDocument:
    return extract(path, Settings(pdf_backend=backend, **settings))  # type: ignore[arg-type]


def _page(doc: RawDocument, number: int) -> RawPage:
    [page] = [p for p in doc.pages if p.number == number]
    return page


def _lines(doc: RawDocument, number: int) -> list[str]:
    return [b.text for b in _page(doc, number).blocks if isinstance(b, TextLine)]


def _tables(doc: RawDocument, number: int) -> list[RawTable]:
    return [b for b in _page(doc, number).blocks if isinstance(b, RawTable)]


def _grid(table: RawTable) -> list[list[str | None]]:
    return [list(row) for row in table.rows]


def _all_tables(doc: RawDocument) -> Iterator[RawTable]:
    for page in doc.pages:
        yield from (b for b in page.blocks if isinstance(b, RawTable))


def _summary(doc: RawDocument) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for page in doc.pages:
        out.append(("page", page.number, page.width, page.height))
        for block in page.blocks:
            if isinstance(block, TextLine):
                out.append(("line", block.page, block.text, block.gap_before, block.font_size))
            else:
                out.append(("table", block.page, block.rows))
    return out


def _boxes(doc: RawDocument) -> list[tuple[float, float, float, float]]:
    boxes = []
    for page in doc.pages:
        for block in page.blocks:
            assert block.bbox is not None
            boxes.append(block.bbox.rounded(3))
            if isinstance(block, RawTable):
                assert block.boxes is not None
                boxes.extend(b.rounded(3) for row in block.boxes for b in row if b is not None)
    return boxes


def assert_backends_agree(path: Path, expect_fallback: bool | None = False) -> RawDocument:
    """Both backends give the same pages: texts, grids, page numbers; boxes within 1pt."""
    fast = _read(path, "pdfium")
    slow = _read(path, "plumber")
    assert _summary(fast) == _summary(slow)
    for a, b in zip(_boxes(fast), _boxes(slow), strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) <= 1.0, (a, b)
    if expect_fallback is not None:  # None: it depends on the fonts of the machine
        assert any("pdfplumber" in w for w in fast.warnings) == expect_fallback
    return fast


# --------------------------------------------------------------------------- corpus


@pytest.fixture(scope="module")
def putuo() -> RawDocument:
    return _read(need(PUTUO))


@pytest.fixture(scope="module")
def template() -> RawDocument:
    return _read(need(TEMPLATE))


def test_paragraph_lines_keep_numbers_inline(putuo: RawDocument) -> None:
    lines = _lines(putuo, 17)
    first = lines.index("中共上海市普陀区委社会工作部2024年度收入支出总计307.82")
    assert lines[first : first + 3] == [
        "中共上海市普陀区委社会工作部2024年度收入支出总计307.82",
        "万元。与2023年度相比，收入支出总计增加307.82万元，增长",
        "100.00%。主要原因：单位于2024年成立。",
    ]


def test_section_gap_but_no_gap_between_evenly_spaced_lines(putuo: RawDocument) -> None:
    blocks = [b for b in _page(putuo, 17).blocks if isinstance(b, TextLine)]
    gaps = {b.text: b.gap_before for b in blocks}
    assert gaps["一、收入支出决算总体情况说明"] is True
    assert gaps["中共上海市普陀区委社会工作部2024年度收入支出总计307.82"] is False
    assert gaps["万元。与2023年度相比，收入支出总计增加307.82万元，增长"] is False
    assert all(b.font_size == 15.0 and b.bbox is not None for b in blocks)


def test_total_table_income_row(putuo: RawDocument) -> None:
    [table] = _tables(putuo, 5)
    grid = _grid(table)
    [row] = [r for r in grid if r[0] == "一、一般公共预算财政拨款收入"]
    assert row[1] == "307.82"
    assert row == ["一、一般公共预算财政拨款收入", "307.82", "一、一般公共服务支出", "264.87"]
    assert grid[0] == ["收入", None, "支出", None]
    assert grid[-1] == ["总计", "307.82", "总计", "307.82"]
    assert len(grid) == 32


def test_text_around_a_table_stays_text_and_cells_do_not(putuo: RawDocument) -> None:
    page = _page(putuo, 5)
    kinds = [type(b).__name__ for b in page.blocks]
    assert kinds == ["TextLine", "TextLine", "TextLine", "RawTable", "TextLine"]
    assert _lines(putuo, 5) == [
        "中共上海市普陀区委社会工作部2024年度部门决算表",
        "收入支出决算总表",
        "单位：万元",
        "注：本表反映部门本年度的总收支和年末结转结余情况。",
    ]


HEAD6 = ["附属单位\n上缴收入", "其他收入"]


def test_two_row_header_and_label_wrapped_in_its_cell(putuo: RawDocument) -> None:
    [table] = _tables(putuo, 6)
    grid = _grid(table)
    assert grid[:3] == [
        ["项目", None, "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", *HEAD6],
        ["功能分类\n科目编码", "科目名称", None, None, None, None, None, None, None],
        ["合计", None, "307.82", "307.82", "", "", "", "", ""],
    ]
    assert ["2080505", "机关事业单位基本养老保险缴费\n支出", "6.18", "6.18", "", "", "", "", ""] in grid
    assert table.bbox is not None and table.boxes is not None
    assert table.boxes[0][1] is None and table.boxes[1][2] is None
    head, below = table.boxes[0][0], table.boxes[1][0]
    assert head is not None and below is not None and head.bottom == below.top


def test_three_public_funds_header_spans(putuo: RawDocument) -> None:
    [table] = _tables(putuo, 14)
    assert _grid(table) == [
        ["财政拨款“三公”经费", *[None] * 11],
        ["合计", None, "因公出国\n（境）费", None, "公务用车购置及运行维护费", *[None] * 5, "公务接待费", None],
        [None, None, None, None, "小计", None, "公务用车\n购置费", None, "公务用车\n运行维护费", None, None, None],
        ["预算数", "决算数"] * 6,
        [""] * 12,
    ]


@pytest.mark.parametrize("number", [4, 5, 6, 8, 13, 14, 15, 16])
def test_putuo_grids_equal_pdfplumber_extract_tables(putuo: RawDocument, number: int) -> None:
    with pdfplumber.open(PUTUO) as pdf:
        expected = pdf.pages[number - 1].extract_tables()
    assert [_grid(t) for t in _tables(putuo, number)] == expected


def test_template_grids_equal_pdfplumber_up_to_spaces(template: RawDocument) -> None:
    with pdfplumber.open(TEMPLATE) as pdf:
        for page in template.pages:
            expected = pdf.pages[page.number - 1].extract_tables()

            def squeeze(grid: list[list[str | None]]) -> list[list[str | None]]:
                return [[c.replace(" ", "") if c else c for c in row] for row in grid]

            assert [squeeze(_grid(t)) for t in _tables(template, page.number)] == [squeeze(g) for g in expected]


def test_template_tables_have_no_amounts(template: RawDocument, putuo: RawDocument) -> None:
    template_cells = [c for t in _all_tables(template) for row in t.rows for c in row if c]
    putuo_cells = [c for t in _all_tables(putuo) for row in t.rows for c in row if c]
    assert len(list(_all_tables(template))) == 11
    assert [c for c in template_cells if AMOUNT.match(c)] == []
    assert "307.82" in putuo_cells


def test_pages_are_numbered_and_sized(putuo: RawDocument) -> None:
    assert [p.number for p in putuo.pages] == list(range(1, 25))
    assert (_page(putuo, 1).width, _page(putuo, 1).height) == (595.3, 841.9)
    assert (_page(putuo, 6).width, _page(putuo, 6).height) == (841.9, 595.3)
    assert all(b.page == p.number for p in putuo.pages for b in p.blocks)
    assert putuo.warnings == []


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_backends_agree_on_corpus(path: Path) -> None:
    assert_backends_agree(path)


# --------------------------------------------------------------------------- built PDFs

TITLE = TextLine("收入支出决算总表", 1, font_size=15)
SHORT = "本年收入合计307.82万元，比上年增加12.5%。"
LONG = (
    "中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。与2023年度相比，收入支出总计增加"
    "307.82万元，增长100.00%，主要原因是单位于2024年成立，基本支出105.58万元，占34.30%。"
)
SPANNED = RawTable(
    1,
    (
        ("项目", None, "本年收入合计", "财政拨款收入", "其他收入"),
        ("科目编码", "科目名称", None, None, None),
        ("合计", None, "307.82", "307.82", ""),
        ("2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", ""),
        ("2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", ""),
    ),
)


def test_numbers_in_another_font_stay_on_their_line(tmp_path: Path) -> None:
    blocks = [TITLE, TextLine(SHORT, 1, gap_before=True), TextLine(LONG, 1)]
    path = build_pdf(blocks, tmp_path / "p.pdf", digit_size_delta=4)
    with pdfplumber.open(path) as pdf:
        naive = pdf.pages[0].extract_text().split("\n")
    assert "307.82 12.5%" in naive  # the naive reading really does move the numbers away
    for backend in BACKENDS:
        doc = _read(path, backend)
        assert _lines(doc, 1) == [
            "收入支出决算总表",
            "本年收入合计307.82万元，比上年增加12.5%。",
            "中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。与2023年度",
            "相比，收入支出总计增加307.82万元，增长100.00%，主要原因是单位于2024年",
            "成立，基本支出105.58万元，占34.30%。",
        ]
    assert_backends_agree(path)


def test_paragraph_gaps_sizes_and_boxes(tmp_path: Path) -> None:
    blocks = [TITLE, TextLine(SHORT, 1, gap_before=True), TextLine(LONG, 1, gap_before=True)]
    path = build_pdf(blocks, tmp_path / "p.pdf")
    lines = [b for b in _page(_read(path), 1).blocks if isinstance(b, TextLine)]
    assert [line.gap_before for line in lines] == [False, True, True, False, False]
    # the median char size: the last line has more digits (12 + 1 pt) than Chinese chars
    assert [line.font_size for line in lines] == [15.0, 12.0, 12.0, 12.0, 13.0]
    assert "".join(line.text for line in lines[2:]) == LONG
    assert all(line.bbox is not None and line.bbox.x0 == 72.0 for line in lines)
    boxes = [line.bbox for line in lines if line.bbox is not None]
    assert all(a.bottom < b.top for a, b in pairwise(boxes))


def test_spanned_header_comes_back_as_none(tmp_path: Path) -> None:
    path = build_pdf([TITLE, SPANNED, TextLine("注：本表反映部门本年度收入情况。", 1)], tmp_path / "t.pdf")
    doc = assert_backends_agree(path)
    [table] = _tables(doc, 1)
    assert table.rows == SPANNED.rows
    assert _lines(doc, 1) == ["收入支出决算总表", "注：本表反映部门本年度收入情况。"]
    assert table.boxes is not None and table.bbox is not None
    assert table.boxes[0][1] is None and table.boxes[1][2] is None
    head = table.boxes[0][0]
    assert head is not None and head.x0 == table.bbox.x0 and head.top == table.bbox.top


def test_long_cell_text_wraps_inside_the_cell(tmp_path: Path) -> None:
    label = "机关事业单位基本养老保险缴费支出（含职业年金和其他社会保障缴费）"
    table = RawTable(1, (("科目编码", "科目名称", "决算数"), ("2080505", label, "6.18")))
    path = build_pdf([table], tmp_path / "w.pdf", text_width=300)
    [got] = _tables(assert_backends_agree(path), 1)
    cell = got.rows[1][1]
    assert cell is not None and "\n" in cell and cell.replace("\n", "") == label
    assert got.rows[1][2] == "6.18"


def test_table_split_over_two_pages(tmp_path: Path) -> None:
    header = ("科目编码", "科目名称", "决算数")
    body = tuple((f"20{i:05d}", f"支出项目{i}", f"{i}.{i % 10}0") for i in range(60))
    path = build_pdf([TITLE, RawTable(1, (header, *body))], tmp_path / "s.pdf")
    doc = assert_backends_agree(path)
    first, second = (t for t in _all_tables(doc))
    assert (first.page, second.page) == (1, 2)
    assert first.rows[0] == header and second.rows[0] != header
    assert first.rows + second.rows == (header, *body)


def test_tables_apart_on_one_page_are_separate(tmp_path: Path) -> None:
    a = RawTable(1, (("项目", "金额"), ("收入", "1.00")))
    b = RawTable(1, (("项目", "金额"), ("支出", "2.00")))
    path = build_pdf([a, TextLine("两表之间的说明文字", 1, gap_before=True), b], tmp_path / "two.pdf")
    page = _page(assert_backends_agree(path), 1)
    assert [type(x).__name__ for x in page.blocks] == ["RawTable", "TextLine", "RawTable"]
    assert [t.rows for t in page.blocks if isinstance(t, RawTable)] == [a.rows, b.rows]
    assert page.blocks[1].gap_before is True  # type: ignore[union-attr]


def test_builder_takes_a_raw_document_page_by_page(tmp_path: Path) -> None:
    pages = [RawPage(1, [TITLE]), RawPage(2, [TextLine(SHORT, 2), SPANNED])]
    built = _read(build_pdf(RawDocument("x", "pdf", "0" * 64, pages), tmp_path / "doc.pdf"))
    assert _summary(built)[0] == ("page", 1, 595.28, 841.89)
    assert [_lines(built, 1), _lines(built, 2)] == [["收入支出决算总表"], [SHORT]]
    assert [t.rows for t in _tables(built, 2)] == [SPANNED.rows]


LATIN = [
    TextLine("Income and expenditure 2024", 1, font_size=15),
    TextLine("Total income 307.82, up 12.5% on the previous year.", 1, gap_before=True),
    RawTable(1, (("Item", "Amount", None), (None, "2024", "2023"), ("Grants", "307.82", "295.1"))),
]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_read_like_upright_ones(tmp_path: Path, rotation: int) -> None:
    upright = assert_backends_agree(build_pdf(LATIN, tmp_path / "r0.pdf"))
    turned = assert_backends_agree(build_pdf(LATIN, tmp_path / f"r{rotation}.pdf", rotation=rotation))
    assert _summary(turned) == _summary(upright)
    for a, b in zip(_boxes(turned), _boxes(upright), strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) <= 0.05
    assert _lines(turned, 1) == ["Income and expenditure 2024", "Total income 307.82, up 12.5% on the previous year."]


def test_pdfium_falls_back_when_it_drops_glyphs(tmp_path: Path) -> None:
    # PDFium has no glyphs for the non-embedded STSong-Light here: on a turned page it
    # drops the Chinese text objects, so the page must be read by pdfplumber instead.
    blocks = [TITLE, TextLine(SHORT, 1, gap_before=True), SPANNED]
    upright = _read(build_pdf(blocks, tmp_path / "c0.pdf"))
    path = build_pdf(blocks, tmp_path / "c90.pdf", rotation=90)
    # with a Chinese font on the machine PDFium loses nothing and reads the page itself
    turned = assert_backends_agree(path, expect_fallback=None if font_set() == "cjk" else True)
    assert _summary(turned) == _summary(upright)
    if font_set() == "none":
        assert turned.warnings == ["第 1 页的字体无法由 PDFium 加载（可能未嵌入字体），已改用 pdfplumber 读取"]


# --------------------------------------------------------------------------- drawn by hand


def _cell_texts(canvas: Canvas, xs: list[float], ys: list[float], rows: list[list[str]]) -> None:
    canvas.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            canvas.drawString(xs[c] + 4, ys[r] - 14, text)


ROWS = [["Item", "2024", "2023"], ["Grants", "307.82", "295.10"], ["Pensions", "6.18", "5.90"]]


def test_rules_drawn_as_thin_filled_rectangles(tmp_path: Path) -> None:
    path = tmp_path / "thin.pdf"
    canvas = Canvas(str(path))
    xs, ys = [72.0, 200.0, 300.0, 400.0], [700.0, 680.0, 660.0, 640.0]
    for y in ys:  # 0.6pt high filled bars as horizontal rules
        canvas.rect(xs[0], y - 0.3, xs[-1] - xs[0], 0.6, stroke=0, fill=1)
    for x in xs:
        canvas.rect(x - 0.3, ys[-1], 0.6, ys[0] - ys[-1], stroke=0, fill=1)
    _cell_texts(canvas, xs, ys, ROWS)
    canvas.drawString(72, 720, "Table 1")
    canvas.save()
    doc = assert_backends_agree(path)
    [table] = _tables(doc, 1)
    assert _grid(table) == ROWS
    assert table.bbox is not None and table.bbox.rounded(1) == (72.0, 141.9, 400.0, 201.9)
    assert _lines(doc, 1) == ["Table 1"]


def test_rules_drawn_as_cell_rectangles_with_a_span(tmp_path: Path) -> None:
    path = tmp_path / "rects.pdf"
    canvas = Canvas(str(path))
    xs, ys = [72.0, 200.0, 300.0, 400.0], [700.0, 680.0, 660.0, 640.0]
    canvas.rect(xs[0], ys[1], xs[3] - xs[0], ys[0] - ys[1])  # a title cell over all columns
    for r in (1, 2):
        for c in range(3):
            canvas.rect(xs[c], ys[r + 1], xs[c + 1] - xs[c], ys[r] - ys[r + 1])
    _cell_texts(canvas, xs, ys, [["Income"], ROWS[1], ROWS[2]])
    canvas.save()
    [table] = _tables(assert_backends_agree(path), 1)
    assert _grid(table) == [["Income", None, None], ROWS[1], ROWS[2]]

@pytest.mark.parametrize("white", [(1, 1, 1), "gray", "cmyk"])
def test_white_cell_fills_are_not_ruling_lines(tmp_path: Path, white: object) -> None:
    """Spreadsheet exports paint every cell (and padding strips between cells) white under
    thin black rules; the white rectangles' edges must not add rows or columns."""
    path = tmp_path / "fills.pdf"
    canvas = Canvas(str(path))
    xs, ys = [72.0, 200.0, 300.0, 400.0], [700.0, 680.0, 660.0, 640.0]
    if white == "gray":
        canvas.setFillGray(1)
    elif white == "cmyk":
        canvas.setFillColorCMYK(0, 0, 0, 0)
    else:
        canvas.setFillColorRGB(*white)  # type: ignore[misc]
    canvas.rect(40, 705, 420, 60, stroke=0, fill=1)  # a white frame above the table, around its title
    for r in range(3):
        for c in range(3):  # each cell painted as three white strips: left padding, body, right padding
            x0, x1, bottom, height = xs[c], xs[c + 1], ys[r + 1], ys[r] - ys[r + 1]
            for left, right in ((x0, x0 + 5), (x0 + 5, x1 - 5), (x1 - 5, x1)):
                canvas.rect(left, bottom, right - left, height, stroke=0, fill=1)
    canvas.rect(xs[0], ys[0], xs[-1] - xs[0], 4.5, stroke=0, fill=1)  # a padding strip over the table
    canvas.setFillGray(0)
    for y in ys:
        canvas.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, stroke=0, fill=1)
    for x in xs:
        canvas.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1], stroke=0, fill=1)
    _cell_texts(canvas, xs, ys, ROWS)
    canvas.drawString(72, 720, "Table 1")
    canvas.save()
    doc = assert_backends_agree(path)
    [table] = _tables(doc, 1)
    assert _grid(table) == ROWS
    assert _page(doc, 1).blocks[0] == TextLine("Table 1", 1, _page(doc, 1).blocks[0].bbox, font_size=10.0)



def test_rows_printed_outside_the_rules_join_their_table(tmp_path: Path) -> None:
    """A table broken over pages by a spreadsheet export: the first row on the new page and the
    last row on the old one are printed without their outer rules, just outside the grid."""
    path = tmp_path / "loose.pdf"
    canvas = Canvas(str(path))
    xs, ys = [72.0, 200.0, 300.0, 400.0], [700.0, 680.0, 660.0, 640.0, 620.0]
    canvas.drawString(72, 740, "Unit: 10k yuan")  # a line above the table with no figure stays text
    for y in ys[1:-1]:
        canvas.line(xs[0], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[1], x, ys[-2])
    rows = [["2210201", "Housing fund", "1,029.15"], ["2210202", "Rent", "1,959.99"], ["2210203", "Purchase", "12.00"], ["Total", "", "3,001.14"]]
    _cell_texts(canvas, xs, ys, rows)
    canvas.drawString(72, 600, "12.5 percent")  # far below the table: running text, not a row
    canvas.save()
    doc = assert_backends_agree(path)
    [table] = _tables(doc, 1)
    assert _grid(table) == rows
    assert table.bbox is not None and round(table.bbox.top) == 148 and round(table.bbox.bottom) == 218
    assert _lines(doc, 1) == ["Unit: 10k yuan", "12.5 percent"]


def test_a_label_line_next_to_a_table_is_no_row(tmp_path: Path) -> None:
    path = tmp_path / "labels.pdf"
    canvas = Canvas(str(path))
    xs, ys = [72.0, 200.0, 300.0, 400.0], [700.0, 680.0, 660.0, 640.0]
    for y in ys[1:]:
        canvas.line(xs[0], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[1], x, ys[-1])
    _cell_texts(canvas, xs, ys, [["Dept: Office", "", "Unit: yuan"], ROWS[1], ROWS[2]])
    canvas.save()
    doc = assert_backends_agree(path)
    [table] = _tables(doc, 1)
    assert _grid(table) == [ROWS[1], ROWS[2]]
    assert _lines(doc, 1) == ["Dept: Office Unit: yuan"]


def test_table_inside_a_form_xobject(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    canvas = Canvas(str(path))
    canvas.beginForm("grid")
    xs, ys = [0.0, 128.0, 228.0, 328.0], [60.0, 40.0, 20.0, 0.0]
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    _cell_texts(canvas, xs, ys, ROWS)
    canvas.endForm()
    canvas.saveState()
    canvas.translate(72, 640)
    canvas.doForm("grid")
    canvas.restoreState()
    canvas.save()
    [table] = _tables(assert_backends_agree(path), 1)
    assert _grid(table) == ROWS
    assert table.bbox is not None and table.bbox.rounded(1) == (72.0, 141.9, 400.0, 201.9)


def test_crop_box_sets_the_page_frame(tmp_path: Path) -> None:
    path = tmp_path / "crop.pdf"
    canvas = Canvas(str(path), pagesize=(600, 800))
    canvas.setCropBox((50, 100, 550, 700))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(100, 600, "Inside the crop box")
    canvas.drawString(100, 750, "Outside the crop box")
    canvas.save()
    doc = assert_backends_agree(path)
    page = _page(doc, 1)
    assert (page.width, page.height) == (500.0, 600.0)
    [line] = page.blocks
    assert isinstance(line, TextLine) and line.text == "Inside the crop box"
    assert line.bbox is not None and line.bbox.x0 == 50.0 and 85 < line.bbox.bottom < 105


def test_overprinted_fake_bold_reads_once(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    for dx in (0.0, 0.3):
        canvas.drawString(72 + dx, 700, "Total 307.82")
    canvas.drawString(72, 680, "next line")
    canvas.save()
    doc = assert_backends_agree(path)
    assert _lines(doc, 1) == ["Total 307.82", "next line"]


def test_hyphen_ending_a_line_is_kept(tmp_path: Path) -> None:
    # PDFium marks a hyphen that ends a line before a word as a soft hyphen (U+0002 per
    # char, U+FFFE in bulk text); it is still the hyphen printed on the page.
    path = tmp_path / "hyphen.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    for y, text in ((700, "budget 2024-"), (686, "2025 fiscal-"), (672, "year total")):
        canvas.drawString(72, y, text)
    canvas.save()
    doc = assert_backends_agree(path)
    assert _lines(doc, 1) == ["budget 2024-", "2025 fiscal-", "year total"]
    assert doc.warnings == []


# --------------------------------------------------------------------------- bad input


def _encrypted(path: Path) -> Path:
    canvas = Canvas(str(path), encrypt="secret")
    canvas.drawString(72, 700, "secret text")
    canvas.save()
    return path


def _truncated(path: Path, tmp_path: Path) -> Path:
    source = PUTUO if PUTUO.exists() else build_pdf([TITLE, TextLine(LONG, 1), SPANNED], tmp_path / "whole.pdf")
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _no_text(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.rect(72, 600, 200, 100)
    canvas.save()
    return path


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("name", "kind", "reason"),
    [
        ("encrypted", "encrypted", "PDF 已加密，需要密码才能打开"),
        ("truncated", "truncated", "PDF 文件不完整（可能下载中断）"),
        ("garbage", "corrupt", "PDF 文件已损坏，无法解析"),
        ("garbage_with_eof", "corrupt", "PDF 文件已损坏，无法解析"),
        ("no_text", "no_text", REASON_NO_TEXT_OCR if ocr_available() else REASON_NO_TEXT),
    ],
)
def test_bad_input_raises_unreadable(tmp_path: Path, backend: str, name: str, kind: str, reason: str) -> None:
    path = tmp_path / f"{name}.pdf"
    junk = bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"%%EOF", b"")
    if name == "encrypted":
        _encrypted(path)
    elif name == "truncated":
        _truncated(path, tmp_path)
    elif name == "garbage":
        path.write_bytes(b"%PDF-1.7\n" + junk)
    elif name == "garbage_with_eof":
        path.write_bytes(b"%PDF-1.7\n" + junk + b"\n%%EOF\n")
    else:
        _no_text(path)
    with pytest.raises(UnreadableInput) as info:
        _read(path, backend)
    assert (info.value.kind, info.value.reason) == (kind, reason)
    assert str(info.value) == f"{path}: {reason}"


@pytest.mark.parametrize("backend", BACKENDS)
def test_owner_password_only_still_reads(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "owner.pdf"
    canvas = Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0))
    canvas.drawString(72, 700, "Total 307.82")
    canvas.save()
    assert _lines(_read(path, backend), 1) == ["Total 307.82"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_page_limit_is_enforced(tmp_path: Path, backend: str) -> None:
    path = build_pdf([[TITLE], [TITLE], [TITLE]], tmp_path / "three.pdf")
    assert len(_read(path, backend).pages) == 3
    with pytest.raises(UnreadableInput) as info:
        _read(path, backend, max_pages=2)
    assert info.value.kind == "too_many_pages"
    assert info.value.reason == "共 3 页，超过上限 2 页；可用 --max-pages 调高（0 表示不限）"


@pytest.mark.parametrize("backend", BACKENDS)
def test_time_limit_is_enforced(tmp_path: Path, backend: str) -> None:
    path = build_pdf([TITLE], tmp_path / "one.pdf")
    with pytest.raises(UnreadableInput) as info:
        _read(path, backend, timeout_seconds=1e-9)
    assert info.value.kind == "timeout"


# --------------------------------------------------------------------------- layout units


def _char(text: str, x0: float, top: float, size: float = 10.0, width: float | None = None) -> Char:
    return Char(text, x0, top, x0 + (size if width is None else width), top + size, size, "F")


def _row(text: str, x0: float, top: float, size: float = 10.0) -> list[Char]:
    return [_char(ch, x0 + i * size, top, size) for i, ch in enumerate(text)]


def test_line_text_spaces_from_gaps_and_space_chars() -> None:
    assert line_text(_row("合计", 0, 0)) == "合计"
    assert line_text([*_row("单位", 0, 0), *_row("万元", 24.1, 0)]) == "单位 万元"  # gap 4.1 > 0.4 em
    assert line_text([*_row("单位", 0, 0), *_row("万元", 23.9, 0)]) == "单位万元"  # gap 3.9 < 0.4 em
    spaced = [_char("a", 0, 0, width=5), _char(" ", 5, 0, width=2.5), _char(" ", 7.5, 0, width=2.5)]
    assert line_text([_char(" ", -3, 0, width=3), *spaced, _char("b", 10, 0, width=5)]) == "a b"


def test_line_text_reads_overprinted_glyphs_once() -> None:
    chars = _row("总计", 0, 0)
    assert line_text([*chars, *(c._replace(x0=c.x0 + 0.4, x1=c.x1 + 0.4) for c in chars)]) == "总计"
    assert line_text(_row("11", 0, 0)) == "11"


def test_numbers_with_other_tops_join_the_line() -> None:
    chinese = _row("总计", 0, 100.0, size=10.45)
    digits = [Char(d, 21 + 5 * i, 96.2, 26 + 5 * i, 110.8, 14.6, "Times") for i, d in enumerate("307.82")]
    below = _row("万元", 0, 130.0, size=10.45)
    lines = cluster_lines([*digits, *below, *chinese])
    assert [line_text(line.chars) for line in lines] == ["总计307.82", "万元"]
    assert (lines[0].top, lines[0].bottom) == (96.2, 110.8)


def _ruled(xs: list[float], ys: list[float], skip: set[tuple[str, float, float]] = frozenset()) -> list[Segment]:
    """A full grid of segments, one per cell side, minus the sides in ``skip``."""
    segments = []
    for y in ys:
        for a, b in pairwise(xs):
            if ("h", y, a) not in skip:
                segments.append(Segment(a, y, b, y))
    for x in xs:
        for a, b in pairwise(ys):
            if ("v", x, a) not in skip:
                segments.append(Segment(x, a, x, b))
    return segments


def test_grid_spans_where_inner_rules_are_missing() -> None:
    xs, ys = [0.0, 50.0, 100.0, 150.0], [0.0, 20.0, 40.0, 60.0]
    # a head spanning columns 0-1, and a cell spanning rows 1-2 in column 2
    segments = _ruled(xs, ys, {("v", 50.0, 0.0), ("h", 40.0, 100.0)})
    segments.append(Segment(75.0, 60.0, 75.0, 62.0))  # a stub below the table is no column
    [grid] = find_grids(segments)
    assert (grid.xs, grid.ys) == (xs, ys)
    assert sorted(grid.cells) == [
        (0, 0, 1, 2),
        (0, 2, 1, 1),
        (1, 0, 1, 1),
        (1, 1, 1, 1),
        (1, 2, 2, 1),
        (2, 0, 1, 1),
        (2, 1, 1, 1),
    ]


def test_grid_snaps_near_positions_and_joins_broken_rules() -> None:
    xs, ys = [0.0, 50.0, 100.0], [0.0, 20.0, 40.0]
    segments = [s._replace(x0=s.x0 + 1.2, x1=s.x1 + 1.2) if s.x0 == s.x1 == 50.0 else s for s in _ruled(xs, ys)]
    segments += [Segment(0, 60, 40, 60), Segment(41.5, 60, 100, 60), Segment(0, 40, 0, 60), Segment(100, 40, 100, 60)]
    [grid] = find_grids(segments)
    assert grid.xs == [0.0, 51.2, 100.0] and grid.ys == [0.0, 20.0, 40.0, 60.0]
    assert (2, 0, 1, 2) in grid.cells  # the broken bottom rule still closes one wide cell


def test_frames_and_separate_tables() -> None:
    assert find_grids(_ruled([0.0, 100.0], [0.0, 50.0])) == []  # one box is a frame, not a table
    first = _ruled([0.0, 50.0, 100.0], [0.0, 20.0, 40.0])
    second = _ruled([0.0, 50.0, 100.0], [80.0, 100.0, 120.0])
    assert [g.ys[0] for g in find_grids(second + first)] == [0.0, 80.0]


def test_layout_page_puts_cell_text_in_cells_only() -> None:
    xs, ys = [0.0, 100.0, 200.0], [50.0, 80.0, 110.0]
    chars = [*_row("标题", 0, 20), *_row("机关事业", 5, 53), *_row("单位", 5, 66), *_row("6.18", 105, 90)]
    page = layout_page(3, 300.0, 400.0, [*chars, *_row("页外", 0, 500)], _ruled(xs, ys))
    title, table = page.blocks
    assert isinstance(title, TextLine) and (title.text, title.page) == ("标题", 3)
    assert isinstance(table, RawTable) and table.rows == (("机关事业\n单位", ""), ("", "6.18"))
    assert (page.width, page.height) == (300.0, 400.0)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_page_frame_maps_user_space_to_the_display(rotation: int) -> None:
    frame = PageFrame.from_boxes((0, 0, 600, 800), (10, 20, 510, 720), rotation)
    width, height = (500, 700) if rotation in (0, 180) else (700, 500)
    assert (frame.width, frame.height) == (width, height)
    # the top-left corner of the shown page, for each rotation, in user space
    corner = {0: (10, 720), 90: (10, 20), 180: (510, 20), 270: (510, 720)}[rotation]
    assert frame.point(*corner) == (0, 0)
    assert apply(frame.matrix, 123.0, 456.0) == frame.point(123.0, 456.0)
    x0s, tops, x1s, bottoms = frame.map_rects([100.0], [200.0], [130.0], [210.0])
    corners = [frame.point(100, 200), frame.point(130, 210)]
    assert (x0s[0], tops[0], x1s[0], bottoms[0]) == (
        min(p[0] for p in corners),
        min(p[1] for p in corners),
        max(p[0] for p in corners),
        max(p[1] for p in corners),
    )
