"""One rounding rule for dollars: significant digits, the full figure on hover."""

from __future__ import annotations

from decimal import Decimal

import pytest

from playground.model.money import axis_decimals, format_cost, full_cost


@pytest.mark.parametrize(("amount", "shown"), [
    ("0", "$0.00"),
    ("0.000123456", "$0.000123"),
    ("0.0001", "$0.0001"),
    ("0.004999", "$0.005"),
    ("0.0051234", "$0.00512"),
    ("0.0123456", "$0.0123"),
    ("0.5", "$0.50"),
    ("0.123456", "$0.123"),
    ("0.9996", "$1.00"),
    ("1.23456", "$1.23"),
    ("12.345", "$12.35"),
    ("123.456", "$123"),
    ("1234.5", "$1,235"),
    ("-0.0123456", "-$0.0123"),
    ("0.000000001", "$0.000000001"),
])
def test_format_cost(amount: str, shown: str) -> None:
    assert format_cost(Decimal(amount)) == shown


def test_no_jump_from_six_decimals_to_two_around_half_a_cent() -> None:
    below, above = format_cost(Decimal("0.004999")), format_cost(Decimal("0.005001"))
    assert (below, above) == ("$0.005", "$0.005")
    assert format_cost(Decimal("0.0123")) == "$0.0123"  # not "$0.01" past half a cent


@pytest.mark.parametrize(("amount", "shown"), [
    ("0.000123456", "$0.000123456"), ("1234.5", "$1,234.50"), ("2", "$2.00"),
    ("0", "$0.00"), ("-0.5", "-$0.50"), ("1E+3", "$1,000.00"),
])
def test_full_cost(amount: str, shown: str) -> None:
    assert full_cost(Decimal(amount)) == shown


@pytest.mark.parametrize(("top", "decimals"), [
    (5.5, 2), (0.4, 2), (0.04, 3), (0.0033, 5), (0.0, 2), (1e-12, 8)])
def test_axis_decimals_keep_small_days_apart(top: float, decimals: int) -> None:
    assert axis_decimals(top) == decimals
