"""Pages without a text layer (scans), read by OCR: characters with boxes and the ruling lines.

Optional: ``pip install 'gongkai[ocr]'`` brings RapidOCR on onnxruntime, whose Chinese
detection and recognition models ship inside the wheel (nothing is downloaded). A page is
rendered with pypdfium2 at ``SCALE`` (144 dpi), as it is shown; each recognised text line
becomes characters whose boxes divide the line's box by the characters' widths (a CJK
character a full em, ASCII about half), so every figure keeps a box on the page. Ruling
lines are found in the same bitmap — long runs of dark pixels across and down — and go
to ``pdf_layout`` like drawn ones, so a scanned table is read as a table.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from typing import Any

from gongkai.extract.pdf_layout import Char, PageContent, PageFrame, Segment

SCALE = 2.0  # pixels per point of the rendering OCR reads
DARK = 160  # a grey level below this (0–255) is ink
MIN_RULE = 30.0  # pt: a dark run at least this long is a ruling line, not a stroke of a character
MIN_SCORE = 0.5  # recognised lines less certain than this are left out
INSTALL_HINT = "pip install 'gongkai[ocr]'"


def ocr_available() -> bool:
    """Whether the OCR engine is installed.

    Looked up without importing it: the engine (onnxruntime, OpenCV, numpy) costs about
    0.15 s and 25 MiB to import, and most documents have no page that needs it.
    """
    return all(find_spec(name) is not None for name in ("rapidocr_onnxruntime", "onnxruntime", "cv2"))


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


class PageScanner:
    """Reads pages of one PDF by OCR, opening it with pypdfium2 on first use."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None

    def read(self, index: int) -> PageContent:
        """The OCR reading of the page at ``index`` (0-based)."""
        import pypdfium2 as pdfium

        from gongkai.extract.pdf_pdfium import page_frame

        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self._data)
        page = self._pdf[index]
        try:
            return ocr_page(page, page_frame(page))
        finally:
            page.close()

    def close(self) -> None:
        """Release the document."""
        if self._pdf is not None:
            self._pdf.close()


def ocr_page(page: Any, frame: PageFrame) -> PageContent:
    """The characters and ruling lines of a pypdfium2 page read from its rendering."""
    bitmap = page.render(scale=SCALE).to_numpy()
    grey = bitmap[..., :3].mean(axis=2) if bitmap.ndim == 3 else bitmap
    result, _ = _engine()(bitmap)
    chars: list[Char] = []
    for points, text, score in result or []:
        if float(score) >= MIN_SCORE and text.strip():
            chars.extend(line_chars(text, [(x / SCALE, y / SCALE) for x, y in points]))
    return PageContent(frame, chars, ruling_lines(grey < DARK))


def line_chars(text: str, corners: list[tuple[float, float]]) -> list[Char]:
    """One recognised line as characters, its box divided by the characters' widths."""
    xs = [x for x, _ in corners]
    ys = [y for _, y in corners]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    weights = [0.55 if ch.isascii() else 1.0 for ch in text]
    unit = (x1 - x0) / sum(weights)
    size = bottom - top
    out: list[Char] = []
    left = x0
    for ch, weight in zip(text, weights, strict=True):
        right = left + weight * unit
        if not ch.isspace():
            out.append(Char(ch, left, top, right, bottom, size, "OCR"))
        left = right
    return out


def ruling_lines(ink: Any) -> list[Segment]:
    """Horizontal and vertical runs of ink at least ``MIN_RULE`` long, in points."""
    import numpy as np

    shortest = int(MIN_RULE * SCALE)
    segments: list[Segment] = []
    for across, mask in ((True, ink), (False, ink.T)):
        padded = np.pad(mask.astype(np.int8), ((0, 0), (1, 1)))
        steps = np.diff(padded, axis=1)
        rows, starts = np.nonzero(steps == 1)
        _, ends = np.nonzero(steps == -1)
        for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
            if end - start < shortest:
                continue
            pos, a, b = (row + 0.5) / SCALE, start / SCALE, end / SCALE
            segments.append(Segment(a, pos, b, pos) if across else Segment(pos, a, pos, b))
    return segments
