"""Tables flattened into running text: a web page's table copied as one line of words.

Government sites publish tables as HTML; a copy of the page text (or an archive of it)
keeps the cells in order but only spaces between them::

    … 单位：万元 项 目 年初结转和结余 本年收入 本年支出 年末结转和结余 支出功能分类科目编码 科目名称
    合计 基本支出 项目支出 合计 基本支出 项目支出 合计 基本支出结转 项目支出结转和结余 小计 人员经费
    日常公用经费 类款项 合计 150.00 40.00 110.00 1,400.00 … 204 公共安全支出 150.00 …

Empty cells leave nothing behind, and the rows of a multi-row header follow each other.
This module finds such runs in lines without page geometry and rebuilds them as
``RawTable`` blocks that the table readers treat like any other table:

* data rows are a key (a 3-, 5- or 7-digit code), one to four labels and the figures;
* the header is the run of short words before the first row; its label words (项目, 科目
  名称, 编码 …) name the label columns, the rest name the value columns. A header of
  several rows is rebuilt as a tree (a group spans the words of the next row under it)
  such that its leaves are as many as the widest row has figures; a group whose first
  column is a 合计 or 小计 must equal the sum of the others, and the tree the full rows
  agree with is taken;
* a row with fewer figures than columns has blank cells: each figure goes to the column it
  takes under every placement the sums allow, and a figure with no such column is left out
  (and counted in a warning) rather than guessed;
* a list of labels with a figure glued to each (「年初结转和结余150.00 其中：基本支出结转40.00」)
  becomes a two-column table.

The words before a table that name it (its title, 部门：…, 单位：万元) become lines of their own,
so the table is recognised by its title and its unit is read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations, product

from gongkai.extract.model import RawDocument, RawPage, RawTable, TextLine

_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_KEY = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_GLUED = re.compile(r"^(?P<label>(?:\d{1,2}[.、．])?\D.*?[\u4e00-\u9fff）)”])(?P<figure>-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)$")
_SENTENCE = re.compile(r"[，。；！？,;!?]")
_LABEL_HEADER = re.compile(
    r"^(?:项目|项目名称|科目名称|(?:支出)?(?:功能|经济)?(?:分类)?科目编码|(?:功能|经济)?科目代码|类款项|[类款项]|"
    r"单位名称(?:/预算代码)?|预算代码|名称|编码|代码|经费性质|性质|备注|序号|摘要)$"
)
_BARE_TOTAL = re.compile(r"^(?:合计|小计|总计)$")
_TOTAL_NAME = re.compile(r"^(?:合计|小计|总计)$|合计数?$|总计$")
_FURNITURE = re.compile(r"^(?:来源|发布|附件下载|打印|关闭|分享|【)")
_LIST_HEADER = re.compile(r"项目.{0,3}?金额(?:.{0,2}?备注)?")
_UNIT_AFTER = re.compile(r"^(?:年|月|日|万元|亿元|千元|元|%|％)|^(?:万|亿|家|个|人|名|倍|次|辆|项|户|件|天|余)(?:$|[、，,])")
_LABEL_LINE = re.compile(r"(?=(?:部门[（(]单位[)）]|编制部门|编制单位|预算单位|部门|单位)[：:])(?<![（(])")
_TITLE_ZONE = re.compile(r"表$|：|:|^附件\s*[\d-]+$|^附表")
_MAX_CELL = 40  # characters: a longer word is running text
_MAX_LABELS = 4  # label words before a row's figures
_MAX_TREES = 5000
_MAX_BLANKS = 8  # a row missing more figures than this is not placed
_MAX_DEPTH = 4  # header rows
_MAX_COMBINATIONS = 200_000  # placements tried together for one family of rows
_PROFILE_EVIDENCE = 30  # placed figures needed before columns are told apart by their habits
_PROFILE_MARGIN = 20.0  # how much likelier the best placement must be than the next


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    glued: bool = False  # a figure printed right after its label, without a space

    @property
    def figure(self) -> bool:
        return bool(_FIGURE.match(self.text))


@dataclass(slots=True)
class _Row:
    key: str
    labels: list[str]
    figures: list[str]
    start: int  # token index of the row's first word
    end: int  # token index after its last figure


@dataclass(slots=True)
class _Node:
    name: str
    children: list[_Node] = field(default_factory=list)
    glued: bool = False  # read from a word with its first column (小计/合计) glued on

    def count_glued(self) -> int:
        return int(self.glued) + sum(child.count_glued() for child in self.children)

    def leaves(self, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        here = (*path, self.name)
        if not self.children:
            return [here]
        return [leaf for child in self.children for leaf in child.leaves(here)]


@dataclass(slots=True)
class FlatTable:
    """A table rebuilt from a line: where it sits and its grid."""

    start: int  # character offsets of the table (header and rows) in the line
    end: int
    title: list[str]  # the words before it that name it, each a line of its own
    title_start: int
    rows: list[list[str | None]]
    dropped: int = 0  # figures whose column could not be told


def split_flat_tables(raw: RawDocument) -> RawDocument:
    """The document with every flattened table in its geometry-less lines rebuilt as a table."""
    for page in raw.pages:
        if any(isinstance(block, TextLine) and block.bbox is None and block.text.count(" ") >= 8 for block in page.blocks):
            _split_page(page, raw.warnings)
    return raw


def _split_page(page: RawPage, warnings: list[str]) -> None:
    blocks: list[TextLine | RawTable] = []
    for block in page.blocks:
        if not isinstance(block, TextLine) or block.bbox is not None:
            blocks.append(block)
            continue
        tables = find_flat_tables(block.text)
        if not tables:
            blocks.append(block)
            continue
        position = 0
        for table in tables:
            before = block.text[position : table.title_start].strip()
            if before:
                blocks.append(TextLine(before, page.number, gap_before=block.gap_before if position == 0 else True))
            blocks.extend(TextLine(title, page.number, gap_before=True) for title in table.title)
            blocks.append(RawTable(page=page.number, rows=tuple(tuple(row) for row in table.rows), undecided=table.dropped))
            if table.dropped:
                warnings.append(
                    f"第{page.number}页一张由文字连成的表格中有{table.dropped}个数字无法确定所在的列（空白单元格被略去），未计入"
                )
            position = table.end
        after = block.text[position:].strip()
        if after:
            blocks.append(TextLine(after, page.number, gap_before=True))
    page.blocks = blocks


def find_flat_tables(line: str) -> list[FlatTable]:
    """The tables flattened into one line of text, in order."""
    tokens = _tokens(line)
    found: list[FlatTable] = []
    index = 0
    while index < len(tokens):
        table, index = _table_at(tokens, index)
        if table is not None:
            found.append(table)
    return found


def _tokens(line: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in re.finditer(r"\S+", line.replace("\u3000", " ")):
        text, start = match.group(0), match.start()
        colon = max(text.rfind("："), text.rfind(":"))
        if 0 < colon < len(text) - 1 and _LABEL_HEADER.match(text[colon + 1 :]):
            tokens.append(_Token(text[: colon + 1], start, start + colon + 1))  # 「…见下表：单位名称」
            text, start = text[colon + 1 :], start + colon + 1
        glued = _GLUED.match(text)
        if glued and not _SENTENCE.search(glued.group("label")):
            cut = start + glued.start("figure")
            tokens.append(_Token(glued.group("label"), start, cut))
            tokens.append(_Token(glued.group("figure"), cut, match.end(), glued=True))
        else:
            tokens.append(_Token(text, start, match.end()))
    return tokens


def _cell_word(token: _Token) -> bool:
    return not token.figure and len(token.text) <= _MAX_CELL and not _SENTENCE.search(token.text)


def _row_at(tokens: list[_Token], i: int) -> _Row | None:
    """A data row starting at token ``i``: key?, labels, figures."""
    start = i
    key = ""
    if i + 1 < len(tokens) and _KEY.match(tokens[i].text) and _cell_word(tokens[i + 1]):
        key = tokens[i].text
        i += 1
    labels: list[str] = []
    while i < len(tokens) and _cell_word(tokens[i]) and len(labels) < _MAX_LABELS:
        if i > 0 and tokens[i - 1].figure and _UNIT_AFTER.match(tokens[i].text):
            return None  # 「352.36 万元」, 「2019 年」: a number in a sentence, not a cell
        labels.append(tokens[i].text)
        i += 1
    if not labels and not key:
        return None
    figures: list[str] = []
    while i < len(tokens) and tokens[i].figure and not (
        _KEY.match(tokens[i].text) and i + 1 < len(tokens) and _cell_word(tokens[i + 1]) and figures
        and "." not in tokens[i].text and _looks_like_next_row(tokens, i)
    ):
        figures.append(tokens[i].text)
        i += 1
    if not figures:
        return None
    return _Row(key, labels, figures, start, i)


def _looks_like_next_row(tokens: list[_Token], i: int) -> bool:
    """Whether a code-like integer starts the next row rather than ending this one's figures."""
    following = _row_at_simple(tokens, i + 1)
    return following


