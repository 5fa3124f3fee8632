"""Lines → paragraphs, page furniture, table stitching and the source map, on hand-built documents.

PDF-like pages are A4 (595 × 842 pt) with a text column from x=72 to x=523 and 12 pt type:
a line that runs to x=523 wraps, an indent of two characters (x=96) opens a paragraph.
"""

from __future__ import annotations

import pytest

from gongkai.extract import extract_bytes
from gongkai.extract.model import BBox, RawDocument, RawPage, RawTable, TextLine
from gongkai.normalize import normalize
from gongkai.normalize.document import Document
from tests.conftest import SEED_FINAL, need

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT, INDENT = 72.0, 523.0, 96.0
SIZE = 12.0


def line(text: str, page: int, x0: float, top: float, x1: float, size: float = SIZE, gap: bool = False) -> TextLine:
    return TextLine(text=text, page=page, bbox=BBox(x0, top, x1, top + size), gap_before=gap, font_size=size)


def table(page: int, rows: list[list[str]], top: float) -> RawTable:
    """A grid of equal columns across the text column, 20 pt per row."""
    n = len(rows[0])
    step = (RIGHT - LEFT) / n
    boxes = tuple(
        tuple(BBox(LEFT + step * c, top + 20 * r, LEFT + step * (c + 1), top + 20 * (r + 1)) for c in range(n))
        for r in range(len(rows))
    )
    return RawTable(
        page=page,
        rows=tuple(tuple(row) for row in rows),
        bbox=BBox(LEFT, top, RIGHT, top + 20 * len(rows)),
        boxes=boxes,
    )


def pdf(*pages: list[TextLine | RawTable]) -> Document:
    raw = RawDocument(
        source="built.pdf",
        format="pdf",
        sha256="0" * 64,
        pages=[RawPage(number, list(blocks), WIDTH, HEIGHT) for number, blocks in enumerate(pages, start=1)],
    )
    return normalize(raw)


def pasted(text: str) -> Document:
    return normalize(extract_bytes(text.encode("utf-8"), "pasted.txt"))


# --- pasted text -----------------------------------------------------------------------


def test_pasted_sentence_cut_by_a_blank_line_is_joined() -> None:
    document = pasted(
        "一、收入支出决算总体情况\n"
        "\n"
        "2023年度收入总计819.39万元，其中年初结转和结余52.81万元，本年收入合计\n"
        "\n"
        "766.58万元。\n"
        "二、收入决算情况\n"
    )
    assert document.text == (
        "一、收入支出决算总体情况\n"
        "2023年度收入总计819.39万元，其中年初结转和结余52.81万元，本年收入合计766.58万元。\n"
        "二、收入决算情况\n"
    )
    assert [(p.kind, document.passage_text(p)) for p in document.passages] == [
        ("heading", "一、收入支出决算总体情况"),
        ("text", "2023年度收入总计819.39万元，其中年初结转和结余52.81万元，本年收入合计766.58万元。"),
        ("heading", "二、收入决算情况"),
    ]


def test_pasted_sentence_cut_after_a_comma_is_joined() -> None:
    document = pasted("本年支出合计810.82万元，\n\n其中基本支出566.35万元。\n")
    assert document.text == "本年支出合计810.82万元，其中基本支出566.35万元。\n"


@pytest.mark.parametrize(
    "heading",
    ["第一部分 部门概况", "一、部门主要职能", "（一）收入决算情况", "某区某局2023年度部门决算"],
)
def test_pasted_heading_followed_by_a_blank_line_is_not_joined(heading: str) -> None:
    document = pasted(f"{heading}\n\n本部门负责全区商务工作。\n")
    assert document.text == f"{heading.replace(' ', '')}\n本部门负责全区商务工作。\n"


def test_pasted_finished_sentence_before_a_blank_line_is_not_joined() -> None:
    document = pasted("本部门2023年度收入总计819.39万元，支出总计810.82万元。\n\n本年收入合计766.58万元。\n")
    assert document.text == "本部门2023年度收入总计819.39万元，支出总计810.82万元。\n本年收入合计766.58万元。\n"


def test_pasted_lines_without_a_blank_line_stay_separate() -> None:
    document = pasted("收入总计819.39万元，比上年减少\n30.64万元。\n")
    assert document.text == "收入总计819.39万元，比上年减少\n30.64万元。\n"


def test_pasted_traditional_text_with_ruby_is_simplified() -> None:
    document = pasted("第一部分 某區(qū)商務(wù)局部門概況\n一,、部門主要職責(zé)\n")
    assert document.text == "第一部分某区商务局部门概况\n一、部门主要职责\n"


