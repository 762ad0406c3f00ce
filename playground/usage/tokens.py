"""Prompt tokens of a chat request, counted as OpenAI's cookbook "How to count tokens with
tiktoken" does: messages (section 6), tool definitions (section 7), images (tile rule).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import tiktoken

from playground.model.capabilities import model_info
from playground.model.types import ChatMessage, Usage
from playground.usage.encodings import get_encoding
from playground.usage.image_tokens import image_tokens

TOKENS_PER_MESSAGE = 3  # <|start|>{role/name}\n{content}<|end|>\n
TOKENS_PER_NAME = 1
REPLY_PRIMER = 3  # every reply is primed with <|start|>assistant<|message|>


@dataclass(frozen=True)
class ToolOverhead:
    """Cookbook section 7: fixed tokens around each function, property and enum item."""

    func_init: int
    prop_init: int = 3
    prop_key: int = 3
    enum_init: int = -3
    enum_item: int = 3
    func_end: int = 12


# The cookbook measured gpt-4o/gpt-4o-mini (o200k_base) and gpt-4/gpt-3.5-turbo (cl100k_base);
# other models of the same encoding are assumed to wrap tools the same way.
_TOOL_OVERHEAD = {"o200k_base": ToolOverhead(func_init=7), "cl100k_base": ToolOverhead(10)}


@dataclass(frozen=True)
class PromptCount:
    tokens: int
    encoding: str
    guessed_model: bool = False  # unknown model: counted with the closest family's encoding
    exact: bool = True  # False when an image's pixel size was unknown and assumed
    message_tokens: int = 0
    tool_tokens: int = 0
    image_tokens: int = 0


def encoding_for(model: str) -> tuple[tiktoken.Encoding, bool]:
    """The model's encoding and whether the model was unknown (closest family assumed)."""
    info = model_info(model)
    return get_encoding(info.encoding), info.guessed


LONG_TEXT = 20_000  # characters; above this, count without building a list of Python ints


def count_text(encoding: tiktoken.Encoding, text: str) -> int:
    # Special-token text such as "<|endoftext|>" typed by a user is plain text to the API,
    # hence encode_ordinary / disallowed_special=() (the same tokens either way).
    if len(text) > LONG_TEXT:
        # A numpy buffer skips 100k int objects: ~40% faster, and it holds the GIL less,
        # so the UI thread stays responsive while a long prompt is counted.
        return len(encoding.encode_to_numpy(text, disallowed_special=()))
    return len(encoding.encode_ordinary(text)) if text else 0


def count_prompt(
    model: str, messages: Sequence[ChatMessage], tools: Sequence[Mapping[str, Any]] | None = None
) -> PromptCount:
    if not messages and not tools:
        # An empty draft (the window just opened): nothing to encode, so the vocabulary
        # (~80 MB for o200k_base) is not loaded until there is text.
        info = model_info(model)
        return PromptCount(REPLY_PRIMER, info.encoding, info.guessed, True, REPLY_PRIMER)
    encoding, guessed = encoding_for(model)
    message_tokens = REPLY_PRIMER
    images = 0
    exact = True
    for message in messages:
        message_tokens += TOKENS_PER_MESSAGE
        message_tokens += count_text(encoding, message.role) + count_text(encoding, message.content)
        if message.name:
            message_tokens += count_text(encoding, message.name) + TOKENS_PER_NAME
        for image in message.images:
            tokens, known = image_tokens(model, image)
            images += tokens
            exact = exact and known
    tool_tokens = count_tools(encoding, tools or ())
    return PromptCount(message_tokens + tool_tokens + images, encoding.name, guessed, exact,
                       message_tokens, tool_tokens, images)


def count_tools(encoding: tiktoken.Encoding, tools: Sequence[Mapping[str, Any]]) -> int:
    if not tools:
        return 0
    rule = _TOOL_OVERHEAD.get(encoding.name, _TOOL_OVERHEAD["o200k_base"])
    total = 0
    for tool in tools:
        function = tool.get("function", tool)
        total += rule.func_init
        description = _strip_period(str(function.get("description", "")))
        total += count_text(encoding, f"{function.get('name', '')}:{description}")
        properties: Mapping[str, Any] = (function.get("parameters") or {}).get("properties") or {}
        if properties:
            total += rule.prop_init
            for key, spec in properties.items():
                total += rule.prop_key
                if "enum" in spec:
                    total += rule.enum_init
                    for item in spec["enum"]:
                        total += rule.enum_item + count_text(encoding, str(item))
                p_description = _strip_period(str(spec.get("description", "")))
                total += count_text(encoding, f"{key}:{spec.get('type', '')}:{p_description}")
    return total + rule.func_end


def _strip_period(text: str) -> str:
    return text[:-1] if text.endswith(".") else text


def estimate_usage(model: str, messages: Sequence[ChatMessage], reply: str,
                   tools: Sequence[Mapping[str, Any]] | None = None) -> Usage:
    """Usage counted locally for a reply whose server sent none; marked estimated."""
    encoding, _ = encoding_for(model)
    prompt = count_prompt(model, messages, tools).tokens
    return Usage(prompt_tokens=prompt, completion_tokens=count_text(encoding, reply),
                 estimated=True)