def _row_at_simple(tokens: list[_Token], i: int) -> bool:
    j = i
    while j < len(tokens) and _cell_word(tokens[j]) and j - i < _MAX_LABELS:
        j += 1
    return j > i and j < len(tokens) and tokens[j].figure


def _table_at(tokens: list[_Token], index: int) -> tuple[FlatTable | None, int]:
    """The first table found from ``index``, and where to go on looking."""
    i = index
    while i < len(tokens):
        row = _row_at(tokens, i)
        if row is not None:
            figure = row.end - len(row.figures)
            if tokens[figure].glued:
                listed = _glued_list(tokens, figure, index)
                if listed is not None:
                    return listed
            break
        i += 1
    else:
        return None, len(tokens)
    rows = [row]
    while True:
        following = _row_at(tokens, rows[-1].end)
        if following is None:
            break
        rows.append(following)
    if all(t.glued for r in rows for t in tokens[r.end - len(r.figures) : r.end]):
        return None, rows[-1].end  # figures glued to labels: a list, read by _glued_list
    _trim_first_row(tokens, rows)
    header_start = _header_start(tokens, rows[0].start, index)
    header = [t.text for t in tokens[header_start : rows[0].start]]
    named = any(_LABEL_HEADER.match(w) for w in _join_split_words(header))
    regular = len(rows) >= 3 and len({len(r.figures) for r in rows}) == 1 and len(rows[0].figures) >= 2
    if not named and not (header and len(rows) >= 2) and not regular:
        return None, rows[0].end
    built = _build(header, rows)
    if built is None:
        return None, rows[-1].end
    grid, dropped = built
    return _flat_table(tokens, index, header_start, rows[-1].end, grid, dropped), rows[-1].end


