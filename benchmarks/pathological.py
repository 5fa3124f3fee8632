"""Hostile and unlucky inputs: each must give a report or a one-line refusal, in bounded time and memory.

Builds each case in a temporary directory at the size given (``--scale 1`` is the size the
cases were found at; ``--scale 0.1`` a tenth) and runs ``gongkai check`` on it in a fresh
process, printing the wall time, the peak resident memory of that process, the exit code
and the first line it wrote to stderr:

* ``docx_bomb``: a DOCX whose one member inflates to 4 GB (4 MB on disk);
* ``docx_paragraphs``: a DOCX of 100,000 short paragraphs;
* ``xlsx_rows``: an XLSX of 200,000 rows;
* ``txt_one_line``: 50 MB of text on one line;
* ``txt_figures``: 50 MB of ``1.5+`` on one line;
* ``pdf_text_stream``: a PDF page whose content stream holds 50 MB of text operators;
* ``pdf_path_stream``: a PDF page whose content stream holds 50 MB of path operators.

    .venv/bin/python benchmarks/pathological.py [--scale 1] [--only NAME …]

Figures are measured, never asserted (tests/test_pathological.py asserts the behaviour on
scaled-down copies).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GONGKAI = [sys.executable, "-c", "import sys; from gongkai.cli import main; sys.exit(main(sys.argv[1:]))"]


def docx_bomb(path: Path, scale: float) -> None:
    """A minimal DOCX plus one member of zeros that deflates ~1000:1."""
    size = int(4 * 1024**3 * scale)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", _document(["一、部门决算情况说明"]))
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)


def docx_paragraphs(path: Path, scale: float) -> None:
    from docx import Document

    document = Document()
    for i in range(int(100_000 * scale)):
        document.add_paragraph(f"第{i}项支出{i % 997}.{i % 100:02d}万元。")
    document.save(str(path))


def xlsx_rows(path: Path, scale: float) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("支出决算表")
    sheet.append(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    for i in range(int(200_000 * scale)):
        sheet.append([f"2010{i % 100:02d}", f"科目{i}", 100.5 + i, 60.25, 40.25 + i])
    workbook.save(path)


def txt_one_line(path: Path, scale: float) -> None:
    unit = "本部门一般公共预算财政拨款支出比上年增加".encode()
    path.write_bytes(unit * int(50 * 1024**2 * scale / len(unit)))


def txt_figures(path: Path, scale: float) -> None:
    path.write_bytes(b"1.5+" * int(50 * 1024**2 * scale / 4))


def pdf_text_stream(path: Path, scale: float) -> None:
    op = b"BT /F1 9 Tf 72 700 Td (1234.56) Tj ET\n"
    _pdf(path, op * int(50 * 1024**2 * scale / len(op)))


def pdf_path_stream(path: Path, scale: float) -> None:
    op = b"72 700 m 300 700 l S\n"
    _pdf(path, op * int(50 * 1024**2 * scale / len(op)))


CASES: dict[str, tuple[str, Callable[[Path, float], None]]] = {
    "docx_bomb": ("bomb.docx", docx_bomb),
    "docx_paragraphs": ("paragraphs.docx", docx_paragraphs),
    "xlsx_rows": ("rows.xlsx", xlsx_rows),
    "txt_one_line": ("one_line.txt", txt_one_line),
    "txt_figures": ("figures.txt", txt_figures),
    "pdf_text_stream": ("text_stream.pdf", pdf_text_stream),
    "pdf_path_stream": ("path_stream.pdf", pdf_path_stream),
}

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _document(lines: list[str]) -> str:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )


def _pdf(path: Path, content: bytes) -> None:
    """A one-page PDF with Helvetica and the given content stream, with a correct xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


_WRAPPER = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "sys.stderr.write('\\nMAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(done.returncode)"
)


def measure(path: Path, extra: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS (MiB) of the ``gongkai check`` process, its exit code and the
    first line it wrote on stderr (or the size of its report)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *GONGKAI, "check", str(path), "--format", "json", *extra],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    seconds = time.perf_counter() - start
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    peak = int(lines.pop().split()[1]) / 1024 if lines and lines[-1].startswith("MAXRSS") else float("nan")
    lines = [line for line in lines if line.strip()]
    return seconds, peak, done.returncode, (lines[0] if lines else f"report, {len(done.stdout):,} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)
    names = args.only or list(CASES)
    print(f"pathological inputs at scale {args.scale:g}: `gongkai check` in a fresh process each")
    print(f"{'case':18} {'MB':>8} {'s':>7} {'MiB':>7} exit  stderr / result")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            filename, build = CASES[name]
            path = Path(folder) / filename
            build(path, args.scale)
            seconds, peak, code, line = measure(path, [])
            size = path.stat().st_size / 1024**2
            print(f"{name:18} {size:8.1f} {seconds:7.1f} {peak:7.0f} {code:4}  {line[:110]}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
