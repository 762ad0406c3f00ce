"""GET /models: a small catalog. `server.state["models"]` replaces it."""

from __future__ import annotations

from tests.fake_openai.server import Exchange, route

DEFAULT_MODELS = [
    "gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "gpt-5", "text-embedding-3-small",
    "dall-e-3", "gpt-image-1", "tts-1", "gpt-4o-mini-tts", "whisper-1", "gpt-4o-transcribe",
]


@route("GET", "/models")
def list_models(ex: Exchange) -> None:
    ids = ex.server.state.get("models", DEFAULT_MODELS)
    ex.send_json({
        "object": "list",
        "data": [{"id": i, "object": "model", "created": 1700000000, "owned_by": "system"}
                 for i in ids],
    })
