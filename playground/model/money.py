"""Dollar amounts as the user reads them: one rounding rule everywhere, the full figure on hover.

format_cost: three significant digits below a dollar ($0.000123, $0.0123, $0.123), cents up
to $100 ($1.23, $12.35), whole dollars above ($123, $1,235). full_cost: every digit there is.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

SIGNIFICANT = 3


def format_cost(amount: Decimal) -> str:
    """Short and never misleadingly zero: a non-zero cost keeps its first digits."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value == 0:
        return "$0.00"
    if value >= 100:
        return f"{sign}${value.quantize(Decimal(1), ROUND_HALF_UP):,}"
    if value >= 1:
        return f"{sign}${value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    # Below a dollar: keep SIGNIFICANT digits from the first non-zero one.
    exponent = value.adjusted() - SIGNIFICANT + 1
    rounded = value.quantize(Decimal(1).scaleb(exponent), ROUND_HALF_UP)
    if rounded >= 1:  # $0.9996 rounds up to a dollar
        return f"{sign}$1.00"
    return f"{sign}${_trim(rounded)}"


def full_cost(amount: Decimal) -> str:
    """Every digit (at least cents), for a tooltip: $0.000123456, $1,234.50."""
    sign = "-" if amount < 0 else ""
    value = abs(amount).normalize()
    if value.as_tuple().exponent > -2:  # type: ignore[operator]
        value = value.quantize(Decimal("0.01"))
    return f"{sign}${value:,f}"


def _trim(value: Decimal) -> str:
    """Fixed-point text without trailing zeros past the cents: 0.500 -> 0.50."""
    text = f"{value:f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0").ljust(2, "0")
    return f"{whole}.{decimals}"


def axis_decimals(top: float, ticks: int = 5) -> int:
    """Decimals a chart axis from 0 to `top` dollars needs for two digits per tick step."""
    step = top / max(1, ticks - 1)
    if step <= 0:
        return 2
    return min(8, max(2, 1 - math.floor(math.log10(step))))
