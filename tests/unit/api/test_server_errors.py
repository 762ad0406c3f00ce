"""Real servers' error bodies become one human sentence; the raw body is kept for Details."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from playground.api import retry
from playground.model.types import ChatMessage, ChatRequest, FailureKind, StreamStarted
from tests.fake_openai import FakeOpenAI, Fault
from tests.fake_openai import error_bodies as bodies
from tests.fake_openai.routes_chat import PATH, ChatOptions

Runner = Callable[..., Any]


def ask(text: str = "Hi") -> ChatRequest:
    return ChatRequest(model="llama3", messages=[ChatMessage("user", text)], top_p=1.5)


def test_llama_cpp_python_validation_500_is_a_bad_request(fake_api: FakeOpenAI,
                                                          stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=500, body=bodies.LLAMA_CPP_PYTHON_VALIDATION_500))
    _, failure = stream_events(ask())
    assert failure is not None
    assert failure.message == "top_p: Input should be less than or equal to 1"
    assert failure.kind is FailureKind.BAD_REQUEST and failure.status == 500
    # A request the server finds invalid is invalid again: no retry.
    assert not failure.retryable and retry.delays(failure, 0, 2) is None
    assert "llama_cpp/server/app.py" in failure.raw and "'loc'" in failure.raw
    assert "{" not in failure.message and "File" not in failure.message


def test_faster_whisper_detail_error(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=400, body=bodies.FASTER_WHISPER_DETAIL_400))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.BAD_REQUEST
    assert failure.message.startswith("Model 'whisper-1' is not installed locally.")
    assert "{" not in failure.message
    assert json.loads(failure.raw) == json.loads(bodies.FASTER_WHISPER_DETAIL_400)


def test_fastapi_422_lists_each_field(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=422, body=bodies.FASTAPI_422))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.BAD_REQUEST
    assert failure.message == ("file: Field required; temperature: Input should be a valid "
                               "number, unable to parse string as a number")


def test_vllm_context_length_400(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=400, body=bodies.VLLM_400))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.CONTEXT_LENGTH
    assert failure.message.startswith("This model's maximum context length is 4096 tokens.")


def test_validation_500_as_plain_pydantic_text(fake_api: FakeOpenAI,
                                               stream_events: Runner) -> None:
    # pydantic's own str(): "N validation error(s) for Model", the field, then the message.
    text = ("1 validation error for CreateChatCompletionRequest\ntop_p\n  Input should be less "
            "than or equal to 1 [type=less_than_equal, input_value=1.5, input_type=float]\n"
            "    For further information visit https://errors.pydantic.dev/2.9/v/less_than_equal")
    fake_api.inject(Fault(PATH, status=500, body=json.dumps({"detail": text})))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.BAD_REQUEST
    assert failure.message == "top_p: Input should be less than or equal to 1"


def test_a_real_500_is_still_retried(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=500, message="CUDA out of memory"))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.SERVER and failure.retryable
    assert failure.message == "CUDA out of memory"


def test_context_overflow_inside_the_stream(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.state["chat"] = ChatOptions(error_after=0, error_event=bodies.LLAMA_CPP_CONTEXT_EVENT)
    events, failure = stream_events(ask("long " * 3000))
    assert isinstance(events[0], StreamStarted)
    assert failure is not None and failure.kind is FailureKind.CONTEXT_LENGTH
    assert "exceeds the context window of 2048 tokens" in failure.message
    assert "3151" in failure.message
    assert not failure.retryable and retry.delays(failure, 0, 2) is None
    assert "exceed_context_size_error" in failure.raw


def test_other_error_inside_the_stream_keeps_the_server_reason(
        fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.state["chat"] = ChatOptions(error_after=0, error_message="Model overloaded")
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.SERVER
    assert failure.message == "Model overloaded"


def test_missing_endpoint_names_it(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=404, body=bodies.FASTAPI_404))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.NOT_FOUND
    assert "POST /v1/chat/completions" in failure.message
    assert not failure.retryable and retry.delays(failure, 0, 2) is None


def test_missing_endpoint_closing_on_a_large_upload(fake_api: FakeOpenAI,
                                                   stream_events: Runner) -> None:
    # The server leaves 3 MB unread and resets: the client never sees the 404. The app asks
    # again with an empty body, which gets the 404 that says what is missing.
    fake_api.inject(Fault(PATH, kind="early", status=404, body=bodies.FASTAPI_404, times=2))
    _, failure = stream_events(ask("x" * 3_000_000))
    assert failure is not None and failure.kind is FailureKind.NOT_FOUND, failure
    assert "POST /v1/chat/completions" in failure.message
    assert retry.delays(failure, 0, 2) is None
