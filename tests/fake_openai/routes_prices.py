"""GET /genai-prices.json: price data as genai-prices' maintainers publish it (their
prices/new_data/v2/data.json: a JSON list of providers).

State "price_data": the body to serve (bytes, or a JSON-able list); absent: 404.
State "price_last_modified": a Last-Modified header value to send with it.
State "price_delay": seconds to wait before answering (to see the progress).
`published_data()` builds a realistic body: the package's own snapshot, serialised as the
upstream file is, plus models the snapshot does not know, so an update visibly adds prices.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import time
from decimal import Decimal
from functools import cache
from typing import Any

from tests.fake_openai.server import Exchange, route

# A model the package's snapshot does not price: an update makes it priced.
NEW_CHAT_MODEL = {"id": "gpt-7-preview", "match": {"equals": "gpt-7-preview"},
                  "prices": {"input_mtok": 1.5, "output_mtok": 6}}
# An image model the SDK lists but the snapshot does not price (gpt-image-2.6-*).
NEW_IMAGE_MODEL = {"id": "gpt-image-2.6-flare",
                   "match": {"starts_with": "gpt-image-2.6-flare"},
                   "prices": {"input_mtok": 5, "output_mtok": 40, "input_image_mtok": 8}}
LAST_MODIFIED = "Fri, 20 Nov 2026 08:00:00 GMT"

# The smallest data genai-prices accepts with OpenAI in it (tests that need no realism).
NEWER_DATA = [{"id": "openai", "name": "OpenAI", "api_pattern": "https://api\\.openai\\.com",
               "models": [NEW_CHAT_MODEL]}]


@route("GET", "/genai-prices.json")
def price_data(ex: Exchange) -> None:
    time.sleep(ex.server.state.get("price_delay", 0))
    body = ex.server.state.get("price_data")
    if body is None:
        ex.send_error(404, "no price data here")
        return
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    modified = ex.server.state.get("price_last_modified")
    ex.send_bytes(data, headers={"Last-Modified": modified} if modified else None)


@cache
def _snapshot_json() -> str:
    from genai_prices.data_snapshot import _bundled_snapshot

    return json.dumps(_plain(_bundled_snapshot().providers))


def published_data(*extra_openai_models: dict[str, Any]) -> list[dict[str, Any]]:
    """The package snapshot as the upstream data.json, with `extra_openai_models` added."""
    providers: list[dict[str, Any]] = json.loads(_snapshot_json())
    for provider in providers:
        if provider["id"] == "openai":
            provider["models"].extend(extra_openai_models)
    return providers


def _plain(value: Any) -> Any:
    """genai-prices' objects as the JSON its maintainers publish (the shape its parser reads):
    None left out, `or_`/`and_` as "or"/"and", dates ISO, prices as numbers."""
    from genai_prices.types import ModelPrice

    if isinstance(value, ModelPrice):
        return {k: _plain(v) for k, v in value._comparable_values().items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name.rstrip("_"): _plain(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if not f.name.startswith("_") and getattr(value, f.name) is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value
