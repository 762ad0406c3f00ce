"""Output tokens of one generated image, for the estimate before a GPT image model runs.

GPT image models bill the image they make as output tokens, by quality and size; OpenAI's
image generation guide ("Cost and latency") lists the counts. The estimate multiplies them by
the model's output price from genai-prices; the finished run is priced from the usage the API
returns instead, so only the estimate depends on this table.
"""

from __future__ import annotations

# https://platform.openai.com/docs/guides/image-generation#cost-and-latency
_TOKENS: dict[str, dict[str, int]] = {
    "low": {"1024x1024": 272, "1024x1536": 408, "1536x1024": 400},
    "medium": {"1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568},
    "high": {"1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208},
}


def image_output_tokens(quality: str, size: str) -> int | None:
    """Tokens billed for one image of `quality` and `size`, or None when not listed."""
    return _TOKENS.get(quality, {}).get(size)
