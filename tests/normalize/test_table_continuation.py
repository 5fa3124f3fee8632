"""A table continued on the next page with some of its columns merged (the 合计 row alone there)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from gongkai.extract import extract
from gongkai.normalize import normalize

XS = [60.0, 110.0, 260.0, 360.0, 460.0]


def _grid(canvas: Canvas, rows: list[list[str]], spans: list[list[int]], top: float) -> None:
    """Rows of cells; ``spans[r]`` lists how many columns each cell of row ``r`` covers."""
    canvas.setFont("STSong-Light", 10)
    y = top
    for texts, widths in zip(rows, spans, strict=True):
        column = 0
        for text, width in zip(texts, widths, strict=True):
            x0, x1 = XS[column], XS[column + width]
            canvas.rect(x0, y - 20, x1 - x0, 20)
            canvas.drawString(x0 + 3, y - 14, text)
            column += width
        y -= 20


def test_a_total_row_with_merged_label_cells_continues_the_table(tmp_path: Path) -> None:
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "continued.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(60, 760, "支出预算总表")
    canvas.drawString(60, 740, "单位：元")
    _grid(
        canvas,
        [["科目编码", "科目名称", "基本支出", "项目支出"], ["201", "一般公共服务支出", "100", "50"], ["208", "社会保障和就业支出", "20", "0"]],
        [[1, 1, 1, 1]] * 3,
        720,
    )
    canvas.showPage()
    _grid(canvas, [["合计", "120", "50"]], [[2, 1, 1]], 780)
    canvas.save()
    document = normalize(extract(path))
    [table] = document.tables
    assert table.pages == (1, 2)
    assert table.texts(3) == ["合计", "", "120", "50"]
    assert table.rows[3][1] is None  # covered by the merged label cell
