"""api.catalog against the loopback server: model list, servers without one, key check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from playground.api import catalog
from playground.model.types import ApiFailure, FailureKind
from tests.fake_openai import FakeOpenAI, Fault

Runner = Callable[..., Any]


def test_models_are_listed_chat_first(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["models"] = ["whisper-1", "dall-e-3", "gpt-4o", "o3-mini", "llama3.1",
                                "text-embedding-3-small", "gpt-4o"]
    listings = api_run(catalog.list_models)
    assert catalog.model_ids(listings) == [
        "gpt-4o", "llama3.1", "o3-mini", "dall-e-3", "whisper-1", "text-embedding-3-small"]
    # A server that sends no shutdown_date (local ones): None, not an error.
    assert all(listing.shutdown_date is None for listing in listings)


def test_listings_carry_the_shutdown_date(fake_api: FakeOpenAI, api_run: Runner) -> None:
    listings = {m.id: m for m in api_run(catalog.list_models)}
    assert listings["gpt-5"].shutdown_date == "2026-12-11"
    assert listings["dall-e-3"].shutdown_date == "2026-05-12"
    assert listings["gpt-6-astra"].shutdown_date is None
    assert listings["gpt-6-astra"].owned_by == "system"


def test_vllm_max_model_len_is_read_from_the_list(fake_api: FakeOpenAI,
                                                  api_run: Runner) -> None:
    fake_api.state["models"] = ["Qwen/Qwen2.5-7B-Instruct", "other"]
    fake_api.state["model_extra"] = {
        "Qwen/Qwen2.5-7B-Instruct": {"owned_by": "vllm", "max_model_len": 32_000},
        "other": {"max_model_len": "lots"}}
    listings = {m.id: m for m in api_run(catalog.list_models)}
    assert listings["Qwen/Qwen2.5-7B-Instruct"].context_window == 32_000
    assert listings["Qwen/Qwen2.5-7B-Instruct"].owned_by == "vllm"
    assert listings["other"].context_window is None  # not a number: ignored


def test_server_without_model_list_is_unsupported(fake_api: FakeOpenAI,
                                                  api_run: Runner) -> None:
    fake_api.disabled_paths.add("/models")
    with pytest.raises(ApiFailure) as caught:
        api_run(catalog.list_models)
    assert caught.value.kind is FailureKind.UNSUPPORTED
    assert caught.value.message == "This server does not list its models; type a model name."


@pytest.mark.parametrize("status", [405, 501])
def test_other_ways_of_having_no_model_list(fake_api: FakeOpenAI, api_run: Runner,
                                            status: int) -> None:
    fake_api.inject(Fault("/models", status=status, message="Method Not Allowed"))
    with pytest.raises(ApiFailure) as caught:
        api_run(catalog.list_models)
    assert caught.value.kind is FailureKind.UNSUPPORTED


def test_check_key_accepts_a_good_key(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.valid_keys = {"sk-good"}
    assert api_run(catalog.check_key, key="sk-good") is None


def test_check_key_rejects_a_bad_key(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.valid_keys = {"sk-good"}
    with pytest.raises(ApiFailure) as caught:
        api_run(catalog.check_key, key="sk-bad")
    assert caught.value.kind is FailureKind.AUTH


def test_check_key_passes_on_a_server_without_model_list(fake_api: FakeOpenAI,
                                                         api_run: Runner) -> None:
    fake_api.disabled_paths.add("/models")
    assert api_run(catalog.check_key) is None
    assert len(fake_api.requests_to("/models")) == 1


def test_check_key_reports_a_server_error(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.inject(Fault("/models", status=503, message="Service Unavailable"))
    with pytest.raises(ApiFailure) as caught:
        api_run(catalog.check_key)
    assert caught.value.kind is FailureKind.SERVER
