"""A realtime reply in the ledger: audio tokens at the audio price, text at the text price,
the same dollars the Voice tab showed."""

from __future__ import annotations

from decimal import Decimal

from playground.model.voice import VoiceUsage
from playground.services.voice_keeper import usage_record
from playground.usage.pricing import load_price_book
from playground.usage.voice_pricing import voice_cost


def test_the_price_book_prices_audio_tokens_apart():
    usage = VoiceUsage(input_text=1000, input_audio=2000, cached_text=200, cached_audio=100,
                       output_text=300, output_audio=4000)
    record = usage_record("gpt-realtime", usage, "Default", free=False)
    cost = load_price_book().cost(record)
    shown = voice_cost("gpt-realtime", usage)
    assert shown.known and cost == shown.total
    # all tokens at the text price would be far cheaper: audio is not billed as text
    as_text = voice_cost("gpt-realtime", VoiceUsage(input_text=3000, cached_text=300,
                                                    output_text=4300))
    assert cost > 3 * as_text.total > 0


def test_a_self_hosted_realtime_server_is_free_and_an_unknown_model_unpriced():
    usage = VoiceUsage(input_audio=10, output_audio=10)
    assert load_price_book().cost(usage_record("gpt-realtime", usage, "", free=True)) == \
        Decimal(0)
    assert load_price_book().cost(usage_record("my-local-voice", usage, "", free=False)) is None
