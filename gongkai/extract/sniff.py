"""Tell a file's format from its content (the first bytes; an OLE2 file's directory), not from its name."""

from __future__ import annotations

import re
import struct
import zipfile
from io import BytesIO

TEXT_CONTROL_LIMIT = 0.01  # share of control characters a text file may contain
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_MAX_DIRECTORY_SECTORS = 4096  # a directory longer than this (or looping) is taken as damaged
_OLE_STREAMS = {"workbook": "xls", "book": "xls", "worddocument": "doc"}  # top-level stream → format
_OLE_LAST_SECTOR = 0xFFFFFFFA  # larger sector numbers are markers (end of chain, free …)
_OLE_END_OF_CHAIN = 0xFFFFFFFE
_OLE_NO_ENTRY = 0xFFFFFFFF


def sniff(data: bytes) -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``xlsx``, ``doc``, ``xls``, ``html``, ``txt``, or what it is instead.

    Formats gongkai cannot read come back as ``ole`` (an OLE2 compound file that is
    neither a Word document nor an Excel workbook, or whose directory is damaged),
    ``zip``, ``image``, ``binary`` or ``empty``.
    """
    if not data.strip():
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(OLE_SIGNATURE):
        return _sniff_ole(data)
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    text_head = _decode_head(head)
    if text_head is None:
        return "binary"
    lowered = re.sub(r"^(?:\s|<!--.*?-->)*", "", text_head.lstrip("\ufeff"), flags=re.S).lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text_head.lower():
        return "html"
    if lowered.startswith(("<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div")):
        return "html"
    return "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        head = data[:65536]
        if b"word/" in head:
            return "docx"  # a cut-off download: the extractor reports it as corrupt
        if b"xl/" in head:
            return "xlsx"
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _sniff_ole(data: bytes) -> str:
    """``xls`` or ``doc`` from the streams at the top of an OLE2 compound file, else ``ole``."""
    try:
        names = _OleDirectory(data).top_level_streams()
    except (ValueError, IndexError, struct.error):
        return "ole"
    for name in ("workbook", "book", "worddocument"):
        if name in names:
            return _OLE_STREAMS[name]
    return "ole"


class _OleDirectory:
    """The directory of an OLE2 compound file, read from the header, the FAT and the directory sectors only.

    Only the FAT sectors on the directory's chain are looked at; any inconsistency
    (a sector past the end of the data, a loop, a chain longer than
    ``OLE_MAX_DIRECTORY_SECTORS``) raises ``ValueError``.
    """

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise ValueError("short header")
        byte_order, shift = struct.unpack_from("<HH", data, 0x1C)
        if byte_order != 0xFFFE or shift not in (9, 12):
            raise ValueError("not a compound file header")
        self.data, self.size = data, 1 << shift
        self.fat_sectors: list[int] = list(struct.unpack_from("<109I", data, 0x4C))
        self.next_difat, self.difat_left = struct.unpack_from("<II", data, 0x44)
        self.chain = self._directory_chain(struct.unpack_from("<I", data, 0x30)[0])

    def top_level_streams(self) -> set[str]:
        """The lower-cased names of the streams directly in the root storage."""
        root_type, child = self._entry(0, 0x42, "<B"), self._entry(0, 0x4C, "<I")
        if root_type != 5:
            raise ValueError("the first directory entry is not the root")
        names: set[str] = set()
        pending, seen = [child], set()
        while pending:  # the children form a tree through their left and right siblings
            entry = pending.pop()
            if entry == _OLE_NO_ENTRY:
                continue
            if entry in seen:
                raise ValueError("the directory tree loops")
            seen.add(entry)
            if self._entry(entry, 0x42, "<B") == 2:
                names.add(self._name(entry))
            pending.extend((self._entry(entry, 0x44, "<I"), self._entry(entry, 0x48, "<I")))
        return names

    def _name(self, entry: int) -> str:
        length = self._entry(entry, 0x40, "<H")
        if not 2 <= length <= 64 or length % 2:
            raise ValueError("bad directory entry name")
        start = self._entry_offset(entry)
        return self.data[start : start + length - 2].decode("utf-16-le").lower()

    def _entry(self, entry: int, field: int, fmt: str) -> int:
        return struct.unpack_from(fmt, self.data, self._entry_offset(entry) + field)[0]

    def _entry_offset(self, entry: int) -> int:
        per_sector = self.size // 128
        if entry >= len(self.chain) * per_sector:
            raise ValueError("directory entry out of range")
        return self._offset(self.chain[entry // per_sector]) + (entry % per_sector) * 128

    def _offset(self, sector: int) -> int:
        offset = (sector + 1) * self.size
        if sector > _OLE_LAST_SECTOR or offset + self.size > len(self.data):
            raise ValueError("sector out of range")
        return offset

    def _directory_chain(self, first: int) -> list[int]:
        chain: list[int] = []
        seen: set[int] = set()
        sector = first
        while sector != _OLE_END_OF_CHAIN:
            if len(chain) >= OLE_MAX_DIRECTORY_SECTORS or sector in seen:
                raise ValueError("the directory chain loops or is too long")
            self._offset(sector)
            chain.append(sector)
            seen.add(sector)
            sector = self._next(sector)
        if not chain:
            raise ValueError("empty directory")
        return chain

    def _next(self, sector: int) -> int:
        """The FAT entry of ``sector``: the sector after it in its chain."""
        per_sector = self.size // 4
        index = sector // per_sector
        while index >= len(self.fat_sectors) and self.difat_left:  # the FAT's location continues in DIFAT sectors
            if self.next_difat > _OLE_LAST_SECTOR:
                raise ValueError("the DIFAT chain ends early")
            values = struct.unpack_from(f"<{per_sector}I", self.data, self._offset(self.next_difat))
            self.fat_sectors.extend(values[:-1])
            self.next_difat, self.difat_left = values[-1], self.difat_left - 1
        if index >= len(self.fat_sectors):
            raise ValueError("sector not in the FAT")
        return struct.unpack_from("<I", self.data, self._offset(self.fat_sectors[index]) + (sector % per_sector) * 4)[0]


def _decode_head(head: bytes) -> str | None:
    """The head as text, or ``None`` when it looks like binary data."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    text = None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the 1024-byte window
                text = head[: exc.start].decode(encoding)
                break
    if text is None:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in text or controls > TEXT_CONTROL_LIMIT * max(len(text), 1):
        return None
    return text
