"""GET /genai-prices.json: price data as genai-prices' maintainers publish it (state
"price_data": the body to serve, bytes or a JSON-able list; absent: 404)."""

from __future__ import annotations

import json

from tests.fake_openai.server import Exchange, route

# One provider, one model the package's snapshot does not know: an update makes it priced.
NEWER_DATA = [{
    "id": "openai", "name": "OpenAI", "api_pattern": "https://api\\.openai\\.com",
    "models": [{"id": "gpt-7-preview", "match": {"equals": "gpt-7-preview"},
                "prices": {"input_mtok": 1.5, "output_mtok": 6}}],
}]


@route("GET", "/genai-prices.json")
def price_data(ex: Exchange) -> None:
    body = ex.server.state.get("price_data")
    if body is None:
        ex.send_error(404, "no price data here")
        return
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    ex.send_bytes(data)
