"""Prompt counts follow OpenAI's cookbook "How to count tokens with tiktoken" exactly."""

from __future__ import annotations

import pytest

from playground.model.types import ChatMessage, ImageInput
from playground.usage.image_tokens import high_detail_tiles, image_tokens
from playground.usage.tokens import count_prompt, estimate_usage

# The cookbook's section 6 example, with its published counts.
COOKBOOK_MESSAGES = [
    ChatMessage("system", "You are a helpful, pattern-following assistant that translates "
                "corporate jargon into plain English."),
    ChatMessage("system", "New synergies will help drive top-line growth.", name="example_user"),
    ChatMessage("system", "Things working well together will increase revenue.",
                name="example_assistant"),
    ChatMessage("system", "Let's circle back when we have more bandwidth to touch base on "
                "opportunities for increased leverage.", name="example_user"),
    ChatMessage("system", "Let's talk later when we're less busy about how to do better.",
                name="example_assistant"),
    ChatMessage("user", "This late pivot means we don't have time to boil the ocean for the "
                "client deliverable."),
]
# Section 7.
WEATHER_TOOLS = [{"type": "function", "function": {
    "name": "get_current_weather",
    "description": "Get the current weather in a given location",
    "parameters": {"type": "object", "properties": {
        "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
        "unit": {"type": "string", "description": "The unit of temperature to return",
                 "enum": ["celsius", "fahrenheit"]}},
        "required": ["location"]}}}]
WEATHER_MESSAGES = [
    ChatMessage("system", "You are a helpful assistant that can answer to questions about the "
                "weather."),
    ChatMessage("user", "What's the weather like in San Francisco?"),
]


@pytest.mark.parametrize(("model", "expected"), [
    ("gpt-4", 129), ("gpt-4-0613", 129), ("gpt-3.5-turbo", 129),
    ("gpt-4o", 124), ("gpt-4o-mini", 124), ("gpt-4o-2024-08-06", 124)])
def test_cookbook_message_counts(model: str, expected: int) -> None:
    count = count_prompt(model, COOKBOOK_MESSAGES)
    assert count.tokens == expected
    assert not count.guessed_model


@pytest.mark.parametrize(("model", "expected"), [("gpt-4", 105), ("gpt-3.5-turbo", 105),
                                                 ("gpt-4o", 101), ("gpt-4o-mini", 101)])
def test_cookbook_tool_counts(model: str, expected: int) -> None:
    assert count_prompt(model, WEATHER_MESSAGES, WEATHER_TOOLS).tokens == expected


def test_encoding_per_family() -> None:
    assert count_prompt("gpt-4.1", []).encoding == "o200k_base"
    assert count_prompt("o3-mini", []).encoding == "o200k_base"
    assert count_prompt("gpt-5-mini", []).encoding == "o200k_base"
    assert count_prompt("gpt-3.5-turbo", []).encoding == "cl100k_base"


def test_unknown_model_uses_closest_family_and_says_so() -> None:
    count = count_prompt("llama3.1:8b", COOKBOOK_MESSAGES)
    assert count.guessed_model
    assert count.tokens == 124  # counted with o200k_base


def test_special_token_text_is_counted_as_plain_text() -> None:
    assert count_prompt("gpt-4o", [ChatMessage("user", "<|endoftext|>")]).tokens > 7


@pytest.mark.parametrize(("size", "tiles"), [((1024, 1024), 4), ((2048, 4096), 6),
                                             ((512, 512), 1), ((4096, 8192), 6),
                                             ((1920, 1080), 6), ((100, 3000), 4)])
def test_high_detail_tiles(size: tuple[int, int], tiles: int) -> None:
    assert high_detail_tiles(*size) == tiles


def test_image_tokens_per_detail_and_model() -> None:
    square = ImageInput("data:,", detail="high", width=1024, height=1024)
    assert image_tokens("gpt-4o", square) == (765, True)
    assert image_tokens("gpt-4o", ImageInput("data:,", detail="low", width=4000,
                                             height=3000)) == (85, True)
    assert image_tokens("gpt-4o-mini", square) == (2833 + 4 * 5667, True)
    assert image_tokens("gpt-4o", ImageInput("data:,", detail="auto")) == (765, False)
    assert image_tokens("gpt-4o", ImageInput("data:,", detail="high", width=2048,
                                             height=4096)) == (1105, True)


def test_images_in_prompt_and_unknown_size_marked_inexact() -> None:
    message = ChatMessage("user", "What is this?", images=[ImageInput("data:,", "low")])
    text_only = count_prompt("gpt-4o", [ChatMessage("user", "What is this?")])
    counted = count_prompt("gpt-4o", [message])
    assert counted.tokens == text_only.tokens + 85 and counted.exact
    unknown = ChatMessage("user", "What is this?", images=[ImageInput("data:,", "high")])
    assert not count_prompt("gpt-4o", [unknown]).exact


def test_estimated_usage_for_a_reply_without_usage() -> None:
    usage = estimate_usage("gpt-4o", WEATHER_MESSAGES, "It is sunny and 18 °C.")
    assert usage.estimated
    assert usage.prompt_tokens == count_prompt("gpt-4o", WEATHER_MESSAGES).tokens
    assert 5 <= usage.completion_tokens <= 15


def test_long_texts_count_the_same_through_the_fast_path() -> None:
    from playground.usage.encodings import get_encoding
    from playground.usage.tokens import LONG_TEXT, count_text

    encoding = get_encoding("o200k_base")
    text = ("Naïve café <|endoftext|> 数据 1234567 " * (LONG_TEXT // 20))[: LONG_TEXT + 500]
    assert count_text(encoding, text) == len(encoding.encode_ordinary(text))
