"""Cost per endpoint from the shipped prices; the user's file overrides; bad files explained."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from playground.usage.pricing import (
    PricingError,
    load_price_book,
    model_name_candidates,
    parse_pricing,
    user_pricing_path,
)
from playground.usage.records import UsageRecord


@pytest.fixture
def book():  # type: ignore[no-untyped-def]
    return load_price_book()


def test_shipped_file_states_date_and_source(book) -> None:  # type: ignore[no-untyped-def]
    assert book.date and book.source.startswith("https://")
    assert book.problem is None


def test_chat_cost_with_cached_tokens(book) -> None:  # type: ignore[no-untyped-def]
    record = UsageRecord("chat", "gpt-4o", prompt_tokens=1000, completion_tokens=500,
                         cached_tokens=200, reasoning_tokens=0)
    # 800 x 2.50 + 200 x 1.25 + 500 x 10.00 per million
    assert book.cost(record) == Decimal("0.00725")


def test_dated_and_prefixed_names_find_their_family(book) -> None:  # type: ignore[no-untyped-def]
    plain = book.cost(UsageRecord("chat", "gpt-4o", prompt_tokens=10**6))
    assert book.cost(UsageRecord("chat", "gpt-4o-2024-08-06", prompt_tokens=10**6)) == plain
    assert book.cost(UsageRecord("chat", "openai/gpt-4o", prompt_tokens=10**6)) == plain
    assert book.cost(UsageRecord("chat", "gpt-4-0613", prompt_tokens=10**6)) == Decimal(30)
    # An exact dated entry wins over its family.
    assert book.cost(UsageRecord("chat", "gpt-4o-2024-05-13", prompt_tokens=10**6)) == 5
    assert model_name_candidates("ft:gpt-4o-mini:acme::abc")[-1] == "gpt-4o-mini"


def test_reasoning_tokens_are_billed_inside_output(book) -> None:  # type: ignore[no-untyped-def]
    record = UsageRecord("chat", "o3-mini", prompt_tokens=0, completion_tokens=1000,
                         reasoning_tokens=800)
    assert book.cost(record) == Decimal("0.0044")


def test_unpriced_model_has_no_cost(book) -> None:  # type: ignore[no-untyped-def]
    assert book.cost(UsageRecord("chat", "llama3.1:8b", prompt_tokens=100)) is None


def test_images_per_size_and_quality(book) -> None:  # type: ignore[no-untyped-def]
    hd = UsageRecord("images", "dall-e-3", images=2, image_size="1792x1024", image_quality="hd")
    assert book.cost(hd) == Decimal("0.240")
    assert book.cost(UsageRecord("images", "dall-e-2", images=3, image_size="256x256")) \
        == Decimal("0.048")
    # GPT image models bill tokens: 6,240 output image tokens for high 1024x1536 (OpenAI's
    # table) at genai-prices' price — the same $0.2496 as the per-image list price rounded.
    assert book.cost(UsageRecord("images", "gpt-image-1", images=1, image_size="1024x1536",
                                 image_quality="high")) == Decimal("0.2496")
    assert book.cost(UsageRecord("images", "dall-e-3", images=1, image_size="640x480")) is None


def test_current_image_models_are_priced_by_their_tokens(book) -> None:  # type: ignore[no-untyped-def]
    """gpt-image-2 had "no price": the estimate uses its tokens, a finished run its usage, and
    gpt-image-1.5's image output price (not its text output price)."""
    estimate = UsageRecord("images", "gpt-image-2", images=2, image_size="1024x1024",
                           image_quality="medium")
    assert book.cost(estimate) == Decimal("0.06336")  # 2 x 1,056 tokens x $30/M
    finished = UsageRecord("images", "gpt-image-1.5", images=1, image_size="1024x1024",
                           image_quality="medium", prompt_tokens=20, completion_tokens=1056)
    assert book.cost(finished) == Decimal("0.033892")  # $5/M text in, $32/M image out
    unknown_size = UsageRecord("images", "gpt-image-2", images=1, image_size="4096x4096",
                               image_quality="high")
    assert book.cost(unknown_size) is None


