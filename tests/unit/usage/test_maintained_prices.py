"""Token prices from genai-prices (its offline snapshot), the user's overrides on top, and
self-hosted servers at $0."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from playground.usage.pricing import load_price_book
from playground.usage.records import UsageRecord
from playground.usage.self_hosted import is_self_hosted


def test_a_model_released_after_the_app_has_a_price() -> None:
    book = load_price_book()
    for model in ("gpt-6-astra", "gpt-5.5", "gpt-5.4-mini"):
        cost = book.cost(UsageRecord("chat", model, prompt_tokens=1000, completion_tokens=500))
        assert cost is not None and cost > 0, model


def test_cached_input_costs_less_than_fresh_input() -> None:
    book = load_price_book()
    fresh = book.cost(UsageRecord("chat", "gpt-5.5", prompt_tokens=10_000))
    cached = book.cost(UsageRecord("chat", "gpt-5.5", prompt_tokens=10_000,
                                   cached_tokens=8_000))
    assert fresh is not None and cached is not None and cached < fresh


def test_the_users_partial_entry_completes_from_the_maintained_data(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    user.write_text('[chat."gpt-5.5"]\ninput = 1.00\n', encoding="utf-8")
    book = load_price_book(user=user)
    only_input = book.cost(UsageRecord("chat", "gpt-5.5", prompt_tokens=10**6))
    assert only_input == Decimal("1.00")
    with_output = book.cost(UsageRecord("chat", "gpt-5.5", completion_tokens=10**6))
    assert with_output is not None and with_output > 0  # from genai-prices


def test_a_self_hosted_server_is_free_unless_priced(tmp_path: Path) -> None:
    record = UsageRecord("chat", "gpt-5.5", prompt_tokens=10**6, free=True)
    assert load_price_book().cost(record) == 0
    user = tmp_path / "pricing.toml"
    user.write_text('[chat."gpt-5.5"]\ninput = 0.5\noutput = 1\n', encoding="utf-8")
    assert load_price_book(user=user).cost(record) == Decimal("0.5")
    speech = UsageRecord("transcription", "whisper-1", audio_seconds=600, free=True)
    assert load_price_book().cost(speech) == 0  # a faster-whisper server is not billed


@pytest.mark.parametrize(("url", "local"), [
    ("http://localhost:8080/v1", True),
    ("http://127.1:8080/v1", True), ("http://127.0.0.1:11434/v1", True),
    ("http://192.168.1.20:8000/v1", True), ("http://gpu-box:8000/v1", True),
    ("http://studio.local:1234/v1", True), ("http://[::1]:8000/v1", True),
    ("https://api.openai.com/v1", False), ("https://relay.example.com/v1", False),
    ("http://8.8.8.8/v1", False),
])
def test_which_servers_are_self_hosted(url: str, local: bool) -> None:
    assert is_self_hosted(url) is local
