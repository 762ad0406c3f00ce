"""Which API a chat request goes to: the user's choice, or, on Automatic, the Responses API
for OpenAI itself and Chat Completions for compatible servers (llama.cpp, vLLM, Ollama,
LM Studio, relays), which all speak it; a server found to lack /responses is remembered
per profile so Automatic never asks it again."""

from __future__ import annotations

from urllib.parse import urlsplit

from playground.services.reply_options import API_AUTO, API_CHAT, API_RESPONSES

OPENAI_HOSTS = frozenset({"api.openai.com"})
_MEMORY = "no_responses_api/"  # state.ini key prefix, per profile


def is_openai(base_url: str) -> bool:
    return (urlsplit(base_url).hostname or "") in OPENAI_HOSTS


def choose_api(chosen: str, base_url: str, lacks_responses: bool) -> str:
    if chosen in (API_RESPONSES, API_CHAT):
        return chosen
    assert chosen == API_AUTO
    return API_RESPONSES if is_openai(base_url) and not lacks_responses else API_CHAT


def memory_key(profile: str) -> str:
    return _MEMORY + (profile or "default")
