"""OpenAI's token prices from `genai-prices` (pydantic's maintained price data, an offline
snapshot inside the package): every model the platform bills by the token, including those
released after this app, with cached-input and reasoning tokens priced as OpenAI bills them.

Imported lazily and only on a worker thread: the package takes ~0.15 s to load.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from playground.usage.records import UsageRecord

PROVIDER = "openai"


def token_cost(record: UsageRecord, names: list[str]) -> Decimal | None:
    """The request's dollars from genai-prices (the first of `names` it knows), or None."""
    from genai_prices import Usage, calc_price

    cached = min(record.cached_tokens, record.prompt_tokens)
    usage = Usage(input_tokens=record.prompt_tokens, cache_read_tokens=cached or None,
                  output_tokens=record.completion_tokens)
    for name in names:
        try:
            result: Any = calc_price(usage, name, provider_id=PROVIDER)
        except LookupError:
            continue
        return Decimal(str(result.total_price))
    return None


def image_token_cost(prompt_tokens: int, output_tokens: int, names: list[str], *,
                     image_input_tokens: int = 0,
                     text_output_tokens: int = 0) -> Decimal | None:
    """A GPT image model's dollars from the first of `names` genai-prices knows: input text
    and input images (image input price), output image tokens (image output price where the
    model has one, else its output price) and any output text (output price)."""
    from genai_prices import Usage, calc_price

    image_in = min(image_input_tokens, prompt_tokens)
    text_out = min(text_output_tokens, output_tokens)
    usage = Usage(input_tokens=prompt_tokens, input_image_tokens=image_in or None,
                  output_tokens=output_tokens, output_image_tokens=output_tokens - text_out)
    for name in names:
        try:
            result: Any = calc_price(usage, name, provider_id=PROVIDER)
        except LookupError:
            continue
        return Decimal(str(result.total_price))
    return None


def token_rates(names: list[str]) -> dict[str, Decimal]:
    """Dollars per 1M tokens (input, cached_input, output) for the first of `names` known,
    to complete a user's partial override; {} when none is known."""
    from genai_prices import Usage, calc_price

    for name in names:
        try:
            price: Any = calc_price(Usage(input_tokens=1, output_tokens=1), name,
                                    provider_id=PROVIDER).model_price
        except LookupError:
            continue
        rates = {"input": price.input_mtok, "cached_input": price.cache_read_mtok,
                 "output": price.output_mtok}
        # Tiered prices (long contexts cost more): the base tier, as short prompts pay.
        rates = {k: getattr(v, "base", v) for k, v in rates.items()}
        return {k: Decimal(str(v)) for k, v in rates.items()
                if isinstance(v, int | float | Decimal)}
    return {}


@cache
def data_version() -> str:
    """Which price data is in use, for the panel ("genai-prices 0.2.3")."""
    from importlib.metadata import version

    return f"genai-prices {version('genai-prices')}"