def _flat_table(
    tokens: list[_Token], floor: int, header_start: int, end: int, grid: list[list[str | None]], dropped: int
) -> FlatTable:
    title_start = _title_start(tokens, header_start, floor)
    return FlatTable(
        start=tokens[header_start].start,
        end=tokens[end - 1].end,
        title=[part for t in tokens[title_start:header_start] for part in _LABEL_LINE.split(t.text) if part],
        title_start=tokens[title_start].start,
        rows=grid,
        dropped=dropped,
    )


def _trim_first_row(tokens: list[_Token], rows: list[_Row]) -> None:
    """Give the header back the words the first row took as labels beyond what rows carry."""
    first = rows[0]
    counts = [len(r.labels) for r in rows[1:]]
    if counts:
        keep = max(set(counts), key=counts.count)
    else:
        before = _join_split_words([t.text for t in tokens[max(0, first.start - 8) : first.start]] + first.labels)
        keep = max(1, sum(1 for w in before if _LABEL_HEADER.match(w) and w not in ("类", "款", "项", "类款项", "备注")))
        keep -= 1 if first.key else 0
        keep = max(keep, 1)
    if len(first.labels) > keep:
        extra = len(first.labels) - keep
        first.labels = first.labels[extra:]
        first.start += extra
        if first.key:  # the key was the first word: it is a header word now
            first.key = ""


