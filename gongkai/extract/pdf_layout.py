"""Page geometry shared by the PDF backends: characters → lines, ruling lines → tables → blocks.

A backend reads a page into ``Char`` records and ``Segment`` ruling lines, both already in
display coordinates (points, origin at the top-left of the page as it is shown, i.e. after
``/Rotate`` and relative to the visible box) — ``PageFrame`` does that mapping for both
backends. ``layout_page`` then does everything else, so that the backends cannot differ:

* tables are found from the ruling lines alone (a grid of the distinct line positions; a
  cell wherever four ruling sides close it; a missing inner side makes a span);
* characters inside a table cell become that cell's text, wrapped lines joined by ``"\\n"``;
* the other characters are clustered into lines by vertical overlap, not by equal ``top``
  (numbers printed in another font have other tops and heights than the Chinese text on
  the same line), then read left to right with a space where the gap is wide.
"""

from __future__ import annotations

import bisect
import re
import statistics
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

from gongkai.extract.model import NO_BOX, BBox, Glyphs, RawPage, RawTable, TextLine

SPACE_GAP = 0.4  # a horizontal gap wider than this many font sizes reads as a space
PARAGRAPH_GAP = 0.8  # a vertical gap wider than this many line heights is a section gap
TYPICAL_GAP_SLACK = 0.4  # ... and it must also exceed the document's usual gap by this many heights
DUPLICATE = 1.0  # pt: the same glyph drawn again this close is fake-bold overprinting
LOOKBACK = 4  # lines a character is compared with when clustering lines
SNAP = 2.5  # pt: ruling-line positions this close are one grid line
JOIN = 3.0  # pt: collinear ruling segments with a gap this small are one line
COVER = 3.0  # pt: slack when deciding that a ruling line closes a cell side
MIN_SEGMENT = 3.0  # pt: shorter ruling segments are ignored
THIN = 2.0  # pt: a shape thinner than this is drawn as a line
AXIS = 0.5  # pt: a path step that moves less than this across is axis-aligned
DIGITS = 2  # decimals kept in output boxes


class Char(NamedTuple):
    """One printed character in display coordinates."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    fontname: str = ""


class Segment(NamedTuple):
    """An axis-aligned ruling line (``top == bottom`` or ``x0 == x1``) in display coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float


Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]
Color = tuple[float, ...]  # device components in 0..1: gray (1), RGB (3) or CMYK (4)

PAPER = 0.95  # a paint this close to white on every channel does not show on the page


