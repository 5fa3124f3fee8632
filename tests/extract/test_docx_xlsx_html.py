"""DOCX, XLSX and HTML extraction: exact lines and grids from small built documents."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from gongkai.extract import RawDocument, RawTable, TextLine, extract
from gongkai.extract.xlsx import format_number
from tests.builders.docx_builder import build_docx

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


def docx_from_body(path: Path, body: str) -> Path:
    """A minimal DOCX package whose ``w:body`` holds ``body`` (WordprocessingML, prefix ``w``)."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body>'
    document += "</w:document>"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return path


def p(text: str = "", ppr: str = "") -> str:
    """A ``w:p`` with one run of text."""
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}</w:p>"


def texts(document: RawDocument) -> list[tuple[int, str]]:
    return [(b.page, b.text) for page in document.pages for b in page.blocks if isinstance(b, TextLine)]


def tables(document: RawDocument) -> list[RawTable]:
    return [b for page in document.pages for b in page.blocks if isinstance(b, RawTable)]


# --- DOCX ------------------------------------------------------------------------------

HEADER_GRID = (
    ("项目", "本年收入", None, "备注"),
    (None, "小计", "财政拨款", ""),
    ("合计", "12.30", "10.00", "第一行\n第二行"),
)


def test_docx_round_trip_keeps_lines_grid_and_pages(tmp_path: Path) -> None:
    blocks = [
        TextLine("收入支出决算总表", page=1),
        TextLine("单位：万元", page=1, gap_before=True),
        RawTable(page=1, rows=HEADER_GRID),
        TextLine("注：本表反映部门本年度的总收支。", page=1),
        TextLine("第三部分 情况说明", page=2),
        TextLine("本部门2023年度收入总计819.39万元。", page=2, gap_before=True),
    ]
    document = extract(build_docx(blocks, tmp_path / "built.docx"))

    assert document.format == "docx"
    assert [page.number for page in document.pages] == [1, 2]
    assert document.pages[0].blocks == blocks[:4]
    assert document.pages[1].blocks == blocks[4:]


def test_docx_body_order_is_kept(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("一、收入决算情况说明")
    table = word.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "项目", (0, 1): "金额", (1, 0): "合计", (1, 1): "819.39"}.items():
        table.cell(r, c).text = text
    word.add_paragraph("二、支出决算情况说明")
    path = tmp_path / "order.docx"
    word.save(str(path))

    blocks = extract(path).pages[0].blocks

    assert blocks == [
        TextLine("一、收入决算情况说明", page=1),
        RawTable(page=1, rows=(("项目", "金额"), ("合计", "819.39"))),
        TextLine("二、支出决算情况说明", page=1),
    ]


def test_docx_page_breaks_before_paragraphs_and_at_sections(tmp_path: Path) -> None:
    # A section's own w:sectPr (at its last paragraph) says how the section starts.
    next_page = "<w:sectPr/>"
    continuous = '<w:sectPr><w:type w:val="continuous"/></w:sectPr>'
    body = (
        p("第一页", "<w:pageBreakBefore/>")  # a break before the first paragraph adds no page
        + p("仍是第一页", continuous)  # the first section: its type does not matter
        + p("第二页", '<w:pageBreakBefore w:val="0"/>')
        + p("第二页末", next_page)  # the second section starts on a new page
        + p("第二页续")  # the third section is continuous
        + '<w:p><w:r><w:t>断前</w:t><w:br w:type="page"/><w:t>断后</w:t></w:r></w:p>'
        + p("第四页", "<w:pageBreakBefore/>")
        + continuous
    )
    document = extract(docx_from_body(tmp_path / "breaks.docx", body))

    assert texts(document) == [
        (1, "第一页"),
        (1, "仍是第一页"),
        (2, "第二页"),
        (2, "第二页末"),
        (2, "第二页续"),
        (2, "断前"),
        (3, "断后"),
        (4, "第四页"),
    ]


