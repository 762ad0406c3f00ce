"""File search in a Responses reply, over the loopback server with the real SDK: the tool and
`include` in the request, the call's status events, the chunks used, the file citation;
a store the server does not have; a store still processing (nothing to search yet)."""

from __future__ import annotations

from typing import Any

import pytest

from playground.api.responses_params import add_file_search, responses_params
from playground.model.file_search import FileSearchTool
from playground.model.types import (
    ChatMessage,
    ChatRequest,
    FailureKind,
    FileCitation,
    FileSearchCall,
    FileSearchResult,
    TextDelta,
)
from tests.fake_openai.routes_files import files_state
from tests.unit.api.test_responses_stream import collect


def request(store_ids: tuple[str, ...], max_results: int | None = None) -> ChatRequest:
    return ChatRequest(model="gpt-4.1", api="responses",
                       messages=[ChatMessage("user", "what is the refund policy")],
                       file_search=FileSearchTool(store_ids, max_results))


def store_with(fake_api: Any, *contents: tuple[str, bytes], polls: int = 0) -> tuple[str, list]:
    state = files_state(fake_api)
    state.options.processing_polls = polls
    files = [state.add_file(name, data) for name, data in contents]
    store_id = "vs_test"
    state.stores[store_id] = {"name": "Policies", "created_at": 0}
    from tests.fake_openai.routes_files import _StoreFile

    state.store_files[store_id] = {
        f.id: _StoreFile(f.id, polls, status="in_progress" if polls else "completed")
        for f in files}
    return store_id, files


def test_params_carry_the_tool_and_include() -> None:
    params = responses_params(request(("vs_a", "vs_b"), 5))
    assert params["tools"] == [{"type": "file_search", "vector_store_ids": ["vs_a", "vs_b"],
                                "max_num_results": 5}]
    assert params["include"] == ["file_search_call.results"]
    logprobs = responses_params(ChatRequest(
        model="gpt-4.1", api="responses", messages=[ChatMessage("user", "x")], logprobs=True,
        file_search=FileSearchTool(("vs_a",))))
    assert logprobs["include"] == ["message.output_text.logprobs", "file_search_call.results"]
    assert "max_num_results" not in logprobs["tools"][0]
    # No store chosen: no tool at all (the API refuses an empty list).
    assert "tools" not in responses_params(request(()))
    params = {"include": ["file_search_call.results"]}
    add_file_search(params, FileSearchTool(("vs_c",)))
    assert params["include"] == ["file_search_call.results"]
    with pytest.raises(ValueError):
        FileSearchTool(("vs_a",), 0)


def test_stream_maps_the_call_chunks_and_citation(fake_api: Any) -> None:
    store_id, (refunds, terms) = store_with(
        fake_api, ("refunds.md", b"Refunds within 30 days."), ("terms.pdf", b"Terms apply."))
    events, failure = collect(fake_api, request((store_id,)))
    assert failure is None
    calls = [e for e in events if isinstance(e, FileSearchCall)]
    assert [c.status for c in calls] == ["in_progress", "in_progress", "searching",
                                         "completed", "completed"]
    assert len({c.id for c in calls}) == 1
    final = calls[-1]
    assert final.queries == ("what is the refund policy",)
    assert final.results == (
        FileSearchResult(refunds.id, "refunds.md", 0.9, "Refunds within 30 days."),
        FileSearchResult(terms.id, "terms.pdf", 0.8, "Terms apply."))
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert [e for e in events if isinstance(e, FileCitation)] == [
        FileCitation(refunds.id, "refunds.md", len(text))]
    sent = fake_api.requests_to("/responses")[0].json
    assert sent["tools"] == [{"type": "file_search", "vector_store_ids": [store_id]}]
    assert sent["include"] == ["file_search_call.results"]


def test_max_results_limits_the_chunks(fake_api: Any) -> None:
    store_id, _ = store_with(fake_api, ("a.txt", b"a"), ("b.txt", b"b"), ("c.txt", b"c"))
    events, _ = collect(fake_api, request((store_id,), 2))
    assert len([e for e in events if isinstance(e, FileSearchCall)][-1].results) == 2


def test_store_still_processing_finds_nothing_yet(fake_api: Any) -> None:
    store_id, _ = store_with(fake_api, ("a.txt", b"a"), polls=5)
    events, failure = collect(fake_api, request((store_id,)))
    assert failure is None
    final = [e for e in events if isinstance(e, FileSearchCall)][-1]
    assert final.status == "completed" and final.results == ()
    assert not [e for e in events if isinstance(e, FileCitation)]


def test_unknown_store_is_a_clear_failure(fake_api: Any) -> None:
    events, failure = collect(fake_api, request(("vs_gone",)))
    assert failure is not None and failure.kind == FailureKind.BAD_REQUEST
    assert failure.message == "Vector store with id 'vs_gone' not found."
    assert not [e for e in events if isinstance(e, FileSearchCall)]
