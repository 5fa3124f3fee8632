"""Write the dataset from the store, one file at a time, in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.batchrun.inputs import Duplicate
from gongkai.batchrun.store import ResultStore
from gongkai.batchrun.work import FileTask
from gongkai.crossdoc import compare_group, group_key, number_results
from gongkai.export.dataset import DatasetWriter
from gongkai.export.paths import printable_path
from gongkai.schemas.datapackage import RESOURCES, cross_rows

TABLES = tuple(RESOURCES)
# The tables filled from each file's stored rows (``duplicates`` is decided by the run itself).
FILE_TABLES = ("documents", "facts", "checks", "check_facts", "findings", "errors")


@dataclass(slots=True)
class Totals:
    """What the written dataset holds."""

    documents: int = 0
    failed: int = 0
    pages: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    errors_by_kind: dict[str, int] = field(default_factory=dict)


def _write_cross_document(
    groups: dict[tuple[str, str], list[FileTask]], store: ResultStore, writer: DatasetWriter, totals: Totals
) -> None:
    """The checks between documents of one department and type, group by group: only a group's
    digests are in memory at a time. Their ids continue each document's own checks and findings."""
    for tasks in groups.values():
        if len(tasks) < 2:
            continue
        digests = []
        for task in tasks:
            try:
                digest = store.load(task.index, task.sha256).get("digest")
            except (KeyError, ValueError):
                continue
            if digest:
                digests.append(digest)
        results = number_results(compare_group(digests), {d["doc_id"]: d["checks"] + 1 for d in digests})
        next_finding = {d["doc_id"]: d["findings"] + 1 for d in digests}
        for result in results:
            rows = cross_rows(result, next_finding)
            for name, batch in rows.items():
                writer.write_rows(name, batch)
                totals.rows[name] = totals.rows.get(name, 0) + len(batch)
            if result.finding is not None:
                totals.findings[result.finding.severity] = totals.findings.get(result.finding.severity, 0) + 1


def assemble(
    tasks: Iterable[FileTask],
    store: ResultStore,
    outdir: Path,
    *,
    parquet: bool,
    redo: Callable[[FileTask], dict[str, Any]],
    duplicates: Sequence[Duplicate] = (),
) -> tuple[Totals, dict[str, Path]]:
    """Stream every task's stored rows into the dataset files under ``outdir``.

    Each file's rows are read from the store, labelled with the path it was found under in
    this run (the same bytes may have been cached under another name) and written before
    the next file is read, so memory does not depend on the number of files. ``redo``
    recomputes a file whose entry is missing or damaged. ``duplicates`` (the inputs skipped
    as byte-identical copies, in input order) become the ``duplicates`` rows, each with the
    ``doc_id`` of the document its original became (empty when the original could not be
    read, so the foreign key to ``documents`` holds).
    """
    totals = Totals()
    originals = {duplicate.index for duplicate in duplicates}
    doc_ids: dict[int, str] = {}  # the documents of files that have copies, by task index
    comparable: dict[tuple[str, str], list[FileTask]] = {}  # files other files of the batch may be checked against
    writer = DatasetWriter(outdir, parquet=parquet, atomic=True)
    try:
        for task in tasks:
            try:
                entry = store.load(task.index, task.sha256)
            except (KeyError, ValueError):
                store.discard(task.index, task.sha256)
                entry = redo(task)
            rows: dict[str, list[dict[str, Any]]] = entry["rows"]
            for name in ("documents", "errors"):
                for row in rows[name]:
                    row["source"] = printable_path(task.path)
            for name in FILE_TABLES:
                writer.write_rows(name, rows.get(name, []))
                totals.rows[name] = totals.rows.get(name, 0) + len(rows.get(name, []))
            if task.index in originals and rows["documents"]:
                doc_ids[task.index] = rows["documents"][0]["doc_id"]
            totals.documents += len(rows["documents"])
            totals.pages += sum(int(row.get("pages") or 0) for row in rows["documents"])
            for row in rows["errors"]:
                totals.failed += 1
                totals.errors_by_kind[row["kind"]] = totals.errors_by_kind.get(row["kind"], 0) + 1
            for row in rows["findings"]:
                totals.findings[row["severity"]] = totals.findings.get(row["severity"], 0) + 1
            digest = entry.get("digest")
            key = group_key(digest) if digest else None
            if key is not None:
                comparable.setdefault(key, []).append(task)
        _write_cross_document(comparable, store, writer, totals)
        for duplicate in duplicates:
            writer.write_duplicate(duplicate.source, duplicate.duplicate_of, doc_ids.get(duplicate.index))
            totals.rows["duplicates"] += 1
    except BaseException:
        writer.abort()
        raise
    return totals, writer.close()