def test_docx_page_break_from_paragraph_style(tmp_path: Path) -> None:
    word = docx.Document()
    word.styles["Heading 1"].paragraph_format.page_break_before = True
    word.add_heading("第一部分 部门概况", level=1)
    word.add_paragraph("一、部门主要职责")
    word.add_heading("第二部分 部门决算表", level=1)
    word.add_heading("（一）收入决算表", level=2)  # Heading 2 does not inherit from Heading 1
    path = tmp_path / "styles.docx"
    word.save(str(path))

    assert texts(extract(path)) == [
        (1, "第一部分 部门概况"),
        (1, "一、部门主要职责"),
        (2, "第二部分 部门决算表"),
        (2, "（一）收入决算表"),
    ]


def test_docx_text_skips_deletions_and_field_codes(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>收入</w:t></w:r>"
        "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>总计</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>819.39</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:br/><w:t>万元</w:t></w:r></w:p>"
        + p()
        + p()
        + p("　　下一段")
    )
    document = extract(docx_from_body(tmp_path / "text.docx", body))

    assert document.pages[0].blocks == [
        TextLine("收入总计819.39", page=1),
        TextLine("万元", page=1),
        TextLine("下一段", page=1, gap_before=True),
    ]


def test_docx_grid_before_vmerge_and_nested_table(tmp_path: Path) -> None:
    nested = "<w:tbl><w:tr><w:tc>" + p("甲") + "</w:tc><w:tc>" + p("乙") + "</w:tc></w:tr></w:tbl>"
    body = (
        "<w:tbl>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" + p("科目") + "</w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + p("金额") + "</w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + p() + "</w:tc>"
        "<w:tc>" + p("上年") + "</w:tc><w:tc>" + p("本年") + nested + "</w:tc></w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc>" + p("1") + "</w:tc></w:tr>"
        "</w:tbl>"
    )
    document = extract(docx_from_body(tmp_path / "grid.docx", body))

    assert tables(document) == [
        RawTable(
            page=1,
            rows=(
                ("科目", "金额", None),
                (None, "上年", "本年\n甲\n乙"),
                ("", "1", ""),
            ),
        )
    ]


# --- XLSX ------------------------------------------------------------------------------


def test_xlsx_title_unit_merges_and_number_formats(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "收入支出决算总表"
    sheet.merge_cells("A1:D1")
    sheet["D2"] = "单位：万元"
    sheet["A3"] = "项目"
    sheet.merge_cells("A3:A4")
    sheet["B3"] = "本年收入"
    sheet.merge_cells("B3:C3")
    sheet["D3"] = "占比"
    sheet["B4"], sheet["C4"], sheet["D4"] = "小计", "财政拨款", ""
    values = [("合计", 12.3, 1234.5, 0.9731), ("其他", 7.0, 3, 0.30000000000000004)]
    for row, (label, a, b, share) in enumerate(values, start=5):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, a).number_format = "0.00"
        sheet.cell(row, 3, b).number_format = "#,##0.00" if row == 5 else "General"
        sheet.cell(row, 4, share).number_format = "0.00%" if row == 5 else "General"
    sheet["A8"] = "注：本表为示例。"
    second = workbook.create_sheet("收入决算表")
    second.append(["科目编码", "科目名称", "决算数"])
    second.append([2010601, "行政运行", 56.0])
    path = tmp_path / "tables.xlsx"
    workbook.save(path)

    document = extract(path)

    assert document.format == "xlsx"
    assert [page.number for page in document.pages] == [1, 2]
    assert document.pages[0].blocks == [
        TextLine("收入支出决算总表", page=1),
        TextLine("单位：万元", page=1),
        RawTable(
            page=1,
            rows=(
                ("项目", "本年收入", None, "占比"),
                (None, "小计", "财政拨款", ""),
                ("合计", "12.30", "1,234.50", "97.31%"),
                ("其他", "7.00", "3", "0.3"),
            ),
        ),
        TextLine("注：本表为示例。", page=1),
    ]
    assert document.pages[1].blocks == [
        RawTable(page=2, rows=(("科目编码", "科目名称", "决算数"), ("2010601", "行政运行", "56")))
    ]


