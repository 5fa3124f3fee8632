"""Load a gongkai dataset into a DuckDB database (``gongkai extract --duckdb FILE``)."""

from __future__ import annotations

from pathlib import Path

from gongkai.schemas.datapackage import DECIMAL_PRECISION, DECIMAL_SCALE, RESOURCES, TITLES

_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": f"DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE})",  # exact, as in the Parquet twins
    "boolean": "BOOLEAN",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_duckdb(db_path: str | Path, outdir: str | Path) -> Path:
    """Create (or replace) every table of the dataset in ``db_path``.

    The tables are those of ``RESOURCES``: documents, facts, findings, errors and
    duplicates. They are read from the Parquet twins when present, else from the CSVs with
    the column types of the dataset schema (``number`` columns as exact
    ``DECIMAL(DECIMAL_PRECISION, DECIMAL_SCALE)``); tables and columns carry the schema's
    Chinese titles as comments.
    """
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError("--duckdb 需要安装 duckdb：pip install 'gongkai[duckdb]'") from exc
    outdir = Path(outdir)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(db_path))
    try:
        connection.execute("BEGIN TRANSACTION")
        for name, columns in RESOURCES.items():
            parquet = outdir / f"{name}.parquet"
            if parquet.exists():
                source = f"read_parquet({_literal(str(parquet))})"
            else:
                types = ", ".join(f"{_literal(c.name)}: {_literal(_DUCKDB_TYPES[c.type])}" for c in columns)
                source = f"read_csv({_literal(str(outdir / f'{name}.csv'))}, header = true, columns = {{{types}}})"
            connection.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM {source}')
            connection.execute(f'COMMENT ON TABLE "{name}" IS {_literal(TITLES[name])}')
            for column in columns:
                connection.execute(f'COMMENT ON COLUMN "{name}"."{column.name}" IS {_literal(column.title)}')
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    return db_path
