"""gongkai.validate.interval: printed intervals, sums, quotients, rounding and truncation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gongkai.validate.interval import HUNDRED, Interval, half_unit, round_to, rounds_to, show, truncates_to


def printed(text: str) -> Interval:
    """The interval of a figure printed as ``text``."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Interval.printed(D(text), decimals)


def below(value: str, decimals: int) -> D:
    """``value`` less the margin that makes a rounding interval half-open at ``decimals`` places."""
    return D(value) - D(1).scaleb(-(decimals + 12))


def above(value: str, decimals: int) -> D:
    """``value`` plus that margin (the open end of a negative figure's interval)."""
    return D(value) + D(1).scaleb(-(decimals + 12))


@pytest.mark.parametrize(("decimals", "half"), [(0, "0.5"), (1, "0.05"), (2, "0.005"), (4, "0.00005")])
def test_half_unit(decimals: int, half: str) -> None:
    assert half_unit(decimals) == D(half)


@pytest.mark.parametrize(
    ("text", "lo", "hi", "decimals"),
    [("352.36", "352.355", "352.365", 2), ("62.2", "62.15", "62.25", 1), ("6", "5.5", "6.5", 0)],
)
def test_printed_interval_is_half_open_above(text: str, lo: str, hi: str, decimals: int) -> None:
    # half-up: [p − h, p + h) rounds to p
    assert printed(text) == Interval(D(lo), below(hi, decimals))


def test_negative_printed_interval_is_half_open_below() -> None:
    # half-up rounds away from zero: (−3.65, −3.55] rounds to −3.6
    assert printed("-3.6") == Interval(above("-3.65", 1), D("-3.55"))


def test_exact_figure_is_a_point() -> None:
    assert Interval.printed(D("17"), 0, exact=True) == Interval(D(17), D(17)) == Interval.point(D(17))


def test_sum_of_four_parts_has_four_half_units() -> None:
    total = Interval.point(D(0))
    for part in ("412.37", "96.48", "23.19", "8.04"):
        total = total + printed(part)
    assert total.lo == D("540.06")
    assert D("540.10") - total.hi == 4 * D(1).scaleb(-14)  # four half-open ends
    assert total.intersects(printed("540.07"))
    assert total.intersects(printed("540.06"))  # [540.055, 540.065) meets 540.06
    assert not total.intersects(printed("540.05"))  # [540.045, 540.055) ends 0.005 short
    assert total.gap(printed("540.05")) == D("0.005") + D(1).scaleb(-14)


def test_subtraction_widens() -> None:
    difference = printed("63.18") - printed("5.55")
    assert (difference.lo, difference.hi) == (above("57.62", 2), below("57.64", 2))


def test_multiplication_with_signs() -> None:
    assert Interval(D(-1), D(2)) * Interval(D(3), D(4)) == Interval(D(-4), D(8))
    assert Interval(D(-2), D(-1)) * Interval(D(-3), D(1)) == Interval(D(-2), D(6))


def test_scale_by_negative_factor_keeps_order() -> None:
    assert Interval(D(1), D(2)).scale(D(-1)) == Interval(D(-2), D(-1))
    assert printed("4.80").scale(D(10000)) == Interval(D("47950"), below("4.805", 2) * 10000)


def test_division_takes_the_extreme_quotients() -> None:
    quotient = printed("352.36") / printed("566.35")
    assert quotient == Interval(D("352.355") / below("566.355", 2), below("352.365", 2) / D("566.345"))
    percent = quotient.scale(HUNDRED)  # [62.21451%, 62.21738%]
    assert rounds_to(percent, D("62.2"), 1)
    assert rounds_to(percent, D("62.22"), 2)
    assert not rounds_to(percent, D("62.3"), 1)
    assert not rounds_to(percent, D("62.23"), 2)


def test_division_with_negative_parts() -> None:
    assert Interval(D(1), D(2)) / Interval(D(-2), D(-1)) == Interval(D(-2), D("-0.5"))
    assert Interval(D(-1), D(2)) / Interval(D(2), D(4)) == Interval(D("-0.5"), D(1))


@pytest.mark.parametrize(
    "divisor",
    [
        Interval.printed(D(0), 2),  # a printed 0.00 stands for [-0.005, 0.005]
        Interval(D(0), D(1)),  # touching 0 from above
        Interval(D(-1), D(0)),  # touching 0 from below
        Interval(D(0), D(0)),
    ],
)
def test_division_by_interval_holding_zero_is_none(divisor: Interval) -> None:
    assert divisor.contains_zero()
    assert printed("307.82") / divisor is None


