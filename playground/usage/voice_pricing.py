"""Dollars of a realtime voice session, text and audio apart (audio tokens cost far more:
gpt-realtime bills $32/$64 per 1M audio tokens in/out against $4/$16 for text).

Prices from genai-prices (offline snapshot); imported lazily: it takes ~0.15 s to load.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from playground.model.voice import VoiceUsage
from playground.usage.genai_pricing import PROVIDER
from playground.usage.pricing import model_name_candidates


@dataclass(frozen=True)
class VoiceCost:
    text: Decimal
    audio: Decimal
    known: bool = True  # False: no price for the model (the cap then cannot apply)

    @property
    def total(self) -> Decimal:
        return self.text + self.audio


def voice_cost(model: str, usage: VoiceUsage) -> VoiceCost:
    from genai_prices import Usage, calc_price

    audio = Usage(input_tokens=usage.input_audio, input_audio_tokens=usage.input_audio,
                  cache_read_tokens=usage.cached_audio or None,
                  cache_audio_read_tokens=usage.cached_audio or None,
                  output_tokens=usage.output_audio, output_audio_tokens=usage.output_audio)
    text = Usage(input_tokens=usage.input_text, cache_read_tokens=usage.cached_text or None,
                 output_tokens=usage.output_text)
    for name in model_name_candidates(model):
        try:
            audio_price: Any = calc_price(audio, name, provider_id=PROVIDER)
            text_price: Any = calc_price(text, name, provider_id=PROVIDER)
        except LookupError:
            continue
        return VoiceCost(Decimal(str(text_price.total_price)),
                         Decimal(str(audio_price.total_price)))
    return VoiceCost(Decimal(0), Decimal(0), known=False)
