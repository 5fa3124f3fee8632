"""The dataset files of ``gongkai extract``: CSV, Parquet twins and ``datapackage.json``.

Rows are streamed to CSV as documents are written and to the Parquet twins in row groups of
``PARQUET_BATCH_ROWS``, so memory does not grow with the number of files. (When appending
to an existing dataset, the Parquet twins are converted from the complete CSVs instead.)
With ``atomic=True`` every file is written under a hidden temporary name and renamed into
place by ``close``, so an interrupted run never leaves a half-written table behind.

``datapackage.json`` is a Frictionless Tabular Data Package. It follows the Fiscal Data
Package conventions where they fit: fields carry a ``columnType`` (``value`` for amounts in
元, ``value-currency:code`` for CNY, ``phase:id`` for approved/adjusted/executed,
``date:fiscal-year`` …), custom column types are declared in ``columnTypes``, and keys tie
facts and findings to their documents.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, TextIO

from gongkai import __version__
from gongkai.schemas.datapackage import (
    PHASES,
    RESOURCES,
    TITLES,
    document_row,
    fact_row,
    finding_row,
    table_schema,
)
from gongkai.schemas.records import CATEGORIES, DOC_TYPES, SEVERITIES, Report

_ARROW_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}
PARQUET_BATCH_ROWS = 2000

# Fiscal Data Package column types (https://specs.frictionlessdata.io/fiscal-data-package/).
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "documents": {
        "fiscal_year": "date:fiscal-year",
        "department": "administrative-classification:generic:label",
    },
    "facts": {
        "subject_code": "classification:prc:code",
        "level": "classification:prc:level",
        "phase": "phase:id",
        "fiscal_year": "date:fiscal-year",
        "value_yuan": "value",
        "currency": "value-currency:code",
        "unit_factor": "value-factor",
    },
}
CUSTOM_COLUMN_TYPES: list[dict[str, Any]] = [
    {
        "name": "classification:prc:code",
        "dataType": "string",
        "description": "政府收支分类科目编码: functional (功能分类, 类/款/项 = 3/5/7 digits) or economic "
        "(经济分类) code; the facts' `classification` field says which.",
    },
    {"name": "classification:prc:level", "dataType": "string", "description": "科目级次: 类 | 款 | 项"},
    {"name": "value-factor", "dataType": "integer", "description": "元 per printed unit: 1 for 元, 10000 for 万元"},
]
ENUMS: dict[str, dict[str, list[str]]] = {
    "documents": {"doc_type": list(DOC_TYPES)},
    "facts": {
        "phase": sorted(set(PHASES.values())),
        "classification": ["functional", "economic"],
        "origin": ["text", "table"],
        "currency": ["CNY"],
    },
    "findings": {"severity": list(SEVERITIES), "category": list(CATEGORIES)},
}
PRIMARY_KEYS = {"documents": ["doc_id"], "facts": ["doc_id", "fact_id"]}
FOREIGN_KEYS = {
    name: [{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}]
    for name in ("facts", "findings")
}


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


class DatasetWriter:
    """Writes documents, facts, findings and errors under ``outdir``."""

    def __init__(self, outdir: str | Path, *, parquet: bool = True, append: bool = False, atomic: bool = False) -> None:
        if append and atomic:
            raise ValueError("a dataset cannot be appended to atomically")
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.parquet = parquet
        self.atomic = atomic
        self._files: dict[str, TextIO] = {}
        self._writers: dict[str, csv.DictWriter] = {}
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
        """Append rows to one resource."""
        self._writers[resource].writerows(rows)
        if resource in self._parquet:
            self._parquet[resource].add(rows)
        self.counts[resource] += len(rows)

    def write_report(self, report: Report) -> None:
        """Append the rows of one checked document."""
        info = report.document
        self.write_rows("documents", [document_row(info, report.counts(), len(report.facts))])
        self.write_rows("facts", [fact_row(info.doc_id, info.fiscal_year, f) for f in report.facts])
        self.write_rows("findings", [finding_row(info.doc_id, f) for f in report.findings])

    def write_error(self, source: str, kind: str, reason: str) -> None:
        """Append a file that could not be read."""
        self.write_rows("errors", [{"source": source, "kind": kind, "reason": reason}])

    def flush(self) -> None:
        """Flush the CSV files to disk."""
        for handle in self._files.values():
            handle.flush()

    def abort(self) -> None:
        """Close without publishing anything (atomic mode drops its partial files)."""
        for handle in self._files.values():
            handle.close()
        for stream in self._parquet.values():
            stream.close()
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


def arrow_schema(resource: str) -> Any:
    """The Arrow schema of one resource (``pyarrow.Schema``)."""
    import pyarrow as pa

    return pa.schema([(c.name, pa.type_for_alias(_ARROW_TYPES[c.type])) for c in RESOURCES[resource]])


class _ParquetStream:
    """One resource's Parquet file, written a row group at a time."""

    def __init__(self, target: Path, resource: str, batch_rows: int = PARQUET_BATCH_ROWS) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(resource)
        self.names = self.schema.names
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
        columns = {name: [None if (v := row.get(name)) == "" else v for row in self.rows] for name in self.names}
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


def resource_schema(name: str) -> dict[str, Any]:
    """The Table Schema of one resource, with Fiscal Data Package column types, enums and keys."""
    schema = table_schema(RESOURCES[name])
    for field in schema["fields"]:
        column_type = COLUMN_TYPES.get(name, {}).get(field["name"])
        if column_type:
            field["columnType"] = column_type
        enum = ENUMS.get(name, {}).get(field["name"])
        if enum:
            field["constraints"] = {"enum": enum}
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[name]
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = FOREIGN_KEYS[name]
    return schema


def datapackage_descriptor() -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of a gongkai dataset."""
    return {
        "name": "gongkai-dataset",
        "title": "预决算公开文件数字与核对结果",
        "description": (
            f"Figures and arithmetic findings extracted by gongkai {__version__} from Chinese government "
            "budget documents (部门决算, 部门预算, 绩效自评). Amounts are in CNY; value is the number as "
            "printed in its unit, value_yuan the same amount in 元 (unit_factor 元 per unit, 10000 for 万元)."
        ),
        "profile": "tabular-data-package",
        "keywords": ["budget", "final accounts", "fiscal data", "预算", "决算"],
        "columnTypes": CUSTOM_COLUMN_TYPES,
        "resources": [
            {
                "name": name,
                "title": TITLES[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": resource_schema(name),
            }
            for name in RESOURCES
        ],
    }


def write_datapackage(outdir: Path, *, target: Path | None = None) -> Path:
    """``datapackage.json`` describing every CSV (Frictionless Table Schema)."""
    path = target or outdir / "datapackage.json"
    path.write_text(json.dumps(datapackage_descriptor(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return outdir / "datapackage.json"
