"""Legacy Office files: ``.xls`` read with xlrd, ``.doc`` converted by LibreOffice, both sniffed from their OLE2 directory.

Every fixture is built here: workbooks with xlwt (and the same sheet with openpyxl, to
compare with the XLSX reader), compound files by ``compound_file`` below, Word documents
with python-docx. LibreOffice is stood in for by a small script named ``soffice`` on
``PATH`` that records how it was called; the one test that needs the real converter is
skipped where it is not installed.
"""

from __future__ import annotations

import json
import math
import stat
import struct
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import xlwt

from gongkai.api import check
from gongkai.cli import EXIT_UNREADABLE, main
from gongkai.errors import UnreadableInput
from gongkai.extract import RawTable, TextLine, extract, sniff
from gongkai.extract.doc import NEEDS_LIBREOFFICE, find_converter
from gongkai.extract.sniff import OLE_SIGNATURE
from gongkai.limits import timeout_reason
from gongkai.settings import Settings

# --- building compound files -------------------------------------------------------------

END_OF_CHAIN, FREE, FAT_SECTOR, NO_ENTRY = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def compound_file(streams: dict[str, bytes], *, loop_directory: bool = False, byte_order: int = 0xFFFE) -> bytes:
    """A version-3 OLE2 compound file whose root storage holds ``streams``.

    Stream contents are padded to whole sectors (keep them empty or at least 4096 bytes,
    so they are not in the mini stream). The root's children are chained through their
    right siblings, four directory entries per sector: with four or more streams the
    directory spans sectors linked through the FAT. ``loop_directory`` makes the last
    directory sector point back to the first.
    """
    fat = [FAT_SECTOR]  # sector 0 holds the FAT
    body: list[bytes] = []
    starts: list[int] = []
    for content in streams.values():
        count = math.ceil(len(content) / SECTOR)
        starts.append(len(fat) if count else END_OF_CHAIN)
        for i in range(count):
            fat.append(len(fat) + 1 if i < count - 1 else END_OF_CHAIN)
        body.append(content.ljust(count * SECTOR, b"\0"))
    names = list(streams)
    entries = [_entry("Root Entry", 5, child=1 if names else NO_ENTRY, start=END_OF_CHAIN, size=0)]
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else NO_ENTRY
        entries.append(_entry(name, 2, right=right, start=starts[i - 1], size=len(streams[name])))
    directory = b"".join(entries)
    directory = directory.ljust(math.ceil(len(directory) / SECTOR) * SECTOR, b"\0")
    first_directory = len(fat)
    count = len(directory) // SECTOR
    for i in range(count):
        fat.append(first_directory + i + 1 if i < count - 1 else END_OF_CHAIN)
    if loop_directory:
        fat[-1] = first_directory
    assert len(fat) <= SECTOR // 4
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        OLE_SIGNATURE, bytes(16), 0x3E, 3, byte_order, 9, 6, bytes(6),
        0, 1, first_directory, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0,
        0, *[FREE] * 108,
    )  # fmt: skip
    return header + fat_sector + b"".join(body) + directory


def _entry(name: str, kind: int, *, right: int = NO_ENTRY, child: int = NO_ENTRY, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sI16sIQ", encoded, len(encoded), kind, 1, NO_ENTRY, right, child, bytes(16), 0, bytes(16), start, size
    )


def garbage(size: int) -> bytes:
    """Deterministic bytes that are no BIFF record stream."""
    return bytes((i * 37 + 11) % 251 for i in range(size))


# --- building workbooks -------------------------------------------------------------------

Cell = tuple[int, int, Any, str]  # row, column (0-based), value, number format
Merge = tuple[int, int, int, int]  # first row, last row, first column, last column (0-based, inclusive)

BUDGET_CELLS: list[Cell] = [
    (0, 0, "某区财政局2023年度一般公共预算财政拨款支出决算表", "General"),
    (1, 0, "公开05表", "General"),
    (1, 2, "单位：万元", "General"),
    (2, 0, "项目", "General"),
    (2, 2, "决算数", "General"),
    (3, 0, "科目编码", "General"),
    (3, 1, "科目名称", "General"),
    (4, 0, "201", "General"),
    (4, 1, "一般公共服务支出", "General"),
    (4, 2, 1234.5, "0.00"),
    (5, 0, "20106", "General"),
    (5, 1, "财政事务", "General"),
    (5, 2, 1234.5, "0.00"),
    (6, 0, "2010601", "General"),
    (6, 1, "行政运行", "General"),
    (6, 2, 1000.25, "0.00"),
    (7, 0, "2010602", "General"),
    (7, 1, "一般行政管理事务", "General"),
    (7, 2, 234.25, "0.00"),
    (8, 0, "合计", "General"),
    (8, 2, 1234.5, "0.00"),
    (9, 0, "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。", "General"),
]
BUDGET_MERGES: list[Merge] = [(0, 0, 0, 2), (2, 2, 0, 1), (2, 3, 2, 2), (8, 8, 0, 1)]