class PageContent(NamedTuple):
    """What a backend reads from one page: its frame, characters and ruling segments."""

    frame: PageFrame
    chars: list[Char]
    segments: list[Segment]


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Maps PDF user space onto the page as displayed.

    ``x0, y0, x1, y1`` is the visible box (CropBox ∩ MediaBox) in user space, ``rotation``
    the page's ``/Rotate`` (clockwise, 0/90/180/270). Display coordinates have their origin
    at the top-left corner of the shown page, ``y`` growing downwards.
    """

    x0: float
    y0: float
    x1: float
    y1: float
    rotation: int = 0

    @classmethod
    def from_boxes(cls, mediabox: Sequence[float], cropbox: Sequence[float] | None, rotation: int) -> PageFrame:
        """The frame of a page from its raw MediaBox, CropBox (or ``None``) and ``/Rotate``."""
        mx0, mx1 = sorted((mediabox[0], mediabox[2]))
        my0, my1 = sorted((mediabox[1], mediabox[3]))
        if cropbox is not None:
            cx0, cx1 = sorted((cropbox[0], cropbox[2]))
            cy0, cy1 = sorted((cropbox[1], cropbox[3]))
            if min(mx1, cx1) > max(mx0, cx0) and min(my1, cy1) > max(my0, cy0):
                mx0, my0, mx1, my1 = max(mx0, cx0), max(my0, cy0), min(mx1, cx1), min(my1, cy1)
        return cls(mx0, my0, mx1, my1, int(rotation) % 360)

    @property
    def width(self) -> float:
        """The displayed width."""
        return self.y1 - self.y0 if self.rotation in (90, 270) else self.x1 - self.x0

    @property
    def height(self) -> float:
        """The displayed height."""
        return self.x1 - self.x0 if self.rotation in (90, 270) else self.y1 - self.y0

    def point(self, x: float, y: float) -> Point:
        """A user-space point in display coordinates."""
        dx, dy = x - self.x0, y - self.y0
        rot = self.rotation
        if rot == 90:
            return dy, dx
        if rot == 180:
            return self.x1 - self.x0 - dx, dy
        if rot == 270:
            return self.y1 - self.y0 - dy, self.x1 - self.x0 - dx
        return dx, self.y1 - self.y0 - dy

    @property
    def matrix(self) -> Matrix:
        """The affine map from user space to display coordinates."""
        if self.rotation == 90:
            return (0.0, 1.0, 1.0, 0.0, -self.y0, -self.x0)
        if self.rotation == 180:
            return (-1.0, 0.0, 0.0, 1.0, self.x1, -self.y0)
        if self.rotation == 270:
            return (0.0, -1.0, -1.0, 0.0, self.y1, self.x1)
        return (1.0, 0.0, 0.0, -1.0, -self.x0, self.y1)

    def map_rects(
        self, x0s: list[float], y0s: list[float], x1s: list[float], y1s: list[float]
    ) -> tuple[list[float], list[float], list[float], list[float]]:
        """User-space rects (``x0 <= x1``, ``y0 <= y1``, given column-wise) as display ``x0, top, x1, bottom``."""
        if self.rotation == 90:
            oy, ox = self.y0, self.x0
            return [v - oy for v in y0s], [v - ox for v in x0s], [v - oy for v in y1s], [v - ox for v in x1s]
        if self.rotation == 180:
            right, oy = self.x1, self.y0
            return [right - v for v in x1s], [v - oy for v in y0s], [right - v for v in x0s], [v - oy for v in y1s]
        if self.rotation == 270:
            top, right = self.y1, self.x1
            return [top - v for v in y1s], [right - v for v in x1s], [top - v for v in y0s], [right - v for v in x0s]
        ox, top = self.x0, self.y1
        return [v - ox for v in x0s], [top - v for v in y1s], [v - ox for v in x1s], [top - v for v in y0s]

    def map_rect(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """One user-space rect (corners in any order) as display ``(x0, top, x1, bottom)``."""
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix applying ``m`` first, then ``n`` (PDF ``[a b c d e f]`` convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def apply(m: Matrix, x: float, y: float) -> Point:
    """``(x, y)`` transformed by ``m``."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def is_paper(color: Color | None) -> bool:
    """Whether a device colour is (almost) white: it draws nothing visible on paper.

    Gray and RGB are white when every component is at least ``PAPER``; CMYK when every
    ink is at most ``1 - PAPER``. An unknown colour (``None``, a pattern) counts as visible.
    """
    if not color:
        return False
    if len(color) == 4:
        return all(c <= 1 - PAPER for c in color)
    if len(color) in (1, 3):
        return all(c >= PAPER for c in color)
    return False


def paints(filled: bool, stroked: bool, fill: Color | None, stroke: Color | None) -> bool:
    """Whether a path shows on the page: filled or stroked with a colour that is not paper.

    Spreadsheet exports fill every cell with a white rectangle; its edges are no ruling line.
    """
    return (filled and not is_paper(fill)) or (stroked and not is_paper(stroke))


def path_segments(subpaths: Iterable[tuple[Sequence[Point], bool]]) -> list[Segment]:
    """Ruling segments drawn by path pieces given as (display points, closed).

    A piece thinner than ``THIN`` (a hairline rectangle, a stroked line) becomes one line
    along its middle; otherwise every horizontal or vertical step of it is a segment (the
    four sides of a rectangle, the strokes of a grid drawn as one polyline).
    """
    out: list[Segment] = []
    for points, closed in subpaths:
        if len(points) < 2:
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        if bottom - top <= THIN and right - left >= MIN_SEGMENT:
            mid = (top + bottom) / 2
            out.append(Segment(left, mid, right, mid))
            continue
        if right - left <= THIN and bottom - top >= MIN_SEGMENT:
            mid = (left + right) / 2
            out.append(Segment(mid, top, mid, bottom))
            continue
        steps = list(pairwise(points))
        if closed and points[0] != points[-1]:
            steps.append((points[-1], points[0]))
        for (ax, ay), (bx, by) in steps:
            if abs(ay - by) <= AXIS and abs(ax - bx) >= MIN_SEGMENT:
                mid = (ay + by) / 2
                out.append(Segment(min(ax, bx), mid, max(ax, bx), mid))
            elif abs(ax - bx) <= AXIS and abs(ay - by) >= MIN_SEGMENT:
                mid = (ax + bx) / 2
                out.append(Segment(mid, min(ay, by), mid, max(ay, by)))
    return out