# --- PDF-like lines with boxes ---------------------------------------------------------

FULL = "本部门2023年度收入总计819.39万元，比上年减少30.64万元，下降"
OPENING = [
    line("本部门2023年度收入总计819.39万元，比上年减少30.64万元，下降", 1, INDENT, 50, RIGHT),
    line("3.6%，主要原因是项目支出减少，人员经费有所增加，收支相抵后", 1, LEFT, 66, RIGHT),
    line("略有结余。", 1, LEFT, 82, 132),
]
OPENING_TEXT = (
    "本部门2023年度收入总计819.39万元，比上年减少30.64万元，下降3.6%，主要原因是项目支出减少，"
    "人员经费有所增加，收支相抵后略有结余。\n"
)


def test_pdf_paragraphs_are_rebuilt() -> None:
    document = pdf(
        [
            line("关于某局2023年度部门决算的说明", 1, 150, 30, 445, size=16),
            *OPENING,
            line("本部门2023年度支出总计810.82万元，主要用于基本支出和项目支", 1, INDENT, 100, RIGHT),
            line("出。", 1, LEFT, 116, 96),
            line("本年收入合计766.58万元，", 1, LEFT, 132, 230),
            line("其中财政拨款收入745.97万元。", 1, LEFT, 148, 260),
            line("收入支出决算总表", 1, 240, 160, 355),
            line("单位：万元", 1, LEFT, 180, 132),
            line("注：本表反映部门本年度的总收支和年末结转结余情况，以下各表", 1, LEFT, 300, RIGHT),
            line("数据均保留两位小数。", 1, LEFT, 316, 200),
        ]
    )
    assert (
        document.text
        == (
            "关于某局2023年度部门决算的说明\n"
            + OPENING_TEXT
            + "本部门2023年度支出总计810.82万元，主要用于基本支出和项目支出。\n"
            "本年收入合计766.58万元，\n"  # a short line ends its paragraph even without a full stop
            "其中财政拨款收入745.97万元。\n"
            "收入支出决算总表\n"
            "单位：万元\n"
            "注：本表反映部门本年度的总收支和年末结转结余情况，以下各表数据均保留两位小数。\n"
        )
    )


@pytest.mark.parametrize(
    ("following", "x0", "x1", "expected"),
    [
        ("收入支出决算总表", LEFT, 170, "收入支出决算总表"),  # a table title
        ("表一 收入支出决算总表", LEFT, 200, "表一收入支出决算总表"),
        ("单位：万元", LEFT, 132, "单位：万元"),
        ("单位: 万元", LEFT, 132, "单位：万元"),
        ("注：本表数据保留两位小数", LEFT, 220, "注：本表数据保留两位小数"),
        ("说明：以下为本表说明", LEFT, 200, "说明：以下为本表说明"),
        ("二、收入决算情况", LEFT, 170, "二、收入决算情况"),  # a numbered heading
        ("某局2023年度部门决算说明", 200, 395, "某局2023年度部门决算说明"),  # a centred title
        ("本年支出合计810.82万元。", INDENT, 300, "本年支出合计810.82万元。"),  # an indented first line
    ],
)
def test_pdf_line_that_starts_a_block_is_never_joined(following: str, x0: float, x1: float, expected: str) -> None:
    document = pdf([*OPENING, line(FULL, 1, LEFT, 100, RIGHT), line(following, 1, x0, 116, x1)])
    assert document.text == OPENING_TEXT + FULL + "\n" + expected + "\n"


def test_pdf_note_with_ascii_colon_is_not_joined() -> None:
    document = pdf([*OPENING, line(FULL, 1, LEFT, 100, RIGHT), line("注:本表数据保留两位小数", 1, LEFT, 116, 220)])
    assert document.text == OPENING_TEXT + FULL + "\n" + "注：本表数据保留两位小数\n"


def test_pdf_wrapped_line_continues_after_a_number_that_could_not_be_split() -> None:
    # the line stops 40 pt short of the margin because 「30.64万元」 did not fit
    document = pdf(
        [
            *OPENING,
            line("收入总计819.39万元，比上年减少", 1, INDENT, 100, 483),
            line("30.64万元，下降3.6%。", 1, LEFT, 116, 250),
        ]
    )
    assert document.text == OPENING_TEXT + "收入总计819.39万元，比上年减少30.64万元，下降3.6%。\n"


