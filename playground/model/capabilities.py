"""What a model can do: endpoints, context window, output limit, reasoning, vision, retirement.

Read from the shipped catalog (`catalog_data`, generated from the installed openai SDK), not
from regexes. Pure data (no SDK import) so the UI can adapt its controls while the user types
and `usage` can pick a tokenizer. A name the catalog lacks is matched to its family (guessed)
or, for local models (llama3, qwen...), taken as a chat model whose context is unknown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
from dataclasses import dataclass
from typing import Any

from playground.model import catalog_data


class ModelKind(enum.StrEnum):
    CHAT = "chat"
    IMAGE = "image"
    SPEECH = "speech"  # text-to-speech
    TRANSCRIPTION = "transcription"
    EMBEDDING = "embedding"
    MODERATION = "moderation"
    REALTIME = "realtime"
    VIDEO = "video"
    OTHER = "other"


class Endpoint(enum.StrEnum):
    CHAT = "chat"  # chat completions
    RESPONSES = "responses"
    IMAGES = "images"
    SPEECH = "speech"
    TRANSCRIPTION = "transcription"
    TRANSLATION = "translation"
    REALTIME = "realtime"
    EMBEDDINGS = "embeddings"
    MODERATION = "moderation"
    VIDEO = "video"


_KIND_OF: dict[Endpoint, ModelKind] = {
    Endpoint.CHAT: ModelKind.CHAT, Endpoint.RESPONSES: ModelKind.CHAT,
    Endpoint.IMAGES: ModelKind.IMAGE, Endpoint.SPEECH: ModelKind.SPEECH,
    Endpoint.TRANSCRIPTION: ModelKind.TRANSCRIPTION, Endpoint.TRANSLATION: ModelKind.TRANSCRIPTION,
    Endpoint.REALTIME: ModelKind.REALTIME, Endpoint.EMBEDDINGS: ModelKind.EMBEDDING,
    Endpoint.MODERATION: ModelKind.MODERATION, Endpoint.VIDEO: ModelKind.VIDEO,
}
_APIS = (Endpoint.CHAT, Endpoint.RESPONSES)
_ENDPOINT_VALUES = frozenset(e.value for e in Endpoint)


@dataclass(frozen=True)
class ImageOptions:
    sizes: tuple[str, ...]
    custom_sizes: bool  # any WIDTHxHEIGHT within the model's limits
    qualities: tuple[str, ...]
    backgrounds: tuple[str, ...]
    output_formats: tuple[str, ...]
    input_fidelity: tuple[str, ...]  # () : leave the parameter out


@dataclass(frozen=True)
class SpeechOptions:
    instructions: bool  # follows `instructions`
    sse: bool  # stream_format="sse"


@dataclass(frozen=True)
class ModelInfo:
    name: str
    kind: ModelKind
    family: str  # e.g. "gpt-4o"; "" when no family is known
    context_window: int | None = None  # None: no source states it ("unknown")
    max_output: int | None = None  # None: unknown
    reasoning: bool = False  # max_completion_tokens, reasoning_effort, developer role
    vision: bool = False
    encoding: str = "o200k_base"  # tiktoken encoding for local counts
    guessed: bool = False  # not in the catalog: figures come from its family or a fallback
    endpoints: tuple[Endpoint, ...] = ()
    shutdown_date: dt.date | None = None
    successor: str | None = None
    unsupported: bool = False  # the SDK keeps the name only for compatibility
    params: tuple[str, ...] = ()  # request parameters the family accepts (chat models)
    reasoning_efforts: tuple[str, ...] | None = None  # None: unknown (see all_reasoning_efforts)
    image: ImageOptions | None = None
    speech: SpeechOptions | None = None

    @property
    def known(self) -> bool:
        return not self.guessed

    @property
    def apis(self) -> tuple[Endpoint, ...]:
        """Which text APIs serve it: chat completions and/or responses."""
        return tuple(e for e in self.endpoints if e in _APIS)

    def retired(self, today: dt.date) -> bool:
        """Shut down on or before `today` (or never a supported id)."""
        return self.unsupported or (self.shutdown_date is not None and self.shutdown_date <= today)

    def retiring(self, today: dt.date) -> bool:
        """A shutdown is announced for a later day."""
        return self.shutdown_date is not None and self.shutdown_date > today

    def accepts(self, param: str) -> bool:
        return param in self.params


_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")


def base_name(name: str) -> str:
    """The catalog key for a name as servers spell it: "openai/gpt-4o", "ft:gpt-4o:org::id"."""
    base = name.strip().lower().rsplit("/", 1)[-1]
    if base.startswith("ft:"):
        base = base[3:].split(":", 1)[0]
    return base


# Context windows a server told us (llama.cpp /props, vLLM, Ollama): they beat the catalog.
_learnt: dict[str, int] = {}


def learn_context_window(name: str, tokens: int) -> None:
    """Record the window the serving server reported for `name` (api.context_window)."""
    if tokens > 0:
        _learnt[name.strip()] = tokens


def forget_context_windows() -> None:
    """Drop what servers told (call when the active profile changes)."""
    _learnt.clear()


def model_info(name: str) -> ModelInfo:
    info = _info(base_name(name), name)
    learnt = _learnt.get(name.strip())
    return info if learnt is None else dataclasses.replace(info, context_window=learnt)


@functools.lru_cache(maxsize=2048)
def _info(base: str, name: str) -> ModelInfo:
    models = catalog_data.models()
    entry = models.get(base) or models.get(_DATE_SUFFIX.sub("", base))
    if entry is not None:
        return _from_entry(name, entry, guessed=False)
    endpoint = hinted_endpoint(base)  # before families: "gpt-4o-mini-tts-x" is no gpt-4o
    if endpoint is not None:
        known = Endpoint(endpoint) if endpoint in Endpoint.__members__.values() else None
        return ModelInfo(name, _KIND_OF.get(known, ModelKind.OTHER) if known else ModelKind.OTHER,
                         "", guessed=True, endpoints=(known,) if known else ())
    data = catalog_data.catalog()
    family = _longest_prefix(data["families"], base)
    if family is not None:  # a newer member of a known family, e.g. "gpt-6.3-sol"
        fam: dict[str, Any] = data["families"][family]
        reasoning = bool(fam.get("reasoning", False))
        return ModelInfo(
            name, ModelKind.CHAT, family, None, None, reasoning, bool(fam.get("vision")),
            guessed=True, endpoints=_APIS,
            params=tuple(fam.get("params") or _default_params(reasoning)),
            reasoning_efforts=None,
        )
    # Local models (llama3, qwen2.5, mistral...): chat; the window is the server's to tell.
    return ModelInfo(name, ModelKind.CHAT, "", guessed=True, endpoints=(Endpoint.CHAT,),
                     params=_default_params(False))


def hinted_endpoint(base: str) -> Endpoint | str | None:
    """The endpoint a name not in the catalog obviously belongs to ("faster-whisper-large"
    -> transcription), from the curated hints; "other" for completions-only names."""
    for key, needles in catalog_data.catalog()["hints"].items():
        if any(needle in base for needle in needles):
            return Endpoint(key) if key in _ENDPOINT_VALUES else str(key)
    return None


def _default_params(reasoning: bool) -> tuple[str, ...]:
    if reasoning:
        return ("max_completion_tokens", "reasoning_effort", "seed")
    return ("temperature", "top_p", "frequency_penalty", "presence_penalty", "stop",
            "max_tokens", "seed", "logprobs")


def _longest_prefix(prefixes: dict[str, Any], name: str) -> str | None:
    hits = [p for p in prefixes if name.startswith(p)]
    return max(hits, key=len) if hits else None


def _from_entry(name: str, e: dict[str, Any], *, guessed: bool) -> ModelInfo:
    endpoints = tuple(Endpoint(x) for x in e["endpoints"])
    shutdown = dt.date.fromisoformat(e["shutdown"]) if e.get("shutdown") else None
    image = e.get("image")
    speech = e.get("speech")
    efforts = e.get("efforts")
    return ModelInfo(
        name=name,
        kind=_KIND_OF.get(endpoints[0], ModelKind.OTHER) if endpoints else ModelKind.OTHER,
        family=e.get("family", ""),
        context_window=e.get("context_window"),
        max_output=e.get("max_output"),
        reasoning=bool(e.get("reasoning", False)),
        vision=bool(e.get("vision", False)),
        encoding=e.get("encoding", "o200k_base"),
        guessed=guessed,
        endpoints=endpoints,
        shutdown_date=shutdown,
        successor=e.get("successor"),
        unsupported=bool(e.get("unsupported", False)),
        params=tuple(e.get("params") or ()),
        reasoning_efforts=tuple(efforts) if efforts is not None else None,
        image=ImageOptions(tuple(image["sizes"]), bool(image["custom_sizes"]),
                           tuple(image["qualities"]), tuple(image["backgrounds"]),
                           tuple(image["output_formats"]), tuple(image["input_fidelity"]))
        if image else None,
        speech=SpeechOptions(bool(speech["instructions"]), bool(speech["sse"]))
        if speech else None,
    )


def supports_hosted_tools(name: str) -> bool:
    """Whether `name` can use OpenAI's hosted tools (web search, code interpreter, images in
    chat, remote MCP): chat models served by the Responses API (a name not typed yet: True).
    The server still has the last word (400 "Hosted tool … is not supported with …")."""
    if not name.strip():
        return True
    info = model_info(name)
    return (info.kind == ModelKind.CHAT and Endpoint.RESPONSES in info.endpoints
            and not any(part in name for part in ("-search-", "-audio-", "realtime")))


def is_reasoning(name: str) -> bool:
    return model_info(name).reasoning


def serves(name: str, endpoint: Endpoint) -> bool:
    return endpoint in model_info(name).endpoints


def catalog_names(endpoint: Endpoint) -> list[str]:
    """Every catalog model of an endpoint, in the SDK's order (newest families first)."""
    return [n for n, e in catalog_data.models().items() if endpoint.value in e["endpoints"]]


CHAT_FIRST_ORDER = (ModelKind.CHAT, ModelKind.OTHER, ModelKind.REALTIME, ModelKind.IMAGE,
                    ModelKind.SPEECH, ModelKind.TRANSCRIPTION, ModelKind.EMBEDDING,
                    ModelKind.MODERATION, ModelKind.VIDEO)


def sort_chat_first(names: list[str]) -> list[str]:
    """Chat-capable models first (by name within a kind), then the rest."""
    rank = {k: i for i, k in enumerate(CHAT_FIRST_ORDER)}
    return sorted(set(names), key=lambda n: (rank[model_info(n).kind], n))


def models_of_kind(names: list[str], kind: ModelKind) -> list[str]:
    return sorted({n for n in names if model_info(n).kind == kind})
