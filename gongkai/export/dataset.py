"""The dataset files of ``gongkai extract``: CSV, Parquet twins and ``datapackage.json``.

What the tables hold — column names, types, constraints, keys and the Fiscal Data Package
annotations — is declared in ``gongkai.schemas.datapackage``; this module only writes it.

Rows are streamed to CSV as documents are written and to the Parquet twins in row groups of
``PARQUET_BATCH_ROWS``, so memory does not grow with the number of files. (When appending
to an existing dataset, the Parquet twins are converted from the complete CSVs instead.)
With ``atomic=True`` every file is written under a hidden temporary name and renamed into
place by ``close``, so an interrupted run never leaves a half-written table behind.

Rows carry decimals as plain decimal text (what the CSV prints); the Parquet twins store
``number`` columns as ``decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)``, so amounts keep
every digit.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from gongkai.schemas.datapackage import (
    DECIMAL_PRECISION,
    DECIMAL_SCALE,
    RESOURCES,
    datapackage_descriptor,
    duplicate_row,
    error_row,
    report_rows,
)
from gongkai.schemas.records import Report, format_decimal

PARQUET_BATCH_ROWS = 2000


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def _check_header(outdir: Path) -> None:
    """Refuse to append to tables whose columns are not this schema's (another gongkai wrote them)."""
    for name, columns in RESOURCES.items():
        path = outdir / f"{name}.csv"
        if not path.exists() or path.stat().st_size == 0:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        if header != [c.name for c in columns]:
            raise ValueError(f"{path} has other columns than this gongkai writes; write to a new folder")


class DatasetWriter:
    """Writes the tables of ``RESOURCES`` (documents, facts, checks, check_facts, findings, errors, duplicates) under ``outdir``."""

    def __init__(self, outdir: str | Path, *, parquet: bool = True, append: bool = False, atomic: bool = False) -> None:
        if append and atomic:
            raise ValueError("a dataset cannot be appended to atomically")
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.parquet = parquet
        self.atomic = atomic
        self._files: dict[str, TextIO] = {}
        self._writers: dict[str, csv.DictWriter] = {}
        self._decimals = {name: [c.name for c in columns if c.type == "number"] for name, columns in RESOURCES.items()}
        if append:
            _check_header(self.outdir)
        for name, columns in RESOURCES.items():
            path = self._target(self.outdir / f"{name}.csv")
            exists = append and path.exists() and path.stat().st_size > 0
            handle = path.open("a" if exists else "w", encoding="utf-8", newline="")
            writer = csv.DictWriter(handle, fieldnames=[c.name for c in columns], extrasaction="ignore")
            if not exists:
                writer.writeheader()
            self._files[name] = handle
            self._writers[name] = writer
        self.counts = dict.fromkeys(RESOURCES, 0)
        self._parquet: dict[str, _ParquetStream] = {}
        if parquet and not append:
            for name in RESOURCES:
                target = self._target(self.outdir / f"{name}.parquet")
                self._parquet[name] = _ParquetStream(target, name)

    def _target(self, path: Path) -> Path:
        return _partial(path) if self.atomic else path

    def write_rows(self, resource: str, rows: list[dict[str, Any]]) -> None:
        """Append rows to one resource (``number`` values as decimal text or ``Decimal``)."""
        for name in self._decimals[resource]:
            for row in rows:
                if isinstance(value := row.get(name), Decimal):
                    row[name] = format_decimal(value)
        self._writers[resource].writerows(rows)
        if resource in self._parquet:
            self._parquet[resource].add(rows)
        self.counts[resource] += len(rows)

    def write_report(self, report: Report) -> None:
        """Append the rows of one checked document."""
        for resource, rows in report_rows(report).items():
            if rows:
                self.write_rows(resource, rows)

    def write_error(self, source: str, kind: str, reason: str) -> None:
        """Append a file that could not be read."""
        self.write_rows("errors", [error_row(source, kind, reason)])

    def write_duplicate(self, source: str, duplicate_of: str, doc_id: str | None) -> None:
        """Append a file skipped because its bytes equal those of ``duplicate_of``."""
        self.write_rows("duplicates", [duplicate_row(source, duplicate_of, doc_id)])

    def flush(self) -> None:
        """Flush the CSV files to disk."""
        for handle in self._files.values():
            handle.flush()

    def abort(self) -> None:
        """Close without publishing anything (atomic mode drops its partial files)."""
        for closable in (*self._files.values(), *self._parquet.values()):
            with contextlib.suppress(OSError):  # a full disk fails the close too; the parts go anyway
                closable.close()
        if self.atomic:
            for name in RESOURCES:
                for suffix in (".csv", ".parquet"):
                    _partial(self.outdir / f"{name}{suffix}").unlink(missing_ok=True)

    def close(self) -> dict[str, Path]:
        """Close the CSVs, write the Parquet twins and the data package; return the paths."""
        for handle in self._files.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        paths = {name: self.outdir / f"{name}.csv" for name in RESOURCES}
        written: dict[Path, Path] = {self._target(path): path for path in paths.values()}
        if self.parquet:
            for name, path in list(paths.items()):
                parquet = path.with_suffix(".parquet")
                if name in self._parquet:
                    self._parquet[name].close()
                else:
                    write_parquet(self._target(path), name, target=self._target(parquet))
                written[self._target(parquet)] = parquet
                paths[f"{name}.parquet"] = parquet
        datapackage = self.outdir / "datapackage.json"
        write_datapackage(self.outdir, target=self._target(datapackage))
        written[self._target(datapackage)] = datapackage
        paths["datapackage"] = datapackage
        if self.atomic:
            for source, target in written.items():
                os.replace(source, target)
        return paths