def test_pdf_short_line_before_a_number_ends_the_paragraph() -> None:
    document = pdf(
        [
            *OPENING,
            line("收入总计819.39万元，比上年减少", 1, INDENT, 100, 300),
            line("30.64万元，下降3.6%。", 1, LEFT, 116, 250),
        ]
    )
    assert document.text == OPENING_TEXT + "收入总计819.39万元，比上年减少\n30.64万元，下降3.6%。\n"


def test_pdf_line_after_a_vertical_gap_starts_a_paragraph() -> None:
    document = pdf([*OPENING, line(FULL, 1, LEFT, 100, RIGHT), line("3.6%。", 1, LEFT, 140, 110, gap=True)])
    assert document.text == OPENING_TEXT + FULL + "\n3.6%。\n"


def test_pdf_latin_words_wrapped_across_lines_keep_a_space() -> None:
    document = pdf(
        [
            *OPENING,
            line("本项目采用PPP模式（Public Private", 1, INDENT, 100, RIGHT),
            line("Partnership）运作。", 1, LEFT, 116, 250),
        ]
    )
    assert document.text == OPENING_TEXT + "本项目采用PPP模式（Public Private Partnership）运作。\n"


# --- page furniture --------------------------------------------------------------------


def _page(number: int, header: str | None, footer: str | None) -> list[TextLine | RawTable]:
    blocks: list[TextLine | RawTable] = []
    if header:
        blocks.append(line(header, number, 220, 30, 375, size=9))
    blocks += [
        line(f"第{number}段正文：本部门收入总计819.39万元，支出总计810.82万", number, INDENT, 100, RIGHT),
        line("元。", number, LEFT, 116, 96),
    ]
    if footer:
        blocks.append(line(footer, number, 280, 800, 310, size=9))
    return blocks


def _body(n: int) -> str:
    return "".join(f"第{i}段正文：本部门收入总计819.39万元，支出总计810.82万元。\n" for i in range(1, n + 1))


def test_running_header_on_three_pages_and_page_numbers_are_dropped() -> None:
    document = pdf(*(_page(n, "某区某局2023年度部门决算", f"- {n} -") for n in (1, 2, 3)))
    assert document.text == _body(3)


@pytest.mark.parametrize("footer", ["1", "- 1 -", "第1页", "第 1 页", "1/3", "第1页 共3页"])
def test_page_number_alone_at_the_bottom_of_one_page_is_dropped(footer: str) -> None:
    document = pdf(_page(1, None, footer))
    assert document.text == _body(1)


def test_header_on_only_two_pages_is_kept() -> None:
    document = pdf(*(_page(n, "某区某局2023年度部门决算", None) for n in (1, 2)))
    assert document.text == (
        "某区某局2023年度部门决算\n第1段正文：本部门收入总计819.39万元，支出总计810.82万元。\n"
        "某区某局2023年度部门决算\n第2段正文：本部门收入总计819.39万元，支出总计810.82万元。\n"
    )


def test_a_number_in_the_middle_of_the_page_is_not_a_page_number() -> None:
    blocks = [*_page(1, None, None), line("2023", 1, LEFT, 400, 110, gap=True)]
    assert pdf(blocks).text == _body(1) + "2023\n"


TITLES = ("收入支出决算总表", "收入决算表", "支出决算表")


def _table_page(number: int, top: float) -> list[TextLine | RawTable]:
    return [
        line(TITLES[number - 1], number, 240, top, 355),
        line("单位：万元", number, LEFT, top + 20, 132),
        table(number, [["项目", "金额"], [f"合计{number}", "1.00"]], top + 40),
    ]


def _tables_text(n: int) -> str:
    return "".join(f"{TITLES[i - 1]}\n单位：万元\n项目\t金额\n合计{i}\t1.00\n" for i in range(1, n + 1))


def test_unit_line_above_a_table_below_the_top_margin_is_kept() -> None:
    assert pdf(*(_table_page(n, 100) for n in (1, 2, 3))).text == _tables_text(3)


def test_unit_line_above_a_table_in_the_top_margin_of_one_page_is_kept() -> None:
    assert pdf(_table_page(1, 40)).text == _tables_text(1)


def test_unit_line_above_a_table_in_the_top_margin_of_three_pages_is_kept() -> None:
    assert pdf(*(_table_page(n, 40) for n in (1, 2, 3))).text == _tables_text(3)


# --- tables across pages ---------------------------------------------------------------

HEADER = ["项目", "本年收入合计", "财政拨款收入"]


