"""The dataset's data package validates, and its Parquet and DuckDB twins hold the same tables."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gongkai.export.dataset import DatasetWriter
from gongkai.schemas.datapackage import (
    DECIMAL_PRECISION,
    DECIMAL_SCALE,
    ERROR_KINDS,
    RESOURCES,
    exact_decimal,
    fact_row,
)
from gongkai.schemas.records import Evidence, Fact, format_decimal

from .conftest import TABLES


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def csv_dicts(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def descriptor_of(outdir: Path) -> dict:
    return json.loads((outdir / "datapackage.json").read_text(encoding="utf-8"))


def test_the_data_package_validates(small_dataset: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(small_dataset / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_foreign_keys_are_checked(small_dataset: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    broken = tmp_path / "broken"
    shutil.copytree(small_dataset, broken)
    rows = csv_dicts(broken / "duplicates.csv")
    rows[0]["doc_id"] = "ffffffffffffffff"
    with (broken / "duplicates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c.name for c in RESOURCES["duplicates"]])
        writer.writeheader()
        writer.writerows(rows)
    report = frictionless.validate(broken / "datapackage.json")
    assert [error[2] for error in report.flatten(["rowNumber", "fieldName", "type"])] == ["foreign-key"]


def test_every_table_matches_its_schema(small_dataset: Path) -> None:
    import pyarrow.parquet as pq

    descriptor = descriptor_of(small_dataset)
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == list(TABLES) == list(RESOURCES)
    for name in TABLES:
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert csv_rows(small_dataset / f"{name}.csv")[0] == fields
        assert pq.read_schema(small_dataset / f"{name}.parquet").names == fields
        assert resources[name]["title"] and resources[name]["description"]
    for name in ("documents", "errors", "duplicates"):
        assert len(csv_rows(small_dataset / f"{name}.csv")) > 1, name


def test_fiscal_data_package_conventions(small_dataset: Path) -> None:
    descriptor = descriptor_of(small_dataset)
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    facts = schemas["facts"]
    fields = {f["name"]: f for f in facts["fields"]}
    types = {name: f.get("columnType") for name, f in fields.items()}
    assert types["value_yuan"] == "value"
    assert types["currency"] == "value-currency:code"
    assert types["phase"] == "phase:id"
    assert types["fiscal_year"] == "date:fiscal-year"
    assert fields["phase"]["constraints"]["enum"] == ["adjusted", "approved", "executed"]
    assert fields["currency"]["constraints"]["enum"] == ["CNY"]
    assert (fields["value"]["type"], fields["value_number"]["type"], fields["value_yuan"]["type"]) == (
        "string",
        "number",
        "number",
    )
    assert (fields["value_yuan"]["title"], fields["value_number"]["title"]) == ("金额（元）", "数值")
    assert facts["primaryKey"] == ["doc_id", "fact_id"]
    declared = {t["name"] for t in descriptor["columnTypes"]}
    assert {t for t in types.values() if t and ":prc:" in t} <= declared
    def key(resource: str, *fields: str) -> dict[str, object]:
        return {"fields": list(fields), "reference": {"resource": resource, "fields": list(fields)}}

    to_documents = key("documents", "doc_id")
    assert schemas["facts"]["foreignKeys"] == [to_documents]
    related = {"fields": ["related_doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}
    assert schemas["checks"]["foreignKeys"] == [to_documents, related]
    assert schemas["findings"]["foreignKeys"] == [to_documents, key("checks", "doc_id", "check_id"), related]
    assert schemas["check_facts"]["foreignKeys"] == [key("checks", "doc_id", "check_id"), key("facts", "doc_id", "fact_id")]
    assert schemas["duplicates"]["foreignKeys"] == [{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}]
    assert schemas["duplicates"]["primaryKey"] == ["source"]
    assert (schemas["checks"]["primaryKey"], schemas["findings"]["primaryKey"]) == (["doc_id", "check_id"], ["doc_id", "finding_id"])


def test_the_error_kinds_are_documented(small_dataset: Path) -> None:
    errors = next(r for r in descriptor_of(small_dataset)["resources"] if r["name"] == "errors")
    kind = next(f for f in errors["schema"]["fields"] if f["name"] == "kind")
    for code in ("crashed", "internal", "timeout", "too_many_pages", "too_large", "no_text", "corrupt"):
        assert code in ERROR_KINDS
        assert code in errors["description"] and code in kind["description"]
    written = {row["kind"] for row in csv_dicts(small_dataset / "errors.csv")}
    assert written <= set(ERROR_KINDS)


def test_duplicates_name_the_file_processed_in_their_place(small_dataset: Path, copies: dict[Path, Path]) -> None:
    import pyarrow.parquet as pq

    doc_ids = {row["source"]: row["doc_id"] for row in csv_dicts(small_dataset / "documents.csv")}
    expected = [
        {"source": str(copy), "duplicate_of": str(original), "doc_id": doc_ids.get(str(original), "")}
        for copy, original in copies.items()
    ]
    assert csv_dicts(small_dataset / "duplicates.csv") == expected
    assert expected[0]["doc_id"]  # the copy of a document names it
    assert not expected[1]["doc_id"]  # the copy of an unreadable file has no document
    parquet = pq.read_table(small_dataset / "duplicates.parquet").to_pylist()
    assert parquet == [{**row, "doc_id": row["doc_id"] or None} for row in expected]
    sources = {row["source"] for name in ("documents", "errors") for row in csv_dicts(small_dataset / f"{name}.csv")}
    assert not sources & {str(copy) for copy in copies}


def test_amounts_are_exact_decimals(small_dataset: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    decimal = pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)
    schema = pq.read_schema(small_dataset / "facts.parquet")
    assert (schema.field("value").type, schema.field("value_number").type) == (pa.string(), decimal)
    assert schema.field("value_yuan").type == decimal
    rows = csv_dicts(small_dataset / "facts.csv")
    table = pq.read_table(small_dataset / "facts.parquet").to_pylist()
    assert len(rows) == len(table) > 100
    money = 0
    for row, stored in zip(rows, table, strict=True):
        assert "E" not in row["value_yuan"].upper() and "E" not in row["value_number"].upper()
        assert row["value"] == row["value_number"]  # every printed number fits the decimal type
        assert stored["value_number"] == Decimal(row["value"])
        if row["currency"] == "CNY":
            money += 1
            if row["unit_factor"]:  # the amount in 元 is the printed number times the unit, digit for digit
                assert row["value_yuan"] == format_decimal(Decimal(row["value"]) * int(row["unit_factor"]))
            assert Decimal(row["value_yuan"]) == stored["value_yuan"]
        else:
            assert row["value_yuan"] == "" and stored["value_yuan"] is None
    assert money > 100
    # 收入支出总计 307.82 万元 of the 普陀 final accounts: 3078200.00 元, digit for digit.
    total = next(
        (r, s)
        for r, s in zip(rows, table, strict=True)
        if r["value"] == "307.82" and r["unit"] == "万元" and r["subject"] == "收入支出总计"
    )
    assert (total[0]["value_yuan"], total[1]["value_yuan"]) == ("3078200.00", Decimal("3078200.00"))


def fact(fact_id: int, value: str, unit: str | None, value_yuan: str | None) -> Fact:
    evidence = Evidence(page=1, quote=f"{value}{unit or ''}", start=0, end=len(value))
    yuan = Decimal(value_yuan) if value_yuan is not None else None
    decimals = max(0, -Decimal(value).as_tuple().exponent)  # type: ignore[operator]
    return Fact(fact_id, "合计", "决算数", Decimal(value), decimals, unit, evidence, value_yuan=yuan)


def test_amounts_round_trip_digit_for_digit(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    facts = [
        fact(0, "307.82", "万元", "3078200.00"),
        fact(1, "1234.567", "元", "1234.567"),
        fact(2, "1.2345", "亿元", "123450000.0000"),
        fact(3, "-0.05", "万元", "-500.00"),
        fact(4, "98765432109876.54", "元", "98765432109876.54"),
        fact(5, "62.2", "%", None),
        fact(6, "1E+1", "元", "1E+1"),
        fact(7, "0.1234567", "元", "0.1234567"),  # more decimals than the type holds: left empty, never rounded
    ]
    writer = DatasetWriter(tmp_path, atomic=True)
    writer.write_rows("facts", [fact_row("0123456789abcdef", 2024, f) for f in facts])
    writer.close()
    rows = csv_dicts(tmp_path / "facts.csv")
    assert [r["value_yuan"] for r in rows] == [
        "3078200.00",
        "1234.567",
        "123450000.0000",
        "-500.00",
        "98765432109876.54",
        "",
        "10",
        "",
    ]
    assert [r["value"] for r in rows] == [
        "307.82",
        "1234.567",
        "1.2345",
        "-0.05",
        "98765432109876.54",
        "62.2",
        "10",
        "0.1234567",
    ]
    assert rows[7]["value_number"] == "" and rows[5]["value_number"] == "62.2"
    stored = pq.read_table(tmp_path / "facts.parquet").to_pylist()
    for f, row in zip(facts[:7], stored, strict=False):
        assert row["value_number"] == f.value
        assert row["value_yuan"] == f.value_yuan
    assert (stored[7]["value_number"], stored[7]["value_yuan"]) == (None, None)
    assert stored[0]["value_yuan"] == Decimal("3078200.00") and str(stored[1]["value_yuan"]) == "1234.567000"


def test_exact_decimal_bounds() -> None:
    limit = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)
    assert exact_decimal(limit - Decimal("0.000001")) == "9999999999999999999999.999999"
    assert exact_decimal(limit) is None
    assert exact_decimal(-limit + 1) == "-9999999999999999999999"
    assert exact_decimal(Decimal("1.1234560")) == "1.1234560"
    assert exact_decimal(Decimal("1.1234561")) is None
    assert exact_decimal(Decimal("NaN")) is None
    assert exact_decimal(None) is None


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
        duplicates = connection.execute("SELECT source, duplicate_of, doc_id FROM duplicates").fetchall()
        assert [(s, d, i or "") for s, d, i in duplicates] == [
            (r["source"], r["duplicate_of"], r["doc_id"]) for r in csv_dicts(small_dataset / "duplicates.csv")
        ]
        assert_decimal_amounts(connection, small_dataset)
    finally:
        connection.close()


def assert_decimal_amounts(connection: Any, outdir: Path) -> None:
    decimal = f"DECIMAL({DECIMAL_PRECISION},{DECIMAL_SCALE})"
    types = dict(connection.execute("SELECT column_name, column_type FROM (DESCRIBE facts)").fetchall())
    assert (types["value"], types["value_number"], types["value_yuan"]) == ("VARCHAR", decimal, decimal)
    total = connection.execute("SELECT sum(value_yuan) FROM facts").fetchone()[0]
    assert total == sum(Decimal(r["value_yuan"]) for r in csv_dicts(outdir / "facts.csv") if r["value_yuan"])


def test_duckdb_loads_the_csvs_alone(small_dataset: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    from gongkai.export.duckdb_load import load_duckdb

    for name in TABLES:
        shutil.copyfile(small_dataset / f"{name}.csv", tmp_path / f"{name}.csv")
    connection = duckdb.connect(str(load_duckdb(tmp_path / "csv.duckdb", tmp_path)), read_only=True)
    try:
        assert_decimal_amounts(connection, small_dataset)
        count = connection.execute("SELECT count(*) FROM duplicates").fetchone()[0]
        assert count == len(csv_rows(small_dataset / "duplicates.csv")) - 1
    finally:
        connection.close()
