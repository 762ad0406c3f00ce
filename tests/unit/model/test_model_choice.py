"""Picker lists per endpoint and the migration of a saved retired model (Qt-free)."""

from __future__ import annotations

import datetime as dt

import pytest

from playground.model.capabilities import Endpoint
from playground.model.model_choice import migrate_model, models_for, successor_of

TODAY = dt.date(2026, 11, 28)
SERVER = ["whisper-1", "dall-e-3", "gpt-4o", "o3-mini", "llama3.1", "text-embedding-3-small",
          "gpt-5", "gpt-6-astra", "tts-1", "gpt-image-2", "gpt-5-pro", "babbage-002",
          "omni-moderation-latest", "Systran/faster-whisper-small", "gpt-realtime-2",
          "gpt-transcribe", "gpt-4o-mini-tts", "sora-2", "nomic-embed-text"]


def test_the_chat_picker_never_shows_other_endpoints() -> None:
    names = models_for(Endpoint.CHAT, SERVER, TODAY)
    assert names == ["gpt-6-astra", "llama3.1", "gpt-4o", "gpt-5", "o3-mini"]


def test_responses_only_models_are_in_the_responses_picker() -> None:
    names = models_for(Endpoint.RESPONSES, SERVER, TODAY)
    assert "gpt-5-pro" in names and "whisper-1" not in names


@pytest.mark.parametrize(("endpoint", "expected"), [
    (Endpoint.IMAGES, ["gpt-image-2", "dall-e-3"]),
    (Endpoint.SPEECH, ["tts-1", "gpt-4o-mini-tts"]),
    (Endpoint.TRANSCRIPTION, ["gpt-transcribe", "Systran/faster-whisper-small", "whisper-1"]),
    (Endpoint.EMBEDDINGS, ["text-embedding-3-small", "nomic-embed-text"]),
    (Endpoint.MODERATION, ["omni-moderation-latest"]),
    (Endpoint.VIDEO, ["sora-2"]),
])
def test_each_picker_gets_its_own(endpoint: Endpoint, expected: list[str]) -> None:
    assert models_for(endpoint, SERVER, TODAY) == expected


def test_retired_ones_go_last_or_away() -> None:
    later = dt.date(2027, 1, 20)  # gpt-4o and gpt-5 are gone by then
    names = models_for(Endpoint.CHAT, SERVER, later)
    assert names[:2] == ["gpt-6-astra", "llama3.1"]
    assert set(names[2:]) == {"gpt-4o", "gpt-5", "o3-mini"}
    assert models_for(Endpoint.CHAT, SERVER, later, include_retired=False) == [
        "gpt-6-astra", "llama3.1"]


def test_without_a_server_list_the_catalog_is_offered() -> None:
    names = models_for(Endpoint.IMAGES, None, TODAY)
    assert names[0] != "dall-e-3" and names[-1] in ("dall-e-2", "dall-e-3", "gpt-image-1")
    assert "gpt-image-2.6-sunburst" in names
    assert models_for(Endpoint.CHAT, [], TODAY) == []  # a server with no chat models


def test_a_retired_default_is_migrated_with_a_notice() -> None:
    new, notice = migrate_model("dall-e-3", TODAY, Endpoint.IMAGES)
    assert new == "gpt-image-2"
    assert notice is not None and notice.moved and notice.old == "dall-e-3"
    assert notice.shutdown_date == dt.date(2026, 5, 12)
    assert str(notice) == "dall-e-3 was shut down on 2026-05-12; now using gpt-image-2."


def test_a_retiring_model_stays_until_its_day() -> None:
    assert migrate_model("gpt-4o-mini", TODAY) == ("gpt-4o-mini", None)
    new, notice = migrate_model("gpt-4o-mini", dt.date(2027, 1, 14), Endpoint.CHAT)
    assert new == "gpt-5.4-mini" and notice is not None


def test_a_successor_on_another_endpoint_is_named_but_not_taken() -> None:
    new, notice = migrate_model("tts-1", dt.date(2027, 2, 1), Endpoint.SPEECH)
    assert new == "tts-1"
    assert notice is not None and not notice.moved and notice.new == "gpt-realtime-2"


def test_unknown_and_empty_names_are_left_alone() -> None:
    assert migrate_model("llama3.1", TODAY) == ("llama3.1", None)
    assert migrate_model("", TODAY) == ("", None)


def test_successor_chain_skips_retired_successors() -> None:
    # gpt-4.1-nano (retired 2026-10-23) -> gpt-5.4-mini (current)
    assert successor_of("gpt-4.1-nano", TODAY) == "gpt-5.4-mini"
    assert successor_of("gpt-6-astra", TODAY) is None
