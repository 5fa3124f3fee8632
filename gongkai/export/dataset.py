"""The dataset files of ``gongkai extract``: CSV, Parquet twins and ``datapackage.json``.

Rows are streamed to CSV as documents are processed, so memory does not grow with the
number of files; the Parquet twins are converted from the CSVs in batches at the end.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, TextIO

from gongkai import __version__
from gongkai.schemas.datapackage import (
    RESOURCES,
    TITLES,
    document_row,
    fact_row,
    finding_row,
    table_schema,
)
from gongkai.schemas.records import Report

_ARROW_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


class DatasetWriter:
    """Writes documents, facts, findings and errors under ``outdir``."""

    def __init__(self, outdir: str | Path, *, parquet: bool = True, append: bool = False) -> None:
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.parquet = parquet
        self._files: dict[str, TextIO] = {}
        self._writers: dict[str, csv.DictWriter] = {}
        for name, columns in RESOURCES.items():
            path = self.outdir / f"{name}.csv"
            exists = append and path.exists() and path.stat().st_size > 0
            handle = path.open("a" if exists else "w", encoding="utf-8", newline="")
            writer = csv.DictWriter(handle, fieldnames=[c.name for c in columns], extrasaction="ignore")
            if not exists:
                writer.writeheader()
            self._files[name] = handle
            self._writers[name] = writer
        self.counts = dict.fromkeys(RESOURCES, 0)

    def write_rows(self, resource: str, rows: list[dict[str, Any]]) -> None:
        """Append rows to one resource."""
        self._writers[resource].writerows(rows)
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

    def close(self) -> dict[str, Path]:
        """Close the CSVs, write the Parquet twins and the data package; return the paths."""
        for handle in self._files.values():
            handle.close()
        paths = {name: self.outdir / f"{name}.csv" for name in RESOURCES}
        if self.parquet:
            for name, path in paths.items():
                paths[f"{name}.parquet"] = write_parquet(path, name)
        paths["datapackage"] = write_datapackage(self.outdir)
        return paths


def write_parquet(csv_path: Path, resource: str) -> Path:
    """Convert one dataset CSV to Parquet with the schema's column types, in batches."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    columns = RESOURCES[resource]
    types = {c.name: pa.type_for_alias(_ARROW_TYPES[c.type]) for c in columns}
    schema = pa.schema([(c.name, types[c.name]) for c in columns])
    target = csv_path.with_suffix(".parquet")
    convert = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=False)
    read = pacsv.ReadOptions(block_size=1 << 22)
    with pq.ParquetWriter(target, schema) as writer:
        reader = pacsv.open_csv(csv_path, read_options=read, convert_options=convert)
        for batch in reader:
            writer.write_table(pa.Table.from_batches([batch]).cast(schema))
    return target


def write_datapackage(outdir: Path) -> Path:
    """``datapackage.json`` describing every CSV (Frictionless Table Schema)."""
    descriptor = {
        "name": "gongkai-dataset",
        "title": "预决算公开文件数字与核对结果",
        "description": f"Figures and arithmetic findings extracted by gongkai {__version__}.",
        "profile": "tabular-data-package",
        "resources": [
            {
                "name": name,
                "title": TITLES[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(columns),
            }
            for name, columns in RESOURCES.items()
        ],
    }
    path = outdir / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
