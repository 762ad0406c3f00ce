"""Background runs (Responses background mode) in a ChatSession: the real SDK over HTTP
against the loopback server, a real SQLite history; the app "killed" is a second session
opening the same database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from playground.api import responses_background
from playground.model.types import ChatRequest, FailureKind, MessageStatus
from playground.services.chat_turns import ChatControls, ReplyEnd, ReplyOutcome
from playground.services.messages import Severity
from playground.services.reply_options import API_AUTO, API_CHAT, API_RESPONSES, ReplyOptions
from tests.fake_openai.routes_chat import ChatOptions
from tests.fake_openai.routes_responses import ResponsesOptions
from tests.unit.services.test_chat_session import of, open_session, run

MODEL = "gpt-5.5-pro"


def background_controls(api: str = API_RESPONSES) -> Callable[[], ChatControls]:
    options = ReplyOptions(api=api, background=True)
    return lambda: ChatControls(MODEL, "", {}, ChatRequest(model=MODEL, messages=[]),
                                options)


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    # The minutes a real run takes are not the point here: poll every few milliseconds.
    monkeypatch.setattr(responses_background, "FIRST_POLL", 0.01)
    monkeypatch.setattr(responses_background, "MAX_POLL", 0.02)


async def until(condition: Callable[[], object], seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


def retrieves(fake_api: Any) -> list[Any]:
    return [r for r in fake_api.requests if r.method == "GET"
            and r.path.startswith("/responses/")]


def cancels(fake_api: Any) -> list[Any]:
    return [r for r in fake_api.requests if r.path.endswith("/cancel")]


def test_a_background_run_is_polled_to_completion(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["responses"] = ResponsesOptions(reply="Deep thoughts.", background_polls=3)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, background_controls()) as (session, events):
            statuses: list[str] = []
            session.reply.background.connect(
                lambda turn: statuses.append(turn.details.background["status"]))
            assert await session.send("think hard", [], title="")
            [create] = fake_api.requests_to("/responses")
            assert create.json["background"] is True and create.json["store"] is True
            assert "stream" not in create.json
            assert statuses == ["queued", "in_progress", "completed"]
            assert len(retrieves(fake_api)) == 3
            [outcome] = of(events, "ended")
            assert outcome.end == ReplyEnd.COMPLETE
            reply = session.turns[-1]
            assert reply.content == "Deep thoughts." and reply.status == MessageStatus.COMPLETE
            assert reply.details.metrics.response_id.startswith("resp_")
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert stored[-1].content == "Deep thoughts."
            assert stored[-1].meta["background"]["status"] == "completed"

    run(body)


def test_stop_cancels_the_run_on_the_server(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["responses"] = ResponsesOptions(background_polls=10_000)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, background_controls()) as (session, events):
            task = asyncio.ensure_future(session.send("think", [], title=""))
            await until(lambda: retrieves(fake_api))
            session.stop()
            await task
            await until(lambda: of(events, "message"))
            [cancel] = cancels(fake_api)
            rid = session.turns[-1].details.metrics.response_id
            assert cancel.path == f"/responses/{rid}/cancel"
            [note] = of(events, "message")
            assert note.severity == Severity.INFO and "asked to cancel" in note.text
            outcome: ReplyOutcome = of(events, "ended")[-1]
            assert outcome.end == ReplyEnd.STOPPED
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert stored[-1].status == MessageStatus.INTERRUPTED
            assert stored[-1].meta["stopped"] is True
            assert stored[-1].meta["background"]["status"] == "cancelled"
            # Reopened later, a cancelled run is not picked up again.
            conversation = session.conversation_id
            session.new_conversation()
            polled = len(retrieves(fake_api))
            assert await session.open(conversation)
            await asyncio.sleep(0.05)
            assert len(retrieves(fake_api)) == polled and not session.is_running()

    run(body)


@pytest.mark.parametrize("crashed", [False, True])
def test_a_run_left_by_a_closed_app_is_resumed_when_reopened(fake_api: Any, tmp_path: Path,
                                                             crashed: bool) -> None:
    fake_api.state["responses"] = ResponsesOptions(reply="Finished while you were away.",
                                                   background_polls=10_000)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, background_controls()) as (first, _):
            task = asyncio.ensure_future(first.send("think", [], title=""))
            await until(lambda: retrieves(fake_api))
            conversation = first.conversation_id
            assert conversation is not None
            stored = await first.services.history.load_messages(conversation)
            rid = stored[-1].meta["metrics"]["response_id"]  # saved as soon as it was known
            assert rid and stored[-1].meta["background"]["status"] in ("queued", "in_progress")
            task.cancel()  # the app quits: its tasks are cancelled, nobody pressed Stop
            await asyncio.gather(task, return_exceptions=True)
            if crashed:  # killed instead: the last write left the reply streaming
                await first.services.history.update_message_content(
                    stored[-1].id, "", MessageStatus.STREAMING, meta=stored[-1].meta)
            else:
                left = await first.services.history.load_messages(conversation)
                assert left[-1].status == MessageStatus.INTERRUPTED
                assert left[-1].meta["stopped"] is False  # not "stopped by you"
        assert not cancels(fake_api)
        fake_api.state["background_runs"][rid].polls = 0  # it finished meanwhile
        async with open_session(fake_api, tmp_path, background_controls()) as (again, events):
            assert await again.open(conversation)
            await until(lambda: of(events, "ended"))
            [outcome] = of(events, "ended")
            assert outcome.end == ReplyEnd.COMPLETE
            assert again.turns[-1].content == "Finished while you were away."
            assert "".join(of(events, "text")) == "Finished while you were away."
            await until(lambda: not again.is_running())
            stored = await again.services.history.load_messages(conversation)
            assert stored[-1].status == MessageStatus.COMPLETE
            assert stored[-1].content == "Finished while you were away."
        assert len(fake_api.requests_to("/responses")) == 1  # resumed, never submitted again

    run(body)


def test_a_failed_run_shows_the_servers_reason(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["responses"] = ResponsesOptions(failed="The model ran out of time.",
                                                   background_polls=2)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, background_controls()) as (session, events):
            await session.send("think", [], title="")
            [outcome] = of(events, "ended")
            assert outcome.end == ReplyEnd.FAILED and outcome.failure is not None
            assert outcome.failure.message == "The model ran out of time."
            assert len(fake_api.requests_to("/responses")) == 1  # a failed run is not retried
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert stored[-1].status == MessageStatus.ERROR
            assert stored[-1].error is not None
            assert "ran out of time" in str(stored[-1].error)
            assert stored[-1].meta["background"]["status"] == "failed"

    run(body)


def test_a_run_the_server_cancelled_says_so(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["responses"] = ResponsesOptions(background_end="cancelled",
                                                   background_polls=1)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, background_controls()) as (session, events):
            await session.send("think", [], title="")
            [outcome] = of(events, "ended")
            assert outcome.failure is not None
            assert outcome.failure.code == responses_background.BACKGROUND_CANCELLED
            assert outcome.failure.kind == FailureKind.INTERRUPTED
            assert "cancelled on the server" in outcome.failure.message

    run(body)


@pytest.mark.parametrize("api", [API_AUTO, API_CHAT])
def test_chat_completions_never_gets_background(fake_api: Any, tmp_path: Path,
                                                api: str) -> None:
    # Automatic on a server that is not OpenAI's (the loopback) uses Chat Completions.
    fake_api.state["chat"] = ChatOptions(reply="plain")

    async def body() -> None:
        async with open_session(fake_api, tmp_path, background_controls(api)) as (session, _):
            await session.send("hi", [], title="")
            [sent] = fake_api.requests_to("/chat/completions")
            assert "background" not in sent.json and "store" not in sent.json
            assert not fake_api.requests_to("/responses")
            assert session.turns[-1].details.background == {}

    run(body)
