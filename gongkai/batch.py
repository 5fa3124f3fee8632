"""Many files into one dataset: the batch engine behind ``gongkai extract``.

A run expands its inputs (files, directories, globs, ``--from-list``), hashes each file
and skips byte-identical duplicates (each a ``duplicates`` row naming the file processed
in its place), skips files whose result is already in the cache (keyed by the file's
sha256, the gongkai build and the settings), processes the rest on local worker
processes or a Dask cluster — each file under a time limit, every failure an ``errors``
row — and stores each finished file atomically as it arrives. The dataset is then
assembled from the store in input order, one file at a time. A run killed at any point
and started again therefore ends with exactly the rows of an uninterrupted run, and
memory stays flat however many files there are. See ``gongkai.batchrun`` for the parts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

from gongkai.batchrun.inputs import DOCUMENT_SUFFIXES, Duplicate, expand_inputs, file_hash
from gongkai.batchrun.progress import Progress
from gongkai.batchrun.store import ResultStore, code_fingerprint, decode_entry
from gongkai.batchrun.work import FileResult, FileTask
from gongkai.settings import Settings

__all__ = ["DOCUMENT_SUFFIXES", "BatchSummary", "expand_inputs", "file_hash", "run_batch"]

_MAX_NOTES = 20  # individual failures and duplicates shown before they are only counted


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
    processed: int = 0
    pages: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)

    def message(self) -> str:
        """The closing summary, as printed on stderr."""
        findings = self.findings
        lines = [
            f"gongkai extract：{self.files_total} 个文件，{self.ok} 成功，{self.failed} 失败，"
            f"{self.cached} 来自缓存，{self.duplicates} 重复（内容相同，只处理一次）；共 {self.pages} 页",
            f"发现：错误 {findings.get('error', 0)} · 警告 {findings.get('warning', 0)} "
            f"· 提示 {findings.get('info', 0)}",
        ]
        if self.errors_by_kind:
            kinds = "，".join(f"{kind} {count}" for kind, count in sorted(self.errors_by_kind.items()))
            lines.append(f"无法读取：{kinds}（见 errors.csv）")
        if self.duplicates:
            lines.append(f"重复文件：{self.duplicates} 个，与先前的文件内容相同，已跳过（见 duplicates.csv）")
        rate = f"，{self.processed / self.seconds:.2f} 文件/秒" if self.processed and self.seconds else ""
        lines.append(f"用时 {self.seconds:.1f} 秒（处理 {self.processed} 个文件{rate}）")
        tables = "、".join(p.name for k, p in self.outputs.items() if k != "duckdb")
        lines.append(f"输出在 {self.outdir}：{tables}")
        if "duckdb" in self.outputs:
            lines.append(f"DuckDB 数据库：{self.outputs['duckdb']}")
        return "\n".join(lines)


class _Run:
    """The state of one batch run while files are being processed."""

    def __init__(self, paths: list[Path], settings: Settings, store: ResultStore, progress: Progress) -> None:
        self.paths = paths
        self.settings = settings
        self.store = store
        self.progress = progress
        self.plan: list[FileTask] = []
        self.first_by_hash: dict[str, FileTask] = {}
        self.skipped: list[Duplicate] = []  # byte-identical copies, in input order
        self.cached = self.processed = self.foreign = 0
        self.engine = code_fingerprint()
        self.notes = 0

    def note(self, message: str) -> None:
        """Show one message, up to a limit."""
        self.notes += 1
        if self.notes <= _MAX_NOTES:
            self.progress.note(message)
        elif self.notes == _MAX_NOTES + 1:
            self.progress.note("gongkai extract：更多提示从略，见 errors.csv 和结束时的汇总")

    def pending(self) -> Iterator[FileTask]:
        """The files that still need processing, hashed and planned lazily in input order."""
        for path in self.paths:
            sha256 = file_hash(path)
            original = self.first_by_hash.get(sha256) if sha256 is not None else None
            if original is not None:
                self.skipped.append(Duplicate(str(path), original.path, original.index))
                self.progress.skipped(cached=False)
                self.note(f"重复：{path} 与 {original.path} 内容相同，只处理一次")
                continue
            task = FileTask(len(self.plan), str(path), sha256, self.settings)
            if sha256 is not None:
                self.first_by_hash[sha256] = task
            self.plan.append(task)
            if self.store.cached(sha256):
                self.cached += 1
                self.progress.skipped(cached=True)
                continue
            self.progress.started_processing()
            yield task

    def finish(self, task: FileTask, result: FileResult, *, use_cache: bool) -> None:
        """Store one finished file and count it."""
        same_build = result.engine == self.engine
        if not same_build:
            self.foreign += 1
        cacheable = use_cache and same_build and result.cacheable
        self.store.put(task.index, task.sha256, result.payload, cacheable=cacheable)
        self.processed += 1
        self.progress.finished(pages=result.pages, failed=result.status == "error")
        if result.status == "error":
            self.note(f"无法读取：{task.path}：{result.reason}（{result.kind}）")

    def redo(self, task: FileTask) -> dict[str, Any]:
        """Process a file again in this process (its stored entry was lost or damaged)."""
        from gongkai.batchrun.work import process_file

        result = process_file(task)
        self.store.put(task.index, task.sha256, result.payload, cacheable=False)
        return decode_entry(result.payload)


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
    stream: TextIO | None = None,
) -> BatchSummary:
    """Check every input file and write the dataset to ``outdir``.

    ``jobs`` worker processes (default: the cores available) process the files, each
    under ``settings.timeout_seconds``; results are cached under ``cache_dir`` (default
    ``OUTDIR/.cache``) unless ``use_cache`` is false, so a rerun skips finished files.
    ``executor="dask"`` runs the files on the Dask cluster at ``scheduler`` (or on a local
    Dask cluster when no address is given). Progress and the summary go to ``stream``
    (default stderr) unless ``quiet``.
    """
    from gongkai.batchrun.lock import output_lock

    started = time.perf_counter()
    settings = Settings.resolve(settings)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with output_lock(outdir):
        return _run_batch(
            inputs, outdir, settings, from_list=from_list, jobs=jobs, use_cache=use_cache, cache_dir=cache_dir,
            executor=executor, scheduler=scheduler, duckdb_path=duckdb_path, parquet=parquet, quiet=quiet,
            stream=stream, started=started,
        )


def _run_batch(
    inputs: Iterable[str],
    outdir: Path,
    settings: Settings,
    *,
    from_list: str | None,
    jobs: int | None,
    use_cache: bool,
    cache_dir: str | None,
    executor: str,
    scheduler: str | None,
    duckdb_path: str | None,
    parquet: bool,
    quiet: bool,
    stream: TextIO | None,
    started: float,
) -> BatchSummary:
    from gongkai.batchrun.assemble import assemble
    from gongkai.batchrun.executors import default_jobs, make_executor

    stream = stream or sys.stderr
    code_fingerprint.cache_clear()  # the code on disk now, not when this process first looked
    paths = expand_inputs(inputs, from_list)
    cache_root = (Path(cache_dir) if cache_dir else outdir / ".cache") if use_cache else None
    store = ResultStore(outdir, settings, cache_dir=cache_root)
    progress = Progress(len(paths), stream=stream, enabled=not quiet)
    run = _Run(paths, settings, store, progress)
    try:
        pending = run.pending()
        first = next(pending, None)
        if first is not None:
            engine = make_executor(
                executor, jobs=jobs or default_jobs(), timeout=settings.timeout_seconds, scheduler=scheduler
            )
            try:
                for task, result in engine.run(chain([first], pending)):
                    run.finish(task, result, use_cache=use_cache)
            finally:
                engine.close()
        progress.close()
        totals, outputs = assemble(run.plan, store, outdir, parquet=parquet, redo=run.redo, duplicates=run.skipped)
    finally:
        progress.close()
        store.close()
    if duckdb_path:
        from gongkai.export.duckdb_load import load_duckdb

        outputs["duckdb"] = load_duckdb(duckdb_path, outdir)
    summary = BatchSummary(
        outdir=outdir,
        files_total=len(paths),
        ok=totals.documents,
        failed=totals.failed,
        cached=run.cached,
        duplicates=len(run.skipped),
        findings=totals.findings,
        seconds=time.perf_counter() - started,
        processed=run.processed,
        pages=totals.pages,
        errors_by_kind=totals.errors_by_kind,
        outputs=outputs,
    )
    if not quiet:
        if run.foreign:
            print(f"gongkai extract：注意，{run.foreign} 个文件由另一版本的 gongkai 处理，未写入缓存", file=stream)
        print(summary.message(), file=stream)
    return summary