BUDGET_BLOCKS = [
    TextLine("某区财政局2023年度一般公共预算财政拨款支出决算表", page=1),
    TextLine("公开05表 单位：万元", page=1),
    RawTable(
        page=1,
        rows=(
            ("项目", None, "决算数"),
            ("科目编码", "科目名称", None),
            ("201", "一般公共服务支出", "1234.50"),
            ("20106", "财政事务", "1234.50"),
            ("2010601", "行政运行", "1000.25"),
            ("2010602", "一般行政管理事务", "234.25"),
            ("合计", None, "1234.50"),
        ),
    ),
    TextLine("注：本表反映部门本年度一般公共预算财政拨款实际支出情况。", page=1),
]

# the facts of that table: (table, row label, column, subject code, value, unit, level)
TABLE = "一般公共预算财政拨款支出决算表"
BUDGET_FACTS = [
    (TABLE, "一般公共服务支出", "决算数", "201", "1234.50", "万元", "类"),
    (TABLE, "财政事务", "决算数", "20106", "1234.50", "万元", "款"),
    (TABLE, "行政运行", "决算数", "2010601", "1000.25", "万元", "项"),
    (TABLE, "一般行政管理事务", "决算数", "2010602", "234.25", "万元", "项"),
    (TABLE, "合计", "决算数", None, "1234.50", "万元", None),
]

# one value per row: (label, value, number format, as printed)
FORMATTED: list[tuple[str, Any, str, str]] = [
    ("两位小数", 12.3, "0.00", "12.30"),
    ("千分位", -1234.5, "#,##0.00", "-1,234.50"),
    ("百分比", 0.9731, "0.00%", "97.31%"),
    ("可选小数", 12.345, "0.0#", "12.35"),
    ("常规", 0.30000000000000004, "General", "0.3"),
    ("常规整数", 2010601, "General", "2010601"),
    ("日期", date(2023, 12, 31), "yyyy-mm-dd", "2023-12-31"),
    ("日期时间", datetime(2023, 12, 31, 8, 30), "yyyy-mm-dd hh:mm", "2023-12-31 08:30:00"),
    ("时间", clock(12, 0), "hh:mm", "12:00:00"),
    ("逻辑值", True, "General", "TRUE"),
    ("文本", " 第一行\n第二行 ", "General", "第一行\n第二行"),
]


def formatted_cells() -> list[Cell]:
    cells: list[Cell] = [(0, 0, "项目", "General"), (0, 1, "数值", "General")]
    for row, (label, value, number_format, _) in enumerate(FORMATTED, start=1):
        cells += [(row, 0, label, "General"), (row, 1, value, number_format)]
    return cells


def build_xls(path: Path, sheets: dict[str, tuple[list[Cell], list[Merge]]]) -> Path:
    """An ``.xls`` (BIFF8) of the given sheets, with xlwt."""
    workbook = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}
    for name, (cells, merges) in sheets.items():
        sheet = workbook.add_sheet(name)
        origins = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in merges}
        for row, column, value, number_format in cells:
            style = styles.setdefault(number_format, xlwt.easyxf(num_format_str=number_format))
            if (row, column) in origins:
                last_row, last_column = origins.pop((row, column))
                sheet.write_merge(row, last_row, column, last_column, value, style)
            else:
                sheet.write(row, column, value, style)
        assert not origins, "every merge needs a value at its top-left cell"
    workbook.save(str(path))
    return path


