"""Budget caps: warn at 80%, block at 100% with a one-request override; bad caps refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from playground.usage.budget import (
    BudgetCaps,
    BudgetLevel,
    BudgetStore,
    CapError,
    evaluate,
    parse_cap,
)


def test_levels() -> None:
    caps = BudgetCaps(daily=Decimal(10), monthly=Decimal(100))
    assert evaluate(caps, Decimal("7.99"), Decimal(20)).level is BudgetLevel.OK
    warn = evaluate(caps, Decimal(8), Decimal(20))
    assert warn.level is BudgetLevel.WARN and "daily budget of $10.00" in warn.message
    blocked = evaluate(caps, Decimal(5), Decimal(100))
    assert blocked.blocked and "monthly budget of $100 is used up" in blocked.message
    assert evaluate(BudgetCaps(), Decimal(10**6), Decimal(10**6)).level is BudgetLevel.OK


def test_small_amounts_keep_their_digits() -> None:
    # A tiny cap and spend must not both read "$0.00" (one rounding rule: model.money).
    warn = evaluate(BudgetCaps(daily=Decimal("0.002")), Decimal("0.0017"), Decimal(0))
    assert warn.message.startswith("$0.0017 of the daily budget of $0.002 spent")
    blocked = evaluate(BudgetCaps(daily=Decimal("0.002")), Decimal("0.00213"), Decimal(0))
    assert "budget of $0.002 is used up ($0.00213 spent)" in blocked.message


def test_zero_cap_blocks_everything() -> None:
    assert evaluate(BudgetCaps(daily=Decimal(0)), Decimal(0), Decimal(0)).blocked


@pytest.mark.parametrize(("text", "value"), [("", None), ("  ", None), ("5", Decimal(5)),
                                             ("$12.50", Decimal("12.50")),
                                             ("1,000", Decimal(1000))])
def test_parse_cap(text: str, value: Decimal | None) -> None:
    assert parse_cap(text) == value


@pytest.mark.parametrize(("text", "message"), [
    ("-5", "cannot be negative"), ("100001", "above the $100,000 limit"),
    ("ten", "is not an amount of dollars"), ("NaN", "finite"), ("1e9", "limit")])
def test_bad_caps_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(CapError, match=None) as caught:
        parse_cap(text)
    assert message in str(caught.value)


def test_store_round_trip_and_refuses_bad_values(tmp_path: Path) -> None:
    store = BudgetStore(tmp_path / "db.sqlite3")
    store.set_caps("OpenAI", BudgetCaps(daily=Decimal("2.5"), monthly=None))
    assert store.caps("OpenAI") == BudgetCaps(Decimal("2.5"), None)
    assert store.caps("Other") == BudgetCaps()
    with pytest.raises(CapError):
        store.set_caps("OpenAI", BudgetCaps(daily=Decimal(-1)))
    assert store.all_caps() == {"OpenAI": BudgetCaps(Decimal("2.5"), None)}
