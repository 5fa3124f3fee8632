"""``annotate_pdf`` and ``gongkai annotate``: highlights where the findings' figures are printed."""

from __future__ import annotations

import hashlib
import shutil
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, NumberObject, RectangleObject

from gongkai.api import check
from gongkai.cli import build_parser, main
from gongkai.errors import UnreadableInput
from gongkai.export.annotate_pdf import (
    COLOURS,
    CannotAnnotate,
    Placement,
    annotate_pdf,
    display_to_user,
    page_frame,
    placements,
    popup_text,
    user_quad,
)
from gongkai.export.summary_page import SUMMARY_LABEL
from gongkai.extract.model import TextLine
from gongkai.extract.pdf_layout import PageContent, PageFrame, apply
from gongkai.extract.pdf_plumber import PlumberDocument
from gongkai.schemas.records import DocumentInfo, Evidence, Fact, Finding, Report
from tests.builders import build_pdf
from tests.conftest import PUTUO, TEMPLATE, need

# 120.00% is stated where 43.53 / 34.10 = 127.65%: one error (rate.stated)
LINES = [
    TextLine("某区某局2023年度部门决算", 1, font_size=15),
    TextLine("一、收入支出决算总体情况", 1, gap_before=True),
    TextLine("社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的120.00%。", 1),
]


def _annotations(path: Path) -> list[tuple[int, dict]]:
    """``(0-based page of the original, annotation dict)`` of every annotation in the file
    (the summary pages put in front are not counted)."""
    reader = PdfReader(path)
    summary = sum(1 for label in reader.page_labels if label.startswith(SUMMARY_LABEL))
    out = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            out.append((index - summary, ref.get_object()))
    return out


def _rect(annotation: dict) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
    return x0, y0, x1, y1


def _text_in(content: PageContent, rect: tuple[float, float, float, float]) -> str:
    """The characters (read by pdfplumber) whose centre lies inside a user-space rectangle."""
    x0, top, x1, bottom = content.frame.map_rect(*rect)
    return "".join(
        c.text for c in content.chars if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom
    )


def _inside(rect: tuple[float, float, float, float], box: RectangleObject) -> bool:
    bx0, bx1 = sorted((float(box[0]), float(box[2])))
    by0, by1 = sorted((float(box[1]), float(box[3])))
    x0, y0, x1, y1 = rect
    return bx0 <= x0 < x1 <= bx1 and by0 <= y0 < y1 <= by1


# --------------------------------------------------------------------------- the corpus PDF


@pytest.fixture(scope="module")
def putuo_annotated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, int, Path]:
    source = need(PUTUO)
    report = check(source)
    target = tmp_path_factory.mktemp("annotated") / "putuo.pdf"
    return report, annotate_pdf(source, report, target), target


def test_putuo_has_one_highlight_per_placed_box(putuo_annotated: tuple[Report, int, Path]) -> None:
    report, written, target = putuo_annotated
    annotations = _annotations(target)
    assert written == len(annotations) == len(placements(report)) > 0
    assert {a["/Subtype"] for _, a in annotations} == {"/Highlight"}
    placed = [(p.page - 1, p.finding.rule, popup_text(p.finding)) for p in placements(report)]
    assert [(i, a["/T"], a["/Contents"]) for i, a in annotations] == sorted(placed, key=lambda x: x[0])
    assert len(PdfReader(target).pages) == len(PdfReader(PUTUO).pages) + 1  # the summary page in front


def test_putuo_highlights_lie_on_their_page_and_cover_a_cited_figure(
    putuo_annotated: tuple[Report, int, Path],
) -> None:
    report, _, target = putuo_annotated
    by_popup = {popup_text(f): f for f in report.findings}
    pages = PdfReader(target).pages[1:]  # after the summary page
    plumber = PlumberDocument(target.read_bytes(), str(target))
    contents: dict[int, PageContent] = {}
    try:
        for index, annotation in _annotations(target):
            finding = by_popup[annotation["/Contents"]]
            rect = _rect(annotation)
            assert _inside(rect, pages[index].mediabox), (index, rect)
            assert [round(float(v), 3) for v in annotation["/C"]] == list(COLOURS[finding.severity])
            xs, ys = annotation["/QuadPoints"][0::2], annotation["/QuadPoints"][1::2]
            assert (min(xs), min(ys), max(xs), max(ys)) == pytest.approx(rect, abs=1e-3)
            if index not in contents:
                contents[index] = plumber.read_page(index + 1)
            text = _text_in(contents[index], rect)
            assert any(figure in text for figure in finding.figures), (finding.rule, text)
    finally:
        plumber.close()


