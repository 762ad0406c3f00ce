"""api.context_window against the loopback server posing as llama.cpp, vLLM and Ollama."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from playground.api.client import ApiClient
from playground.api.context_window import probe_context_window, server_root
from playground.model.capabilities import forget_context_windows, learn_context_window, model_info
from tests.fake_openai import FakeOpenAI, Fault

Runner = Callable[..., Any]


def probe(api_run: Runner, model: str) -> int | None:
    async def body(client: ApiClient) -> int | None:
        return await probe_context_window(client, model)

    result: int | None = api_run(body)
    return result


@pytest.mark.parametrize(("base", "root"), [
    ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080"),
    ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080"),
    ("http://host/llm/v1", "http://host/llm"),
    ("http://host:11434", "http://host:11434"),
])
def test_server_root_drops_the_v1_suffix(base: str, root: str) -> None:
    assert server_root(base) == root


def test_llamacpp_props_n_ctx_is_learnt(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["llamacpp_props"] = {
        "default_generation_settings": {"n_ctx": 8192, "model": "qwen2.5-7b"},
        "total_slots": 1}
    assert probe(api_run, "qwen2.5-7b") == 8192
    asked = fake_api.requests_to("/props")
    assert len(asked) == 1 and asked[0].headers["authorization"] == "Bearer sk-test"


def test_llamacpp_top_level_n_ctx(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["llamacpp_props"] = {"n_ctx": 4096}
    assert probe(api_run, "anything") == 4096


def test_vllm_max_model_len_is_learnt(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["models"] = ["meta-llama/Llama-3.1-8B-Instruct"]
    fake_api.state["model_extra"] = {
        "meta-llama/Llama-3.1-8B-Instruct": {"owned_by": "vllm", "max_model_len": 16_384}}
    assert probe(api_run, "meta-llama/Llama-3.1-8B-Instruct") == 16_384
    assert len(fake_api.requests_to("/props")) == 1  # asked first, 404 here: next kind


def test_ollama_num_ctx_beats_the_trained_length(fake_api: FakeOpenAI,
                                                 api_run: Runner) -> None:
    fake_api.state["ollama_show"] = {"llama3.2:3b": {
        "parameters": "stop \"<|eot_id|>\"\nnum_ctx 32768\ntemperature 0.6",
        "model_info": {"general.architecture": "llama", "llama.context_length": 131072}}}
    assert probe(api_run, "llama3.2:3b") == 32768
    assert fake_api.requests_to("/api/show")[0].json == {"model": "llama3.2:3b"}


def test_ollama_context_length_when_no_num_ctx(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["ollama_show"] = {"qwen2.5:7b": {
        "parameters": "temperature 0.7",
        "model_info": {"general.architecture": "qwen2", "qwen2.context_length": 32768}}}
    assert probe(api_run, "qwen2.5:7b") == 32768
    assert probe(api_run, "not-pulled") is None  # Ollama's 404 for an unknown model


def test_server_without_any_of_them_is_unknown(fake_api: FakeOpenAI, api_run: Runner) -> None:
    assert probe(api_run, "gpt-6-astra") is None
    assert len(fake_api.requests_to("/props")) == 1
    assert len(fake_api.requests_to("/models")) == 1
    assert len(fake_api.requests_to("/api/show")) == 1


def test_broken_answers_are_unknown_not_errors(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["llamacpp_props"] = {"default_generation_settings": {"n_ctx": "big"}}
    fake_api.state["ollama_show"] = {"m": {"model_info": {"x.context_length": -1}}}
    fake_api.inject(Fault("/models", kind="close"))
    assert probe(api_run, "m") is None


def test_a_hanging_server_gives_up(fake_api: FakeOpenAI, api_run: Runner,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import playground.api.context_window as module

    monkeypatch.setattr(module, "PROBE_TIMEOUT", 0.2)
    fake_api.inject(Fault("/props", kind="hang", delay=2.0))
    fake_api.state["ollama_show"] = {"m": {"parameters": "num_ctx 2048"}}
    assert probe(api_run, "m") == 2048


def test_openai_itself_is_not_asked(api_run: Runner) -> None:
    # The catalog knows OpenAI's models; nothing is sent (no server listens at this URL).
    assert probe_openai(api_run) is None


def probe_openai(api_run: Runner) -> int | None:
    async def body(client: ApiClient) -> int | None:
        return await probe_context_window(client, "gpt-6-astra")

    result: int | None = api_run(body, base_url="https://api.openai.com/v1")
    return result


def test_a_learnt_window_is_what_model_info_says_until_forgotten() -> None:
    assert model_info("llama3.2:3b").context_window is None
    learn_context_window("llama3.2:3b", 8192)
    try:
        assert model_info("llama3.2:3b").context_window == 8192
        learn_context_window("llama3.2:3b", 0)  # nonsense is ignored
        assert model_info("llama3.2:3b").context_window == 8192
    finally:
        forget_context_windows()
    assert model_info("llama3.2:3b").context_window is None