def test_image_runs_price_input_images_and_output_text_at_their_own_rates(book) -> None:  # type: ignore[no-untyped-def]
    """An edit's input image tokens cost the image input price ($8/M, not text's $5/M); the
    text a model writes beside the image costs the text output price ($10/M vs $32/M)."""
    edit = UsageRecord("images", "gpt-image-2", images=1, image_size="1024x1024",
                       image_quality="medium", prompt_tokens=1_000, image_input_tokens=800,
                       completion_tokens=1_056)
    # 200 x $5 + 800 x $8 + 1,056 x $30 (gpt-image-2 has one output price)
    assert book.cost(edit) == Decimal("0.03908")
    talky = UsageRecord("images", "gpt-image-1.5", images=1, image_size="1024x1024",
                        image_quality="medium", prompt_tokens=20, completion_tokens=1_156,
                        text_output_tokens=100)
    # 20 x $5 + 100 x $10 + 1,056 x $32
    assert book.cost(talky) == Decimal("0.034892")


def test_speech_per_character_or_token(book) -> None:  # type: ignore[no-untyped-def]
    assert book.cost(UsageRecord("speech", "tts-1", characters=1000)) == Decimal("0.015")
    assert book.cost(UsageRecord("speech", "tts-1-hd", characters=1000)) == Decimal("0.03")
    mini = UsageRecord("speech", "gpt-4o-mini-tts", prompt_tokens=100, completion_tokens=1000)
    assert book.cost(mini) == Decimal("0.01206")


def test_transcription_per_minute_or_token(book) -> None:  # type: ignore[no-untyped-def]
    assert book.cost(UsageRecord("transcription", "whisper-1", audio_seconds=90)) \
        == Decimal("0.009")
    tokens = UsageRecord("transcription", "gpt-4o-transcribe", prompt_tokens=1000,
                         completion_tokens=100)
    assert book.cost(tokens) == Decimal("0.007")
    duration = UsageRecord("transcription", "gpt-4o-mini-transcribe", audio_seconds=120)
    assert book.cost(duration) == Decimal("0.006")


def test_user_file_overrides_entries(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    user.write_text('[chat."gpt-4o"]\ninput = 3.00\n\n[chat."my-local"]\ninput = 0\n'
                    "output = 0\n", encoding="utf-8")
    book = load_price_book(user=user)
    assert book.problem is None
    assert book.cost(UsageRecord("chat", "gpt-4o", prompt_tokens=10**6,
                                 completion_tokens=10**6)) == Decimal("13.00")
    assert book.cost(UsageRecord("chat", "my-local", prompt_tokens=5)) == 0


def test_malformed_user_file_names_the_line_and_falls_back(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    user.write_text('[chat."gpt-4o"]\ninput = 3.00\noutput = = 4\n', encoding="utf-8")
    book = load_price_book(user=user)
    assert book.problem is not None
    assert "line 3" in book.problem and str(user) in book.problem
    assert "shipped prices" in book.problem
    assert book.prices("chat", "gpt-4o") == load_price_book().prices("chat", "gpt-4o")


@pytest.mark.parametrize(("text", "fragment"), [
    ('[chat."gpt-4o"]\ninptu = 3\n', 'line 1: unknown price "inptu"'),
    ('\n[chat."gpt-4o"]\ninput = "cheap"\n', "line 2: the price \"input\" of gpt-4o must be"),
    ('[chat."gpt-4o"]\ninput = -1\n', "is negative"),
    ('[audio."x"]\ninput = 1\n', "unknown section [audio]"),
    ('[images."dall-e-2"]\n"1024" = 1\n', 'unknown price "1024"'),
])
def test_invalid_entries_are_explained(text: str, fragment: str, tmp_path: Path) -> None:
    with pytest.raises(PricingError, match=None) as caught:
        parse_pricing(text, tmp_path / "pricing.toml")
    assert fragment in str(caught.value)


def test_user_pricing_path_is_in_the_config_dir(isolated_home: Path) -> None:
    assert user_pricing_path().is_relative_to(isolated_home / "config")