# --------------------------------------------------------------------------- lines

_BY_BOTTOM = itemgetter(4, 1)  # (bottom, x0): the sweep order of line clustering
_BY_X = itemgetter(1, 0, 2)  # (x0, text, top): reading order inside a line


class LineChars(NamedTuple):
    """The chars of one printed line and its vertical band."""

    top: float
    bottom: float
    chars: list[Char]
    spaces: list[Char]


def cluster_lines(chars: Iterable[Char]) -> list[LineChars]:
    """Group chars into lines, top to bottom.

    A char joins a line when its vertical centre lies in the line's band or it overlaps
    the band by at least half the smaller height — not when its ``top`` equals the line's,
    since digits in another font have other tops and heights. Space chars join the line
    they sit in but never start or widen one.
    """
    bands: list[list[Any]] = []  # [top, bottom, chars]
    blanks: list[Char] = []
    last: list[Any] | None = None
    for char in sorted(chars, key=_BY_BOTTOM):
        text, _, top, _, bottom, _, _ = char
        if text.isspace():
            blanks.append(char)
            continue
        # fast path: the char belongs to the line of the previous char
        if last is not None and last[0] <= (top + bottom) * 0.5 <= last[1]:
            band: list[Any] | None = last
        else:
            band = _find_band(bands, top, bottom)
        if band is None:
            band = [top, bottom, [char]]
            bands.append(band)
        else:
            band[2].append(char)
            if top < band[0]:
                band[0] = top
            if bottom > band[1]:
                band[1] = bottom
        last = band
    bands.sort(key=lambda band: (band[0], band[1]))
    lines = [LineChars(band[0], band[1], band[2], []) for band in bands]
    if blanks:
        _attach_spaces(lines, blanks)
    return lines


def _find_band(bands: list[list[Any]], top: float, bottom: float) -> list[Any] | None:
    """The most recent of the last ``LOOKBACK`` bands that accepts a char box."""
    centre = (top + bottom) * 0.5
    height = bottom - top
    for k in range(len(bands) - 1, max(len(bands) - 1 - LOOKBACK, -1), -1):
        band = bands[k]
        band_top, band_bottom = band[0], band[1]
        if band_top <= centre <= band_bottom:
            return band
        overlap = min(bottom, band_bottom) - max(top, band_top)
        if overlap > 0 and overlap >= 0.5 * min(height, band_bottom - band_top):
            return band
    return None


def _attach_spaces(lines: list[LineChars], blanks: list[Char]) -> None:
    tops = [line.top for line in lines]
    for blank in blanks:
        centre = (blank.top + blank.bottom) / 2
        index = bisect.bisect_right(tops, centre)
        for line in reversed(lines[max(0, index - LOOKBACK) : index]):
            if line.top <= centre <= line.bottom:
                line.spaces.append(blank)
                break


def line_text(chars: Iterable[Char]) -> str:
    """The text of one line's chars read left to right (see ``line_glyphs``)."""
    return line_glyphs(chars).text


