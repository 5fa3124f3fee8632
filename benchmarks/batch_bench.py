"""Benchmark of ``gongkai extract``: throughput at -j 1 and -j 2, and peak memory as N grows.

Builds a corpus of N copies of the real PDFs (each with distinct bytes appended after
``%%EOF``, so neither the content-hash deduplication nor the cache can skip them), runs
``gongkai extract`` on the first N files for every N and job count with a fresh output
and cache, and prints files/s, pages/s, the scaling efficiency of -j 2 over -j 1 and the
peak resident memory of the whole process tree (the parent and its workers), sampled
every 50 ms.

    .venv/bin/python benchmarks/batch_bench.py                 # N = 50 and 200, -j 1 and 2
    .venv/bin/python benchmarks/batch_bench.py --sizes 20 --jobs 1 2 4
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Measurement:
    """One ``extract`` run."""

    files: int
    jobs: int
    seconds: float
    pages: int
    documents: int
    errors: int
    peak_rss: int
    peak_parent_rss: int

    @property
    def files_per_second(self) -> float:
        return self.files / self.seconds

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def build_corpus(sources: list[Path], folder: Path, count: int) -> list[Path]:
    """``count`` PDFs cycling through ``sources``, made distinct by a trailing PDF comment."""
    folder.mkdir(parents=True, exist_ok=True)
    blobs = [s.read_bytes() for s in sources]
    files = []
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"{i:05d}_{source.name}"
        if not target.exists():
            target.write_bytes(blobs[i % len(blobs)] + f"\n%gongkai-bench {i}\n".encode())
        files.append(target)
    return files


def _rss_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _children_of(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of a process and all its descendants, and of the process alone."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            own = root.memory_info().rss
            total = own
            for child in root.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            return total, own
        except psutil.Error:
            return 0, 0
    own = _rss_of(pid)
    total, stack = own, _children_of(pid)
    while stack:
        child = stack.pop()
        total += _rss_of(child)
        stack.extend(_children_of(child))
    return total, own


def run_extract(files: list[Path], jobs: int, workdir: Path) -> Measurement:
    """Run ``gongkai extract`` on ``files`` with a fresh output and cache; measure it."""
    listing = workdir / f"list-{len(files)}.txt"
    listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    out = workdir / f"out-{len(files)}-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "gongkai.cli", "extract", "--from-list", str(listing), "-o", str(out)]
    command += ["-j", str(jobs), "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO)
    peak = peak_parent = 0
    while process.poll() is None:
        total, own = tree_rss(process.pid)
        peak, peak_parent = max(peak, total), max(peak_parent, own)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"gongkai extract failed with code {process.returncode}")
    with (out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        documents = list(csv.DictReader(handle))
    with (out / "errors.csv").open(encoding="utf-8", newline="") as handle:
        errors = sum(1 for _ in csv.DictReader(handle))
    pages = sum(int(row["pages"] or 0) for row in documents)
    return Measurement(len(files), jobs, seconds, pages, len(documents), errors, peak, peak_parent)


def machine() -> str:
    """A one-line description of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory = 0.0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{cpu}, {cores} cores, {memory:.0f} GiB RAM, {system}"


def report(results: list[Measurement]) -> str:
    """The results as a Markdown table with the scaling efficiency against -j 1."""
    base = {m.files: m for m in results if m.jobs == 1}
    lines = [
        "| files | -j | seconds | files/s | pages/s | scaling efficiency | peak RSS, all processes "
        "| peak RSS, parent |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        one = base.get(m.files)
        efficiency = f"{m.files_per_second / one.files_per_second / m.jobs:.0%}" if one else "–"
        lines.append(
            f"| {m.files} | {m.jobs} | {m.seconds:.1f} | {m.files_per_second:.2f} | {m.pages_per_second:.1f} | "
            f"{efficiency} | {m.peak_rss / 2**20:.0f} MiB | {m.peak_parent_rss / 2**20:.0f} MiB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200], help="corpus sizes N (default: 50 200)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts (default: 1 2)")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder of PDFs to copy")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where the corpus and outputs go (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)

    sources = sorted(args.sources.glob("*.pdf"))
    if not sources:
        parser.error(f"no PDFs in {args.sources}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        corpus = build_corpus(sources, workdir / "corpus", max(args.sizes))
        results = []
        for size in args.sizes:
            for jobs in args.jobs:
                measurement = run_extract(corpus[:size], jobs, workdir)
                print(
                    f"N={size} -j {jobs}: {measurement.seconds:.1f}s, {measurement.files_per_second:.2f} files/s, "
                    f"{measurement.pages_per_second:.1f} pages/s, peak {measurement.peak_rss / 2**20:.0f} MiB "
                    f"({measurement.documents} documents, {measurement.errors} errors)",
                    file=sys.stderr,
                )
                results.append(measurement)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"gongkai extract benchmark, {datetime.date.today().isoformat()}")
    print(f"machine: {machine()}")
    print(f"corpus: copies of {', '.join(s.name for s in sources)} with distinct bytes; fresh output and cache per run")
    print()
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
