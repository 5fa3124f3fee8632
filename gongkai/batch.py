"""Many files into one dataset: input expansion, per-file error isolation, the dataset writer.

This is the sequential engine; every file's failure becomes a row in ``errors.csv`` and
the batch goes on.
"""

from __future__ import annotations

import glob
import hashlib
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.errors import UnreadableInput
from gongkai.settings import Settings

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".xlsx", ".html", ".htm", ".txt"}


@dataclass(slots=True)
class BatchSummary:
    """What a batch run did."""

    outdir: Path
    files_total: int = 0
    ok: int = 0
    failed: int = 0
    cached: int = 0
    duplicates: int = 0
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    seconds: float = 0.0


def expand_inputs(inputs: Iterable[str], from_list: str | None = None) -> list[Path]:
    """Files named by paths, directories (recursively) and glob patterns, in a stable order."""
    names = list(inputs)
    if from_list:
        names.extend(line.strip() for line in Path(from_list).read_text(encoding="utf-8").splitlines() if line.strip())
    found: list[Path] = []
    seen: set[Path] = set()
    for name in names:
        path = Path(name)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif any(ch in name for ch in "*?["):
            candidates = sorted(Path(p) for p in glob.glob(name, recursive=True) if Path(p).is_file())
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve() if candidate.exists() else candidate
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def file_hash(path: Path) -> str | None:
    """The sha256 of a file's bytes, or ``None`` when it cannot be read."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def run_batch(
    inputs: Iterable[str],
    outdir: str | Path,
    settings: Settings | None = None,
    *,
    from_list: str | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    cache_dir: str | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    duckdb_path: str | None = None,
    parquet: bool = True,
    quiet: bool = False,
) -> BatchSummary:
    """Check every input file and write the dataset to ``outdir``."""
    from gongkai.api import check
    from gongkai.export.dataset import DatasetWriter

    started = time.perf_counter()
    settings = Settings.resolve(settings)
    summary = BatchSummary(outdir=Path(outdir))
    writer = DatasetWriter(outdir, parquet=parquet)
    hashes: set[str] = set()
    for path in expand_inputs(inputs, from_list):
        summary.files_total += 1
        digest = file_hash(path)
        if digest is not None and digest in hashes:
            summary.duplicates += 1
            continue
        if digest is not None:
            hashes.add(digest)
        try:
            report = check(path, settings)
        except UnreadableInput as exc:
            writer.write_error(str(path), exc.kind, exc.reason)
            summary.failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            writer.write_error(str(path), "internal", f"内部错误：{type(exc).__name__}: {exc}")
            summary.failed += 1
            continue
        writer.write_report(report)
        summary.ok += 1
        for severity, count in report.counts().items():
            summary.findings[severity] += count
    writer.close()
    summary.seconds = time.perf_counter() - started
    if not quiet:
        print(
            f"{summary.files_total} 个文件：{summary.ok} 成功，{summary.failed} 失败，{summary.duplicates} 重复；"
            f"发现 错误 {summary.findings['error']} · 警告 {summary.findings['warning']} · 提示 {summary.findings['info']}；"
            f"{summary.seconds:.1f} 秒；输出在 {summary.outdir}",
            file=sys.stderr,
        )
    return summary
