"""An annotated copy of a checked PDF: each finding highlighted where its figures are printed.

Every finding gets one highlight annotation per box of the figures it cites, coloured by
severity; its popup (or the viewer's comments panel) names the severity and the rule and
gives the finding's message, and the rule id is the annotation's title. A first summary
page lists every finding with its page, and says which ones could not be marked. Evidence boxes are display
coordinates (origin at the top-left of the page as shown, after ``/Rotate``, relative to
the visible CropBox); annotations live in PDF user space, so each box is mapped back
through the inverse of the page's ``PageFrame`` — the same frame extraction used.

The copy keeps everything of the original (pages, outline, metadata) and only adds
annotations; the original file is never modified.
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from gongkai.errors import UnreadableInput
from gongkai.export.summary_page import add_summary_pages
from gongkai.export.terminal import SEVERITY_LABEL
from gongkai.extract.pdf_layout import Matrix, PageFrame, apply
from gongkai.schemas.records import Evidence, Fact, Finding, Report, format_decimal

PAD = 1.0  # pt added around each box so the highlight covers ascenders and descenders
MIN_SIDE = 0.5  # pt: a clipped box thinner than this is not drawn
COLOURS = {  # highlight colours (RGB 0..1), drawn in Multiply mode so the text stays legible
    "error": (1.0, 0.55, 0.55),
    "warning": (1.0, 0.78, 0.3),
    "info": (0.55, 0.78, 1.0),
}

BBox = tuple[float, float, float, float]


class CannotAnnotate(ValueError):
    """The source cannot be annotated with this report (not a PDF, another file's report …)."""


class Placement(NamedTuple):
    """Where one highlight goes: a finding, a 1-based page, a display box ``(x0, top, x1, bottom)``."""

    finding: Finding
    page: int
    bbox: BBox


def placements(report: Report) -> list[Placement]:
    """The highlights of a report, findings in report order, each box once per finding.

    Each piece of evidence is highlighted over the boxes of the figures it cites — facts on
    the same page, inside the evidence's span of text, whose printed value is one of the
    finding's figures — so a sentence wrapped over several lines is marked where each
    figure stands; evidence citing none of them is highlighted over its own box, if it has
    one. Evidence that cannot be placed is left out.
    """
    out: list[Placement] = []
    for finding in report.findings:
        seen: set[tuple[int, BBox]] = set()
        for evidence in finding.evidence:
            boxes = _cited_boxes(finding, evidence, report.facts) or ([evidence.bbox] if evidence.bbox else [])
            for box in boxes:
                key = (evidence.page, tuple(box))
                if key not in seen:
                    seen.add(key)
                    out.append(Placement(finding, evidence.page, key[1]))  # type: ignore[arg-type]
    return out


def _cited_boxes(finding: Finding, evidence: Evidence, facts: Iterable[Fact]) -> list[BBox]:
    """The boxes of the figures a finding cites that stand in this evidence: the facts it names
    (``fact_ids``) — so a table figure is marked in its own cell, never where an equal value
    stands beside it — or, for a finding that names none, the facts printing its figures."""
    cited = set(finding.fact_ids)
    figures = set(finding.figures)
    boxes: list[BBox] = []
    for fact in facts:
        own = fact.evidence
        if own.bbox is None or own.page != evidence.page or not (own.start < evidence.end and evidence.start < own.end):
            continue
        if (fact.fact_id in cited) if cited else (format_decimal(fact.value) in figures):
            boxes.append(own.bbox)
    return boxes


def annotate_pdf(source: Path, report: Report, target: Path) -> int:
    """Write a copy of the PDF ``source`` with the findings of ``report`` highlighted to ``target``.

    Returns the number of highlight annotations written. Raises ``CannotAnnotate`` (a
    ``ValueError``) when ``source`` is not a PDF, when ``report`` is the report of another
    file, when ``target`` is ``source`` itself or cannot be written; ``UnreadableInput``
    when the file cannot be read or opened.
    """
    source, target = Path(source), Path(target)
    info = report.document
    if info.format != "pdf":
        raise CannotAnnotate(f"{source}: 只能给 PDF 文件加标注，这个文件是 {info.format.upper()} 格式")
    try:
        data = source.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableInput(str(source), "missing", "文件不存在") from exc
    except OSError as exc:
        raise UnreadableInput(str(source), "unreadable", f"无法读取文件（{exc.strerror or exc}）") from exc
    if hashlib.sha256(data).hexdigest()[:16] != info.doc_id:
        raise CannotAnnotate(f"{source}: 与核对报告的文件（{info.source}）内容不同，无法标注")
    if target.exists() and os.path.samefile(target, source):
        raise CannotAnnotate(f"{target}: 不能覆盖原文件，请另选输出路径")

    with _quiet_pypdf():
        return _write(data, str(source), report, target)


def _write(data: bytes, source: str, report: Report, target: Path) -> int:
    from pypdf import PdfWriter

    reader = _open(data, source)
    writer = PdfWriter(clone_from=reader)
    stamp = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
    frames: dict[int, PageFrame] = {}
    written = 0
    marked: set[int] = set()
    for placement in placements(report):
        index = placement.page - 1
        if not 0 <= index < len(reader.pages):
            continue
        if index not in frames:
            frames[index] = page_frame(reader.pages[index])
        quad = user_quad(frames[index], placement.bbox)
        if quad is None:
            continue
        written += 1
        marked.add(id(placement.finding))
        _add_highlight(writer, index, quad, placement.finding, f"gongkai-{written}", stamp)
    add_summary_pages(writer, report, [id(finding) in marked for finding in report.findings])
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as stream:
            writer.write(stream)
        os.replace(partial, target)
    except OSError as exc:
        raise CannotAnnotate(f"{target}: 无法写入（{exc.strerror or exc}）") from exc
    finally:
        partial.unlink(missing_ok=True)
    return written


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs (and warns about) the small defects it repairs; keep them off the user's stderr."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _open(data: bytes, source: str):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableInput(source, "encrypted", "PDF 已加密，需要密码才能打开")
        len(reader.pages)
    except UnreadableInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableInput(source, "corrupt", f"PDF 无法打开以写入标注（{exc}）") from exc
    return reader


def page_frame(page) -> PageFrame:  # type: ignore[no-untyped-def]
    """The ``PageFrame`` of a pypdf page (MediaBox, CropBox and ``/Rotate``, inherited ones included)."""
    return PageFrame.from_boxes(
        [float(v) for v in page.mediabox], [float(v) for v in page.cropbox], int(page.rotation or 0)
    )


def display_to_user(frame: PageFrame) -> Matrix:
    """The affine map from display coordinates back to PDF user space (inverse of ``frame.matrix``)."""
    a, b, c, d, e, f = frame.matrix
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def user_quad(frame: PageFrame, bbox: BBox) -> tuple[tuple[float, float], ...] | None:
    """A display box as the four user-space corners of a highlight, or ``None`` when it is off the page.

    The box is padded by ``PAD`` and clipped to the visible page first. The corners come
    in the order highlight ``/QuadPoints`` expect, as the text reads on the shown page:
    upper left, upper right, lower left, lower right.
    """
    x0, top, x1, bottom = bbox
    x0, x1 = max(min(x0, x1) - PAD, 0.0), min(max(x0, x1) + PAD, frame.width)
    top, bottom = max(min(top, bottom) - PAD, 0.0), min(max(top, bottom) + PAD, frame.height)
    if x1 - x0 < MIN_SIDE or bottom - top < MIN_SIDE:
        return None
    back = display_to_user(frame)
    return tuple(apply(back, x, y) for x, y in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)))