def build_xlsx(path: Path, sheets: dict[str, tuple[list[Cell], list[Merge]]]) -> Path:
    """The same sheets as an ``.xlsx``, with openpyxl."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, (cells, merges) in sheets.items():
        sheet = workbook.create_sheet(name)
        for row, column, value, number_format in cells:
            sheet.cell(row + 1, column + 1, value).number_format = number_format
        for r0, r1, c0, c1 in merges:
            sheet.merge_cells(start_row=r0 + 1, end_row=r1 + 1, start_column=c0 + 1, end_column=c1 + 1)
    workbook.save(path)
    return path


WORKBOOK = {"公开05表": (BUDGET_CELLS, BUDGET_MERGES), "格式": (formatted_cells(), [])}


@pytest.fixture
def budget_xls(tmp_path: Path) -> Path:
    return build_xls(tmp_path / "2023年部门决算.xls", WORKBOOK)


def facts_of(path: Path) -> list[tuple[str | None, ...]]:
    """The table facts of the first page (the budget table; the formats sheet is page 2)."""
    return [
        (f.table, f.row, f.column, f.subject_code, str(f.value), f.unit, f.level)
        for f in check(path).facts
        if f.origin == "table" and f.evidence.page == 1
    ]


# --- sniffing -------------------------------------------------------------------------------


def test_sniff_tells_workbooks_and_documents_from_other_compound_files(budget_xls: Path) -> None:
    filler = {f"Stream{i}": b"" for i in range(5)}  # the wanted name in the second directory sector
    assert sniff(budget_xls.read_bytes()) == "xls"
    assert sniff(compound_file({"Workbook": b""})) == "xls"
    assert sniff(compound_file({"Book": b""})) == "xls"  # Excel 5/95
    assert sniff(compound_file({"\x01CompObj": b"", "WordDocument": b"", "1Table": b""})) == "doc"
    assert sniff(compound_file({**filler, "WordDocument": garbage(4096)})) == "doc"
    assert sniff(compound_file({"PowerPoint Document": b"", "Current User": b""})) == "ole"
    assert sniff(compound_file({})) == "ole"


@pytest.mark.parametrize(
    "damage",
    ["header_then_garbage", "cut_after_header", "directory_loops", "wrong_byte_order", "directory_past_the_end"],
)
def test_sniff_takes_a_damaged_compound_file_as_ole(budget_xls: Path, damage: str) -> None:
    data = {
        "header_then_garbage": OLE_SIGNATURE + garbage(4096),
        "cut_after_header": budget_xls.read_bytes()[:600],
        "directory_loops": compound_file({**{f"S{i}": b"" for i in range(6)}, "Workbook": b""}, loop_directory=True),
        "wrong_byte_order": compound_file({"Workbook": b""}, byte_order=0xFEFF),
        "directory_past_the_end": compound_file({"Workbook": b""})[:-SECTOR],
    }[damage]
    assert sniff(data) == "ole"


def test_sniff_follows_the_fat_through_difat_sectors() -> None:
    # the directory in sector 14000: its FAT entry is in the 110th FAT sector, listed in a DIFAT sector
    directory = 14000
    per_sector = SECTOR // 4
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        OLE_SIGNATURE, bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6),
        0, 110, directory, 0, 4096, END_OF_CHAIN, 0, 1, 1,
        *[0] * 109,  # the first 109 FAT sectors: all sector 0 (free entries only)
    )  # fmt: skip
    data = bytearray(header + bytes((directory + 1) * SECTOR))
    fat = [FREE] * per_sector
    fat[directory % per_sector] = END_OF_CHAIN
    struct.pack_into(f"<{per_sector}I", data, SECTOR, *[FREE] * per_sector)  # sector 0
    struct.pack_into(f"<{per_sector}I", data, 2 * SECTOR, 2, *[FREE] * (per_sector - 2), END_OF_CHAIN)  # 1: DIFAT
    struct.pack_into(f"<{per_sector}I", data, 3 * SECTOR, *fat)  # sector 2: the 110th FAT sector
    root = _entry("Root Entry", 5, child=1, start=END_OF_CHAIN, size=0)
    data[(directory + 1) * SECTOR : (directory + 1) * SECTOR + 256] = root + _entry("Workbook", 2, start=END_OF_CHAIN, size=0)

    assert sniff(bytes(data)) == "xls"
    struct.pack_into("<I", data, 0x48, 0)  # the header declares no DIFAT sector: the FAT entry cannot be found
    assert sniff(bytes(data)) == "ole"


# --- .xls -----------------------------------------------------------------------------------


def test_xls_budget_table_title_merges_and_figures(budget_xls: Path) -> None:
    document = extract(budget_xls)

    assert document.format == "xls"
    assert [page.number for page in document.pages] == [1, 2]
    assert document.pages[0].blocks == BUDGET_BLOCKS
    assert document.pages[1].blocks == [
        RawTable(page=2, rows=(("项目", "数值"), *((label, printed) for label, _, _, printed in FORMATTED)))
    ]


def test_xls_reads_like_the_same_workbook_saved_as_xlsx(budget_xls: Path, tmp_path: Path) -> None:
    as_xlsx = extract(build_xlsx(tmp_path / "2023年部门决算.xlsx", WORKBOOK))

    assert [page.blocks for page in extract(budget_xls).pages] == [page.blocks for page in as_xlsx.pages]


def test_xls_check_gives_the_table_facts_and_sums(budget_xls: Path) -> None:
    report = check(budget_xls)

    assert (report.document.format, report.document.doc_type, report.document.fiscal_year) == ("xls", "final_accounts", 2023)
    assert report.document.department == "某区财政局"
    assert facts_of(budget_xls) == BUDGET_FACTS
    on_the_table = [(c.rule, c.verdict, c.stated, c.computed) for c in report.checks if c.evidence[0].page == 1]
    assert on_the_table == [
        ("sum.table_hierarchy", "consistent", "1234.50万元", "1234.495～1234.505万元"),  # 201 = 20106
        ("sum.table_hierarchy", "consistent", "1234.50万元", "1234.49～1234.51万元"),  # 20106 = 2010601 + 2010602
        ("sum.table_hierarchy", "consistent", "1234.50万元", "1234.495～1234.505万元"),  # 合计 = 201
    ]
    assert [f for f in report.findings if f.severity == "error"] == []


def test_xls_with_more_cells_than_the_limit_is_refused(tmp_path: Path) -> None:
    cells = [(r, c, f"{r}.{c}", "General") for r in range(20) for c in range(3)]
    path = build_xls(tmp_path / "big.xls", {"表": (cells, [])})

    with pytest.raises(UnreadableInput) as caught:
        extract(path, Settings(max_cells=50))

    assert (caught.value.kind, caught.value.reason) == ("too_large", "表格超过 50 个单元格的上限；可用 --max-cells 调高（0 表示不限）")


def test_header_then_garbage_named_xls_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tables.xls"
    path.write_bytes(OLE_SIGNATURE + garbage(4096))

    assert main(["check", str(path)]) == EXIT_UNREADABLE

    captured = capsys.readouterr()
    expected = (
        "不支持的格式：旧版 Office 复合文档，但不是可识别的 Word（.doc）或 Excel（.xls）文件"
        "（可能已损坏，或是 .ppt 等其他格式），请另存为 .docx/.xlsx 或 PDF"
    )
    assert (captured.out, captured.err) == ("", f"gongkai: {path}: {expected}\n")


def test_workbook_stream_of_garbage_is_corrupt_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tables.xls"
    path.write_bytes(compound_file({"Workbook": garbage(4096)}))

    with pytest.raises(UnreadableInput) as caught:
        extract(path)
    assert main(["check", str(path)]) == EXIT_UNREADABLE

    detail = "Unsupported format, or corrupt file: Expected BOF record"
    assert (caught.value.kind, caught.value.reason) == ("corrupt", f"XLS 文件无法打开（已损坏或不是 Excel 工作簿：{detail}）")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"gongkai: {path}: {caught.value.reason}\n")


def test_xls_named_pdf_says_what_it_is(budget_xls: Path, tmp_path: Path) -> None:
    path = tmp_path / "2023年部门决算.pdf"
    path.write_bytes(budget_xls.read_bytes())

    with pytest.raises(UnreadableInput) as caught:
        extract(path)

    assert (caught.value.kind, caught.value.reason) == ("not_pdf", "文件名是 .pdf，但内容不是 PDF（是旧版 Excel 工作簿，可能是下载出错）")


# --- .doc -------------------------------------------------------------------------------------


# the same table in Word: (code, name, level, printed value) per row, no merged header
BUDGET_ROWS = [(code or "", name, level, value) for _, name, _, code, value, _, level in BUDGET_FACTS]
DOCX_FACTS = [(TABLE, name, "决算数", code or None, value, "万元", level) for code, name, level, value in BUDGET_ROWS]


def budget_docx(path: Path) -> Path:
    """A DOCX with the budget table above: title, unit line, a 科目编码/科目名称/决算数 table."""
    word = docx.Document()
    word.add_paragraph("某区财政局2023年度一般公共预算财政拨款支出决算表")
    word.add_paragraph("单位：万元")
    rows = [("科目编码", "科目名称", "决算数"), *((code, name, value) for code, name, _, value in BUDGET_ROWS)]
    table = word.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.save(str(path))
    return path


FAKE_SOFFICE = """\
#!{python}
import json, os, shutil, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_SOFFICE_LOG"], "w") as log:
    json.dump(args, log)
