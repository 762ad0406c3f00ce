"""api.responses_background against the loopback server: the real SDK creates, retrieves and
cancels background runs; the loopback's runs are built from the SDK's own Response type."""

from __future__ import annotations

import json
from typing import Any

import pytest

from playground.api import engine, responses_background
from playground.api.client import ApiClient
from playground.model.types import (
    ApiFailure,
    BackgroundStatus,
    Citation,
    FailureKind,
    Finished,
    ResponseStarted,
    TextDelta,
    ToolCallDelta,
    UsageReport,
)
from tests.fake_openai import Fault
from tests.fake_openai.routes_responses import Call, ResponsesOptions
from tests.unit.api.conftest import run_with_client
from tests.unit.api.test_responses_stream import of, request


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(responses_background, "FIRST_POLL", 0.01)
    monkeypatch.setattr(responses_background, "MAX_POLL", 0.02)


def test_the_finished_run_becomes_the_events_of_a_stream(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(
        reply="See the source.", citation=("https://example.org", "Example"),
        calls=[], background_polls=2)

    async def body(client: ApiClient) -> list[Any]:
        return [e async for e in engine.stream(client, request(background=True))]

    events = run_with_client(body, base_url=fake_api.url)
    assert [e.status for e in of(events, BackgroundStatus)] == [
        "queued", "in_progress", "completed"]
    assert "".join(e.text for e in of(events, TextDelta)) == "See the source."
    [cite] = of(events, Citation)
    assert (cite.url, cite.start, cite.end) == ("https://example.org", 0, len("See the source."))
    assert of(events, UsageReport)[0].usage.prompt_tokens == 20
    assert events[-1] == Finished("stop", "default")
    [rid] = {e.response_id for e in of(events, ResponseStarted)}
    assert fake_api.requests_to(f"/responses/{rid}")  # polled by id


def test_function_calls_of_a_finished_run(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(
        calls=[Call("get_weather", '{"city": "Paris"}')], background_polls=1)

    async def body(client: ApiClient) -> list[Any]:
        return [e async for e in engine.stream(client, request(background=True))]

    events = run_with_client(body, base_url=fake_api.url)
    [call] = of(events, ToolCallDelta)
    assert (call.name, json.loads(call.arguments)) == ("get_weather", {"city": "Paris"})
    assert events[-1].reason == "tool_calls"


def test_server_errors_while_polling_are_ridden_out(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(reply="Still here.", background_polls=2)

    async def body(client: ApiClient) -> list[Any]:
        events = []
        async for event in engine.stream(client, request(background=True)):
            if isinstance(event, ResponseStarted):  # the run exists: its polls now fail
                fake_api.inject(Fault(path=f"/responses/{event.response_id}", status=503,
                                      times=3))
            events.append(event)
        return events

    events = run_with_client(body, base_url=fake_api.url, max_retries=0)
    assert "".join(e.text for e in of(events, TextDelta)) == "Still here."
    assert len(fake_api.requests_to("/responses")) == 1  # never submitted twice
    [rid] = {e.response_id for e in of(events, ResponseStarted)}
    assert len(fake_api.requests_to(f"/responses/{rid}")) == 3 + 2  # 3 refused, 2 answered


def test_cancelling_a_finished_run_names_the_servers_reason(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(background_polls=1)

    async def body(client: ApiClient) -> ApiFailure:
        events = [e async for e in engine.stream(client, request(background=True))]
        [rid] = {e.response_id for e in of(events, ResponseStarted)}
        with pytest.raises(ApiFailure) as raised:
            await responses_background.cancel(client, rid)
        return raised.value

    failure = run_with_client(body, base_url=fake_api.url)
    assert failure.kind == FailureKind.BAD_REQUEST
    assert "status 'completed'" in failure.message


def test_an_unknown_run_is_not_found(fake_api: Any) -> None:
    async def body(client: ApiClient) -> ApiFailure:
        with pytest.raises(ApiFailure) as raised:
            async for _ in engine.stream(client, request(resume_id="resp_gone")):
                pass
        return raised.value

    failure = run_with_client(body, base_url=fake_api.url)
    assert failure.kind == FailureKind.NOT_FOUND and "resp_gone" in failure.message


def test_the_loopback_streams_a_run_from_a_sequence_number(fake_api: Any) -> None:
    """GET /responses/{id}?stream=true&starting_after=N, read by the SDK itself."""
    fake_api.state["responses"] = ResponsesOptions(reply="one two three", background_polls=50)

    async def body(client: ApiClient) -> list[Any]:
        created = await client.sdk.responses.create(model="gpt-5.5-pro", input="hi",
                                                    background=True, store=True)
        assert created.status == "queued"
        stream = await client.sdk.responses.retrieve(created.id, stream=True, starting_after=2)
        return [event async for event in stream]

    events = run_with_client(body, base_url=fake_api.url)
    assert events[0].sequence_number == 3
    assert "".join(e.delta for e in events if e.type == "response.output_text.delta") \
        == "one two three"
    assert events[-1].type == "response.completed"


def test_background_requires_store(fake_api: Any) -> None:
    async def body(client: ApiClient) -> ApiFailure:
        with pytest.raises(Exception) as raised:
            await client.sdk.responses.create(model="gpt-5.5-pro", input="hi",
                                              background=True, store=False)
        from playground.api.errors import to_failure

        return to_failure(raised.value)

    failure = run_with_client(body, base_url=fake_api.url)
    assert failure.kind == FailureKind.BAD_REQUEST and "store" in failure.message