def _add_highlight(writer, index: int, quad, finding: Finding, name: str, stamp: str) -> None:  # type: ignore[no-untyped-def]
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    xs = [x for x, _ in quad]
    ys = [y for _, y in quad]
    rect = (min(xs), min(ys), max(xs), max(ys))
    colour = COLOURS[finding.severity]

    def numbers(values: Iterable[float]) -> ArrayObject:
        return ArrayObject(FloatObject(round(v, 3)) for v in values)

    appearance = DecodedStreamObject()
    path = " ".join(f"{x:.3f} {y:.3f} {op}" for (x, y), op in zip(_outline(quad), ("m", "l", "l", "l"), strict=True))
    appearance.set_data(f"/GK gs {colour[0]:.3f} {colour[1]:.3f} {colour[2]:.3f} rg {path} h f".encode("ascii"))
    appearance.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): numbers(rect),
            NameObject("/Resources"): DictionaryObject(
                {
                    NameObject("/ExtGState"): DictionaryObject(
                        {
                            NameObject("/GK"): DictionaryObject(
                                {
                                    NameObject("/Type"): NameObject("/ExtGState"),
                                    NameObject("/BM"): NameObject("/Multiply"),
                                }
                            )
                        }
                    )
                }
            ),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Highlight"),
            NameObject("/Rect"): numbers(rect),
            NameObject("/QuadPoints"): numbers(v for point in quad for v in point),
            NameObject("/C"): numbers(colour),
            NameObject("/F"): NumberObject(4),  # print
            NameObject("/T"): TextStringObject(finding.rule),
            NameObject("/Subj"): TextStringObject(f"{SEVERITY_LABEL[finding.severity]}（{finding.category}）"),
            NameObject("/Contents"): TextStringObject(popup_text(finding)),
            NameObject("/NM"): TextStringObject(name),
            NameObject("/M"): TextStringObject(stamp),
            NameObject("/CreationDate"): TextStringObject(stamp),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
        }
    )
    writer.add_annotation(index, annotation)


def popup_text(finding: Finding) -> str:
    """What a highlight's popup says: severity and rule, then the message."""
    return f"【{SEVERITY_LABEL[finding.severity]}】{finding.rule}\n{finding.message}"


def _outline(quad: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    """The quad's corners around its edge (upper left, upper right, lower right, lower left)."""
    upper_left, upper_right, lower_left, lower_right = quad
    return upper_left, upper_right, lower_right, lower_left