shutil.copy(args[-1], os.environ["FAKE_SOFFICE_LOG"] + ".received")
mode = os.environ["FAKE_SOFFICE_MODE"]
if mode == "sleep":
    time.sleep(60)
if mode == "fail":
    sys.exit(77)
shutil.copy(os.environ["FAKE_SOFFICE_DOCX"], os.path.join(args[args.index("--outdir") + 1], "input.docx"))
"""


@pytest.fixture
def word_doc(tmp_path: Path) -> Path:
    """An OLE2 file with a ``WordDocument`` stream (its content is never parsed by gongkai itself)."""
    path = tmp_path / "2023年部门决算.doc"
    path.write_bytes(compound_file({"WordDocument": garbage(4096), "1Table": garbage(4096)}))
    return path


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A ``soffice`` on an otherwise empty ``PATH`` that "converts" by copying a prepared DOCX."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    paths = {"log": tmp_path / "soffice.json", "docx": budget_docx(tmp_path / "converted.docx")}
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(paths["log"]))
    monkeypatch.setenv("FAKE_SOFFICE_DOCX", str(paths["docx"]))
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "copy")
    return paths


def test_budget_docx_has_the_expected_facts(tmp_path: Path) -> None:
    assert facts_of(budget_docx(tmp_path / "budget.docx")) == DOCX_FACTS


def test_doc_is_converted_in_a_temporary_folder_and_read_as_docx(word_doc: Path, fake_soffice: dict[str, Path]) -> None:
    document = extract(word_doc)
    args = json.loads(fake_soffice["log"].read_text(encoding="utf-8"))
    folder = Path(args[-2])

    assert document.format == "doc"
    assert [page.blocks for page in document.pages] == [page.blocks for page in extract(fake_soffice["docx"]).pages]
    assert facts_of(word_doc) == DOCX_FACTS
    assert args == [
        "--headless",
        "--norestore",
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--convert-to",
        "docx",
        "--outdir",
        str(folder),
        str(folder / "input.doc"),
    ]
    assert folder.name.startswith("gongkai-doc-") and folder.parent == Path(tempfile.gettempdir())
    assert not folder.exists()
    assert Path(f"{fake_soffice['log']}.received").read_bytes() == word_doc.read_bytes()


def test_doc_conversion_past_the_timeout_is_refused(
    word_doc: Path, fake_soffice: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "sleep")
    started = time.monotonic()

    with pytest.raises(UnreadableInput) as caught:
        extract(word_doc, Settings(timeout_seconds=1))

    assert time.monotonic() - started < 20
    assert (caught.value.kind, caught.value.reason) == ("timeout", timeout_reason(1, "用 LibreOffice 转换 .doc "))
    assert caught.value.reason == "处理超过 1 秒的上限（用 LibreOffice 转换 .doc 时）；可用 --timeout 调高（0 表示不限）"
    assert not Path(json.loads(fake_soffice["log"].read_text(encoding="utf-8"))[-2]).exists()


def test_doc_conversion_failure_is_corrupt(word_doc: Path, fake_soffice: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "fail")

    with pytest.raises(UnreadableInput) as caught:
        extract(word_doc)

    reason = "LibreOffice 无法把这个 .doc 文件转换为 DOCX（退出码 77），文件可能已损坏或有密码保护"
    assert (caught.value.kind, caught.value.reason) == ("corrupt", reason)


def test_doc_without_libreoffice_says_what_to_install(
    word_doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    with pytest.raises(UnreadableInput) as caught:
        extract(word_doc)
    assert main(["check", str(word_doc)]) == EXIT_UNREADABLE

    assert (caught.value.kind, caught.value.reason) == ("needs_libreoffice", NEEDS_LIBREOFFICE)
    captured = capsys.readouterr()
    line = (
        f"gongkai: {word_doc}: 这是旧版 Word 文档（.doc），需要 LibreOffice 才能读取：请安装 LibreOffice"
        "（Debian: apt-get install libreoffice-writer-nogui），或另存为 .docx/PDF\n"
    )
    assert (captured.out, captured.err) == ("", line)


def test_real_libreoffice_round_trip_keeps_the_facts(tmp_path: Path) -> None:
    converter = find_converter()
    if converter is None:
        pytest.skip("LibreOffice (soffice) is not installed: the .doc round trip needs it to make the .doc")
    source = budget_docx(tmp_path / "budget.docx")
    profile = (tmp_path / "profile").as_uri()
    command = [converter, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "doc"]
    subprocess.run([*command, "--outdir", str(tmp_path / "doc"), str(source)], check=True, timeout=300)
    converted = tmp_path / "doc" / "budget.doc"

    assert sniff(converted.read_bytes()) == "doc"
    assert extract(converted).format == "doc"
    assert facts_of(converted) == DOCX_FACTS
