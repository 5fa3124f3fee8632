"""The pdfplumber backend: characters and ruling lines of each page via pdfplumber/pdfminer.

Slower than PDFium, kept as a second opinion and for environments without PDFium. It feeds
``pdf_layout`` exactly like the PDFium backend does, so both give the same pages.

pdfplumber reports positions in pdfminer's device space shifted by the MediaBox origin,
which is wrong for some ``/Rotate`` values; this module undoes pdfplumber's shift and
pdfminer's rotation to get back to PDF user space, and then maps user space to the
display with the same ``PageFrame`` the PDFium backend uses.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from io import BytesIO
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from gongkai.errors import UnreadableInput
from gongkai.extract.pdf_layout import Char, Color, PageContent, PageFrame, Point, paints, path_segments
from gongkai.limits import over_limit

_CID = re.compile(r"\(cid:\d+\)")
LOG = logging.getLogger("gongkai.extract.pdf")


class _ToDebugLog(logging.Handler):
    """pdfminer's complaints about damaged files, passed on to gongkai's debug log.

    pdfminer logs a warning for every defect it works around — thousands on a damaged
    file — and without a handler Python prints them on stderr beside a normal result.
    """

    def emit(self, record: logging.LogRecord) -> None:
        LOG.debug("pdfminer: %s", record.getMessage())


def route_pdfminer_log() -> None:
    """Send the ``pdfminer`` logger to ``gongkai.extract.pdf`` at debug level (once)."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(handler, _ToDebugLog) for handler in logger.handlers):
        logger.addHandler(_ToDebugLog())
        logger.propagate = False


route_pdfminer_log()
_PATH_KINDS = ("line", "rect", "curve")


class PlumberDocument:
    """An open PDF read page by page through pdfplumber."""

    def __init__(self, data: bytes, source: str, max_page_items: int = 0) -> None:
        self._max_items = max_page_items
        self._source = source
        try:
            self._pdf = pdfplumber.open(BytesIO(data))
            self._pages = self._pdf.pages
        except Exception as exc:
            raise _open_error(exc, source) from exc
        self.page_count = len(self._pages)
        self.warnings: list[str] = []

    def close(self) -> None:
        """Release the document."""
        self._pdf.close()

    def read_page(self, index: int) -> PageContent:
        """Characters and ruling lines of the page at ``index`` (0-based)."""
        page = self._pages[index]
        try:
            if self._max_items:
                count = max(len(page.chars), sum(len(v) for k, v in page.objects.items() if k != "char"))
                if count > self._max_items:
                    reason = over_limit(f"第 {index + 1} 页有", count, self._max_items, "个字符或图形对象", "--max-page-items")
                    raise UnreadableInput(self._source, "too_large", reason)
            space = _Space(page)
            chars = [c for c in map(space.char, page.chars) if c is not None]
            objects = page.objects
            pieces = (
                space.piece(points)
                for kind in _PATH_KINDS
                for obj in objects.get(kind, ())
                if _paints(obj)
                for points in _subpaths(obj)
            )
            segments = path_segments(pieces)
        finally:
            page.close()
        return PageContent(space.frame, chars, segments)


def _open_error(exc: BaseException, source: str) -> UnreadableInput:
    """Classify an exception raised while opening: encrypted or corrupt."""
    for cause in _chain(exc):
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            return UnreadableInput(source, "encrypted", "PDF 已加密，需要密码才能打开")
    return UnreadableInput(source, "corrupt", "PDF 文件已损坏，无法解析")


def _chain(exc: BaseException) -> Iterable[BaseException]:
    """The exception, its causes and contexts, and exceptions carried in its args."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        todo.extend(a for a in current.args if isinstance(a, BaseException))


def _paints(obj: dict[str, Any]) -> bool:
    """Whether a path object shows on the page (see ``pdf_layout.paints``)."""
    return paints(bool(obj.get("fill")), bool(obj.get("stroke")), _device_color(obj.get("non_stroking_color")), _device_color(obj.get("stroking_color")))


def _device_color(value: Any) -> Color | None:
    """pdfminer's colour (a number, a tuple of components, a pattern name) as components in 0..1."""
    if isinstance(value, int | float):
        return (float(value),)
    if isinstance(value, tuple | list) and value and all(isinstance(v, int | float) for v in value):
        return tuple(float(v) for v in value)
    return None


def _subpaths(obj: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The on-curve points of each subpath of a path object, the start repeated where ``h`` closes it."""
    path = obj.get("path")
    if not path:
        return [list(obj["pts"])]
    subpaths: list[list[tuple[float, float]]] = []
    for command, *args in path:
        if command == "h":
            if subpaths and subpaths[-1]:
                subpaths[-1].append(subpaths[-1][0])
        elif command == "m" or not subpaths:
            subpaths.append([args[-1]])
        else:
            subpaths[-1].append(args[-1])
    return subpaths


def _text(text: str) -> str:
    """A char's text as PDFium would give it: unmapped glyphs as U+FFFD, no control characters."""
    if "(cid:" in text:
        text = _CID.sub("\ufffd", text)
    text = text.replace("\x00", "\ufffd")
    return "".join(ch for ch in text if ch >= " ")


class _Space:
    """Coordinates of one pdfplumber page mapped back to user space, then to the display."""

    def __init__(self, page: Any) -> None:
        raw = page.page_obj
        self.mediabox = tuple(raw.mediabox)
        self.rotation = int(raw.rotate) % 360
        self.frame = PageFrame.from_boxes(self.mediabox, tuple(raw.cropbox), self.rotation)
        self.shift_x = page.mediabox[0]
        self.shift_top = page.mediabox[1] + page.height

    def user(self, x: float, top: float) -> Point:
        """The user-space point of a pdfplumber ``(x, top)``."""
        xd, yd = x - self.shift_x, self.shift_top - top  # pdfminer device space
        x0, y0, x1, y1 = self.mediabox
        if self.rotation == 90:
            return x1 - yd, xd + y0
        if self.rotation == 180:
            return x1 - xd, y1 - yd
        if self.rotation == 270:
            return yd + x0, y1 - xd
        return xd + x0, yd + y0

    def char(self, obj: dict[str, Any]) -> Char | None:
        """A pdfplumber char as a display-space ``Char`` (``None`` for control characters)."""
        text = _text(obj["text"])
        if not text:
            return None
        ax, ay = self.user(obj["x0"], obj["top"])
        bx, by = self.user(obj["x1"], obj["bottom"])
        x0, top, x1, bottom = self.frame.map_rect(ax, ay, bx, by)
        a, b = obj["matrix"][0], obj["matrix"][1]
        if a > 0 and abs(b) <= 1e-3 * a:  # upright: advancing left to right on the shown page
            size = float(obj["size"])
            top = bottom - size
        else:
            size = bottom - top
        return Char(text, x0, top, x1, bottom, size, str(obj.get("fontname", "")))

    def piece(self, pts: Iterable[tuple[float, float]]) -> tuple[list[Point], bool]:
        """A path's points on the display."""
        return [self.frame.point(*self.user(x, top)) for x, top in pts], False