@pytest.mark.parametrize(
    ("value", "number_format", "printed"),
    [
        (12.3, "0.00", "12.30"),
        (0.125, "0.00", "0.13"),
        (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
        (12.0, "General", "12"),
        (12.5, "0.0#", "12.5"),
        (12.345, "0.0#", "12.35"),
        (0.000012, "General", "0.000012"),
        (7, "0", "7"),
        (-0.001, "0.00", "0.00"),
        (12.3, '0.00_);[Red]\\(0.00\\)', "12.30"),
    ],
)
def test_xlsx_numbers_are_formatted_as_printed(value: float, number_format: str, printed: str) -> None:
    assert format_number(value, number_format) == printed


# --- HTML ------------------------------------------------------------------------------


def test_html_table_spans_text_and_charset(tmp_path: Path) -> None:
    page = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>标题不算正文</title><style>td { color: red }</style></head>
<body><nav>首页 | 政务公开</nav>
<h1>2023年度部门决算</h1>
<p>本部门收入总计819.39万元，
其中年初结转和结余52.81万元。</p>
<p>&nbsp;</p>
<p>第二段<br>第二行</p>
<table border="1">
<caption>收入支出决算总表</caption>
<tr><th rowspan="2">项目</th><th colspan="2">本年收入</th></tr>
<tr><td>小计<td>财政拨款
<tr><td>合计</td><td>12.30</td><td><p>10.00</p><p>(含结转)</p></td></tr>
</table>
<script>document.write("<p>不要</p>")</script>
<div style="display: none">隐藏</div>
<ul><li>一<li>二</ul>
</body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))

    document = extract(path)

    assert document.format == "html"
    assert document.pages[0].blocks == [
        TextLine("2023年度部门决算", page=1),
        TextLine("本部门收入总计819.39万元，其中年初结转和结余52.81万元。", page=1),
        TextLine("第二段", page=1, gap_before=True),
        TextLine("第二行", page=1),
        TextLine("收入支出决算总表", page=1),
        RawTable(
            page=1,
            rows=(
                ("项目", "本年收入", None),
                (None, "小计", "财政拨款"),
                ("合计", "12.30", "10.00\n(含结转)"),
            ),
        ),
        TextLine("一", page=1),
        TextLine("二", page=1),
    ]


def test_html_layout_table_is_read_as_text(tmp_path: Path) -> None:
    page = (
        "<html><body><table><tr><td><p>一、收入决算表</p>"
        "<table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>819.39</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    path = tmp_path / "layout.htm"
    path.write_text(page, encoding="utf-8")

    assert extract(path).pages[0].blocks == [
        TextLine("一、收入决算表", page=1),
        RawTable(page=1, rows=(("项目", "金额"), ("合计", "819.39"))),
    ]


# --- TXT → DOCX → extraction --------------------------------------------------------------


@pytest.mark.parametrize("seed", ["001_e1a6bde02a6e7751.txt", "000_fe379075c78fd4d3.txt"])
def test_txt_seed_round_trips_through_docx(tmp_path: Path, seed: str) -> None:
    path = SEEDS / seed
    if not path.exists():
        pytest.skip(f"shared seed {path} not available")
    from_text = extract(path)
    from_docx = extract(build_docx(from_text, tmp_path / "seed.docx"))

    assert [text for _, text in texts(from_docx)] == [text for _, text in texts(from_text)]
    assert [t.rows for t in tables(from_docx)] == [t.rows for t in tables(from_text)]
    assert [page.blocks for page in from_docx.pages] == [page.blocks for page in from_text.pages]
    assert tables(from_text), "the seed holds a table"