def _glued_list(tokens: list[_Token], i: int, floor: int) -> tuple[FlatTable | None, int] | None:
    """A list of labels each with its figure glued on (「年初结转和结余150.00 其中：基本支出结转40.00」).

    ``i`` is the first glued figure. The list runs back to the header words (项目, 金额 …) and
    on while words are labels or glued figures; a label with no figure is a blank row.
    """
    start = i - 1
    while start > floor and _cell_word(tokens[start - 1]) and not _TITLE_ZONE.search(tokens[start - 1].text):
        start -= 1
    end = i + 1
    while end < len(tokens) and (tokens[end].glued or (_cell_word(tokens[end]) and not _FURNITURE.match(tokens[end].text))):
        end += 1
    items = tokens[start:end]
    if sum(1 for t in items if t.glued) < 3:
        return None
    rows: list[list[str | None]] = []
    k = 0
    while k < len(items):
        label = items[k].text
        figure = items[k + 1].text if k + 1 < len(items) and items[k + 1].glued else ""
        k += 2 if figure else 1
        rows.append([label, figure])
    first = next(n for n, row in enumerate(rows) if row[1])  # the header words end at the first figure
    lead = [t.text for t in tokens[max(floor, start - 1) : start]] + [row[0] or "" for row in rows[: first + 1]]
    rows = [[_after_header(lead), rows[first][1]], *rows[first + 1 :]]
    grid: list[list[str | None]] = [["项目", "金额"], *rows]
    return _flat_table(tokens, floor, start, end, grid, 0), end


def _after_header(words: list[str]) -> str:
    """The first row's label without the header words glued before it (「项 目金 额备注年初…」)."""
    text = "".join(words)
    match = _LIST_HEADER.search(text)
    return text[match.end() :] if match else words[-1]


def _header_start(tokens: list[_Token], first_row: int, floor: int) -> int:
    """The first header word: short words back from the first row, up to a title or a sentence."""
    i = first_row
    while i > floor and _cell_word(tokens[i - 1]) and not _TITLE_ZONE.search(tokens[i - 1].text):
        i -= 1
    return i


def _title_start(tokens: list[_Token], header_start: int, floor: int) -> int:
    """The words just before the header that name the table (its title, 部门：…, 单位：万元)."""
    i = header_start
    while i > floor and i > header_start - 4 and _TITLE_ZONE.search(tokens[i - 1].text) and len(tokens[i - 1].text) <= 60:
        if _SENTENCE.search(tokens[i - 1].text):
            break
        i -= 1
    return i


def _build(header: list[str], rows: list[_Row]) -> tuple[list[list[str | None]], int] | None:
    """The grid of a table: header rows, then data rows with their figures in place."""
    words = _join_split_words(header)
    label_words = [w for w in words if _LABEL_HEADER.match(w)]
    value_words = [w for w in words if not _LABEL_HEADER.match(w)]
    width = max(len(r.figures) for r in rows)
    n_labels = max(len(r.labels) for r in rows)
    keyed = any(r.key for r in rows)
    tree = _header_tree(value_words, rows) if value_words else [_Node(f"数值{k + 1}") for k in range(width)]
    if tree is None:
        return None
    leaves = [leaf for node in tree for leaf in node.leaves()]
    constraints = _constraints(tree)
    label_names = _label_names(label_words, n_labels, keyed)
    grid = _header_grid(label_names, leaves)
    dropped = 0
    candidates = [_placements(row.figures, len(leaves), constraints) for row in rows]
    _narrow_by_hierarchy(rows, candidates)
    _narrow_by_profiles(rows, candidates, len(leaves))
    for row, placements in zip(rows, candidates, strict=True):
        placed, missing = _cells(row.figures, len(leaves), placements)
        dropped += missing
        labels = row.labels + [""] * (n_labels - len(row.labels))
        cells: list[str | None] = ([row.key] if keyed else []) + labels
        cells.extend(placed)
        grid.append(cells)
    return grid, dropped


def _join_split_words(words: list[str]) -> list[str]:
    """Words the copy broke into single characters (「项 目」, 「金 额」) joined again."""
    out: list[str] = []
    for word in words:
        if out and len(word) == 1 and len(out[-1]) == 1 and not _LABEL_HEADER.match(out[-1] + "x"):
            out[-1] += word
        else:
            out.append(word)
    return out


def _label_names(label_words: list[str], n_labels: int, keyed: bool) -> list[str]:
    names = [w for w in label_words if w not in ("类", "款", "项", "类款项", "备注")]
    code = next((w for w in names if ("编码" in w or "代码" in w) and "名称" not in w), "科目编码")
    others = [w for w in names if w != code]
    labels = others[:n_labels] + [f"名称{k + 1}" for k in range(n_labels - len(others[:n_labels]))]
    if n_labels and not others:
        labels[0] = "项目"
    return ([code] if keyed else []) + labels


