"""Finds OpenAI-compatible servers running on this machine (first-run setup offers them).

Every known port is asked `GET /v1/models` at once, with a short timeout, directly (never
through a proxy from the environment: a proxy cannot reach the user's localhost). Servers
that answer with a model list are returned; anything else — closed port, another program,
an error page — is skipped silently, since "not found" is the normal outcome.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx2

# Default ports of the servers people run locally. Several share a port; the answer's
# `owned_by` tells some of them apart (see _OWNERS).
KNOWN_PORTS: dict[int, tuple[str, ...]] = {
    11434: ("Ollama",),
    1234: ("LM Studio",),
    8080: ("llama.cpp server", "LocalAI"),
    8000: ("vLLM", "faster-whisper-server"),
    8001: ("faster-whisper-server",),
    5000: ("text-generation-webui",),
    1337: ("Jan",),
}
_OWNERS = {"llamacpp": "llama.cpp server", "vllm": "vLLM", "library": "Ollama",
           "ollama": "Ollama", "localai": "LocalAI"}
DEFAULT_TIMEOUT = 0.8  # seconds per port; a local server answers in milliseconds
_MAX_MODELS = 200  # a list this long is already more than a picker can show


@dataclass(frozen=True)
class LocalServer:
    port: int
    base_url: str  # e.g. "http://127.0.0.1:11434/v1"
    product: str  # best guess, e.g. "Ollama" or "llama.cpp server / LocalAI"; "" unknown
    models: tuple[str, ...]


async def find_local_servers(ports: Iterable[int] | None = None, *, host: str = "127.0.0.1",
                             timeout: float = DEFAULT_TIMEOUT) -> list[LocalServer]:
    """The servers that answered, in port order. Never raises for an unreachable port."""
    wanted = sorted(set(KNOWN_PORTS if ports is None else ports))
    async with httpx2.AsyncClient(trust_env=False, timeout=timeout) as http:
        found = await asyncio.gather(*(_probe(http, host, port) for port in wanted))
    return [server for server in found if server is not None]


async def _probe(http: httpx2.AsyncClient, host: str, port: int) -> LocalServer | None:
    base_url = f"http://{host}:{port}/v1"
    try:
        response = await http.get(f"{base_url}/models")
        if response.status_code != 200:
            return None
        body = response.json()
    except (httpx2.HTTPError, ValueError, OSError):
        return None
    entries = body.get("data") if isinstance(body, dict) else None
    if not isinstance(entries, list):
        return None  # some other program on this port, not an OpenAI-compatible server
    ids = [str(e["id"]) for e in entries if isinstance(e, dict) and e.get("id")][:_MAX_MODELS]
    return LocalServer(port, base_url, _product(port, entries), tuple(ids))


def _product(port: int, entries: list[Any]) -> str:
    for entry in entries:
        owner = str(entry.get("owned_by", "")).lower() if isinstance(entry, dict) else ""
        if owner in _OWNERS:
            return _OWNERS[owner]
    return " / ".join(KNOWN_PORTS.get(port, ()))  # "" on an unknown port: the UI names it