def arrow_type(frictionless_type: str) -> Any:
    """The Arrow type of a Frictionless field type (``number`` is an exact decimal)."""
    import pyarrow as pa

    if frictionless_type == "number":
        return pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)
    return {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_()}[frictionless_type]


def arrow_schema(resource: str) -> Any:
    """The Arrow schema of one resource (``pyarrow.Schema``)."""
    import pyarrow as pa

    return pa.schema([(c.name, arrow_type(c.type)) for c in RESOURCES[resource]])


def _cell(value: Any, decimal: bool) -> Any:
    """One row value as the Parquet writer takes it: empty text is null, decimal text a ``Decimal``."""
    if value is None or value == "":
        return None
    return Decimal(value) if decimal and not isinstance(value, Decimal) else value


class _ParquetStream:
    """One resource's Parquet file, written a row group at a time."""

    def __init__(self, target: Path, resource: str, batch_rows: int = PARQUET_BATCH_ROWS) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(resource)
        self.names = self.schema.names
        self.decimal = {c.name: c.type == "number" for c in RESOURCES[resource]}
        self.batch_rows = batch_rows
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = pq.ParquetWriter(target, self.schema)

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self.rows:
            return
        # As in the CSV, where an empty string and a missing value look the same: both are null.
        columns = {name: [_cell(row.get(name), self.decimal[name]) for row in self.rows] for name in self.names}
        self.writer.write_table(pa.table(columns, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        if self.writer is None:
            return
        self.flush()
        self.writer.close()
        self.writer = None


def write_parquet(csv_path: Path, resource: str, *, target: Path | None = None) -> Path:
    """Convert one dataset CSV to Parquet with the schema's column types, in batches."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = arrow_schema(resource)
    types = {field.name: field.type for field in schema}
    target = target or csv_path.with_suffix(".parquet")
    convert = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=False)
    read = pacsv.ReadOptions(block_size=1 << 22)
    parse = pacsv.ParseOptions(newlines_in_values=True)
    with pq.ParquetWriter(target, schema) as writer:
        reader = pacsv.open_csv(csv_path, read_options=read, parse_options=parse, convert_options=convert)
        for batch in reader:
            writer.write_table(pa.Table.from_batches([batch]).cast(schema))
    return target


def write_datapackage(outdir: Path, *, target: Path | None = None) -> Path:
    """``datapackage.json`` describing every CSV (``gongkai.schemas.datapackage.datapackage_descriptor``)."""
    path = target or outdir / "datapackage.json"
    path.write_text(json.dumps(datapackage_descriptor(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return outdir / "datapackage.json"