def _header_grid(label_names: list[str], leaves: list[tuple[str, ...]]) -> list[list[str | None]]:
    """Header rows for the label columns and the value leaves, spans as ``None``."""
    depth = max(len(leaf) for leaf in leaves)
    grid: list[list[str | None]] = []
    for level in range(depth):
        row: list[str | None] = [name if level == 0 else None for name in label_names]
        for c, leaf in enumerate(leaves):
            if level >= len(leaf):
                row.append(None)  # the leaf's label spans down
            elif c > 0 and len(leaves[c - 1]) > level and leaves[c - 1][: level + 1] == leaf[: level + 1]:
                row.append(None)  # the group's label spans right
            else:
                row.append(leaf[level])
        grid.append(row)
    return grid


# --------------------------------------------------------------------------- header trees


def _header_tree(words: list[str], rows: list[_Row]) -> list[_Node] | None:
    """The header tree the rows' figures fit: its leaves are the value columns.

    Widths from the widest row's count of figures up (a column may be blank in every row)
    are tried in turn; a tree fits when every row has a placement of its figures that keeps
    the tree's sums, and the first width with fitting trees decides. Among those the tree
    with the most sums is taken; ``None`` when two different trees fit equally well, or
    when none fits and the words are not one plain row of column names.
    """
    widest = max(len(r.figures) for r in rows)
    for width in range(widest, widest + 3):
        best: tuple[tuple[int, int, int], list[_Node]] | None = None
        tied = False
        for tree in _total_led_trees(words, width) or _trees(words, width):
            constraints = _constraints(tree)
            if not constraints:
                continue
            if not all(_placements(r.figures, width, constraints) for r in rows):
                continue
            score = _score(tree, constraints)
            if best is None or score > best[0]:
                best, tied = (score, tree), False
            elif score == best[0] and _leaves_of(tree) != _leaves_of(best[1]):
                tied = True
        if best is not None:
            return None if tied else best[1]
    if len(words) == widest:
        return [_Node(w) for w in words]
    return None


def _score(tree: list[_Node], constraints: list[tuple[int, tuple[int, ...]]]) -> tuple[int, int, int]:
    """How well a fitting tree explains the header: sums over two parts or more first, then
    the fewest words read as a group with a glued 合计/小计, then the fewest header rows."""
    sums = sum(1 for _, parts in constraints if len(parts) >= 2)
    glued = sum(node.count_glued() for node in tree)
    return sums, -glued, -max(len(leaf) for leaf in _leaves_of(tree))


def _leaves_of(tree: list[_Node]) -> list[tuple[str, ...]]:
    return [leaf for node in tree for leaf in node.leaves()]


def _total_led_trees(words: list[str], width: int) -> list[list[_Node]]:
    """Trees for the usual header, where every group's columns start with its 合计 or 小计.

    The words from the first 合计 on are cut into runs at each 合计/小计; the words before
    are the top row. The runs go, in order, to groups of the row above them, row by row.
    """
    starts = [k for k, w in enumerate(words) if _BARE_TOTAL.match(w)]
    if not starts or starts[0] == 0:
        return []
    top = [_Node(w) for w in words[: starts[0]]]
    runs = [words[a:b] for a, b in zip(starts, [*starts[1:], len(words)], strict=True)]
    trees = [tree for tree in _assign_runs(top, runs) if len(_leaves_of(tree)) == width]
    return trees[:_MAX_TREES]


def _assign_runs(level: list[_Node], runs: list[list[str]]) -> list[list[_Node]]:
    if not runs:
        return [_plain(level)]
    out: list[list[_Node]] = []
    for size in range(1, min(len(level), len(runs)) + 1):
        for groups in combinations(range(len(level)), size):
            taken = runs[:size]
            children = [_Node(w) for run in taken for w in run]
            for deeper in _assign_runs(children, runs[size:]):
                out.append(_attach(level, list(groups), [[_Node(w) for w in run] for run in taken], deeper))
                if len(out) >= _MAX_TREES:
                    return out
    return out


