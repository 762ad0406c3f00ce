"""What the usage panel shows after a request: plain data, computed off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from playground.usage.budget import BudgetState
from playground.usage.ledger import Spend
from playground.usage.records import UsageRecord


@dataclass(frozen=True)
class UsageSnapshot:
    profile: str
    last: UsageRecord | None = None  # the request just reported (tokens, estimated)
    last_cost: Decimal | None = None  # None: the model has no price
    conversation: Spend = field(default_factory=Spend)
    session: Spend = field(default_factory=Spend)
    today: Spend = field(default_factory=Spend)  # this profile, the user's local calendar day
    month: Spend = field(default_factory=Spend)
    budget: BudgetState = field(default_factory=BudgetState)