def line_glyphs(chars: Iterable[Char]) -> Glyphs:
    """One line's chars read left to right, with each character's box.

    A single space stands for a real space char or a gap wider than ``SPACE_GAP`` font
    sizes (a space has no box); runs of spaces collapse and the ends are stripped. A glyph
    printed twice at (almost) the same place — fake bold — is read once.
    """
    text: list[str] = []
    boxes = array("f")
    prev_text, prev_x0, prev_top, prev_x1, prev_size = "", 0.0, 0.0, 0.0, 0.0
    for char_text, x0, top, x1, bottom, size, _ in sorted(chars, key=_BY_X):
        if text:
            if char_text == prev_text and abs(x0 - prev_x0) < DUPLICATE and abs(top - prev_top) < DUPLICATE:
                continue
            if x0 - prev_x1 > SPACE_GAP * (size if size > prev_size else prev_size):
                _put_space(text, boxes)
        for piece in char_text:
            if piece.isspace():
                _put_space(text, boxes)
            else:
                text.append(piece)
                boxes.extend((x0, top, x1, bottom))
        prev_text, prev_x0, prev_top, prev_x1, prev_size = char_text, x0, top, x1, size
    if text and text[-1] == " ":
        text.pop()
        del boxes[-4:]
    return Glyphs("".join(text), boxes)


_NO_BOXES = (NO_BOX,) * 4


def _put_space(text: list[str], boxes: array) -> None:
    """One space (no box) after text that does not already end in one."""
    if text and text[-1] != " ":
        text.append(" ")
        boxes.extend(_NO_BOXES)


def _line_record(line: LineChars, page: int) -> TextLine:
    chars = line.chars
    glyphs = line_glyphs(chars + line.spaces if line.spaces else chars)
    box = BBox(
        round(min(c.x0 for c in chars), DIGITS),
        round(line.top, DIGITS),
        round(max(c.x1 for c in chars), DIGITS),
        round(line.bottom, DIGITS),
    )
    size = statistics.median(c.size for c in chars)
    return TextLine(text=glyphs.text, page=page, bbox=box, font_size=round(size, DIGITS), glyphs=glyphs)


def cell_text(chars: Sequence[Char]) -> str:
    """The text of the chars in one table cell: its lines joined by ``"\\n"``."""
    return cell_glyphs(chars).text


def cell_glyphs(chars: Sequence[Char]) -> Glyphs:
    """The chars of one table cell with their boxes: its lines joined by ``"\\n"`` (no box)."""
    text: list[str] = []
    boxes = array("f")
    if chars:
        for line in cluster_lines(chars):
            glyphs = line_glyphs(line.chars + line.spaces if line.spaces else line.chars)
            if not glyphs.text:
                continue
            if text:
                text.append("\n")
                boxes.extend(_NO_BOXES)
            text.append(glyphs.text)
            boxes.extend(glyphs.boxes)
    return Glyphs("".join(text), boxes)


# --------------------------------------------------------------------------- tables


class _Rule(NamedTuple):
    """A merged ruling line: ``pos`` across, from ``start`` to ``end`` along."""

    pos: float
    start: float
    end: float