def _trees(words: list[str], width: int) -> list[list[_Node]]:
    """Header trees over ``words`` read row after row, with ``width`` leaves (bounded).

    Every word is a leaf or a group spanning a run of the next row; a word with a 小计 or
    合计 glued to its end may be a group whose first column that is.
    """
    glued = [k for k, w in enumerate(words) if _split_glued_total(w).children]
    out: list[list[_Node]] = []
    for size in range(len(glued) + 1):
        for split in combinations(glued, size):
            nodes = [_split_glued_total(w) if k in split else _Node(w) for k, w in enumerate(words)]
            budget = len(words) - width  # groups without a glued column that take a run
            if budget < 0:
                continue
            for first in range(1, len(nodes) + 1):
                out.extend(_expand(nodes[:first], nodes[first:], budget, 1))
                if len(out) >= _MAX_TREES:
                    return out
    return out


def _split_glued_total(word: str) -> _Node:
    """「公务用车购置及运行维护费小计」: a group printed with its first column (小计) glued on."""
    match = re.match(r"^(.{2,}?)(小计|合计)$", word)
    if match and not _TOTAL_NAME.search(match.group(1)):
        return _Node(match.group(1), [_Node(match.group(2))], glued=True)
    return _Node(word)


def _expand(level: list[_Node], rest: list[_Node], budget: int, depth: int) -> list[list[_Node]]:
    """Trees where the nodes ``rest`` are the rows below ``level``: each group of the level takes
    a run of the next row (two nodes or more; one or more after a glued 小计)."""
    if not rest:
        return [_plain(level)] if budget == 0 else []
    if depth >= _MAX_DEPTH:
        return []
    results: list[list[_Node]] = []
    glued = [k for k, node in enumerate(level) if node.children]
    plain = [k for k, node in enumerate(level) if not node.children]
    for n_plain in range(min(budget, len(plain)) + 1):
        for chosen in combinations(plain, n_plain):
            for n_glued in range(len(glued) + 1):
                for chosen_glued in combinations(glued, n_glued):
                    groups = sorted((*chosen, *chosen_glued))
                    if not groups:
                        continue
                    for next_len in range(len(groups), len(rest) + 1):
                        row, below = rest[:next_len], rest[next_len:]
                        for runs in _runs(row, [level[g] for g in groups]):
                            children = [node for run in runs for node in run]
                            for deeper in _expand(children, below, budget - n_plain, depth + 1):
                                results.append(_attach(level, groups, runs, deeper))
                                if len(results) >= _MAX_TREES:
                                    return results
    return results


def _runs(row: list[_Node], groups: list[_Node]) -> list[list[list[_Node]]]:
    """Ways to cut ``row`` into one run of nodes per group, in order."""
    if not groups:
        return [[]] if not row else []
    least = 1 if groups[0].children else 2
    out: list[list[list[_Node]]] = []
    for size in range(least, len(row) - _least_total(groups[1:]) + 1):
        for tail in _runs(row[size:], groups[1:]):
            out.append([row[:size], *tail])
    return out


def _least_total(groups: list[_Node]) -> int:
    return sum(1 if g.children else 2 for g in groups)


def _attach(level: list[_Node], groups: list[int], runs: list[list[_Node]], deeper: list[_Node]) -> list[_Node]:
    """Copy ``level`` with each group's run (taken, with their own children, from ``deeper``)."""
    pool = iter(deeper)
    out: list[_Node] = []
    run_of = dict(zip(groups, runs, strict=True))
    for index, node in enumerate(level):
        if index in run_of:
            children = [*node.children, *(next(pool) for _ in run_of[index])]
            out.append(_Node(node.name, children, node.glued))
        else:
            out.append(_Node(node.name, list(node.children), node.glued))
    return out


def _plain(level: list[_Node]) -> list[_Node]:
    return [_Node(node.name, list(node.children), node.glued) for node in level]


