"""The dataset's data package validates, and its Parquet and DuckDB twins hold the same tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gongkai.schemas.datapackage import RESOURCES

from .conftest import TABLES


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_data_package_validates(small_dataset: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(small_dataset / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_table_matches_its_schema(small_dataset: Path) -> None:
    import pyarrow.parquet as pq

    descriptor = json.loads((small_dataset / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == set(TABLES)
    for name in TABLES:
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert csv_rows(small_dataset / f"{name}.csv")[0] == fields
        assert pq.read_schema(small_dataset / f"{name}.parquet").names == fields
    assert len(csv_rows(small_dataset / "documents.csv")) > 1
    assert len(csv_rows(small_dataset / "errors.csv")) > 1


def test_fiscal_data_package_conventions(small_dataset: Path) -> None:
    descriptor = json.loads((small_dataset / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")["schema"]
    types = {f["name"]: f.get("columnType") for f in facts["fields"]}
    assert types["value_yuan"] == "value"
    assert types["currency"] == "value-currency:code"
    assert types["phase"] == "phase:id"
    assert types["fiscal_year"] == "date:fiscal-year"
    phase = next(f for f in facts["fields"] if f["name"] == "phase")
    assert phase["constraints"]["enum"] == ["adjusted", "approved", "executed"]
    assert facts["primaryKey"] == ["doc_id", "fact_id"]
    declared = {t["name"] for t in descriptor["columnTypes"]}
    assert {t for t in types.values() if t and ":prc:" in t} <= declared


def test_duckdb_holds_the_same_tables(small_dataset: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect(str(small_dataset / "dataset.duckdb"), read_only=True)
    try:
        for name, columns in RESOURCES.items():
            count = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            assert count == len(csv_rows(small_dataset / f"{name}.csv")) - 1
            described = [row[0] for row in connection.execute(f'DESCRIBE "{name}"').fetchall()]
            assert described == [c.name for c in columns]
        comment = connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'facts'").fetchone()[0]
        assert comment == "数字"
    finally:
        connection.close()
