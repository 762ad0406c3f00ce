"""What hosted tools cost beyond tokens: file search calls (per 1,000) and vector storage
(per GB-day beyond the free GB).

Per-call prices come from genai-prices where it knows the model (`storage_searches`), else
from the `[tools."file_search"]` table of pricing.toml (the user's file wins over both);
storage is only in pricing.toml (genai-prices has no unit for it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from playground.usage.pricing import PriceBook, model_name_candidates

FILE_SEARCH = "file_search"
GIB = Decimal(1024 ** 3)


def file_search_cost(book: PriceBook, model: str, calls: int) -> Decimal | None:
    """Dollars for `calls` file search calls made by `model`; None when unpriced."""
    if calls <= 0:
        return Decimal(0)
    prices = book.prices("tools", FILE_SEARCH) or {}
    user_priced = f"tools.{FILE_SEARCH}" in book.user_models and "per_1k_calls" in prices
    if book.maintained and not user_priced:
        found = _genai_searches(model, calls)
        if found is not None:
            return found
    per_1k = prices.get("per_1k_calls")
    return None if per_1k is None else per_1k * calls / 1000


def _genai_searches(model: str, calls: int) -> Decimal | None:
    from genai_prices import Usage, calc_price

    for name in model_name_candidates(model):
        try:
            result: Any = calc_price(Usage(storage_searches=calls), name, provider_id="openai")
        except LookupError:
            continue
        return Decimal(str(result.total_price))
    return None


def storage_cost_per_day(book: PriceBook, usage_bytes: int) -> Decimal | None:
    """Dollars a day for `usage_bytes` of vector storage (all stores together: the free GB
    is per project, not per store); None when unpriced."""
    prices = book.prices("tools", FILE_SEARCH) or {}
    per_gb_day = prices.get("per_gb_day")
    if per_gb_day is None:
        return None
    billable = max(Decimal(0), Decimal(usage_bytes) / GIB - prices.get("free_gb", Decimal(0)))
    return billable * per_gb_day
