"""Content limits every format shares: bytes a ZIP-based file inflates to, characters, cells.

``check_inflated`` runs before a DOCX/XLSX part is read: the sizes the archive declares
bound what ``zipfile`` will ever inflate, so a zip bomb is refused from its directory
alone. ``check_content`` runs on the extracted document: a line (paragraph) too long for
the matchers, more text or more table cells than the settings allow.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from gongkai.errors import UnreadableInput
from gongkai.extract.model import RawPage, RawTable
from gongkai.limits import over_limit
from gongkai.settings import Settings


def check_inflated(data: bytes, source: str, settings: Settings) -> None:
    """Refuse an archive whose members would inflate past ``max_inflated_bytes``."""
    if not settings.max_inflated_bytes:
        return
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # the extractor reports the damaged archive in its own words
    if total > settings.max_inflated_bytes:
        raise UnreadableInput(
            source,
            "too_large",
            over_limit("解压后", total, settings.max_inflated_bytes, "字节", "--max-inflated-mb"),
        )


def check_content(pages: list[RawPage], source: str, settings: Settings) -> None:
    """Refuse extracted pages with a line, a text or tables larger than the settings allow."""
    chars = cells = longest = 0
    for page in pages:
        for block in page.blocks:
            if isinstance(block, RawTable):
                for row in block.rows:
                    for cell in row:
                        if cell:
                            cells += 1
                            chars += len(cell)
                            longest = max(longest, len(cell))
            else:
                chars += len(block.text)
                longest = max(longest, len(block.text))
    _refuse_over(source, "一行（一段）有", longest, settings.max_line_chars, "个字符", "--max-line-chars")
    _refuse_over(source, "正文共", chars, settings.max_chars, "个字符", "--max-chars")
    _refuse_over(source, "表格共", cells, settings.max_cells, "个单元格", "--max-cells")


def _refuse_over(source: str, what: str, amount: int, limit: int, unit: str, option: str) -> None:
    if limit and amount > limit:
        raise UnreadableInput(source, "too_large", over_limit(what, amount, limit, unit, option))


__all__ = ["check_content", "check_inflated"]