@dataclass(slots=True)
class Grid:
    """A ruled table: grid line positions and the cells they close.

    ``cells`` holds ``(row, col, rowspan, colspan)``; ``owner[r][c]`` is the index of the
    cell covering grid position ``(r, c)``, or ``-1`` where no closed cell is.
    """

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]
    owner: list[list[int]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """``(x0, top, x1, bottom)`` of the whole grid."""
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _snap(values: Iterable[float]) -> dict[float, float]:
    """Map each value to the mean of its cluster (neighbours closer than ``SNAP``)."""
    ordered = sorted(set(values))
    mapping: dict[float, float] = {}
    cluster: list[float] = []
    for value in ordered:
        if cluster and value - cluster[-1] > SNAP:
            mean = sum(cluster) / len(cluster)
            mapping.update((v, mean) for v in cluster)
            cluster = []
        cluster.append(value)
    if cluster:
        mean = sum(cluster) / len(cluster)
        mapping.update((v, mean) for v in cluster)
    return mapping


def _merge(rules: Iterable[_Rule]) -> list[_Rule]:
    """Join collinear rules that overlap or nearly touch."""
    merged: list[_Rule] = []
    for rule in sorted(rules):
        last = merged[-1] if merged else None
        if last is not None and rule.pos == last.pos and rule.start <= last.end + JOIN:
            merged[-1] = _Rule(last.pos, last.start, max(last.end, rule.end))
        else:
            merged.append(rule)
    return merged


def _rules(segments: Iterable[Segment]) -> tuple[list[_Rule], list[_Rule]]:
    """Horizontal and vertical rules, snapped and merged."""
    horizontal: list[_Rule] = []
    vertical: list[_Rule] = []
    for seg in segments:
        if seg.bottom - seg.top <= AXIS and seg.x1 - seg.x0 >= MIN_SEGMENT:
            horizontal.append(_Rule((seg.top + seg.bottom) / 2, seg.x0, seg.x1))
        elif seg.x1 - seg.x0 <= AXIS and seg.bottom - seg.top >= MIN_SEGMENT:
            vertical.append(_Rule((seg.x0 + seg.x1) / 2, seg.top, seg.bottom))
    ys = _snap(r.pos for r in horizontal)
    xs = _snap(r.pos for r in vertical)
    horizontal = _merge(_Rule(ys[r.pos], r.start, r.end) for r in horizontal)
    vertical = _merge(_Rule(xs[r.pos], r.start, r.end) for r in vertical)
    return horizontal, vertical


def _touches(h: _Rule, v: _Rule) -> bool:
    return h.start - COVER <= v.pos <= h.end + COVER and v.start - COVER <= h.pos <= v.end + COVER


def _components(horizontal: list[_Rule], vertical: list[_Rule]) -> list[tuple[list[_Rule], list[_Rule]]]:
    """Groups of rules connected by crossings (each group is a table candidate)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    offset = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _touches(h, v):
                a, b = find(i), find(offset + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(offset + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _coverage(by_pos: dict[float, list[_Rule]], positions: list[float], cuts: list[float]) -> list[list[bool]]:
    """``cov[k][i]``: whether a rule at ``positions[k]`` spans ``cuts[i]..cuts[i+1]`` (with ``COVER`` slack)."""
    spans = list(pairwise(cuts))
    matrix: list[list[bool]] = []
    for pos in positions:
        row = [False] * len(spans)
        for rule in by_pos.get(pos, ()):
            low, high = rule.start - COVER, rule.end + COVER
            for i, (a, b) in enumerate(spans):
                if a >= low and b <= high:
                    row[i] = True
        matrix.append(row)
    return matrix


def _group(rules: list[_Rule]) -> dict[float, list[_Rule]]:
    grouped: dict[float, list[_Rule]] = {}
    for rule in rules:
        grouped.setdefault(rule.pos, []).append(rule)
    return grouped


def _grid_lines(
    horizontal: list[_Rule], vertical: list[_Rule]
) -> tuple[list[float], list[float], list[list[bool]], list[list[bool]]]:
    """Grid positions and which grid intervals their rules span.

    Lines that do not span a single grid interval (a tick, a stub) are dropped, and the
    coverage is worked out again until nothing changes. Returns ``xs, ys, v_side,
    h_side`` where ``v_side[j][i]`` says a rule at ``xs[j]`` closes row ``i`` and
    ``h_side[i][j]`` says a rule at ``ys[i]`` closes column ``j``.
    """
    h_by, v_by = _group(horizontal), _group(vertical)
    xs, ys = sorted(v_by), sorted(h_by)
    while True:
        v_side = _coverage(v_by, xs, ys)
        h_side = _coverage(h_by, ys, xs)
        keep_x = [x for x, cov in zip(xs, v_side, strict=True) if any(cov)]
        keep_y = [y for y, cov in zip(ys, h_side, strict=True) if any(cov)]
        if (len(keep_x) == len(xs) and len(keep_y) == len(ys)) or len(keep_x) < 2 or len(keep_y) < 2:
            return keep_x, keep_y, v_side, h_side
        xs, ys = keep_x, keep_y


def _build_grid(horizontal: list[_Rule], vertical: list[_Rule]) -> Grid | None:
    """Cells of one connected group of rules, or ``None`` when it is not a table."""
    xs, ys, v_side, h_side = _grid_lines(horizontal, vertical)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = [[-1] * n_cols for _ in range(n_rows)]
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells: list[tuple[int, int, int, int]] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            rs, cs = _span(r, c, v_side, h_side, taken)
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    taken[i][j] = True
            if _closed(r, c, rs, cs, v_side, h_side):
                index = len(cells)
                cells.append((r, c, rs, cs))
                for i in range(r, r + rs):
                    owner[i][c : c + cs] = [index] * cs
    if len(cells) < 2:
        return None
    return Grid(xs, ys, cells, owner)


def _span(
    r: int, c: int, v_side: list[list[bool]], h_side: list[list[bool]], taken: list[list[bool]]
) -> tuple[int, int]:
    """How far the cell starting at ``(r, c)`` reaches: right while no side parts it, then down."""
    n_rows, n_cols = len(h_side) - 1, len(v_side) - 1
    cs = 1
    while c + cs < n_cols and not v_side[c + cs][r] and not taken[r][c + cs]:
        cs += 1
    rs = 1
    while r + rs < n_rows:
        below = r + rs
        if any(h_side[below][j] or taken[below][j] for j in range(c, c + cs)):
            break
        if any(v_side[j][below] for j in range(c + 1, c + cs)):
            break
        rs += 1
    return rs, cs


def _closed(r: int, c: int, rs: int, cs: int, v_side: list[list[bool]], h_side: list[list[bool]]) -> bool:
    """Whether ruling lines close all four sides of the cell."""
    return all(h_side[r][j] and h_side[r + rs][j] for j in range(c, c + cs)) and all(
        v_side[c][i] and v_side[c + cs][i] for i in range(r, r + rs)
    )


def find_grids(segments: Iterable[Segment]) -> list[Grid]:
    """The ruled tables drawn by ``segments``, top to bottom."""
    horizontal, vertical = _rules(segments)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    grids = [g for g in (_build_grid(h, v) for h, v in _components(horizontal, vertical)) if g is not None]
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


class LooseRow(NamedTuple):
    """A printed row next to a ruled table that its ruling lines leave out (at a page break)."""

    top: float
    bottom: float
    spans: list[tuple[int, int]]  # (first grid column, columns spanned) of each cell
    chars: list[list[Char]]  # the chars of each cell


_FIGURE_TEXT = re.compile(r"^-?[\d,]*\d(?:\.\d+)?$")


def loose_rows(grid: Grid, lines: list[LineChars]) -> tuple[list[LooseRow], list[LooseRow], set[int]]:
    """Rows printed right above or below a grid without ruling lines of their own.

    Spreadsheet exports that break a table over pages often draw the first row of the new
    page (or the last row of the old one) without its outer rule; its text then lies just
    outside the grid. A text line is taken as such a row when it touches the grid (no more
    than a row's height away), lies within the grid's width, falls into at least two of
    the columns of the grid's edge row and prints a figure in one of them. Returns the rows
    above (top to bottom), the rows below, and the indexes of the lines taken.
    """
    taken: set[int] = set()
    above: list[LooseRow] = []
    below: list[LooseRow] = []
    top_spans = _edge_spans(grid, first=True)
    bottom_spans = _edge_spans(grid, first=False)
    edge = grid.ys[0]
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.bottom > edge + COVER or top_spans is None:
            continue
        row = _as_row(grid, line, top_spans, edge - line.bottom)
        if row is None:
            break
        above.insert(0, row)
        taken.add(index)
        edge = line.top
    edge = grid.ys[-1]
    for index, line in enumerate(lines):
        if line.top < edge - COVER or bottom_spans is None:
            continue
        row = _as_row(grid, line, bottom_spans, line.top - edge)
        if row is None:
            break
        below.append(row)
        taken.add(index)
        edge = line.bottom
    return above, below, taken


def _edge_spans(grid: Grid, first: bool) -> list[tuple[int, int]] | None:
    """The column spans of the grid's first (or last) row, ``None`` when a position there has no cell."""
    row = 0 if first else len(grid.ys) - 2
    owners = grid.owner[row]
    if any(owner < 0 for owner in owners):
        return None
    spans: list[tuple[int, int]] = []
    for c, owner in enumerate(owners):
        if c == 0 or owners[c - 1] != owner:
            spans.append((c, 1))
        else:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
    return spans


def _as_row(grid: Grid, line: LineChars, spans: list[tuple[int, int]], gap: float) -> LooseRow | None:
    height = line.bottom - line.top
    row_height = max(height, min(b - a for a, b in pairwise(grid.ys)))
    if gap > row_height:
        return None
    cells: list[list[Char]] = [[] for _ in spans]
    bounds = [(grid.xs[c], grid.xs[c + cs]) for c, cs in spans]
    for char in line.chars:
        centre = (char.x0 + char.x1) * 0.5
        slot = next((k for k, (left, right) in enumerate(bounds) if left <= centre <= right), None)
        if slot is None:
            return None
        cells[slot].append(char)
    for space in line.spaces:
        centre = (space.x0 + space.x1) * 0.5
        slot = next((k for k, (left, right) in enumerate(bounds) if left <= centre <= right), None)
        if slot is not None:
            cells[slot].append(space)
    texts = [cell_text(chars) for chars in cells]
    if sum(1 for t in texts if t) < 2 or not any(_FIGURE_TEXT.match(t.replace(" ", "")) for t in texts if t):
        return None
    return LooseRow(line.top, line.bottom, spans, cells)


def _table_record(
    grid: Grid, cell_chars: list[list[Char]], page: int, above: Sequence[LooseRow] = (), below: Sequence[LooseRow] = ()
) -> RawTable:
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    rows: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
    boxes: list[list[BBox | None]] = [[None] * n_cols for _ in range(n_rows)]
    glyphs: list[list[Glyphs | None]] = [[None] * n_cols for _ in range(n_rows)]
    xs = [round(x, DIGITS) for x in grid.xs]
    ys = [round(y, DIGITS) for y in grid.ys]
    for index, (r, c, rs, cs) in enumerate(grid.cells):
        cell = glyphs[r][c] = cell_glyphs(cell_chars[index])
        rows[r][c] = cell.text
        boxes[r][c] = BBox(xs[c], ys[r], xs[c + cs], ys[r + rs])
    extra_above = [_loose_record(row, xs, n_cols) for row in above]
    extra_below = [_loose_record(row, xs, n_cols) for row in below]
    rows = [r for r, _, _ in extra_above] + rows + [r for r, _, _ in extra_below]
    boxes = [b for _, b, _ in extra_above] + boxes + [b for _, b, _ in extra_below]
    glyphs = [g for _, _, g in extra_above] + glyphs + [g for _, _, g in extra_below]
    top = round(above[0].top, DIGITS) if above else ys[0]
    bottom = round(below[-1].bottom, DIGITS) if below else ys[-1]
    return RawTable(
        page=page,
        rows=tuple(tuple(row) for row in rows),
        bbox=BBox(xs[0], top, xs[-1], bottom),
        boxes=tuple(tuple(row) for row in boxes),
        glyphs=tuple(tuple(row) for row in glyphs),
    )


def _loose_record(
    row: LooseRow, xs: list[float], n_cols: int
) -> tuple[list[str | None], list[BBox | None], list[Glyphs | None]]:
    texts: list[str | None] = [None] * n_cols
    boxes: list[BBox | None] = [None] * n_cols
    glyphs: list[Glyphs | None] = [None] * n_cols
    top, bottom = round(row.top, DIGITS), round(row.bottom, DIGITS)
    for (c, cs), chars in zip(row.spans, row.chars, strict=True):
        cell = glyphs[c] = cell_glyphs(chars)
        texts[c] = cell.text
        boxes[c] = BBox(xs[c], top, xs[c + cs], bottom)
    return texts, boxes, glyphs


# --------------------------------------------------------------------------- pages


def layout_page(
    number: int, width: float, height: float, chars: Sequence[Char], segments: Sequence[Segment]
) -> RawPage:
    """One page's blocks: text lines outside tables and tables, ordered top to bottom.

    Chars whose centre lies off the page are dropped (they are not shown). ``gap_before``
    is left for ``mark_paragraph_gaps``, which needs the whole document.
    """
    grids = find_grids(segments) if segments else []
    per_cell: list[list[list[Char]]] = [[[] for _ in g.cells] for g in grids]
    rest = _sort_chars(chars, width, height, grids, per_cell)
    lines = cluster_lines(rest)
    blocks: list[tuple[float, int, TextLine | RawTable]] = []
    taken: set[int] = set()
    for k, grid in enumerate(grids):
        above, below, rows_taken = loose_rows(grid, [line for i, line in enumerate(lines) if i not in taken])
        kept = [i for i in range(len(lines)) if i not in taken]
        taken.update(kept[i] for i in rows_taken)
        record = _table_record(grid, per_cell[k], number, above, below)
        blocks.append((record.bbox.top if record.bbox else grid.ys[0], 0, record))
    blocks.extend((line.top, 1, _line_record(line, number)) for i, line in enumerate(lines) if i not in taken)
    blocks.sort(key=lambda item: (item[0], item[1]))
    return RawPage(
        number=number, blocks=[b for _, _, b in blocks], width=round(width, DIGITS), height=round(height, DIGITS)
    )


def _sort_chars(
    chars: Sequence[Char], width: float, height: float, grids: list[Grid], per_cell: list[list[list[Char]]]
) -> list[Char]:
    """Drop chars off the page, put those inside a table cell into ``per_cell``, return the rest."""
    if not grids:
        return [c for c in chars if 0 <= (c.x0 + c.x1) * 0.5 <= width and 0 <= (c.top + c.bottom) * 0.5 <= height]
    rest: list[Char] = []
    tables = [(*g.bbox, g.xs, g.ys, g.owner, len(g.xs) - 2, len(g.ys) - 2, per_cell[k]) for k, g in enumerate(grids)]
    right = bisect.bisect_right
    for char in chars:
        _, left, top, x_end, bottom, _, _ = char
        cx, cy = (left + x_end) * 0.5, (top + bottom) * 0.5
        if not (0 <= cx <= width and 0 <= cy <= height):
            continue
        for x0, y0, x1, y1, xs, ys, owner, last_col, last_row, cells in tables:
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                row, col = right(ys, cy) - 1, right(xs, cx) - 1
                cell = owner[row if row < last_row else last_row][col if col < last_col else last_col]
                if cell >= 0:
                    cells[cell].append(char)
                    break
        else:
            rest.append(char)
    return rest


def mark_paragraph_gaps(pages: Sequence[RawPage]) -> None:
    """Set ``TextLine.gap_before`` on every page, in place.

    A line follows a gap when the space above it is wider than ``PARAGRAPH_GAP`` line
    heights *and* wider than the document's usual gap between lines by
    ``TYPICAL_GAP_SLACK`` heights (government documents often set every line 2 em apart,
    which is not a paragraph break). A line right after a table also follows a gap; the
    first line of a page does not (paragraphs run across page breaks).
    """
    usual = _usual_gap(pages)
    for page in pages:
        prev: TextLine | RawTable | None = None
        for index, block in enumerate(page.blocks):
            if isinstance(block, TextLine):
                gap = _gap_before(prev, block, usual)
                if gap != block.gap_before:
                    page.blocks[index] = replace(block, gap_before=gap)
            prev = block


def _gap_before(prev: TextLine | RawTable | None, line: TextLine, usual: float) -> bool:
    if prev is None:
        return False
    if isinstance(prev, RawTable):
        return True
    if prev.bbox is None or line.bbox is None:
        return False
    height = line.bbox.bottom - line.bbox.top
    gap = line.bbox.top - prev.bbox.bottom
    return gap > PARAGRAPH_GAP * height and gap > usual + TYPICAL_GAP_SLACK * height


def _usual_gap(pages: Sequence[RawPage]) -> float:
    """The median gap between consecutive text lines, in points (0 when too few lines)."""
    gaps: list[float] = []
    for page in pages:
        prev: TextLine | RawTable | None = None
        for block in page.blocks:
            if isinstance(block, TextLine) and isinstance(prev, TextLine) and prev.bbox and block.bbox:
                height = block.bbox.bottom - block.bbox.top
                gap = block.bbox.top - prev.bbox.bottom
                if 0 <= gap <= 3 * height:
                    gaps.append(gap)
            prev = block
    return statistics.median(gaps) if len(gaps) >= 5 else 0.0
