"""Benchmark ``check`` on PDFs: per document and per page, each backend, bare extraction, memory.

    python -m gongkai.bench [PDF …] [--repeat 5]

For every PDF (default: every PDF under ``../shared/corpus/`` and ``corpus/``) it prints the median
wall time of an in-process, warm ``gongkai.check`` with each PDF backend, next to the bare
extraction floors measured in the same run — pypdfium2's plain text of every page, and
pdfplumber's ``extract_text()`` + ``extract_tables()`` — and the peak resident memory of a
fresh process checking the file. It also reports process start-up: the time from starting
``gongkai check`` to its first byte of output. Figures are measured, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GLOBS = (ROOT.parent / "shared" / "corpus", ROOT / "corpus")


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``work`` after one warm-up run."""
    work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bare_pdfium_text(path: Path) -> None:
    """pypdfium2's plain text of every page (the floor of any text pipeline)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()


def bare_plumber(path: Path) -> None:
    """pdfplumber's ``extract_text()`` and ``extract_tables()`` on every page."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.flush_cache()


def peak_rss_mib(path: Path, backend: str) -> float:
    """Peak resident memory (MiB) of a fresh process that checks ``path`` once."""
    # VmHWM is the high-water mark of this process image; ru_maxrss would also count the
    # memory of the (large) benchmark process it was forked from
    code = (
        "import sys, gongkai;"
        f"gongkai.check(sys.argv[1], {{'pdf_backend': '{backend}'}});"
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    runs = []
    for _ in range(2):  # the first run may compile bytecode and build jieba's cache
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        runs.append(int(out.stdout.strip().splitlines()[-1]) / 1024)
    return runs[-1]


def startup_seconds(path: Path, repeat: int) -> tuple[float, float]:
    """(start → first output of ``gongkai check``, start → exit of ``gongkai --version``), medians."""
    command = [sys.executable, "-m", "gongkai.cli"]
    first_output, version = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with subprocess.Popen([*command, "check", str(path), "--no-colour"], stdout=subprocess.PIPE) as proc:
            assert proc.stdout is not None
            proc.stdout.read(1)
            first_output.append(time.perf_counter() - started)
            proc.stdout.read()
        started = time.perf_counter()
        subprocess.run([*command, "--version"], capture_output=True, check=True)
        version.append(time.perf_counter() - started)
    return statistics.median(first_output), statistics.median(version)


def pdf_pages(path: Path) -> int:
    """The page count of a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (median)")
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted(p for folder in DEFAULT_GLOBS if folder.exists() for p in folder.rglob("*.pdf"))
    if not pdfs:
        print("no PDFs to measure", file=sys.stderr)
        return 2
    import gongkai

    print(f"gongkai {gongkai.__version__} · {date.today()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()} · median of {args.repeat} warm runs")
    header = (
        f"{'document':42} {'pages':>5} {'pdfium s':>9} {'s/page':>7} {'plumber s':>10} {'bare text s':>12} "
        f"{'×bare':>6} {'plumber text+tables s':>22} {'peak MiB':>9}"
    )
    print(header)
    for path in pdfs:
        pages = pdf_pages(path)
        fast = median_seconds(lambda p=path: gongkai.check(p, {"pdf_backend": "pdfium"}), args.repeat)
        slow = median_seconds(lambda p=path: gongkai.check(p, {"pdf_backend": "plumber"}), args.repeat)
        text = median_seconds(lambda p=path: bare_pdfium_text(p), args.repeat)
        plumber = median_seconds(lambda p=path: bare_plumber(p), max(1, args.repeat // 2))
        peak = peak_rss_mib(path, "pdfium")
        print(
            f"{path.name[:42]:42} {pages:5d} {fast:9.3f} {fast / pages:7.4f} {slow:10.3f} {text:12.3f} "
            f"{fast / text:6.1f} {plumber:22.3f} {peak:9.1f}"
        )
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text("某局2023年度部门决算\n本年收入合计100.00万元，其中：财政拨款收入100.00万元，占100.00%。\n", encoding="utf-8")
        first_output, version = startup_seconds(tiny, args.repeat)
    print(f"start-up: `gongkai check` on a one-line document, start → first output {first_output:.3f} s; "
          f"`gongkai --version` {version:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
