"""Where a document says what it is: a web page's header block, the cover, the title line.

Texts saved from a government web page begin with a header (``标题：…``, ``发布时间：…``,
``发布机构：…``, a ``当前位置：首页>…`` breadcrumb) before the body. The header's title is
the document's title; its dates, publishing site and breadcrumb are not the document's year
or department, so they are kept out of the text the other readers look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.normalize.document import Document, Passage

_HEAD_PASSAGES = 60  # the cover, the title and the table of contents
_HEADER_KEYS = (
    "标题|题目|发布时间|发布日期|更新时间|生成日期|发文日期|成文日期|时间|日期|文号|发文字号|索引号|"
    "发布机构|发布单位|来源|信息来源|作者|栏目|所属栏目|主题分类|原文链接|链接|网址|本地目录|浏览次数"
)
_HEADER_LINE = re.compile(rf"^(?P<key>{_HEADER_KEYS})\s*[：:]\s*(?P<value>.*)$")
_SEPARATOR = re.compile(r"^[=\-_*#]{3,}.*[=\-_*#]{3,}$")
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置|当前页面)\s*[：:]")
_DOC_WORD = re.compile(r"决算|预算|绩效|自评")
_TOC_LINE = re.compile(r"[.．…·]{4,}|\.{2,}\s*\d|[…]{2,}")
_ENUMERATED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+部分)"
)
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_CONTENTS = re.compile(r"^(?:目\s*录|目\s*次)$")


@dataclass(frozen=True, slots=True)
class Page:
    """The parts of a document that say what it is."""

    header: dict[str, str]  # a web page's header fields (标题, 发布时间, 发布机构 …)
    body: str  # the text without the header block
    cover: list[str | None]  # the first passages' lines; None for a table of several cells
    title: str | None


def read_page(document: Document) -> Page:
    """Split off a web header and find the cover lines and the title."""
    passages = document.passages[:_HEAD_PASSAGES]
    header, first_body = _header(document, passages)
    body_start = passages[first_body].start if first_body < len(passages) else 0
    body = document.text[body_start:] if header else document.text
    cover = [_cover_line(document, p) for p in passages[first_body:]]
    title = header.get("标题") or header.get("题目") or _title(cover)
    return Page(header=header, body=body, cover=cover, title=title.strip() if title else None)


def _header(document: Document, passages: list[Passage]) -> tuple[dict[str, str], int]:
    """The header fields and the index of the first body passage (0 when there is no header)."""
    lines = [document.passage_text(p).strip() for p in passages]
    separator = next((i for i, line in enumerate(lines[:20]) if _SEPARATOR.match(line)), None)
    fields: dict[str, str] = {}
    end = 0
    for i, line in enumerate(lines):
        match = _HEADER_LINE.match(line)
        if separator is not None and i < separator:
            if match:
                fields.setdefault(match.group("key"), match.group("value").strip())
            continue
        if separator is not None and i == separator:
            end = i + 1
            break
        if not match or "\n" in line:
            break
        fields.setdefault(match.group("key"), match.group("value").strip())
        end = i + 1
    if len(fields) < 2:  # one 时间： line is not a web header
        return {}, 0
    return fields, end


def _cover_line(document: Document, passage: Passage) -> str | None:
    text = document.passage_text(passage).strip()
    if passage.kind == "table" and passage.table is not None:
        cells = [c.text.strip() for row in passage.table.rows for c in row if c is not None and c.text.strip()]
        if len(cells) > 2:
            return None
        text = "".join(cells)
    return re.sub(r"\s+", "", text) if "\n" in text else text


def _title(cover: list[str | None]) -> str | None:
    """The first line naming the document's kind, with the short cover lines just above it."""
    for i, line in enumerate(cover[:40]):
        if line is None or not _titlelike(line) or not _DOC_WORD.search(line):
            continue
        parts = [line]
        for previous in reversed(cover[max(0, i - 2) : i]):
            if previous is None or not _joinable(previous):
                break
            parts.insert(0, previous)
        return "".join(parts)
    return None


def _titlelike(line: str) -> bool:
    return (
        len(line) <= 80
        and "：" not in line
        and ":" not in line
        and not _TOC_LINE.search(line)
        and not _ENUMERATED.match(line)
        and not _BREADCRUMB.match(line)
    )


def _joinable(line: str) -> bool:
    """A short cover line that continues into the title below it (``2018年度某某省高级``)."""
    return (
        0 < len(line) <= 30
        and _titlelike(line)
        and not _DATE.search(line)
        and not _DOC_WORD.search(line)
        and not _CONTENTS.match(line)
    )


def is_breadcrumb(line: str) -> bool:
    """Whether a line is a web page's ``当前位置：首页>…`` trail."""
    return bool(_BREADCRUMB.match(line))
