"""The unit of work: one file in, its dataset rows out, never an exception.

Workers send back a ``FileResult``: a small header the parent needs for progress and
the summary, and the rows as an encoded store entry (compressed JSON), so that crossing a
process or network boundary costs one bytes object rather than a pickled ``Report``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from gongkai.errors import UnreadableInput
from gongkai.settings import Settings

# Error kinds that depend on the moment (load, memory, a bug being fixed), not only on the
# file's bytes and the settings: they are reported but never cached, so a rerun retries them.
TRANSIENT_KINDS = frozenset({"timeout", "crashed", "internal", "unreadable", "needs_libreoffice"})  # tried again on a rerun


@dataclass(frozen=True, slots=True)
class FileTask:
    """One input file to process: its position among the batch's distinct files, path and hash."""

    index: int
    path: str
    sha256: str | None
    settings: Settings


@dataclass(frozen=True, slots=True)
class FileResult:
    """What came of one file: ``ok`` with a document, or ``error`` with a kind and reason."""

    status: str
    pages: int
    kind: str | None
    reason: str | None
    cacheable: bool
    engine: str
    seconds: float
    payload: bytes


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, shortened to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def error_result(task: FileTask, kind: str, reason: str, *, seconds: float = 0.0) -> FileResult:
    """The result of a file that could not be processed: one ``errors`` row."""
    from gongkai.batchrun.store import code_fingerprint, encode_entry
    from gongkai.schemas.datapackage import error_row

    reason = one_line(reason)
    rows = {"documents": [], "facts": [], "checks": [], "check_facts": [], "findings": [], "errors": [error_row(task.path, kind, reason)]}
    payload = encode_entry({"status": "error", "pages": 0, "kind": kind, "reason": reason, "rows": rows})
    cacheable = kind not in TRANSIENT_KINDS and task.sha256 is not None
    return FileResult("error", 0, kind, reason, cacheable, code_fingerprint(), seconds, payload)


def report_rows(report: Any) -> dict[str, list[dict[str, Any]]]:
    """The dataset rows of one checked document."""
    from gongkai.schemas.datapackage import report_rows as rows_of

    return rows_of(report)


def _digest(analysis: Any, report: Any) -> dict[str, Any] | None:
    """What other documents of the batch may check this one against (``None`` if it cannot be made:
    the document's own rows are kept, only the comparisons with it are lost)."""
    from gongkai.crossdoc import digest_of

    try:
        return digest_of(analysis, report)
    except Exception:  # a digest is an extra: its failure must not lose the file
        logging.getLogger(__name__).warning("%s: 无法生成跨文件核对摘要", report.document.source, exc_info=True)
        return None


def process_file(task: FileTask) -> FileResult:
    """Check one file and return its rows; every failure becomes an error result."""
    from gongkai.api import read
    from gongkai.api import report as report_of
    from gongkai.batchrun.store import code_fingerprint, encode_entry

    started = time.perf_counter()
    try:
        analysis = read(task.path, task.settings)
        report = report_of(analysis, task.settings)
        rows = report_rows(report)
        pages = int(report.document.pages)
        entry = {"status": "ok", "pages": pages, "kind": None, "reason": None, "rows": rows, "digest": _digest(analysis, report)}
        payload = encode_entry(entry)
    except UnreadableInput as exc:
        return error_result(task, exc.kind, exc.reason, seconds=time.perf_counter() - started)
    except Exception as exc:
        reason = f"内部错误：{type(exc).__name__}: {exc}"
        return error_result(task, "internal", reason, seconds=time.perf_counter() - started)
    # A file rewritten between hashing and reading must not be cached under the old hash.
    same_bytes = task.sha256 is not None and task.sha256.startswith(report.document.doc_id)
    return FileResult("ok", pages, None, None, same_bytes, code_fingerprint(), time.perf_counter() - started, payload)


def timeout_result(task: FileTask, seconds: float) -> FileResult:
    """The result of a file that ran over the time limit."""
    return error_result(task, "timeout", f"处理超过 {seconds:g} 秒的时限，已中止", seconds=seconds)


def crashed_result(task: FileTask, detail: str) -> FileResult:
    """The result of a file whose worker died while processing it."""
    return error_result(task, "crashed", f"处理进程意外退出（{detail}），文件可能触发了解析库的缺陷或内存不足")


def process_file_limited(task: FileTask) -> FileResult:
    """``process_file`` under the task's time limit, for executors that cannot kill a worker.

    The file is processed on a helper thread; when the limit passes, a ``timeout`` result is
    returned at once and the thread is abandoned (it stops when the file is done).
    """
    limit = task.settings.timeout_seconds
    if not limit:
        return process_file(task)
    box: list[FileResult] = []
    thread = threading.Thread(target=lambda: box.append(process_file(task)), name=f"gongkai-{task.index}", daemon=True)
    thread.start()
    thread.join(limit)
    return box[0] if box else timeout_result(task, limit)


def warm_up() -> None:
    """Import the reading and validation code once, before a worker takes its first file."""
    import gongkai.api
    from gongkai.batchrun.store import code_fingerprint
    from gongkai.validate.rules import load_rules

    load_rules()
    code_fingerprint()
    del gongkai.api
