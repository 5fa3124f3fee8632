"""The narrative and the tables of one publication, published as two files, checked against each other."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from gongkai.api import read, report
from gongkai.crossdoc import compare_group, digest_of, group_key

JIANGSU = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "jiangsu"


@pytest.fixture(scope="module")
def publication() -> list[dict]:
    files = [JIANGSU / "js_party_office_2017_narrative.pdf", JIANGSU / "js_party_office_2017_tables.pdf"]
    if not all(f.is_file() for f in files):
        pytest.skip(f"the two files of the 2017 publication are not available under {JIANGSU}")
    digests = []
    for path in files:
        analysis = read(path)
        digests.append(digest_of(analysis, report(analysis)))
    return digests


def test_the_two_files_are_one_department_however_each_names_it(publication: list[dict]) -> None:
    # the narrative says 江苏省委办公厅, the tables 中国共产党江苏省委员会办公厅
    assert publication[0]["department"] != publication[1]["department"]
    assert group_key(publication[0]) == group_key(publication[1]) == ("江苏省委办公厅", "budget")


def test_every_narrative_figure_the_tables_print_agrees(publication: list[dict]) -> None:
    results = compare_group(publication)
    assert [(r.check.rule, r.check.verdict) for r in results] == [("cross_document.narrative_table", "consistent")] * 13
    assert {(r.doc_id, r.related_doc_id) for r in results} == {(publication[0]["doc_id"], publication[1]["doc_id"])}


def test_a_narrative_figure_the_tables_contradict(publication: list[dict]) -> None:
    narrative = copy.deepcopy(publication[0])
    item = next(i for i in narrative["items"] if i["current"]["subject"] == "基本支出")
    item["current"]["value"] = "9964.70"  # two digits swapped
    item["current"]["value_yuan"] = "99647000.00"
    results = compare_group([narrative, publication[1]])
    failed = [r for r in results if r.check.verdict == "inconsistent"]
    # the narrative states 基本支出 twice: the altered print is now a claim of its own beside the other
    assert len(failed) == 1 and len(results) == 14
    finding = failed[0].finding
    assert finding is not None and (finding.severity, finding.stated, finding.expected) == ("warning", "9964.70万元", "9964.07万元")
    assert finding.message.startswith("说明称基本支出9964.70万元，同一公开的表格文件《js_party_office_2017_tables.pdf》")
    assert len(finding.evidence) == 2