def test_putuo_share_finding_is_highlighted_over_its_figures(putuo_annotated: tuple[Report, int, Path]) -> None:
    report, _, target = putuo_annotated
    [share] = [f for f in report.findings if f.rule == "share.stated"]
    assert share.severity == "warning" and share.figures == ("9.55", "29.42", "307.82")
    highlights = [(i, a) for i, a in _annotations(target) if a["/T"] == "share.stated"]
    assert [i + 1 for i, _ in highlights] == [18, 18, 18]  # one box per cited figure
    assert {a["/Contents"] for _, a in highlights} == {f"【警告】share.stated\n{share.message}"}
    assert {a["/Subj"] for _, a in highlights} == {"警告（share）"}
    plumber = PlumberDocument(target.read_bytes(), str(target))
    try:
        content = plumber.read_page(18)  # page 18 of the original, after the summary page
    finally:
        plumber.close()
    assert sorted(_text_in(content, _rect(a)) for _, a in highlights) == ["29.42", "307.82", "9.55%"]


def test_the_source_is_left_untouched(tmp_path: Path) -> None:
    source = tmp_path / "putuo.pdf"
    shutil.copyfile(need(PUTUO), source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    annotate_pdf(source, check(source), tmp_path / "out" / "annotated.pdf")
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert (tmp_path / "out" / "annotated.pdf").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["annotated.pdf"]  # no partial file left


def test_a_report_of_another_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CannotAnnotate, match="内容不同"):
        annotate_pdf(need(TEMPLATE), check(need(PUTUO)), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- built PDFs: rotation, boxes


def _reframe(path: Path, shift: tuple[float, float] | None, crop: tuple[float, float, float, float] | None) -> None:
    """Move the page's user space by ``shift`` (MediaBox no longer at 0,0) and crop its margins."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        if shift:
            page.add_transformation(Transformation().translate(*shift))
            x0, y0, x1, y1 = x0 + shift[0], y0 + shift[1], x1 + shift[0], y1 + shift[1]
            page.mediabox = RectangleObject((x0, y0, x1, y1))
        if crop:
            page.cropbox = RectangleObject((x0 + crop[0], y0 + crop[1], x1 - crop[2], y1 - crop[3]))
    writer.write(path)


FRAMES = {"plain": (None, None), "shifted_and_cropped": ((100.0, -50.0), (20.0, 30.0, 15.0, 40.0))}


@pytest.mark.parametrize("frame", sorted(FRAMES))
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_highlight_covers_the_figure_on_rotated_and_cropped_pages(tmp_path: Path, rotation: int, frame: str) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf", rotation=rotation)
    _reframe(source, *FRAMES[frame])
    report = check(source)
    [finding] = [f for f in report.findings if f.rule == "rate.stated"]
    assert finding.evidence[0].bbox is not None
    target = tmp_path / "annotated.pdf"
    # one highlight on each cited figure: 34.10 and 43.53 on the first line, 120.00 on the next
    assert annotate_pdf(source, report, target) == 3
    annotations = _annotations(target)
    assert [index for index, _ in annotations] == [0, 0, 0]
    page = PdfReader(target).pages[1]  # after the summary page
    plumber = PlumberDocument(target.read_bytes(), str(target))
    try:
        content = plumber.read_page(1)
    finally:
        plumber.close()
    assert content.frame.rotation == rotation
    document = pdfium.PdfDocument(str(target))
    try:
        text_page = document[1].get_textpage()
        shown_texts, user_texts = [], []
        for _, annotation in annotations:
            assert annotation["/T"] == "rate.stated" and annotation["/Contents"] == popup_text(finding)
            rect = _rect(annotation)
            assert _inside(rect, page.mediabox) and _inside(rect, page.cropbox)
            shown_texts.append(_text_in(content, rect))  # read back with pdfplumber (display coordinates) …
            user_texts.append(text_page.get_text_bounded(*rect))  # … and with PDFium (user space)
            # the quad reads upper left, upper right, lower left, lower right on the shown page
            points = annotation["/QuadPoints"]
            shown = [content.frame.point(float(points[k]), float(points[k + 1])) for k in range(0, 8, 2)]
            (ulx, uly), (urx, ury), (llx, lly), (lrx, lry) = shown
            assert uly == pytest.approx(ury) and lly == pytest.approx(lry) and uly < lly
            assert ulx == pytest.approx(llx) and urx == pytest.approx(lrx) and ulx < urx
    finally:
        document.close()
    assert sorted(shown_texts) == ["120.00%", "34.10", "43.53"]
    # PDFium's bounded text also takes the characters a padded box touches
    assert all(figure in text for figure, text in zip(["34.10", "43.53", "120.00%"], user_texts, strict=True))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_display_to_user_inverts_the_frame(rotation: int) -> None:
    frame = PageFrame.from_boxes((100, -50, 695.3, 791.9), (120, -20, 680, 760), rotation)
    back = display_to_user(frame)
    for x, y in [(120, -20), (680, 760), (300.5, 400.25)]:
        assert apply(back, *frame.point(x, y)) == pytest.approx((x, y))
    quad = user_quad(frame, (10, 20, 110, 35))
    assert quad is not None
    xs, ys = [x for x, _ in quad], [y for _, y in quad]
    assert frame.map_rect(min(xs), min(ys), max(xs), max(ys)) == pytest.approx((9, 19, 111, 36))


def test_boxes_are_clipped_to_the_visible_page_and_dropped_when_off_it() -> None:
    frame = PageFrame.from_boxes((0, 0, 595, 842), None, 0)
    quad = user_quad(frame, (-30, 830, 700, 900))
    assert quad is not None
    xs, ys = [x for x, _ in quad], [y for _, y in quad]
    assert (min(xs), min(ys), max(xs), max(ys)) == pytest.approx((0, 0, 595, 13))
    assert user_quad(frame, (600, 10, 700, 20)) is None


def test_a_rotation_inherited_from_the_page_tree_is_honoured(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(build_pdf(LINES, tmp_path / "r90.pdf", rotation=90)))
    for page in writer.pages:
        del page[NameObject("/Rotate")]
    writer.root_object["/Pages"].get_object()[NameObject("/Rotate")] = NumberObject(90)
    source = tmp_path / "inherited.pdf"
    writer.write(source)
    assert page_frame(PdfReader(source).pages[0]).rotation == 90
    target = tmp_path / "annotated.pdf"
    assert annotate_pdf(source, check(source), target) == 3  # the three cited figures
    document = pdfium.PdfDocument(str(target))
    try:
        texts = [document[1].get_textpage().get_text_bounded(*_rect(a)) for _, a in _annotations(target)]
    finally:
        document.close()
    assert any("120.00" in t for t in texts) and any("43.53" in t for t in texts)


# --------------------------------------------------------------------------- placements


def _fact(fact_id: int, value: str, page: int, start: int, end: int, bbox: tuple | None) -> Fact:
    evidence = Evidence(page=page, quote="…", start=start, end=end, bbox=bbox)
    return Fact(fact_id, "某科目", "决算数", Decimal(value), 2, "万元", evidence)


def test_evidence_without_a_box_uses_the_boxes_of_the_cited_facts() -> None:
    row = Evidence(page=3, quote="合计 | 10.00 | 4.00 | 5.00", start=100, end=140)
    cited = [_fact(1, "10.00", 3, 100, 140, (10, 10, 50, 20)), _fact(2, "4.00", 3, 100, 140, (60, 10, 90, 20))]
    others = [
        _fact(3, "7.00", 3, 100, 140, (100, 10, 130, 20)),  # in the row, but not a cited figure
        _fact(4, "10.00", 3, 300, 340, (10, 80, 50, 90)),  # a cited figure, elsewhere on the page
        _fact(5, "4.00", 4, 100, 140, (10, 10, 50, 20)),  # another page
        _fact(6, "4.00", 3, 100, 140, None),  # no box
    ]
    finding = Finding("sum.breakdown", "sum", "error", "合计不符。", ("10.00", "4.00", "5.00"), (row,))
    boxed = Evidence(page=2, quote="文中", start=0, end=10, bbox=(1, 2, 3, 4))
    second = Finding("rate.stated", "rate", "info", "提示。", ("4.00",), (boxed, boxed))
    info = DocumentInfo(doc_id="0" * 16, source="x.pdf", format="pdf", pages=4)
    report = Report(info, (*cited, *others), (), (finding, second))
    assert placements(report) == [
        Placement(finding, 3, (10, 10, 50, 20)),
        Placement(finding, 3, (60, 10, 90, 20)),
        Placement(second, 2, (1, 2, 3, 4)),  # the same box twice is highlighted once
    ]


# --------------------------------------------------------------------------- errors and the command


def test_a_non_pdf_source_is_a_value_error(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("某区某局2023年度部门决算\n支出决算数为43.53万元，年初预算数为34.10万元，完成年初预算的120.00%。\n")
    with pytest.raises(ValueError, match=r"report\.txt: 只能给 PDF 文件加标注，这个文件是 TXT 格式"):
        annotate_pdf(source, check(source), tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_the_source_cannot_be_its_own_target(tmp_path: Path) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    with pytest.raises(CannotAnnotate, match="不能覆盖原文件"):
        annotate_pdf(source, check(source), source)


def test_an_owner_password_only_pdf_is_annotated(tmp_path: Path) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    assert annotate_pdf(locked, check(locked), tmp_path / "out.pdf") == 3
    assert [a["/T"] for _, a in _annotations(tmp_path / "out.pdf")] == ["rate.stated"] * 3


def test_a_missing_source_is_unreadable(tmp_path: Path) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    report = check(source)
    source.unlink()
    with pytest.raises(UnreadableInput, match="文件不存在"):
        annotate_pdf(source, report, tmp_path / "out.pdf")


def test_annotate_command_writes_the_copy_and_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = build_pdf(LINES, tmp_path / "built.pdf")
    target = tmp_path / "out" / "built.annotated.pdf"
    findings = len(check(source).findings)
    assert main(["annotate", str(source), "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == f"已写入 {target}：3 处标注，{findings} 条发现\n"
    assert len(_annotations(target)) == 3
    assert main(["annotate", str(source), "-o", str(target), "--fail-on", "error"]) == 1
    assert main(["annotate", str(source), "--output", str(target), "--fail-on", "never"]) == 0
    assert main(["annotate", str(source), "-o", str(target), "--skip-rules", "rate", "--fail-on", "error"]) == 0
    assert _annotations(target) == []
    capsys.readouterr()


@pytest.mark.parametrize("problem", ["missing", "empty", "not_pdf", "text", "same_file"])
def test_annotate_command_refuses_in_one_line_with_exit_code_2(
    problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / ("notes.txt" if problem == "text" else "report.pdf")
    if problem == "empty":
        source.write_bytes(b"")
    elif problem == "not_pdf":
        source.write_text("<html><body>404 Not Found</body></html>", encoding="utf-8")
    elif problem == "text":
        source.write_text("某区某局2023年度部门决算\n本年收入合计766.58万元。\n", encoding="utf-8")
    elif problem == "same_file":
        build_pdf(LINES, source)
    target = source if problem == "same_file" else tmp_path / "out.pdf"
    before = source.read_bytes() if source.exists() else None
    assert main(["annotate", str(source), "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    [line] = captured.err.splitlines()
    assert line.startswith(f"gongkai: {source if problem != 'same_file' else target}: ")
    expected = {
        "missing": "文件不存在",
        "empty": "文件是空的",
        "not_pdf": "文件名是 .pdf，但内容不是 PDF（是HTML 网页，可能是下载出错）",
        "text": "只能给 PDF 文件加标注，这个文件是 TXT 格式",
        "same_file": "不能覆盖原文件，请另选输出路径",
    }[problem]
    assert line.endswith(expected)
    assert not (tmp_path / "out.pdf").exists()
    if before is not None:
        assert source.read_bytes() == before


def test_annotate_help_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    options = set(action.choices["annotate"]._option_string_actions)  # type: ignore[index]
    assert {"-o", "--output", "--fail-on", "--rules", "--skip-rules", "--pdf-backend", "--debug"} <= options
    with pytest.raises(SystemExit) as exited:
        main(["annotate", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：gongkai annotate")
    for option in options:
        assert option in out, option


@pytest.mark.parametrize("which", ["putuo", "demo_sample"])
def test_each_finding_is_marked_over_the_cells_it_cites_and_no_other(which: str) -> None:
    """A table finding citing 60.50 of one column is not also marked on the 60.50 of the next."""
    from gongkai.export.annotate_pdf import placements

    if which == "putuo":
        source = need(PUTUO)
    else:
        from tests.builders.sample import make_sample

        source = make_sample()
    report = check(source)
    by_id = {f.fact_id: f for f in report.facts}
    placed: dict[int, set[tuple[int, tuple[float, ...]]]] = {}
    for placement in placements(report):
        placed.setdefault(id(placement.finding), set()).add((placement.page, tuple(placement.bbox)))
    assert placed, "no finding was placed"
    for finding in report.findings:
        if not finding.fact_ids or id(finding) not in placed:
            continue
        cited = {
            (by_id[i].evidence.page, tuple(by_id[i].evidence.bbox))
            for i in finding.fact_ids
            if by_id[i].evidence.bbox is not None
        }
        assert placed[id(finding)] <= cited, finding.message
