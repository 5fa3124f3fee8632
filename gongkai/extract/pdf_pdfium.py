"""The PDFium backend (pypdfium2): characters and ruling lines of each page, fast.

Per page it makes one pass over the text page (one C call per character for its box,
font size and matrix, mapped over all indexes at once into flat buffers) and one pass
over the page objects (only path and form objects are looked at). Everything else is
``pdf_layout``'s job, shared with the pdfplumber backend.

PDFium reports user-space coordinates (origin bottom-left, before ``/Rotate``);
``PageFrame`` turns them into display coordinates. A character's box is PDFium's "loose"
box (advance width by font ascent/descent); for upright text its top is moved to
``bottom - size`` so that both backends agree on the box (pdfminer's convention).
"""

from __future__ import annotations

import ctypes
import math
import re
from ctypes import CFUNCTYPE, c_double, c_float, c_int, c_void_p
from itertools import repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import UnreadableInput
from gongkai.extract.pdf_layout import (
    DUPLICATE,
    Char,
    Matrix,
    PageContent,
    PageFrame,
    Point,
    multiply,
    paints,
    path_segments,
)
from gongkai.limits import over_limit

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
UNMAPPED = frozenset({"\x00", "\ufffe", "\uffff", "\ufffd"})
_SPECIAL = re.compile(r"[\s\x00-\x1f\ufffd-\uffff]")
MAX_FORM_DEPTH = 8
REOPEN_EVERY = 32  # pages read before the document is opened again (frees PDFium's caches)
NO_SIDE = 1e-3  # pt: a side this short is no side: PDFium measured nothing
MIN_AREA_SIDE = 1.0  # pt: a text object thinner than this holds no glyph PDFium could measure
SHEAR = 0.5  # gives a line of 1 pt a side of 0.5 pt, far above what PDFium takes for no side


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function taking plain addresses, cheap enough to ``map`` over every char."""
    return CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, c_void_p).value)


_loose_box = _fast(pdfium_c.FPDFText_GetLooseCharBox, c_int, c_void_p, c_int, c_void_p)
_font_size = _fast(pdfium_c.FPDFText_GetFontSize, c_double, c_void_p, c_int)
_char_matrix = _fast(pdfium_c.FPDFText_GetMatrix, c_int, c_void_p, c_int, c_void_p)
_is_generated = _fast(pdfium_c.FPDFText_IsGenerated, c_int, c_void_p, c_int)
_unicode = _fast(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, c_void_p, c_int)
_font_info = _fast(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong, c_void_p, c_int, c_void_p, ctypes.c_ulong, c_void_p)
_get_object = _fast(pdfium_c.FPDFPage_GetObject, c_void_p, c_void_p, c_int)
_object_type = _fast(pdfium_c.FPDFPageObj_GetType, c_int, c_void_p)
_object_matrix = _fast(pdfium_c.FPDFPageObj_GetMatrix, c_int, c_void_p, c_void_p)
_draw_mode = _fast(pdfium_c.FPDFPath_GetDrawMode, c_int, c_void_p, c_void_p, c_void_p)
_count_segments = _fast(pdfium_c.FPDFPath_CountSegments, c_int, c_void_p)
_get_segment = _fast(pdfium_c.FPDFPath_GetPathSegment, c_void_p, c_void_p, c_int)
_segment_point = _fast(pdfium_c.FPDFPathSegment_GetPoint, c_int, c_void_p, c_void_p, c_void_p)
_segment_type = _fast(pdfium_c.FPDFPathSegment_GetType, c_int, c_void_p)
_segment_close = _fast(pdfium_c.FPDFPathSegment_GetClose, c_int, c_void_p)
_form_count = _fast(pdfium_c.FPDFFormObj_CountObjects, c_int, c_void_p)
_form_object = _fast(pdfium_c.FPDFFormObj_GetObject, c_void_p, c_void_p, ctypes.c_ulong)
_text_object = _fast(pdfium_c.FPDFText_GetTextObject, c_void_p, c_void_p, c_int)
_text_font = _fast(pdfium_c.FPDFTextObj_GetFont, c_void_p, c_void_p)
_font_embedded = _fast(pdfium_c.FPDFFont_GetIsEmbedded, c_int, c_void_p)
_object_bounds = _fast(pdfium_c.FPDFPageObj_GetBounds, c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)
_fill_color = _fast(pdfium_c.FPDFPageObj_GetFillColor, c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)
_stroke_color = _fast(pdfium_c.FPDFPageObj_GetStrokeColor, c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)

_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: ("encrypted", "PDF 已加密，需要密码才能打开"),
    pdfium_c.FPDF_ERR_SECURITY: ("encrypted", "PDF 使用了不支持的加密方式，无法打开"),
}


def _open_document(data: bytes, source: str) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        kind, reason = _OPEN_ERRORS.get(exc.err_code, ("corrupt", "PDF 文件已损坏，无法解析"))
        raise UnreadableInput(source, kind, reason) from exc


def _address(pointer: Any) -> int:
    return ctypes.cast(pointer, c_void_p).value or 0


class PdfiumDocument:
    """An open PDF read page by page through PDFium.

    PDFium silently leaves out text objects it gives no width. That happens to every
    one-glyph object — and on pages turned by ``/Rotate`` to every object — in a font
    whose glyphs it cannot load: a non-embedded Chinese font on a machine without Chinese
    fonts.

    Most text objects missing from PDFium's text page are empty, though: no characters,
    0×0 bounds (office exporters write thousands of them) — nothing is lost. A missing
    object is a *suspect* only when it could hold printed glyphs (``_could_hold_glyphs``).
    A page with suspects is read with pdfplumber too, and that reading is used only when
    it really has more printed characters; such pages are listed in ``warnings``.
    """

    def __init__(self, data: bytes, source: str, max_page_items: int = 0) -> None:
        self._pdf = _open_document(data, source)
        self._max_items = max_page_items
        self._since_open = 0
        self._data = data
        self._source = source
        self._fallback: Any = None
        self._fonts = _Fonts()
        self.page_count = len(self._pdf)
        self.fallback_pages: list[int] = []

    @property
    def warnings(self) -> list[str]:
        """What the reader noticed about the document."""
        if not self.fallback_pages:
            return []
        pages = "、".join(str(n) for n in self.fallback_pages)
        return [f"第 {pages} 页的字体无法由 PDFium 加载（可能未嵌入字体），已改用 pdfplumber 读取"]

    def close(self) -> None:
        """Release the document."""
        self._pdf.close()
        if self._fallback is not None:
            self._fallback.close()

    def read_page(self, index: int) -> PageContent:
        """Characters and ruling lines of the page at ``index`` (0-based).

        PDFium keeps what it parsed for the document (fonts, resources, objects) until the
        document is closed, so memory would grow with every page read: the document is
        opened again every ``REOPEN_EVERY`` pages, which keeps a 400-page file as small as a
        30-page one at no measurable cost.
        """
        if self._since_open >= REOPEN_EVERY:
            self._pdf.close()
            self._pdf = _open_document(self._data, self._source)
            self._since_open = 0
        self._since_open += 1
        page = pdfium_c.FPDF_LoadPage(self._pdf.raw, index)
        if not page:
            raise RuntimeError(f"PDFium cannot load page {index + 1}")
        try:
            self._bound(index, pdfium_c.FPDFPage_CountObjects(page), "个页面对象")
            frame = _frame(page)
            pieces, text_objects = _page_objects(page, frame)
            text_page = pdfium_c.FPDFText_LoadPage(page)
            if not text_page:
                raise RuntimeError(f"PDFium cannot read the text of page {index + 1}")
            try:
                self._bound(index, pdfium_c.FPDFText_CountChars(text_page), "个字符")
                chars = _chars(text_page, frame, self._fonts)
                suspect = _suspect_losses(page, text_page, text_objects)
            finally:
                pdfium_c.FPDFText_ClosePage(text_page)
        finally:
            pdfium_c.FPDF_ClosePage(page)
        if suspect:
            other = self._plumber().read_page(index)
            if printed_count(other.chars) > printed_count(chars):
                self.fallback_pages.append(index + 1)
                return other
        return PageContent(frame, chars, path_segments(pieces))

    def _bound(self, index: int, count: int, unit: str) -> None:
        if self._max_items and count > self._max_items:
            reason = over_limit(f"第 {index + 1} 页有", count, self._max_items, unit, "--max-page-items")
            raise UnreadableInput(self._source, "too_large", reason)

    def _plumber(self) -> Any:
        from gongkai.extract.pdf_plumber import PlumberDocument

        if self._fallback is None:
            self._fallback = PlumberDocument(self._data, self._source, self._max_items)
        return self._fallback


def page_frame(page: Any) -> PageFrame:
    """The display frame of a ``pypdfium2.PdfPage``."""
    return _frame(page.raw)


def _frame(page: Any) -> PageFrame:
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDF_GetPageBoundingBox(page, rect)
    rotation = pdfium_c.FPDFPage_GetRotation(page) * 90
    return PageFrame.from_boxes((rect.left, rect.bottom, rect.right, rect.top), None, rotation)


# --------------------------------------------------------------------------- text


def _page_text(text_page: Any, n: int) -> str:
    """The unicode of every char index, one string character per index."""
    buffer = (ctypes.c_ushort * (n + 1))()
    pdfium_c.FPDFText_GetText(text_page, 0, n, buffer)
    try:
        text = bytes(buffer)[: 2 * n].decode("utf-16-le")
    except UnicodeDecodeError:
        text = ""
    if len(text) == n:
        return text
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(text_page, i)) for i in range(n))


def _floats(function: Any, address: int, n: int, width: int) -> list[float]:
    """Call ``function(textpage, i, out)`` for every char into one flat float buffer."""
    buffer = (c_float * (width * n))()
    base = ctypes.addressof(buffer)
    step = 4 * width
    list(map(function, repeat(address, n), range(n), range(base, base + step * n, step)))
    return memoryview(buffer).cast("B").cast("f").tolist()


def _texts(text: str, address: int) -> list[str | None]:
    """Each char's text, ``None`` for what PDFium invented (spaces, line breaks) or cannot show.

    Whitespace, control and non-characters are looked at one by one: the bulk text shows
    PDFium's mark for a real hyphen ending a line (``\\x02`` per char) as U+FFFE.
    """
    texts: list[str | None] = list(text)
    for match in _SPECIAL.finditer(text):
        i = match.start()
        if _is_generated(address, i):
            texts[i] = None
            continue
        ch = chr(_unicode(address, i))
        if ch in "\r\n":
            texts[i] = None
        elif ch == "\x02":
            texts[i] = "-"
        elif ch in UNMAPPED:
            texts[i] = "\ufffd"
        elif ch < " ":
            texts[i] = None
        else:
            texts[i] = ch
    return texts


def _chars(text_page: Any, frame: PageFrame, fonts: _Fonts) -> list[Char]:
    """Every char on the text page that PDFium did not invent, in display coordinates.

    Font, size and direction are asked for once per run: chars in a row, not parted by
    a break PDFium invented, with the same loose-box height. That height is the font's
    ascent-to-descent times the char's size, so a run shares size and direction; asking
    for every char would cost more than reading the page. ``fontname`` is the name of the
    run's first char, which can be wrong for a font with the very same metrics following
    on the same line (KaiTi_GB2312 then FangSong_GB2312); nothing in the layout uses it.
    """
    address = _address(text_page)
    n = pdfium_c.FPDFText_CountChars(text_page)
    if n <= 0:
        return []
    texts = _texts(_page_text(text_page, n), address)
    boxes = _floats(_loose_box, address, n, 4)  # left, top, right, bottom (top > bottom)
    x0s, tops, x1s, bottoms = frame.map_rects(boxes[0::4], boxes[3::4], boxes[2::4], boxes[1::4])
    new = tuple.__new__
    out: list[Char] = []
    height, font, size, upright = -1.0, "", 0.0, True
    for i, ch, x0, top, x1, bottom in zip(range(n), texts, x0s, tops, x1s, bottoms, strict=True):
        if ch is None:  # a break PDFium invented: the next char starts a new run
            height = -1.0
            continue
        if bottom - top != height:
            height = bottom - top
            font, size, upright = fonts.run(address, i, frame)
        if upright:
            out.append(new(Char, (ch, x0, bottom - size, x1, bottom, size, font)))
        else:
            out.append(new(Char, (ch, x0, top, x1, bottom, height, font)))
    return out


class _Fonts:
    """What chars share within a run: font name, size and direction."""

    def __init__(self) -> None:
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = c_int()
        self.matrix = (c_float * 6)()

    def run(self, address: int, index: int, frame: PageFrame) -> tuple[str, float, bool]:
        """Font name, size (points) and uprightness of the char at ``index``."""
        length = _font_info(address, index, self.buffer, 256, ctypes.addressof(self.flags))
        name = self.buffer.value.decode("utf-8", "replace") if 0 < length <= 256 else ""
        _char_matrix(address, index, ctypes.addressof(self.matrix))
        a, b, c, d = self.matrix[:4]
        ma, mb, mc, md = frame.matrix[:4]
        across, down = ma * a + mc * b, mb * a + md * b  # the text direction on the display
        upright = across > 0 and abs(down) <= 1e-3 * across
        return name, _font_size(address, index) * math.hypot(c, d), upright


def _suspect_losses(page: Any, text_page: Any, text_objects: list[int]) -> bool:
    """Whether a text object missing from the text page could hold printed glyphs.

    An empty object has 0×0 bounds and a clipping run a hairline, whatever the font. A
    missing object is a suspect when its bounds have area, or when its font is not
    embedded (PDFium gives glyphs it cannot load no width) and the font is *hollow* on
    this page: an object PDFium kept in it prints characters but has no area. A missing
    object of such a font whose bounds are a line reaching across a glyph (the advance of
    glyphs without height, or the reverse) is a suspect only when it holds printed
    characters: ``_degenerate_texts`` lets PDFium itself read what it left out. A run of
    spaces in a Latin font that is not embedded is the common case: nothing is lost.
    """
    if not text_objects:
        return False
    address = _address(text_page)
    n = max(pdfium_c.FPDFText_CountChars(text_page), 0)
    owners = list(map(_text_object, repeat(address, n), range(n)))
    present = set(owners)
    hollow: set[int] | None = None
    lines: list[int] = []
    for obj in text_objects:
        if obj in present:
            continue
        shorter, longer = _bounds(obj)
        if shorter >= MIN_AREA_SIDE:
            return True
        font = _text_font(obj)
        if not font or _font_embedded(font):
            continue
        if longer >= MIN_AREA_SIDE:
            lines.append(obj)
            continue
        if hollow is None:
            hollow = _hollow_fonts(address, owners)
        if font in hollow:
            return True
    if not lines:
        return False
    texts = _degenerate_texts(page, lines)
    return any(text is None or any(_prints(ord(ch)) for ch in text) for text in texts)


def _degenerate_texts(page: Any, objects: list[int]) -> list[str | None]:
    """The text of text objects PDFium left off its text page because their bounds are a line.

    PDFium's text page skips an object whose bounds have no width (a turned line of glyphs
    it could not load) and drops a run of spaces that follows a space (an object of spaces
    under a line). Sheared, the line becomes a parallelogram with area and a new place in
    the reading order, and a second text page holds the objects' characters,
    decoded by PDFium from the font's encoding whether or not it can draw them. The page
    is changed only in memory and closed right after (nothing is written back to the
    document). ``None`` for an object still left off: what it holds is not known.
    """
    for obj in objects:
        pdfium_c.FPDFPageObj_Transform(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT), 1, SHEAR, SHEAR, 1, 0, 0)
    text_page = pdfium_c.FPDFText_LoadPage(page)
    if not text_page:
        return [None] * len(objects)
    try:
        address = _address(text_page)
        n = max(pdfium_c.FPDFText_CountChars(text_page), 0)
        present = set(map(_text_object, repeat(address, n), range(n)))
        return [_object_text(obj, text_page) if obj in present else None for obj in objects]
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


def _object_text(obj: int, text_page: Any) -> str:
    """The characters of one text object on ``text_page``."""
    handle = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
    size = pdfium_c.FPDFTextObj_GetText(handle, text_page, None, 0)  # bytes, with the final NUL
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFTextObj_GetText(handle, text_page, buffer, size)
    return bytes(buffer)[: size - 2].decode("utf-16-le", "replace")


def _hollow_fonts(address: int, owners: list[int]) -> set[int]:
    """The fonts with an object that prints characters but has no area: PDFium could not
    load those glyphs (``owners[i]`` is the text object of char ``i``)."""
    flat = {obj for obj in set(owners) if obj and _bounds(obj)[0] < NO_SIDE}
    if not flat:
        return set()
    printing = {obj for i, obj in enumerate(owners) if obj in flat and _prints(_unicode(address, i))}
    return {_text_font(obj) for obj in printing}


def _prints(code: int) -> bool:
    """Whether a character code is a printed character (not a space, a control or out of range)."""
    return 32 < code <= 0x10FFFF and not chr(code).isspace()


def _bounds(obj: int) -> tuple[float, float]:
    """The shorter and the longer side of an object's bounds (0, 0 when it has none)."""
    edges = (c_float * 4)()
    base = ctypes.addressof(edges)
    if not obj or not _object_bounds(obj, base, base + 4, base + 8, base + 12):
        return 0.0, 0.0
    left, bottom, right, top = edges
    shorter, longer = sorted((right - left, top - bottom))
    return shorter, longer


