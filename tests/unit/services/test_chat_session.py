"""ChatSession with no display: the real SDK over HTTP against the loopback server, a real
SQLite history and usage ledger; the test listens to the session's events as a view would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from playground.model.types import ChatRequest, MessageStatus, Profile
from playground.services import ApiProvider, Services
from playground.services.chat_session import ChatSession
from playground.services.chat_turns import ChatControls, Countdown, ReplyEnd, ReplyOutcome
from playground.settings import Settings
from playground.storage.history_async import AsyncHistory
from playground.storage.profiles import ProfileStore
from playground.storage.secrets import SecretStore
from playground.usage.service import UsageService
from playground.usage.snapshot import UsageSnapshot
from tests.fake_openai import Fault
from tests.fake_openai.routes_chat import ChatOptions

PATH = "/chat/completions"


def controls(model: str = "gpt-4o-mini", system: str = "") -> Callable[[], ChatControls]:
    return lambda: ChatControls(model, system, {"temperature": 0.5},
                                ChatRequest(model=model, messages=[], temperature=0.5))


@asynccontextmanager
async def open_session(fake_api: Any, tmp_path: Path,
                       make_controls: Callable[[], ChatControls] | None = None,
                       ) -> AsyncIterator[tuple[ChatSession, list[tuple[str, Any]]]]:
    database = tmp_path / "db.sqlite3"
    history = await AsyncHistory.open(database)
    usage = UsageService(database, loop=asyncio.get_running_loop())
    profile = Profile(name="Test", base_url=fake_api.url, timeout=5, max_retries=2)

    async def key(_name: str) -> str:
        return "sk-test"

    services = Services(api=ApiProvider(lambda: profile, key), usage=usage, history=history,
                        secrets=SecretStore(timeout=2), settings=Settings(),
                        profiles=ProfileStore(Settings().raw()))
    session = ChatSession(services, make_controls or controls())
    events: list[tuple[str, Any]] = []
    session.turn_added.connect(lambda t: events.append(("added", t)))
    session.turns_removed.connect(lambda t: events.append(("removed", t)))
    session.reply.text.connect(lambda _t, text: events.append(("text", text)))
    session.reply.countdown.connect(lambda c: events.append(("countdown", c)))
    session.reply.ended.connect(lambda o: events.append(("ended", o)))
    session.busy_changed.connect(lambda busy: events.append(("busy", busy)))
    session.message.connect(lambda m: events.append(("message", m)))
    try:
        yield session, events
    finally:
        await services.api.aclose()
        await history.close()
        usage.close()


def of(events: list[tuple[str, Any]], kind: str) -> list[Any]:
    return [value for name, value in events if name == kind]


def run(body: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(body())


def test_a_send_stores_streams_and_reports_usage(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(reply="Hello there, friend.", chunks=4)

    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, events):
            snapshots: list[UsageSnapshot] = []
            session.services.usage.add_listener(snapshots.append)
            assert await session.send("hi", [], title="Image")
            added = of(events, "added")
            assert [(t.role, t.status) for t in added] == [
                ("user", MessageStatus.COMPLETE), ("assistant", MessageStatus.COMPLETE)]
            assert "".join(of(events, "text")) == "Hello there, friend."
            [outcome] = of(events, "ended")
            assert outcome.end == ReplyEnd.COMPLETE and outcome.request_id
            assert of(events, "busy") == [True, False]
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert [(m.role, m.content, m.status) for m in stored] == [
                ("user", "hi", MessageStatus.COMPLETE),
                ("assistant", "Hello there, friend.", MessageStatus.COMPLETE)]
            request = fake_api.requests_to(PATH)[-1].json
            assert request["temperature"] == 0.5
            for _ in range(200):
                if snapshots:
                    break
                await asyncio.sleep(0.01)
            assert snapshots and snapshots[-1].last is not None

    run(body)


def test_stop_keeps_the_partial_reply_as_interrupted(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(reply=" ".join(["word"] * 200), delay=0.02)

    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, events):
            task = asyncio.ensure_future(session.send("long please", [], title=""))
            while len(of(events, "text")) < 3:
                await asyncio.sleep(0.01)
            session.stop()
            await task
            outcome: ReplyOutcome = of(events, "ended")[-1]
            assert outcome.end == ReplyEnd.STOPPED and outcome.partial
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert stored[-1].status == MessageStatus.INTERRUPTED
            assert stored[-1].content.startswith("word word word")
            assert stored[-1].meta["stopped"] is True  # reopened, it says who stopped it
            assert not session.is_running()

    run(body)


def test_a_server_error_counts_down_then_the_retry_succeeds(fake_api: Any,
                                                            tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(reply="after the retry")
    fake_api.inject(Fault(path=PATH, status=500, headers={"retry-after": "1"}))

    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, events):
            await session.send("hi", [], title="")
            countdowns: list[Countdown] = of(events, "countdown")
            assert countdowns[0].failure is not None and countdowns[0].attempt == 1
            assert countdowns[-1].failure is None  # the countdown ended before the retry
            [outcome] = of(events, "ended")
            assert outcome.end == ReplyEnd.COMPLETE
            assert "".join(of(events, "text")) == "after the retry"

    run(body)


def test_sending_an_edited_message_replaces_it_and_keeps_the_draft_countable(
        fake_api: Any, tmp_path: Path) -> None:
    """The live token count asks for the draft while the edited turn is being replaced."""

    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, _events):
            await session.send("first", [], title="")
            await session.send("second", [], title="")
            first = session.turns[0]
            assert session.begin_edit(first)
            assert [m.content for m in session.draft_messages("first, edited", [])] == [
                "first, edited"]
            counted: list[int] = []
            session.turns_removed.connect(
                lambda _t: counted.append(len(session.draft_messages("x", []))))
            await session.send("first, edited", [], title="")
            assert counted and session.editing is None
            assert [(t.role, t.content) for t in session.turns] == [
                ("user", "first, edited"), ("assistant", "Echo: first, edited")]

    run(body)


def test_a_budget_block_says_so_and_sends_nothing(fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, events):
            from decimal import Decimal

            from playground.usage.budget import BudgetCaps

            usage = session.services.usage
            await usage.set_caps("Test", BudgetCaps(daily=Decimal("0"), monthly=None))
            assert not await session.send("hi", [], title="")
            [message] = of(events, "message")
            assert message.action == "send_anyway"
            assert fake_api.requests_to(PATH) == []

    run(body)


def test_regenerate_keeps_the_replaced_reply_as_a_version_to_switch_back_to(
        fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, _events):
            fake_api.state["chat"] = ChatOptions(reply="first reply")
            await session.send("question", [], title="")
            fake_api.state["chat"] = ChatOptions(reply="second reply")
            await session.regenerate(session.turns[1])
            assert [t.content for t in session.turns] == ["question", "second reply"]
            assert session.alternative_of(session.turns[1]) == (2, 2)
            assert session.alternative_of(session.turns[0]) is None
            await session.switch_alternative(session.turns[1], -1)
            assert [t.content for t in session.turns] == ["question", "first reply"]
            assert session.alternative_of(session.turns[1]) == (1, 2)
            await session.switch_alternative(session.turns[1], 1)
            assert session.turns[1].content == "second reply"

    run(body)


def test_retrying_a_reply_that_failed_empty_leaves_no_empty_version(
        fake_api: Any, tmp_path: Path) -> None:
    fake_api.inject(Fault(path=PATH, status=400, message="bad", type="invalid_request_error"))

    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, _events):
            await session.send("question", [], title="")
            assert session.turns[-1].status == MessageStatus.ERROR
            await session.regenerate(session.turns[-1])
            assert session.turns[-1].content == "Echo: question"
            assert session.forks == {}

    run(body)


def test_a_reply_cut_by_the_server_keeps_its_text_and_the_reason(fake_api: Any,
                                                                 tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(reply="one two three four", error_after=2,
                                         error_message="the server fell over")

    async def body() -> None:
        async with open_session(fake_api, tmp_path) as (session, _events):
            await session.send("hi", [], title="")
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert stored[-1].status == MessageStatus.INTERRUPTED and stored[-1].content
            assert stored[-1].error is not None
            assert "fell over" in stored[-1].error.message

    run(body)


def responses_controls(**options: Any) -> Callable[[], ChatControls]:
    from playground.services.reply_options import ReplyOptions

    return lambda: ChatControls("gpt-5.5", "", {}, ChatRequest(model="gpt-5.5", messages=[]),
                                ReplyOptions(**options))


def test_a_responses_reply_keeps_its_thinking_and_continues_from_its_id(
        fake_api: Any, tmp_path: Path) -> None:
    from tests.fake_openai.routes_responses import ResponsesOptions

    fake_api.state["responses"] = ResponsesOptions(summary="Weighing it up")

    async def body() -> None:
        make = responses_controls(api="responses", reasoning_summary="auto",
                                  continue_stored=True)
        async with open_session(fake_api, tmp_path, make) as (session, _events):
            await session.send("first", [], title="")
            reply = session.turns[-1]
            assert reply.details.reasoning.strip() == "Weighing it up"
            assert reply.details.metrics.api == "responses"
            assert reply.details.metrics.response_id.startswith("resp_")
            await session.send("second", [], title="")
            sent = fake_api.requests_to("/responses")[-1].json
            assert sent["previous_response_id"] == reply.details.metrics.response_id
            assert sent["input"] == [{"role": "user", "content": "second"}]
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert stored[1].meta["reasoning"].strip() == "Weighing it up"

    run(body)


def test_automatic_falls_back_to_chat_completions_and_remembers(
        fake_api: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from playground.services import api_choice
    from tests.fake_openai.routes_responses import ResponsesOptions

    monkeypatch.setattr(api_choice, "OPENAI_HOSTS", frozenset({"127.0.0.1"}))  # "OpenAI"
    fake_api.state["responses"] = ResponsesOptions(missing=True)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, responses_controls()) as (session, events):
            await session.send("hi", [], title="")
            assert session.turns[-1].content == "Echo: hi"
            assert session.turns[-1].details.metrics.api == "chat"
            await session.send("again", [], title="")
            assert len(fake_api.requests_to("/responses")) == 1  # not asked twice
            assert not of(events, "message")

    run(body)


def test_choosing_responses_on_a_server_without_it_says_so(fake_api: Any,
                                                           tmp_path: Path) -> None:
    from tests.fake_openai.routes_responses import ResponsesOptions

    fake_api.state["responses"] = ResponsesOptions(missing=True)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, responses_controls(api="responses")) as (
                session, events):
            await session.send("hi", [], title="")
            outcome = of(events, "ended")[-1]
            assert outcome.end == ReplyEnd.FAILED and outcome.failure is not None
            assert "no Responses API" in outcome.failure.message
            assert fake_api.requests_to(PATH) == []

    run(body)


def test_a_function_call_round_trip_on_responses(fake_api: Any, tmp_path: Path) -> None:
    from playground.services.request_checks import FUNCTION_TEMPLATES
    from tests.fake_openai.routes_responses import Call, ResponsesOptions

    fake_api.state["responses"] = ResponsesOptions(calls=[
        Call("get_weather", '{"city": "Paris", "unit": "celsius"}', "call_9")])

    async def body() -> None:
        make = responses_controls(api="responses", functions=[FUNCTION_TEMPLATES["get_weather"]])
        async with open_session(fake_api, tmp_path, make) as (session, events):
            await session.send("weather in Paris?", [], title="")
            reply = session.turns[-1]
            assert of(events, "ended")[-1].end == ReplyEnd.TOOL_CALLS
            assert [c.id for c in reply.details.tool_calls] == ["call_9"]
            assert not await session.submit_tool_result(reply, "call_9", '{"temp": ')
            assert "not valid JSON" in of(events, "message")[-1].text
            fake_api.state["responses"] = ResponsesOptions(reply="It is 21 degrees.")
            assert await session.submit_tool_result(reply, "call_9", '{"temp": 21}')
            assert session.turns[-1].content == "It is 21 degrees."
            sent = fake_api.requests_to("/responses")[-1].json["input"]
            assert {"type": "function_call_output", "call_id": "call_9",
                    "output": '{"temp": 21}'} in sent

    run(body)


def test_a_structured_reply_is_checked_against_its_schema(fake_api: Any,
                                                          tmp_path: Path) -> None:
    from playground.services.request_checks import SCHEMA_TEMPLATE
    from tests.fake_openai.routes_responses import ResponsesOptions

    fake_api.state["responses"] = ResponsesOptions(reply='{"answer": "yes", "confidence": 2}')

    async def body() -> None:
        make = responses_controls(api="responses", response_format="json_schema",
                                  schema=SCHEMA_TEMPLATE)
        async with open_session(fake_api, tmp_path, make) as (session, _events):
            await session.send("sure?", [], title="")
            assert "confidence" in (session.turns[-1].details.json_problem or "")

    run(body)


def test_each_reply_keeps_its_own_cost(fake_api: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from playground.services import chat_session

    # As if the loopback server were OpenAI's (it is self-hosted, so it would cost nothing).
    monkeypatch.setattr(chat_session, "is_self_hosted", lambda _url: False)
    fake_api.state["chat"] = ChatOptions(reply="priced", prompt_tokens=1000)

    async def body() -> None:
        make = controls("gpt-5.5")
        async with open_session(fake_api, tmp_path, make) as (session, _events):
            changed: list[Any] = []
            session.details_changed.connect(changed.append)
            await session.send("what does this cost?", [], title="")
            for _ in range(300):
                if changed:
                    break
                await asyncio.sleep(0.01)
            reply = session.turns[-1]
            assert changed == [reply] and float(reply.details.metrics.cost) > 0
            assert session.conversation_id is not None
            for _ in range(100):  # the cost is stored with the reply too
                stored = await session.services.history.load_messages(session.conversation_id)
                if stored[-1].meta.get("metrics", {}).get("cost"):
                    break
                await asyncio.sleep(0.01)
            assert stored[-1].meta["metrics"]["cost"] == reply.details.metrics.cost

    run(body)