def test_contains_zero_and_mid() -> None:
    assert not Interval(D("0.001"), D(1)).contains_zero()
    assert round(printed("62.2").mid, 6) == D("62.200000")
    assert Interval(D(1), D(4)).mid == D("2.5")


def test_intersects_is_closed_but_rounding_intervals_are_half_open() -> None:
    assert Interval(D(1), D(2)).intersects(Interval(D(2), D(3)))  # closed intervals meet at 2
    # 418.625 rounds to 418.63, never to 418.62: two prints one cent apart cannot be one value
    assert not printed("418.62").intersects(printed("418.63"))
    assert not printed("418.62").intersects(printed("418.64"))
    assert printed("418.62").gap(printed("418.64")) == D("0.01") + D(1).scaleb(-14)


@pytest.mark.parametrize(
    ("computed", "value", "decimals", "result"),
    [
        (Interval.point(D("3.515")), "3.52", 2, True),  # half-up: 3.515 → 3.52
        (Interval.point(D("3.5149")), "3.51", 2, True),
        (Interval.point(D("3.5251")), "3.52", 2, False),
        (Interval(D("3.513360"), D("3.516723")), "3.51", 2, True),  # 10.82/307.82 within input rounding
        (Interval(D("3.513360"), D("3.516723")), "3.52", 2, True),
        (Interval(D("3.513360"), D("3.516723")), "3.53", 2, False),
        (Interval.point(D("-3.515")), "-3.52", 2, True),  # half-up rounds away from zero
        (Interval.point(D("87.5")), "88", 0, True),
    ],
)
def test_rounds_to(computed: Interval, value: str, decimals: int, result: bool) -> None:
    assert rounds_to(computed, D(value), decimals) is result


@pytest.mark.parametrize(
    ("computed", "value", "decimals"),
    [
        (Interval.point(D("87.5")), "87", 0),
        (Interval.point(D("3.515")), "3.51", 2),
        (Interval(D("3.515"), D("3.518")), "3.51", 2),
        (Interval.point(D("-3.515")), "-3.51", 2),
    ],
)
def test_rounds_to_half_up_boundary_belongs_to_the_next_digit(computed: Interval, value: str, decimals: int) -> None:
    assert rounds_to(computed, D(value), decimals) is False


@pytest.mark.parametrize(
    ("computed", "value", "decimals", "result"),
    [
        (Interval(D("7.686923"), D("7.689077")), "7.68", 2, True),  # 38.44/500.00 cut to two places
        (Interval(D("7.686923"), D("7.689077")), "7.69", 2, False),  # cutting never raises a value
        (Interval(D("7.686923"), D("7.689077")), "7.67", 2, False),
        (Interval(D("91.661207"), D("91.665464")), "91.6", 1, True),
        (Interval.point(D("7.68")), "7.68", 2, True),
        (Interval.point(D("-3.65")), "-3.6", 1, True),  # cut toward zero
        (Interval.point(D("-3.55")), "-3.6", 1, False),
        (Interval.point(D("-3.7")), "-3.6", 1, False),
    ],
)
def test_truncates_to(computed: Interval, value: str, decimals: int, result: bool) -> None:
    assert truncates_to(computed, D(value), decimals) is result


@pytest.mark.parametrize(
    ("computed", "value", "decimals"),
    [(Interval.point(D("7.689995")), "7.68", 2), (Interval.point(D("-0.4")), "0", 0)],
)
def test_truncates_to_whole_window(computed: Interval, value: str, decimals: int) -> None:
    assert truncates_to(computed, D(value), decimals) is True


@pytest.mark.parametrize(
    ("value", "decimals", "rounded"),
    [("3.515", 2, "3.52"), ("-3.515", 2, "-3.52"), ("2.5", 0, "3"), ("0.005", 2, "0.01"), ("62.2159", 2, "62.22")],
)
def test_round_to_half_up(value: str, decimals: int, rounded: str) -> None:
    assert round_to(D(value), decimals) == D(rounded)
    assert str(round_to(D(value), decimals)) == rounded


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [("62.2159", 2, "62.22"), ("100", 2, "100.00"), ("0.005", 1, "0.0"), ("-0.125", 2, "-0.13")],
)
def test_show(value: str, decimals: int, text: str) -> None:
    assert show(D(value), decimals) == text
