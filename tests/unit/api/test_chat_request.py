"""What goes over the wire for a ChatRequest, checked on the loopback server's request log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playground.api import chat
from playground.api.client import ApiClient
from playground.model.types import (
    ChatMessage,
    ChatRequest,
    FailureKind,
    Finished,
    ImageInput,
    TextDelta,
    Usage,
    UsageReport,
)
from tests.fake_openai import FakeOpenAI
from tests.fake_openai.routes_chat import PATH, ChatOptions

Runner = Callable[..., Any]


def sent(fake_api: FakeOpenAI) -> list[dict[str, Any]]:
    return [r.json for r in fake_api.requests_to(PATH)]


def full_request(model: str) -> ChatRequest:
    return ChatRequest(
        model=model,
        messages=[ChatMessage("system", "Be brief."), ChatMessage("user", "Hi", name="ana")],
        temperature=0.3, top_p=0.9, max_tokens=256, frequency_penalty=0.5,
        presence_penalty=-0.5, stop=["END", "", "STOP", "a", "b", "c"], seed=7,
        reasoning_effort="low",
    )


def test_reasoning_model_request_shape(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    events, failure = stream_events(full_request("o3-mini"))
    assert failure is None, failure
    [body] = sent(fake_api)
    assert body["messages"] == [
        {"role": "developer", "content": "Be brief."},
        {"role": "user", "content": "Hi", "name": "ana"},
    ]
    assert body["max_completion_tokens"] == 256
    assert body["reasoning_effort"] == "low"
    assert body["seed"] == 7
    for absent in ("max_tokens", "temperature", "top_p", "frequency_penalty",
                   "presence_penalty", "stop"):
        assert absent not in body
    assert events[-1] == Finished("stop")


def test_chat_model_request_shape(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    _, failure = stream_events(full_request("gpt-4o"))
    assert failure is None
    [body] = sent(fake_api)
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert body["max_tokens"] == 256
    assert (body["temperature"], body["top_p"]) == (0.3, 0.9)
    assert (body["frequency_penalty"], body["presence_penalty"]) == (0.5, -0.5)
    assert body["stop"] == ["END", "STOP", "a", "b"]  # empty dropped, at most four
    assert body["seed"] == 7
    assert "max_completion_tokens" not in body and "reasoning_effort" not in body


def test_unset_values_are_omitted(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    stream_events(ChatRequest("gpt-4o", [ChatMessage("user", "Hi")]))
    [body] = sent(fake_api)
    assert set(body) == {"model", "messages", "stream", "stream_options"}
    assert body["messages"] == [{"role": "user", "content": "Hi"}]


def test_developer_role_becomes_system_for_chat_models(fake_api: FakeOpenAI,
                                                       stream_events: Runner) -> None:
    stream_events(ChatRequest("llama3.1", [ChatMessage("developer", "Rules"),
                                           ChatMessage("user", "Hi")]))
    assert sent(fake_api)[0]["messages"][0] == {"role": "system", "content": "Rules"}


def test_images_are_sent_as_content_parts(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    png = "data:image/png;base64,iVBORw0KGgo="
    message = ChatMessage("user", "What is this?", images=[
        ImageInput(png, detail="low"), ImageInput("https://example.com/cat.jpg")])
    events, failure = stream_events(ChatRequest("gpt-4o", [message]))
    assert failure is None
    assert sent(fake_api)[0]["messages"][0]["content"] == [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": {"url": png, "detail": "low"}},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg",
                                            "detail": "auto"}},
    ]
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "Echo: What is this?"


def test_server_rejecting_stream_options_is_asked_again_without(
    fake_api: FakeOpenAI, stream_events: Runner
) -> None:
    fake_api.state["chat"] = ChatOptions(reply="fine", reject_stream_options=True)
    events, failure = stream_events(ChatRequest("qwen2.5", [ChatMessage("user", "Hi")]))
    assert failure is None
    first, second = sent(fake_api)
    assert "stream_options" in first and "stream_options" not in second
    assert second["stream"] is True
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "fine"
    assert not [e for e in events if isinstance(e, UsageReport)]


def test_server_rejecting_max_completion_tokens_gets_max_tokens(
    fake_api: FakeOpenAI, stream_events: Runner
) -> None:
    fake_api.state["chat"] = ChatOptions(reject_max_completion_tokens=True)
    request = ChatRequest("gpt-oss-20b", [ChatMessage("user", "Hi")], max_tokens=100)
    _, failure = stream_events(request)
    assert failure is None
    first, second = sent(fake_api)
    assert first["max_completion_tokens"] == 100 and "max_tokens" not in first
    assert second["max_tokens"] == 100 and "max_completion_tokens" not in second


def test_other_bad_requests_are_not_retried(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    _, failure = stream_events(ChatRequest("gpt-4o", []))
    assert failure is not None and failure.kind is FailureKind.BAD_REQUEST
    assert "messages" in failure.message
    assert len(sent(fake_api)) == 1


def test_complete_returns_text_usage_and_request_id(fake_api: FakeOpenAI,
                                                    api_run: Runner) -> None:
    fake_api.state["chat"] = ChatOptions(reply="A short title", prompt_tokens=10)

    async def body(client: ApiClient) -> tuple[str, Usage | None, str | None]:
        return await chat.complete(client, full_request("gpt-5"))

    text, usage, request_id = api_run(body)
    assert text == "A short title"
    assert usage == Usage(prompt_tokens=10, completion_tokens=3)
    assert request_id and request_id.startswith("req_")
    [body_sent] = sent(fake_api)
    assert "stream" not in body_sent and "stream_options" not in body_sent
    assert body_sent["max_completion_tokens"] == 256


def test_complete_without_usage(fake_api: FakeOpenAI, api_run: Runner) -> None:
    fake_api.state["chat"] = ChatOptions(reply="ok", no_usage=True)
    text, usage, _ = api_run(lambda client: chat.complete(
        client, ChatRequest("mistral", [ChatMessage("user", "Hi")])))
    assert (text, usage) == ("ok", None)


def test_fake_honours_include_usage_like_openai(fake_api: FakeOpenAI, api_run: Runner) -> None:
    # Without stream_options OpenAI sends no usage chunk (and no "usage" key in chunks).
    async def body(client: ApiClient) -> list[Any]:
        stream = await client.sdk.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], stream=True)
        return [chunk async for chunk in stream]

    chunks = api_run(body)
    assert chunks and all(c.usage is None and c.choices for c in chunks)


def test_fake_rejects_temperature_for_reasoning_models(fake_api: FakeOpenAI,
                                                       api_run: Runner) -> None:
    # The fake has its own reasoning-model rule, so a wrong capabilities table fails the
    # request-shape tests above instead of passing silently.
    async def body(client: ApiClient) -> Any:
        return await client.sdk.chat.completions.create(
            model="o4-mini", messages=[{"role": "user", "content": "Hi"}], temperature=0.2)

    try:
        api_run(body)
    except Exception as exc:
        assert getattr(exc, "status_code", None) == 400
        assert getattr(exc, "code", None) == "unsupported_value"
    else:
        raise AssertionError("temperature was accepted for o4-mini")
