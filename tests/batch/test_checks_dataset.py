"""The checks of a dataset: every finding reports a check, every check rests on facts, and the
tables join without orphans (Frictionless foreign keys, DuckDB joins); every change has a
direction."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tests.batch.conftest import SHARED


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def corpus_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``extract`` of the whole shared corpus, with a DuckDB database."""
    from gongkai.batch import run_batch

    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"the shared corpus is not available at {corpus}")
    out = tmp_path_factory.mktemp("corpus_dataset")
    summary = run_batch([str(corpus)], out, jobs=2, quiet=True, duckdb_path=str(out / "dataset.duckdb"))
    assert summary.failed == 0
    return out


def test_the_corpus_dataset_is_valid_with_its_foreign_keys(corpus_dataset: Path) -> None:
    from frictionless import validate

    report = validate(str(corpus_dataset / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_findings_checks_and_facts_join_without_orphans(corpus_dataset: Path) -> None:
    import duckdb

    with duckdb.connect(str(corpus_dataset / "dataset.duckdb"), read_only=True) as db:

        def one(sql: str) -> int:
            return db.execute(sql).fetchone()[0]

        findings = one("SELECT count(*) FROM findings")
        assert findings > 0
        assert one("SELECT count(*) FROM findings f JOIN checks c USING (doc_id, check_id)") == findings
        assert one("SELECT count(*) FROM check_facts x LEFT JOIN facts f USING (doc_id, fact_id) WHERE f.fact_id IS NULL") == 0
        assert one("SELECT count(*) FROM check_facts x LEFT JOIN checks c USING (doc_id, check_id) WHERE c.check_id IS NULL") == 0
        # each finding of a rule that cites figures reaches its facts through its check
        assert (
            one(
                "SELECT count(*) FROM findings f WHERE f.fact_ids IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM check_facts x WHERE x.doc_id = f.doc_id AND x.check_id = f.check_id)"
            )
            == 0
        )
        # the coverage columns of documents count the checks of each document
        assert (
            one(
                "SELECT count(*) FROM documents d WHERE d.checks <> (SELECT count(*) FROM checks c "
                "WHERE c.doc_id = d.doc_id AND c.category <> 'cross_document') OR d.checks_inconsistent <> "
                "(SELECT count(*) FROM checks c WHERE c.doc_id = d.doc_id AND c.verdict = 'inconsistent' "
                "AND c.category <> 'cross_document')"
            )
            == 0
        )
        # an inconsistent check is reported by a finding, a consistent one never is
        assert one("SELECT count(*) FROM checks c JOIN findings f USING (doc_id, check_id) WHERE c.verdict = 'consistent'") == 0
        assert (
            one(
                "SELECT count(*) FROM checks c WHERE c.verdict = 'inconsistent' AND NOT EXISTS "
                "(SELECT 1 FROM findings f WHERE f.doc_id = c.doc_id AND f.check_id = c.check_id)"
            )
            == 0
        )


def test_checks_between_documents_cite_both_documents(corpus_dataset: Path) -> None:
    import duckdb

    with duckdb.connect(str(corpus_dataset / "dataset.duckdb"), read_only=True) as db:
        rows = db.execute(
            "SELECT a.source, b.source, f.rule, f.stated, f.expected FROM findings f "
            "JOIN documents a ON a.doc_id = f.doc_id JOIN documents b ON b.doc_id = f.related_doc_id "
            "WHERE f.category = 'cross_document' ORDER BY ALL"
        ).fetchall()
        orphans = db.execute(
            "SELECT count(*) FROM checks c WHERE c.category = 'cross_document' AND (c.related_doc_id IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.doc_id = c.related_doc_id))"
        ).fetchone()[0]
    assert orphans == 0
    found = {(Path(a).name, Path(b).name, rule, stated, expected) for a, b, rule, stated, expected in rows}
    # the disagreements between consecutive years that corpus-2.yaml lists under cross_file
    assert {
        ("putuo_wanli_subdistrict_2024_dept_budget.pdf", "putuo_wanli_subdistrict_2023_dept_budget.pdf",
         "cross_document.stale_figure", "352.67万元", "3503499元"),
        ("js_procuratorate_2018.pdf", "js_procuratorate_2017.pdf", "cross_document.flat", "100万元", "110.00万元"),
        ("js_procuratorate_2018.pdf", "js_procuratorate_2017.pdf", "cross_document.change", "1670.85万元", "1670.83万元"),
        ("js_procuratorate_2018.pdf", "js_procuratorate_2017.pdf", "cross_document.change", "3958.98万元", "3959.28万元"),
        ("js_procuratorate_2019.pdf", "js_procuratorate_2018.pdf", "cross_document.rate", "7.57%", "7.56%"),
        ("js_procuratorate_2019.pdf", "js_procuratorate_2018.pdf", "cross_document.rate", "64.07%", "64.06%"),
        ("js_high_court_2018.pdf", "js_high_court_2017.pdf", "cross_document.change", "-392.92万元", "-382.92万元"),
    } <= found


def test_every_change_of_the_corpus_has_a_direction(corpus_dataset: Path) -> None:
    changes = [r for r in rows_of(corpus_dataset / "facts.csv") if r["measure"] in ("增减额", "增减率")]
    assert len(changes) > 400
    assert [r for r in changes if r["direction"] not in ("increase", "decrease", "flat")] == []
    for row in changes:
        magnitude = abs(float(row["value"]))
        assert float(row["value_signed"]) == (-magnitude if row["direction"] == "decrease" else magnitude)
    assert {r["direction"] for r in changes} == {"increase", "decrease"}


def test_signed_changes_on_a_document_with_increases_and_decreases() -> None:
    from gongkai.api import read

    path = SHARED / "corpus" / "jiangsu" / "js_high_court_2018.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    signed = {
        (f.raw, f.measure): f.value_signed
        for f in read(path).facts
        if f.origin == "text" and f.raw in ("3070.69万元", "392.92万元", "26.05%", "5.95%", "100万元")
    }
    assert signed[("3070.69万元", "增减额")] == Decimal("3070.69")
    assert signed[("26.05%", "增减率")] == Decimal("26.05")
    assert signed[("392.92万元", "增减额")] == Decimal("-392.92")
    assert signed[("5.95%", "增减率")] == Decimal("-5.95")


def test_the_documents_table_carries_the_file_identity(corpus_dataset: Path) -> None:
    from gongkai import __version__

    documents = rows_of(corpus_dataset / "documents.csv")
    for row in documents:
        path = Path(row["source"])
        assert row["sha256"].startswith(row["doc_id"]) and len(row["sha256"]) == 64
        assert int(row["size"]) == path.stat().st_size
        assert row["gongkai_version"] == __version__
        assert row["checked_at"].endswith("+00:00")
        assert row["fiscal_year"].isdigit()
