"""Budget caps per profile (daily and monthly, in dollars) and the state they put sending in."""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from playground.model.money import format_cost

WARN_AT = Decimal("0.8")
MAX_CAP = Decimal(100_000)  # above this a cap is a typo, not a budget


class BudgetLevel(enum.StrEnum):
    OK = "ok"
    WARN = "warn"  # at or above 80% of a cap
    BLOCKED = "blocked"  # at or above 100%: sending needs a one-request override


class CapError(ValueError):
    """A cap the user typed that cannot be used; the message says why."""


@dataclass(frozen=True)
class BudgetCaps:
    daily: Decimal | None = None  # None = no cap
    monthly: Decimal | None = None


@dataclass(frozen=True)
class BudgetState:
    level: BudgetLevel = BudgetLevel.OK
    message: str = ""
    today: Decimal = Decimal(0)
    month: Decimal = Decimal(0)
    caps: BudgetCaps = BudgetCaps()
    overridden: bool = False  # blocked, but the user allowed this one request

    @property
    def blocked(self) -> bool:
        return self.level is BudgetLevel.BLOCKED and not self.overridden


def parse_cap(text: str) -> Decimal | None:
    """A cap as typed ("", "5", "$12.50"); empty means no cap. Raises CapError."""
    cleaned = text.strip().removeprefix("$").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CapError(f"“{text.strip()}” is not an amount of dollars.") from None
    return validate_cap(value)


def validate_cap(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise CapError("A budget cap must be a finite amount of dollars.")
    if value < 0:
        raise CapError(f"A budget cap cannot be negative (got -${abs(value)}).")
    if value > MAX_CAP:
        raise CapError(f"${value:,} is above the ${MAX_CAP:,} limit for a cap; "
                       "check for a typo.")
    return value


def evaluate(caps: BudgetCaps, today: Decimal, month: Decimal) -> BudgetState:
    """The state for the spend so far; the message names the cap that decided it."""
    level, message = BudgetLevel.OK, ""
    for label, spent, cap in (("daily", today, caps.daily), ("monthly", month, caps.monthly)):
        if cap is None:
            continue
        if spent >= cap:
            return BudgetState(BudgetLevel.BLOCKED,
                               f"The {label} budget of {format_cost(cap)} is used up "
                               f"({format_cost(spent)} "
                               "spent). Sending is blocked; override for one request or "
                               "raise the cap.", today, month, caps)
        if cap and spent >= cap * WARN_AT and level is BudgetLevel.OK:
            level = BudgetLevel.WARN
            message = (f"{format_cost(spent)} of the {label} budget of {format_cost(cap)} spent "
                       f"({spent / cap:.0%}).")
    return BudgetState(level, message, today, month, caps)


class BudgetStore:
    """Caps per profile, kept in the app database beside the ledger."""

    def __init__(self, path: Path | str) -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute("CREATE TABLE IF NOT EXISTS budget_caps (profile TEXT PRIMARY KEY,"
                         " daily TEXT, monthly TEXT)")

    def close(self) -> None:
        self._db.close()

    def caps(self, profile: str) -> BudgetCaps:
        row = self._db.execute("SELECT daily, monthly FROM budget_caps WHERE profile = ?",
                               (profile,)).fetchone()
        if row is None:
            return BudgetCaps()
        return BudgetCaps(*(None if v is None else Decimal(v) for v in row))

    def all_caps(self) -> dict[str, BudgetCaps]:
        return {profile: BudgetCaps(*(None if v is None else Decimal(v) for v in values))
                for profile, *values in self._db.execute("SELECT * FROM budget_caps")}

    def set_caps(self, profile: str, caps: BudgetCaps) -> None:
        for value in (caps.daily, caps.monthly):
            if value is not None:
                validate_cap(value)
        self._db.execute(
            "INSERT INTO budget_caps VALUES (?, ?, ?) ON CONFLICT(profile) DO UPDATE SET"
            " daily = excluded.daily, monthly = excluded.monthly",
            (profile, *(None if v is None else str(v) for v in (caps.daily, caps.monthly))))
