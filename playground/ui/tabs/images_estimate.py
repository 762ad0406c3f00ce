"""The Images tab's cost line before Generate: the estimate, or why there is none.

GPT image models are priced by their tokens (genai-prices); the finished run is priced from
the usage the server returns, so the line says so where only the estimate is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.api.images import ImageRequest, controls_for
from playground.model.money import format_cost, full_cost
from playground.usage.records import UsageRecord

if TYPE_CHECKING:
    from playground.usage.pricing import PriceBook


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagesTab", text)  # the tab's catalog context


def estimate_text(prices: PriceBook, request: ImageRequest,
                  record: UsageRecord) -> tuple[str, str]:
    """(the line, its tooltip with the full figures)."""
    cost = prices.cost(record)
    if cost is None:
        return no_price_text(prices, request.model, record), ""
    each = cost / record.images
    text = (_tr("Estimated cost: %1 (%2 × %3)")
            .replace("%1", str(format_cost(cost)))
            .replace("%2", str(record.images))
            .replace("%3", str(format_cost(each))))
    if "auto" in (request.size, request.quality):
        text += (_tr(" — “auto” priced as %1 %2")
                 .replace("%1", str(record.image_quality))
                 .replace("%2", str(record.image_size)))
    return text, f"{full_cost(cost)} ({record.images} × {full_cost(each)})"


def no_price_text(prices: PriceBook, model: str, record: UsageRecord) -> str:
    """Why there is no estimate, and what the run's cost will be."""
    if not prices.knows("images", model):
        return (_tr("No price known for %1: the price data in use does not list it, so its "
                    "images are recorded without a cost. “Update prices” in the usage panel "
                    "may add it.").replace("%1", model))
    text = (_tr("No price known for %1 at %2, %3.").replace("%1", model)
            .replace("%2", record.image_size).replace("%3", record.image_quality))
    if controls_for(model).family == "gpt-image":
        text += " " + _tr("The run is priced from the tokens the server reports.")
    return text
