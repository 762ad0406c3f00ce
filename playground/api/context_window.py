"""A local server's real context window, asked of the server where it tells it.

- llama.cpp server: GET {root}/props -> default_generation_settings.n_ctx (or n_ctx)
- vLLM: GET {base}/models -> data[].max_model_len
- Ollama: POST {root}/api/show {"model": name} -> parameters "num_ctx N" (what it runs
  with), else model_info "<arch>.context_length" (what the model supports)
The root is the base URL without its trailing /v1. Never raises: None means "unknown".
Call it off the UI thread (it is a coroutine on the profile's HTTP client).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import httpx2

from playground.api.client import ApiClient

PROBE_TIMEOUT = 3.0  # seconds per request; a local server answers in milliseconds
OPENAI_HOSTS = ("api.openai.com",)  # the catalog knows these models: nothing to ask


def server_root(base_url: str) -> str:
    """'http://h:8080/v1' -> 'http://h:8080'; other paths are kept without a final slash."""
    base = base_url.rstrip("/")
    return base[:-3] if base.endswith("/v1") else base


async def probe_context_window(client: ApiClient, model: str) -> int | None:
    """The window the profile's server runs `model` with, or None when it does not say."""
    base = str(client.sdk.base_url).rstrip("/")
    if urlsplit(base).hostname in OPENAI_HOSTS:
        return None
    root = server_root(base)
    headers = {"Authorization": f"Bearer {client.sdk.api_key}"}
    for ask in (_llamacpp, _vllm, _ollama):
        if client.http.is_closed:
            return None  # the profile or key changed meanwhile: this answer would be stale
        try:
            found = await ask(client.http, root, base, model, headers)
        except (httpx2.HTTPError, ValueError, OSError):
            found = None  # not this kind of server (or it is down): try the next kind
        if found:
            return found
    return None


async def _json(response: httpx2.Response) -> Any:
    if response.status_code != 200:
        return None
    return response.json()


def _positive(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else None


async def _llamacpp(http: httpx2.AsyncClient, root: str, base: str, model: str,
                    headers: dict[str, str]) -> int | None:
    body = await _json(await http.get(f"{root}/props", headers=headers, timeout=PROBE_TIMEOUT))
    if not isinstance(body, dict):
        return None
    settings = body.get("default_generation_settings")
    if isinstance(settings, dict) and _positive(settings.get("n_ctx")):
        return _positive(settings.get("n_ctx"))
    return _positive(body.get("n_ctx"))


async def _vllm(http: httpx2.AsyncClient, root: str, base: str, model: str,
                headers: dict[str, str]) -> int | None:
    body = await _json(await http.get(f"{base}/models", headers=headers,
                                      timeout=PROBE_TIMEOUT))
    items = body.get("data") if isinstance(body, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("id") == model:
            return _positive(item.get("max_model_len"))
    return None


_NUM_CTX = re.compile(r"^\s*num_ctx\s+(\d+)\s*$", re.MULTILINE)


async def _ollama(http: httpx2.AsyncClient, root: str, base: str, model: str,
                  headers: dict[str, str]) -> int | None:
    body = await _json(await http.post(f"{root}/api/show", json={"model": model},
                                       headers=headers, timeout=PROBE_TIMEOUT))
    if not isinstance(body, dict):
        return None
    parameters = body.get("parameters")
    if isinstance(parameters, str) and (match := _NUM_CTX.search(parameters)):
        return _positive(int(match.group(1)))
    info = body.get("model_info")
    if isinstance(info, dict):
        for key, value in info.items():
            if str(key).endswith(".context_length") and _positive(value):
                return _positive(value)
    return None
