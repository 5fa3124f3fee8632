"""Printed numbers → Decimal with their printed precision and unit; no value is never 0."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.normalize.chars import fold_width
from gongkai.normalize.numbers import Number, decimal_places, parse_number, to_yuan


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("1,234.56", "1234.56", 2),
        ("12,345,678.90", "12345678.90", 2),
        ("1,234", "1234", 0),
        ("0.00", "0.00", 2),
        ("0", "0", 0),
        ("3.10", "3.10", 2),
        ("352.36", "352.36", 2),
        ("（12.3）", "-12.3", 1),
        ("(12.3)", "-12.3", 1),
        ("-12.3", "-12.3", 1),
        ("－12.3", "-12.3", 1),
        ("+5", "5", 0),
        (" 766.58 ", "766.58", 2),
    ],
)
def test_parse_number_value_and_decimals(text: str, value: str, decimals: int) -> None:
    number = parse_number(text)
    assert number is not None
    assert number.value == Decimal(value)
    assert str(number.value) == value  # the printed precision is kept (0.00, 3.10)
    assert number.decimals == decimals
    assert number.unit is None


def test_parse_number_keeps_the_text_as_printed() -> None:
    assert parse_number(" (12.3) ") == Number(value=Decimal("-12.3"), decimals=1, unit=None, text="(12.3)")


@pytest.mark.parametrize(
    ("printed", "value", "decimals"),
    [
        ("１２３．４５", "123.45", 2),
        ("１，２３４．５６", "1234.56", 2),
        ("（１２．３）", "-12.3", 1),
        ("９５．８９％", "95.89", 2),
    ],
)
def test_full_width_numbers_parse_after_folding(printed: str, value: str, decimals: int) -> None:
    number = parse_number(fold_width(printed))
    assert number is not None
    assert str(number.value) == value
    assert number.decimals == decimals


@pytest.mark.parametrize(
    ("text", "value", "decimals", "unit"),
    [
        ("352.36万元", "352.36", 2, "万元"),
        ("5元", "5", 0, "元"),
        ("1.5亿元", "1.5", 1, "亿元"),
        ("2亿", "2", 0, "亿"),
        ("800千元", "800", 0, "千元"),
        ("12万美元", "12", 0, "万美元"),
        ("95.89%", "95.89", 2, "%"),
        ("3‰", "3", 0, "‰"),
        ("13人", "13", 0, "人"),
        ("120人次", "120", 0, "人次"),
        ("3辆", "3", 0, "辆"),
        ("93.2分", "93.2", 1, "分"),
        ("12 万元", "12", 0, "万元"),
    ],
)
def test_parse_number_with_unit(text: str, value: str, decimals: int, unit: str) -> None:
    number = parse_number(text)
    assert number is not None
    assert (str(number.value), number.decimals, number.unit) == (value, decimals, unit)


def test_default_unit_applies_only_without_a_printed_unit() -> None:
    assert parse_number("12.3", default_unit="万元") == Number(Decimal("12.3"), 1, "万元", "12.3")
    number = parse_number("5元", default_unit="万元")
    assert number is not None and number.unit == "元"


@pytest.mark.parametrize("text", ["-", "—", "——", "－", "–", "", "   ", "/", "／", "无", "*", "×", None])
def test_no_value_marks_are_none_never_zero(text: str | None) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    ["abc", "12.3.4", "1,23", "（12.3", "12.3）", "12kg", "NaN", "Infinity", "1e5", "5.", "—12", "合计"],
)
def test_junk_is_none(text: str) -> None:
    assert parse_number(text) is None


def test_money_properties() -> None:
    amount = parse_number("352.36万元")
    assert amount is not None and amount.is_money
    assert amount.value_yuan == Decimal("3523600.00")
    people = parse_number("13人")
    assert people is not None and not people.is_money and people.value_yuan is None
    rate = parse_number("95.89%")
    assert rate is not None and rate.value_yuan is None


@pytest.mark.parametrize(
    ("value", "unit", "yuan"),
    [
        ("1.23", "万元", "12300.00"),
        ("352.36", "万元", "3523600.00"),
        ("2", "亿元", "200000000"),
        ("2", "亿", "200000000"),
        ("2", "千元", "2000"),
        ("1.5", "百万元", "1500000.0"),
        ("7.5", "元", "7.5"),
        ("-12.3", "万元", "-123000.0"),
    ],
)
def test_to_yuan(value: str, unit: str, yuan: str) -> None:
    result = to_yuan(Decimal(value), unit)
    assert result == Decimal(yuan)
    assert str(result) == yuan


@pytest.mark.parametrize("unit", ["%", "人", "分", "万美元", "美元", None])
def test_to_yuan_is_none_for_other_units(unit: str | None) -> None:
    assert to_yuan(Decimal("2"), unit) is None


@pytest.mark.parametrize(
    ("value", "places"),
    [("3.10", 2), ("3", 0), ("0.00", 2), ("1234.5", 1), ("1E+1", 0), ("-0.005", 3), ("100", 0)],
)
def test_decimal_places(value: str, places: int) -> None:
    assert decimal_places(Decimal(value)) == places
