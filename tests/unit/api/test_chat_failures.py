"""Every way a chat request fails arrives as one ApiFailure with the right kind."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from playground.api import retry
from playground.model.types import ChatMessage, ChatRequest, FailureKind, StreamStarted
from tests.fake_openai import FakeOpenAI, Fault
from tests.fake_openai.routes_chat import PATH, ChatOptions

Runner = Callable[..., Any]


def ask(model: str = "gpt-4o") -> ChatRequest:
    return ChatRequest(model=model, messages=[ChatMessage("user", "Hi")])


def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_wrong_key_is_auth(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.valid_keys = {"sk-right"}
    events, failure = stream_events(ask())
    assert events == []
    assert failure is not None and failure.kind is FailureKind.AUTH
    assert failure.status == 401 and not failure.retryable
    assert "Incorrect API key" in failure.message
    assert retry.delays(failure, 0, 2) is None


def test_rate_limit_with_retry_after(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=429, type="requests", code="rate_limit_exceeded",
                          message="Rate limit reached for gpt-4o.",
                          headers={"retry-after": "2"}))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.RATE_LIMIT
    assert failure.retryable and failure.retry_after == 2
    assert retry.delays(failure, 0, 2) == 2
    # The injected fault was used up: the app's own retry succeeds.
    events, again = stream_events(ask())
    assert again is None and isinstance(events[0], StreamStarted)


def test_insufficient_quota_is_not_retried(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, status=429, type="insufficient_quota", code="insufficient_quota",
                          message="You exceeded your current quota."))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.QUOTA
    assert not failure.retryable
    assert retry.delays(failure, 0, 2) is None


def test_server_traceback_becomes_a_short_message(fake_api: FakeOpenAI,
                                                  stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, kind="traceback", message="n must be 1"))
    _, failure = stream_events(ask("llama3"))
    assert failure is not None and failure.kind is FailureKind.SERVER
    assert failure.message == "ValueError: n must be 1"
    assert failure.retryable


def test_no_answer_in_time_is_timeout(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, kind="hang", delay=2.0))
    _, failure = stream_events(ask(), timeout=0.3)
    assert failure is not None and failure.kind is FailureKind.TIMEOUT
    assert retry.delays(failure, 0, 2) is not None


def test_connection_refused_is_network(stream_events: Runner) -> None:
    _, failure = stream_events(ask(), base_url=f"http://127.0.0.1:{closed_port()}/v1")
    assert failure is not None and failure.kind is FailureKind.NETWORK
    assert failure.message


@pytest.mark.parametrize("scheme", ["http", "socks5"])
def test_dead_proxy_is_proxy(fake_api: FakeOpenAI, stream_events: Runner, scheme: str) -> None:
    _, failure = stream_events(ask(), proxy=f"{scheme}://127.0.0.1:{closed_port()}")
    assert failure is not None and failure.kind is FailureKind.PROXY
    assert fake_api.requests_to(PATH) == []


def test_unknown_model_is_not_found(fake_api: FakeOpenAI, stream_events: Runner) -> None:
    fake_api.state["chat"] = ChatOptions(known_models=["gpt-4o"])
    _, failure = stream_events(ask("gpt-4o-typo"))
    assert failure is not None and failure.kind is FailureKind.NOT_FOUND
    assert failure.code == "model_not_found"
    assert "gpt-4o-typo" in failure.message


def test_connection_dropped_before_the_answer_is_network(fake_api: FakeOpenAI,
                                                         stream_events: Runner) -> None:
    fake_api.inject(Fault(PATH, kind="close"))
    _, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.NETWORK
