"""missing_table.final_accounts: the nine standard tables of a 部门决算.

No arithmetic here: the near misses are a table printed empty with 本表无数据 (present) and
a document that names its tables as attached.
"""

from __future__ import annotations

import pytest

from tests.validate.final_accounts import BASELINE, final_accounts
from tests.validate.support import FINAL, PERFORMANCE, Expect, assert_findings, case, document

CASES = [
    # all nine present, three of them printed empty with 「本表无数据」
    case("all-nine-present", BASELINE),
    # one table left out
    case(
        "one-missing",
        final_accounts(omit=("政府性基金预算财政拨款收入支出决算表",)),
        Expect(
            "missing_table.final_accounts",
            "warning",
            (),
            page=None,
            message=("缺少《政府性基金预算财政拨款收入支出决算表》", "本表无数据"),
        ),
    ),
    # no table at all: one warning, not nine
    case(
        "none-present",
        document(FINAL, "本年支出合计307.78万元。"),
        Expect("missing_table.final_accounts", "warning", (), page=None, message=("没有找到任何一张部门决算公开表",)),
    ),
    # no table, but the text says they are attached: one note
    case(
        "attached",
        document(FINAL, "本年支出合计307.78万元。", "部门决算表详见附件。"),
        Expect("missing_table.final_accounts", "info", (), page=1, message=("见附件",)),
    ),
    # a page publishing two approved tables and naming no other: nothing is missing
    case("two-tables-only", final_accounts(keep=("收入支出决算总表", "财政拨款“三公”经费支出决算表"))),
    # three tables, and the 目录 names a fourth that is not there
    case(
        "listed-but-absent",
        final_accounts(keep=("收入支出决算总表", "收入决算表", "支出决算表"), preface=("目录", "四、财政拨款收入支出决算总表")),
        Expect("missing_table.final_accounts", "warning", (), page=None, message=("缺少《财政拨款收入支出决算总表》",)),
    ),
    # not a 部门决算: nothing is required
    case("performance-report", document(PERFORMANCE, "本年支出合计307.78万元。")),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_missing_table_final_accounts(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect, scope="missing_table.final_accounts")
