"""What hosted tool calls cost (Responses) beyond tokens: web search per 1,000 calls, code
interpreter per container session, image generation per image by quality and size, file search
calls per 1,000 and vector storage per GB-day beyond the free GB.

The ledger gets one row per billed call (endpoint = the tool, model = the chat model that
called it), so counts are rows and the totals need no new columns. Web search and file search
are priced from genai-prices where it knows the model; everything else from pricing.toml's
[tools] table (the user's file wins over both).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from playground.model.types import ToolUsage
from playground.usage.pricing import PriceBook, model_name_candidates
from playground.usage.records import UsageRecord

WEB_SEARCH, CODE_INTERPRETER, IMAGE_GENERATION = "web_search", "code_interpreter", \
    "image_generation"
TOOL_ENDPOINTS = (WEB_SEARCH, CODE_INTERPRETER, IMAGE_GENERATION)
THOUSAND = Decimal(1000)
# The image model the tool uses when the request names none, for per-image prices.
DEFAULT_IMAGE_MODEL = "gpt-image-1"


def tool_records(usage: ToolUsage, model: str, profile: str, request_id: str | None,
                 conversation_id: int | None, *, free: bool = False) -> list[UsageRecord]:
    """One record per billed search, session and image."""
    records: list[UsageRecord] = []
    for endpoint, count in ((WEB_SEARCH, usage.web_searches),
                            (CODE_INTERPRETER, usage.code_sessions),
                            (IMAGE_GENERATION, usage.images)):
        for _ in range(count):
            record = UsageRecord(endpoint=endpoint, model=model, profile=profile,
                                 request_id=request_id, conversation_id=conversation_id,
                                 free=free)
            if endpoint == IMAGE_GENERATION:
                record.images = 1
                record.image_size = usage.image_size
                record.image_quality = usage.image_quality
            records.append(record)
    return records


def tool_cost(book: PriceBook, record: UsageRecord) -> Decimal | None:
    """Dollars for one call of `record.endpoint`'s tool; None when no price is known."""
    from playground.usage.pricing import model_name_candidates

    user = book.prices("tools", record.endpoint) if f"tools.{record.endpoint}" in \
        book.user_models else None
    if record.endpoint == WEB_SEARCH and user is None and book.maintained:
        found = _maintained_search_price(model_name_candidates(record.model))
        if found is not None:
            return found
    prices = book.prices("tools", record.endpoint) or {}
    if record.endpoint == WEB_SEARCH and "per_1k_calls" in prices:
        return prices["per_1k_calls"] / THOUSAND
    if record.endpoint == CODE_INTERPRETER and "per_session" in prices:
        return prices["per_session"]
    if record.endpoint == IMAGE_GENERATION:
        table = book.prices("images", DEFAULT_IMAGE_MODEL) or {}
        key = f"{record.image_quality or 'medium'}.{record.image_size or '1024x1024'}"
        return table.get(key, prices.get("per_image"))
    return prices.get("per_call")


def _maintained_search_price(names: list[str]) -> Decimal | None:
    from genai_prices import Usage, calc_price

    for name in names:
        try:
            result = calc_price(Usage(web_searches=1), name, provider_id="openai")
        except LookupError:
            continue
        price = Decimal(str(result.total_price))
        return price if price > 0 else None
    return None


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
