"""subject_key and same_subject: labels for one subject meet, an expense never meets an income."""

from __future__ import annotations

import pytest

from gongkai.schemas.subjects import same_subject, subject_key


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("公务接待费支出", "公务接待费"),  # the spending word goes when what is left is a known subject
        ("公务接待费预算支出", "公务接待费"),
        ("财政拨款", "财政拨款收入"),  # the short name of the income
        ("部门收入", "收入"),
        # what is left of 财政拨款支出 without 支出 is 财政拨款, an alias of the income: it stays an expense
        ("财政拨款支出", "财政拨款支出"),
    ],
)
def test_subject_keys(label: str, key: str) -> None:
    assert subject_key(label) == key


def test_fiscal_spending_is_not_fiscal_income() -> None:
    # a budget with money carried over spends more than it receives: the two are different figures
    assert not same_subject("财政拨款支出", "财政拨款收入", strict=True)
    assert same_subject("财政拨款", "财政拨款收入", strict=True)
