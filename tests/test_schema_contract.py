"""One schema: real ``check`` reports validate against ``gongkai schema``, and every dataset
column is a report field or a declared derivation of one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.cli import main
from gongkai.schemas.datapackage import RESOURCES
from gongkai.schemas.json_schema import DERIVED_COLUMNS, report_fields, report_schema

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = (
    "seeds/000_fe379075c78fd4d3.txt",
    "seeds/001_e1a6bde02a6e7751.txt",
    "corpus/shanghai/putuo_wanli_subdistrict_2024_dept_budget.pdf",
    "corpus/jiangsu/js_high_court_2018.pdf",
    "corpus/chongqing/transport_commission_2018_budget.html",
    "corpus/fujian/pingtan_2014_baiqing_township_final.txt",
)


@pytest.fixture(scope="module")
def validator():  # type: ignore[no-untyped-def]
    from jsonschema import Draft202012Validator

    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("relative", SAMPLES)
def test_real_reports_validate_against_the_schema(validator, relative: str) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    report = json.loads(json.dumps(check(path).to_dict(), ensure_ascii=False))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(report)]
    assert errors == []
    assert isinstance(report["document"]["fiscal_year"], int)
    assert report["checks"] and all(f["check_id"] is not None for f in report["findings"])


def test_a_report_with_an_unknown_field_does_not_validate(validator) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / SAMPLES[0]
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    report = json.loads(json.dumps(check(path).to_dict(), ensure_ascii=False))
    report["facts"][0]["amount"] = "1"
    report["document"]["fiscal_year"] = "2019"
    messages = sorted(e.message for e in validator.iter_errors(report))
    assert len(messages) == 2
    assert any("amount" in m for m in messages) and any("'2019'" in m for m in messages)


def test_every_dataset_column_is_a_report_field_or_a_declared_derivation() -> None:
    fields = report_fields()
    columns = {c.name for name in ("documents", "facts", "checks", "check_facts", "findings") for c in RESOURCES[name]}
    assert sorted(columns - fields - set(DERIVED_COLUMNS)) == []
    # and no derivation hides a report field
    assert sorted(set(DERIVED_COLUMNS) & fields) == ["quote", "reason"]


def test_the_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == report_schema()
