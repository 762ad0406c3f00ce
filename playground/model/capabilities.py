"""What a model can do, from its name: kind, reasoning, context window, output limit, vision.

Pure data (no SDK import) so the UI can adapt its controls at startup and `usage` can pick a
tokenizer. Unknown models fall back to the closest family; `ModelInfo.guessed` says so.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class ModelKind(enum.StrEnum):
    CHAT = "chat"
    IMAGE = "image"
    SPEECH = "speech"  # text-to-speech
    TRANSCRIPTION = "transcription"
    EMBEDDING = "embedding"
    MODERATION = "moderation"
    OTHER = "other"


@dataclass(frozen=True)
class ModelInfo:
    name: str
    kind: ModelKind
    family: str  # the pattern that matched, e.g. "gpt-4o"; "" when guessed
    context_window: int = 8_192
    max_output: int = 4_096
    reasoning: bool = False  # o-series, gpt-5: max_completion_tokens, reasoning_effort
    vision: bool = False
    encoding: str = "o200k_base"  # tiktoken encoding for local counts
    guessed: bool = False  # no family matched: figures are a fallback


# (pattern on the lower-cased name, kind, context, max output, reasoning, vision, encoding)
# Order matters: the first match wins, so more specific names come first.
_FAMILIES: list[tuple[str, ModelKind, int, int, bool, bool, str]] = [
    (r"^(gpt-image|dall-e|chatgpt-image)", ModelKind.IMAGE, 0, 0, False, False, "o200k_base"),
    (r"(^tts-|-tts)", ModelKind.SPEECH, 0, 0, False, False, "o200k_base"),
    (r"(^whisper|transcribe|distil-whisper|faster-whisper)", ModelKind.TRANSCRIPTION,
     0, 0, False, False, "o200k_base"),
    (r"embedding", ModelKind.EMBEDDING, 8_191, 0, False, False, "cl100k_base"),
    (r"moderation", ModelKind.MODERATION, 32_768, 0, False, False, "o200k_base"),
    (r"^(gpt-4o-(mini-)?(realtime|audio))", ModelKind.OTHER, 128_000, 16_384, False, False,
     "o200k_base"),
    (r"^gpt-5(\.\d+)?-chat", ModelKind.CHAT, 128_000, 16_384, False, True, "o200k_base"),
    (r"^gpt-5", ModelKind.CHAT, 400_000, 128_000, True, True, "o200k_base"),
    (r"^o1-mini", ModelKind.CHAT, 128_000, 65_536, True, False, "o200k_base"),
    (r"^o1", ModelKind.CHAT, 200_000, 100_000, True, True, "o200k_base"),
    (r"^o3-mini", ModelKind.CHAT, 200_000, 100_000, True, False, "o200k_base"),
    (r"^o[34]", ModelKind.CHAT, 200_000, 100_000, True, True, "o200k_base"),
    (r"^gpt-4\.1", ModelKind.CHAT, 1_047_576, 32_768, False, True, "o200k_base"),
    (r"^(gpt-4o|chatgpt-4o)", ModelKind.CHAT, 128_000, 16_384, False, True, "o200k_base"),
    (r"^gpt-4-turbo|^gpt-4-\d{4}-preview|^gpt-4-vision", ModelKind.CHAT, 128_000, 4_096,
     False, True, "cl100k_base"),
    (r"^gpt-4-32k", ModelKind.CHAT, 32_768, 8_192, False, False, "cl100k_base"),
    (r"^gpt-4", ModelKind.CHAT, 8_192, 8_192, False, False, "cl100k_base"),
    (r"^gpt-3\.5-turbo-instruct", ModelKind.OTHER, 4_096, 4_096, False, False, "cl100k_base"),
    (r"^gpt-3\.5", ModelKind.CHAT, 16_385, 4_096, False, False, "cl100k_base"),
    (r"^gpt-oss", ModelKind.CHAT, 131_072, 131_072, True, False, "o200k_base"),
    (r"^(babbage|davinci)", ModelKind.OTHER, 16_384, 16_384, False, False, "cl100k_base"),
]

_COMPILED = [(re.compile(p), *rest) for p, *rest in _FAMILIES]
_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")


def model_info(name: str) -> ModelInfo:
    lowered = name.strip().lower()
    # Relays and local servers prefix names: "openai/gpt-4o", "ft:gpt-4o:org::id".
    base = lowered.rsplit("/", 1)[-1]
    if base.startswith("ft:"):
        base = base[3:].split(":", 1)[0]
    base = _DATE_SUFFIX.sub("", base)
    for pattern, kind, ctx, out, reasoning, vision, enc in _COMPILED:
        if pattern.search(base):
            return ModelInfo(name, kind, pattern.pattern, ctx, out, reasoning, vision, enc)
    # Unknown (llama3, qwen2.5, mistral...): a chat model with a modest window is the best guess.
    return ModelInfo(name, ModelKind.CHAT, "", 32_768, 8_192, False, False, "o200k_base",
                     guessed=True)


def is_reasoning(name: str) -> bool:
    return model_info(name).reasoning


CHAT_FIRST_ORDER = (ModelKind.CHAT, ModelKind.OTHER, ModelKind.IMAGE, ModelKind.SPEECH,
                    ModelKind.TRANSCRIPTION, ModelKind.EMBEDDING, ModelKind.MODERATION)


def sort_chat_first(names: list[str]) -> list[str]:
    """Chat-capable models first (newest-looking names first within a kind), then the rest."""
    rank = {k: i for i, k in enumerate(CHAT_FIRST_ORDER)}
    return sorted(set(names), key=lambda n: (rank[model_info(n).kind], n))


def models_of_kind(names: list[str], kind: ModelKind) -> list[str]:
    return sorted({n for n in names if model_info(n).kind == kind})