def printed_count(chars: list[Char]) -> int:
    """How many characters of a page are printed: not spaces, and a glyph drawn again at the
    same place (fake bold; PDFium's text page keeps one of them) counted once."""
    count = 0
    last_x: dict[tuple[str, int], float] = {}
    for char in sorted((c for c in chars if not c.text.isspace()), key=lambda c: (c.text, round(c.top), c.x0)):
        key = (char.text, round(char.top))
        previous = last_x.get(key)
        if previous is None or char.x0 - previous >= DUPLICATE:
            count += 1
        last_x[key] = char.x0
    return count


# --------------------------------------------------------------------------- paths


def _page_objects(page: Any, frame: PageFrame) -> tuple[list[tuple[list[Point], bool]], list[int]]:
    """Subpaths of every visible path on the page (forms included) in display coordinates,
    and the page's text objects."""
    n = pdfium_c.FPDFPage_CountObjects(page)
    objects = list(map(_get_object, repeat(_address(page), n), range(n)))
    pieces: list[tuple[list[Point], bool]] = []
    texts: list[int] = []
    _collect(objects, IDENTITY, frame, pieces, texts, 0)
    return pieces, texts


def _collect(
    objects: list[int],
    parent: Matrix,
    frame: PageFrame,
    pieces: list[tuple[list[Point], bool]],
    texts: list[int],
    depth: int,
) -> None:
    """Add the path pieces of ``objects`` to ``pieces`` and their text objects to ``texts``."""
    kinds = list(map(_object_type, objects))
    text_kind = pdfium_c.FPDF_PAGEOBJ_TEXT
    if kinds.count(text_kind) == len(kinds):
        texts.extend(objects)
        return
    for obj, kind in zip(objects, kinds, strict=True):
        if kind == text_kind:
            texts.append(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pieces.extend(_subpaths(obj, multiply(_matrix(obj), parent), frame))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            count = _form_count(obj)
            children = [_form_object(obj, i) for i in range(max(count, 0))]
            _collect(children, multiply(_matrix(obj), parent), frame, pieces, texts, depth + 1)


def _matrix(obj: int) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not _object_matrix(obj, ctypes.addressof(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _color(getter: Any, obj: int) -> tuple[float, ...] | None:
    """A path's fill or stroke colour as RGB in 0..1 (``None`` when PDFium has none, or it is transparent)."""
    rgba = (ctypes.c_uint * 4)()
    base = ctypes.addressof(rgba)
    if not getter(obj, base, base + 4, base + 8, base + 12):
        return None
    red, green, blue, alpha = rgba
    if alpha == 0:
        return (1.0, 1.0, 1.0)  # fully transparent paint shows nothing, like paper
    return (red / 255, green / 255, blue / 255)


def _subpaths(obj: int, matrix: Matrix, frame: PageFrame) -> list[tuple[list[Point], bool]]:
    """The path's subpaths as on-curve points; a closed subpath repeats its start (like pdfminer).

    Each C call is mapped over all segments at once (a table border is hundreds of paths
    of five segments); the colour a path is not painted with is not asked for.
    """
    fill, stroke = c_int(), c_int()
    if not _draw_mode(obj, ctypes.addressof(fill), ctypes.addressof(stroke)):
        return []
    filled, stroked = fill.value != 0, bool(stroke.value)
    if not (filled or stroked):
        return []
    fill_color = _color(_fill_color, obj) if filled else None
    stroke_color = _color(_stroke_color, obj) if stroked else None
    if not paints(filled, stroked, fill_color, stroke_color):
        return []
    n = _count_segments(obj)
    if n <= 0:
        return []
    segments = [segment for segment in map(_get_segment, repeat(obj, n), range(n)) if segment]
    n = len(segments)
    coordinates = (c_float * (2 * n))()
    base = ctypes.addressof(coordinates)
    found = list(map(_segment_point, segments, range(base, base + 8 * n, 8), range(base + 4, base + 8 * n, 8)))
    kinds = list(map(_segment_type, segments))
    closes = list(map(_segment_close, segments))
    a, b, c, d, e, f = multiply(matrix, frame.matrix)
    xy = memoryview(coordinates).cast("B").cast("f").tolist()
    moveto, bezierto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
    pieces: list[tuple[list[Point], bool]] = []
    points: list[Point] = []
    bezier = 0
    for i, (ok, kind, close) in enumerate(zip(found, kinds, closes, strict=True)):
        if not ok:
            continue
        x, y = xy[2 * i], xy[2 * i + 1]
        point = (a * x + c * y + e, b * x + d * y + f)
        if kind == moveto:
            if len(points) > 1:
                pieces.append((points, False))
            points, bezier = [point], 0
        elif kind == bezierto:
            bezier += 1
            if bezier % 3 == 0:
                points.append(point)
        else:
            points.append(point)
        if close and points:
            points.append(points[0])
    if len(points) > 1:
        pieces.append((points, False))
    return pieces