def _constraints(tree: list[_Node]) -> list[tuple[int, tuple[int, ...]]]:
    """(total column, part columns) for every run of siblings led by a 合计/小计."""
    leaves = _leaves_of(tree)
    index = {leaf: k for k, leaf in enumerate(leaves)}
    out: list[tuple[int, tuple[int, ...]]] = []

    def visit(siblings: list[_Node], path: tuple[str, ...]) -> None:
        if len(siblings) >= 2 and _TOTAL_NAME.search(siblings[0].name) and not siblings[0].children:
            total = index[(*path, siblings[0].name)]
            parts = tuple(c for node in siblings[1:] for c in _columns_of(node, path, index))
            out.append((total, parts))
        for node in siblings:
            if node.children:
                visit(node.children, (*path, node.name))

    def _columns_of(node: _Node, path: tuple[str, ...], idx: dict[tuple[str, ...], int]) -> list[int]:
        if not node.children:
            return [idx[(*path, node.name)]]
        first = node.children[0]
        if _TOTAL_NAME.search(first.name) and not first.children:
            return [idx[(*path, node.name, first.name)]]  # a group counts by its own total
        return [c for child in node.children for c in _columns_of(child, (*path, node.name), idx)]

    visit(tree, ())
    return out


def _value(text: str | None) -> Decimal:
    if not text:
        return Decimal(0)
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return Decimal(0)


def _slack(values: list[str | None]) -> Decimal:
    """Half a unit of the last printed digit for each figure (rounding)."""
    total = Decimal(0)
    for text in values:
        if text and "." in text:
            total += Decimal(5) * Decimal(10) ** -(len(text.split(".")[1]) + 1)
        elif text:
            total += Decimal("0.5")
    return total


def _holds(constraints: list[tuple[int, tuple[int, ...]]], values: list[Decimal | str | None]) -> bool:
    texts = [v if isinstance(v, str) or v is None else format(v, "f") for v in values]
    numbers = [_value(t) for t in texts]
    for total, parts in constraints:
        gap = abs(numbers[total] - sum((numbers[p] for p in parts), Decimal(0)))
        if gap > _slack([texts[total], *(texts[p] for p in parts)]):
            return False
    return True


def _placements(figures: list[str], width: int, constraints: list[tuple[int, tuple[int, ...]]]) -> list[tuple[int, ...]]:
    """The column positions a row's figures may take (in order, blanks between) that keep the sums."""
    if len(figures) > width or width - len(figures) > _MAX_BLANKS:
        return []
    out = []
    for positions in combinations(range(width), len(figures)):
        cells: list[str | None] = [""] * width
        for figure, position in zip(figures, positions, strict=True):
            cells[position] = figure
        if not constraints or _holds(constraints, cells):
            out.append(positions)
    return out


def _cells(figures: list[str], width: int, placements: list[tuple[int, ...]]) -> tuple[list[str | None], int]:
    """A row's cells: each figure in the column it takes under every remaining placement.

    Returns the cells (``""`` for blank or undecided) and how many figures were left out.
    """
    cells: list[str | None] = [""] * width
    if len(placements) > 1 and len({tuple(_value(c) for c in _vector(figures, p, width)) for p in placements}) == 1:
        placements = placements[:1]  # 「0.00 0.00 0.00」: every placement gives the same amounts
    dropped = 0
    for k, figure in enumerate(figures):
        columns = {positions[k] for positions in placements}
        if len(columns) == 1:
            cells[next(iter(columns))] = figure
        else:
            dropped += 1
    return cells, dropped


def _narrow_by_hierarchy(rows: list[_Row], candidates: list[list[tuple[int, ...]]]) -> None:
    """Keep the placements under which each coded row is the column sum of the rows under it.

    In a table listed by 科目编码 a 类 row is the sum of its 款 rows, a 款 of its 项 rows, and the
    合计 row of the 类 rows — column by column. Placements of the rows of one such family are
    tried together, and a placement no combination keeps is dropped, until nothing changes.
    """
    families = _families(rows)
    width = _width(rows, candidates)
    if width is None:
        return
    changed = True
    while changed:
        changed = False
        for parent, children in families:
            members = [parent, *children]
            if all(len(candidates[m]) == 1 for m in members) or any(not candidates[m] for m in members):
                continue
            combos = 1
            for m in members:
                combos *= len(candidates[m])
            if combos > _MAX_COMBINATIONS:
                continue
            kept: list[set[tuple[int, ...]]] = [set() for _ in members]
            for choice in product(*(candidates[m] for m in members)):
                vectors = [_vector(rows[m].figures, positions, width) for m, positions in zip(members, choice, strict=True)]
                if _adds_up(vectors[0], vectors[1:]):
                    for k, positions in enumerate(choice):
                        kept[k].add(positions)
            for k, m in enumerate(members):
                narrowed = [p for p in candidates[m] if p in kept[k]]
                if narrowed and len(narrowed) < len(candidates[m]):
                    candidates[m] = narrowed
                    changed = True