def test_table_continued_on_the_next_page_is_stitched_and_its_header_dropped() -> None:
    document = pdf(
        [
            line("收入决算表", 1, 240, 100, 355),
            line("单位：万元", 1, LEFT, 120, 132),
            table(1, [HEADER, ["合计", "766.58", "745.97"], ["商业服务业等支出", "701.49", "680.88"]], 140),
            line("1", 1, 295, 800, 301, size=9),
        ],
        [
            table(2, [HEADER, ["社会保障和就业支出", "43.53", "43.53"]], 60),
            line("2", 2, 295, 800, 301, size=9),
        ],
    )
    assert document.text == (
        "收入决算表\n单位：万元\n"
        "项目\t本年收入合计\t财政拨款收入\n"
        "合计\t766.58\t745.97\n"
        "商业服务业等支出\t701.49\t680.88\n"
        "社会保障和就业支出\t43.53\t43.53\n"
    )
    assert len(document.tables) == 1
    stitched = document.tables[0]
    assert stitched.pages == (1, 2)
    assert [stitched.texts(r) for r in range(stitched.n_rows)] == [
        HEADER,
        ["合计", "766.58", "745.97"],
        ["商业服务业等支出", "701.49", "680.88"],
        ["社会保障和就业支出", "43.53", "43.53"],
    ]
    assert [stitched.row_page(r) for r in range(stitched.n_rows)] == [1, 1, 1, 2]
    cell = stitched.rows[3][1]
    assert cell is not None
    # the continuation row keeps its own box (row 1 of the page-2 grid, not row 0)
    assert (cell.page, cell.bbox) == (2, BBox(LEFT + (RIGHT - LEFT) / 3, 80, LEFT + 2 * (RIGHT - LEFT) / 3, 100))
    assert document.text[cell.start : cell.end] == "43.53"
    assert [p.kind for p in document.passages] == ["text", "text", "table"]


def test_table_with_another_column_count_is_not_stitched() -> None:
    document = pdf(
        [table(1, [HEADER, ["合计", "766.58", "745.97"]], 140)],
        [table(2, [["项目", "金额"], ["合计", "1.00"]], 60)],
    )
    assert len(document.tables) == 2
    assert [t.pages for t in document.tables] == [(1,), (2,)]


def test_table_after_text_on_the_next_page_is_not_stitched() -> None:
    document = pdf(
        [table(1, [HEADER, ["合计", "766.58", "745.97"]], 140)],
        [line("财政拨款收入支出决算总表", 2, 200, 100, 400), table(2, [HEADER, ["合计", "745.97", "745.97"]], 140)],
    )
    assert len(document.tables) == 2
    assert document.text == (
        "项目\t本年收入合计\t财政拨款收入\n合计\t766.58\t745.97\n"
        "财政拨款收入支出决算总表\n"
        "项目\t本年收入合计\t财政拨款收入\n合计\t745.97\t745.97\n"
    )


# --- offsets back to the page ----------------------------------------------------------


def _flowing() -> Document:
    header = "某区某局2023年度部门决算"
    return pdf(
        [
            line(header, 1, 220, 30, 375, size=9),
            line("一、收入支出决算总体情况", 1, LEFT, 100, 240),
            line("2023年度收入总计819.39万元，比上年减少30.64万元，下降3.6", 1, INDENT, 120, RIGHT),
            line("%。2023年度支出总计810.82万元，其中：基本支出566.35万元，", 1, LEFT, 136, RIGHT),
            line("1", 1, 295, 800, 301, size=9),
        ],
        [
            line(header, 2, 220, 30, 375, size=9),
            line("项目支出244.47万元。", 2, LEFT, 100, 220),
            line("二、收入决算情况", 2, LEFT, 120, 200),
            line("2", 2, 295, 800, 301, size=9),
        ],
        [
            line(header, 3, 220, 30, 375, size=9),
            line("本年收入合计766.58万元。", 3, INDENT, 100, 300),
            line("3", 3, 295, 800, 301, size=9),
        ],
    )


def test_paragraph_continues_across_a_page_break() -> None:
    assert _flowing().text == (
        "一、收入支出决算总体情况\n"
        "2023年度收入总计819.39万元，比上年减少30.64万元，下降3.6%。2023年度支出总计810.82万元，"
        "其中：基本支出566.35万元，项目支出244.47万元。\n"
        "二、收入决算情况\n"
        "本年收入合计766.58万元。\n"
    )


