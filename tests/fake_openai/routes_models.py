"""GET /models: today's models as OpenAI lists them, with `shutdown_date`.

`server.state["models"]` replaces the ids (no shutdown dates then, as local servers send);
`server.state["model_extra"]` adds fields per id (e.g. vLLM's {"max_model_len": 8192}).
"""

from __future__ import annotations

from typing import Any

from tests.fake_openai.server import Exchange, route

# A representative set from the openai SDK's literals (3.57), late 2026: current models,
# retiring ones with the shutdown dates their docstrings announce, and retired ones that a
# server may still list.
DEFAULT_MODELS: dict[str, str | None] = {
    "gpt-6-astra": None, "gpt-6.1-sol": None, "gpt-5.6-terra": None, "gpt-5.5": None,
    "gpt-5.4-mini": None, "gpt-5.4-nano": "2027-04-01", "gpt-5.5-pro": None,
    "gpt-5": "2026-12-11", "gpt-5-mini": "2026-12-11", "o3": "2026-12-11",
    "gpt-4o": "2027-01-14", "gpt-4o-mini": "2027-01-14", "gpt-4.1": "2027-01-14",
    "o3-mini": "2026-10-23",
    "text-embedding-3-small": None, "omni-moderation-latest": None,
    "gpt-image-2": None, "gpt-image-2.5-sunburst": None, "gpt-image-1.5": None,
    "chatgpt-image-latest": None, "gpt-image-1": "2026-10-23", "dall-e-3": "2026-05-12",
    "tts-1": "2027-01-06", "gpt-4o-mini-tts": "2027-01-06",
    "gpt-transcribe": None, "gpt-4o-transcribe-diarize": "2027-02-26",
    "whisper-1": "2027-02-26", "gpt-4o-transcribe": "2027-02-26",
    "gpt-realtime-2": None, "sora-2": None,
}


@route("GET", "/models")
def list_models(ex: Exchange) -> None:
    custom = ex.server.state.get("models")
    dates: dict[str, str | None] = DEFAULT_MODELS if custom is None \
        else dict.fromkeys(custom)
    extra: dict[str, dict[str, Any]] = ex.server.state.get("model_extra", {})
    items = []
    for model_id, shutdown in dates.items():
        item: dict[str, Any] = {"id": model_id, "object": "model", "created": 1700000000,
                                "owned_by": "system"}
        if custom is None:
            item["shutdown_date"] = shutdown
        item.update(extra.get(model_id, {}))
        items.append(item)
    ex.send_json({"object": "list", "data": items})