def _shape(figure: str) -> tuple[int, bool]:
    """What a column's figures look like: decimals printed, and whether it is a zero."""
    return _decimals_of(figure), _value(figure) == 0


def _decimals_of(figure: str) -> int:
    return len(figure.split(".")[1]) if "." in figure else 0


def _narrow_by_profiles(rows: list[_Row], candidates: list[list[tuple[int, ...]]], width: int) -> None:
    """Settle rows the sums leave open by how each column prints its figures elsewhere.

    Columns keep a habit: one prints 「0.00」 in nearly every row, another one decimal
    (「31.4」) or whole numbers. The rows whose figures have one placement give each column
    its profile (decimals, zero or not); a row with several placements takes the one its
    figures fit far better than any other (``_PROFILE_MARGIN`` times likelier), and stays
    undecided otherwise.
    """
    counts: list[dict[tuple[int, bool], int]] = [defaultdict(int) for _ in range(width)]
    totals = [0] * width
    for row, placements in zip(rows, candidates, strict=True):
        if len(placements) == 1:
            for figure, column in zip(row.figures, placements[0], strict=True):
                counts[column][_shape(figure)] += 1
                totals[column] += 1
    if sum(totals) < _PROFILE_EVIDENCE:
        return
    shapes = {shape for column in counts for shape in column} | {_shape(f) for r in rows for f in r.figures}

    def likelihood(column: int, figure: str) -> float:
        return (counts[column][_shape(figure)] + 1) / (totals[column] + len(shapes))

    for k, (row, placements) in enumerate(zip(rows, candidates, strict=True)):
        if len(placements) < 2:
            continue
        scored = []
        for positions in placements:
            score = 1.0
            for figure, column in zip(row.figures, positions, strict=True):
                score *= likelihood(column, figure)
            scored.append((score, positions))
        scored.sort(reverse=True)
        if scored[0][0] >= _PROFILE_MARGIN * scored[1][0]:
            candidates[k] = [scored[0][1]]


def _families(rows: list[_Row]) -> list[tuple[int, list[int]]]:
    """(parent row, child rows) by code: 类 → 款 → 项, and the 合计 row over the 类 rows."""
    by_code = {row.key: k for k, row in enumerate(rows) if row.key}
    out: list[tuple[int, list[int]]] = []
    for code, k in by_code.items():
        children = [j for c, j in by_code.items() if len(c) == len(code) + 2 and c.startswith(code)]
        if children:
            out.append((k, children))
    total = next((k for k, row in enumerate(rows) if not row.key and row.labels and _BARE_TOTAL.match(row.labels[-1])), None)
    classes = [k for c, k in by_code.items() if len(c) == 3]
    if total is not None and classes:
        out.append((total, classes))
    return out


def _width(rows: list[_Row], candidates: list[list[tuple[int, ...]]]) -> int | None:
    for row, placements in zip(rows, candidates, strict=True):
        if placements:
            return max(max(p, default=-1) for p in placements) + 1 if len(row.figures) else None
    return None


def _vector(figures: list[str], positions: tuple[int, ...], width: int) -> list[str | None]:
    cells: list[str | None] = [""] * max(width, (max(positions) + 1) if positions else 0)
    for figure, position in zip(figures, positions, strict=True):
        cells[position] = figure
    return cells


def _adds_up(parent: list[str | None], children: list[list[str | None]]) -> bool:
    width = max(len(parent), *(len(c) for c in children))
    for column in range(width):
        texts = [parent[column] if column < len(parent) else ""]
        parts = [child[column] if column < len(child) else "" for child in children]
        gap = abs(_value(texts[0]) - sum((_value(p) for p in parts), Decimal(0)))
        if gap > _slack([texts[0], *parts]):
            return False
    return True