@pytest.mark.parametrize(
    ("fact", "page", "box"),
    [
        ("819.39万元", 1, BBox(INDENT, 120, RIGHT, 132)),
        ("566.35万元", 1, BBox(LEFT, 136, RIGHT, 148)),
        ("244.47万元", 2, BBox(LEFT, 100, 220, 112)),
        ("766.58万元", 3, BBox(INDENT, 100, 300, 112)),
        ("3.6%", 1, BBox(LEFT, 120, RIGHT, 148)),  # split over two lines: the union of both boxes
        ("二、收入决算情况", 2, BBox(LEFT, 120, 200, 132)),
    ],
)
def test_offsets_map_back_to_page_and_box(fact: str, page: int, box: BBox) -> None:
    document = _flowing()
    start = document.text.index(fact)
    assert document.page_at(start) == page
    assert document.page_at(start + len(fact) - 1) == page
    assert document.bbox_of(start, start + len(fact)) == box


def test_bbox_of_a_range_over_a_page_break_keeps_the_first_page() -> None:
    document = _flowing()
    start = document.text.index("566.35万元")
    end = document.text.index("244.47万元") + len("244.47万元")
    assert document.page_at(start) == 1
    assert document.page_at(end - 1) == 2
    assert document.bbox_of(start, end) == BBox(LEFT, 136, RIGHT, 148)


def test_table_cell_offsets_map_back_to_page_and_box() -> None:
    document = pdf([line("收入决算表", 1, 240, 100, 355), table(1, [["项目", "金额"], ["合计", "766.58"]], 140)])
    start = document.text.index("766.58")
    assert document.page_at(start) == 1
    assert document.bbox_of(start, start + 6) == BBox((LEFT + RIGHT) / 2, 160, RIGHT, 180)


def test_pasted_text_has_pages_but_no_boxes() -> None:
    document = pasted("本年收入合计766.58万元。\f本年支出合计810.82万元。\n")
    assert document.text == "本年收入合计766.58万元。\n本年支出合计810.82万元。\n"
    start = document.text.index("810.82")
    assert document.page_at(start) == 2
    assert document.page_at(document.text.index("766.58")) == 1
    assert document.bbox_of(start, start + 6) is None


# --- the seed ----------------------------------------------------------------------------


def test_seed_final_accounts_text_is_clean() -> None:
    from gongkai.extract import extract

    document = normalize(extract(need(SEED_FINAL)))
    for expected in ("赣州市南康区商务局", "一、部门主要职能", "收入总计819.39万元"):
        assert expected in document.text
    for residue in ("(qū)", "(wù)", ",、", ",,", "區", "務"):
        assert residue not in document.text


# --- text columns that change from page to page, hanging indents -------------------------


def _paragraphs_on(page: int, left: float, right: float, top: float, n: int) -> list[TextLine]:
    """``n`` paragraphs of two lines each: an indented first line to the margin, a shorter second."""
    lines = []
    for k in range(n):
        lines.append(line(f"第{k}段的第一行文字写满了这一行一直到右边的页边，", page, left + 2 * SIZE, top, right))
        lines.append(line(f"第{k}段的第二行较短。", page, left, top + 16, left + 200))
        top += 40
    return lines


def test_each_page_has_its_own_text_column() -> None:
    """Page 1 is set wide (72–523), page 2 narrow (110–480) with a wide 编制单位 line beside its
    table: the narrow page's wrapped lines still join."""
    narrow = _paragraphs_on(2, 110.0, 480.0, 100.0, 6)
    wide_line = line("编制单位：某区某局某某单位的全称写得很长很长单位：元", 2, 72.0, 60.0, 523.0)
    document = pdf(_paragraphs_on(1, LEFT, RIGHT, 100.0, 4), [wide_line, *narrow])
    texts = [document.passage_text(p) for p in document.passages]
    assert "第0段的第一行文字写满了这一行一直到右边的页边，第0段的第二行较短。" in texts
    assert texts.count("第3段的第一行文字写满了这一行一直到右边的页边，第3段的第二行较短。") == 2


def test_a_list_item_with_a_hanging_indent_is_one_paragraph() -> None:
    hang = LEFT + 3 * SIZE
    document = pdf(
        [
            line("1. 加强案件办理的专业知能，掌握陈情争点，精进问题研", 1, LEFT, 100.0, RIGHT),
            line("析能力，提升案件处理效能品质，妥适回应民众诉求，纾解民", 1, hang, 118.0, RIGHT),
            line("怨。", 1, hang, 136.0, hang + 24),
            line("2. 审慎办理案件，严守法定程序。", 1, LEFT, 154.0, LEFT + 200),
        ]
    )
    assert [document.passage_text(p) for p in document.passages] == [
        "1.加强案件办理的专业知能，掌握陈情争点，精进问题研析能力，提升案件处理效能品质，妥适回应民众诉求，纾解民怨。",
        "2.审慎办理案件，严守法定程序。",
    ]
