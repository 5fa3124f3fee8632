"""foreign_entity.self_reference: another department named where the report describes itself."""

from __future__ import annotations

import pytest

from tests.validate.support import FINAL, Expect, assert_findings, case, document

CASES = [
    # the reporting department itself (某某区某某局), in full or as 本局
    case("own-name", document(FINAL, "本部门结合某某区某某局的实际情况，制定了年度工作计划。")),
    case("own-short-name", document(FINAL, "结合某某局实际，制定了年度工作计划。")),
    # another department where the report speaks of its own circumstances
    case(
        "other-department",
        document(FINAL, "本部门结合某某区发改局的实际情况，制定了年度工作计划。"),
        Expect(
            "foreign_entity.self_reference",
            "info",
            (),
            message=("某某区某某局的报告写“结合某某区发改局的实际情况”", "某某区发改局不是本部门"),
        ),
    ),
]


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_foreign_entity_self_reference(text: str, expect: list[Expect]) -> None:
    assert_findings(text, expect)
