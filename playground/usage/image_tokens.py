"""Input tokens of an image sent to a vision model, by OpenAI's tile rule.

High detail: fit within 2048x2048, then scale so the short side is 768 (never upscaled), and
bill a base plus a price per 512-px tile. Low detail: the base alone. The figures differ per
model (OpenAI's vision guide); gpt-4o-mini bills far more tokens at a lower price per token.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playground.model.types import ImageInput


@dataclass(frozen=True)
class TileRate:
    base: int
    per_tile: int


_GPT_4O = TileRate(85, 170)
# First matching prefix wins: more specific names first.
_RATES: list[tuple[str, TileRate]] = [
    ("gpt-4o-mini", TileRate(2833, 5667)),
    ("gpt-5", TileRate(70, 140)),
    ("o1", TileRate(75, 150)),
    ("o3", TileRate(75, 150)),
    ("computer-use", TileRate(65, 129)),
]
# Assumed when the caller does not know the pixel size (an estimate, flagged as such).
UNKNOWN_SIZE = (1024, 1024)


def tile_rate(model: str) -> TileRate:
    base = model.strip().lower().rsplit("/", 1)[-1]
    for prefix, rate in _RATES:
        if base.startswith(prefix):
            return rate
    return _GPT_4O


def high_detail_tiles(width: int, height: int) -> int:
    scale = min(1.0, 2048 / max(width, height))
    fitted_w, fitted_h = width * scale, height * scale
    scale = min(1.0, 768 / min(fitted_w, fitted_h))
    fitted_w, fitted_h = fitted_w * scale, fitted_h * scale
    return math.ceil(fitted_w / 512) * math.ceil(fitted_h / 512)


def image_tokens(model: str, image: ImageInput) -> tuple[int, bool]:
    """(tokens, exact): `exact` is False when the pixel size was unknown and assumed."""
    rate = tile_rate(model)
    if image.detail == "low":
        return rate.base, True
    # "auto" lets the server choose; counting it as high never under-estimates the cost.
    known = image.width > 0 and image.height > 0
    width, height = (image.width, image.height) if known else UNKNOWN_SIZE
    return rate.base + rate.per_tile * high_detail_tiles(width, height), known
