"""CompareRun with no display, against the loopback server: panes on different profiles
stream at once, a failing pane fails alone, usage is priced and recorded, Stop ends all,
"Continue with this one" hands over the conversation."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

from playground.model.types import ChatRequest, FailureKind, Profile
from playground.services.compare_run import (
    MAX_PANES,
    MIN_PANES,
    CompareRun,
    PaneResult,
    PaneSetup,
    PaneState,
)
from playground.services.container import Services
from playground.services.messages import UserMessage
from playground.usage.records import UsageRecord
from tests.fake_openai.routes_chat import ChatOptions
from tests.unit.services.conftest import real_services

PRICES = ('[chat."model-a"]\ninput = 1.00\noutput = 2.00\n\n'
          '[chat."model-b"]\ninput = 10.00\noutput = 20.00\n')


def setup(profile: str, model: str, **settings: Any) -> PaneSetup:
    return PaneSetup(profile, ChatRequest(model=model, messages=[], **settings))


def add_profiles(services: Services, fake_api: Any) -> None:
    """"Other" reaches the same server by another base URL: 127.1, the short form of
    127.0.0.1 (no name lookup, so it works where "localhost" does not resolve)."""
    other_url = fake_api.url.replace("127.0.0.1", "127.1")
    services.profiles.save(Profile(name="Other", base_url=other_url, timeout=5,
                                   max_retries=0))
    services.profiles.save(Profile(name="Stranger", base_url=fake_api.url, timeout=5,
                                   max_retries=0))
    services.api.session_keys.update({"Other": "sk-other", "Stranger": "sk-wrong"})


def compare(fake_api: Any, tmp_path: Path, panes: list[PaneSetup], prompt: str = "hi there",
            system: str = "", *, during: Any = None,
            reported: list[UsageRecord] | None = None,
            ) -> tuple[CompareRun, list[tuple[int, str]], list[UserMessage]]:
    texts: list[tuple[int, str]] = []
    messages: list[UserMessage] = []
    pricing = tmp_path / "pricing.toml"
    pricing.write_text(PRICES, encoding="utf-8")

    async def body() -> CompareRun:
        async with real_services(fake_api, tmp_path, reported=reported,
                                 user_pricing=pricing) as services:
            add_profiles(services, fake_api)
            run = CompareRun(services, panes)
            run.pane_text.connect(lambda i, t: texts.append((i, t)))
            run.message.connect(messages.append)
            sending = asyncio.ensure_future(run.run(prompt, system))
            if during is not None:
                await during(run)
            await sending
            return run

    return asyncio.run(body()), texts, messages


def test_three_panes_on_two_profiles_and_a_refused_key(fake_api: Any, tmp_path: Path) -> None:
    fake_api.valid_keys = {"sk-test", "sk-other"}
    reported: list[UsageRecord] = []
    run, texts, messages = compare(fake_api, tmp_path, [
        setup("Test", "model-a"), setup("Other", "model-b"), setup("Stranger", "model-a")],
        system="Be brief.", reported=reported)
    done, other, refused = run.results
    assert done.state == other.state == PaneState.DONE
    assert done.text == other.text == "Echo: hi there"
    # Each pane streamed on its own: deltas of panes 0 and 1, none of the failed pane.
    assert {i for i, _ in texts} == {0, 1}
    assert refused.state == PaneState.FAILED and refused.error is not None
    assert refused.error.failure is not None and refused.error.failure.kind == FailureKind.AUTH
    assert not refused.text and not messages
    # Two profiles: two keys, two base URLs (hosts) on the wire, both with the system message.
    sent = fake_api.requests_to("/chat/completions")
    assert sorted(r.headers["authorization"] for r in sent) == [
        "Bearer sk-other", "Bearer sk-test", "Bearer sk-wrong"]
    assert {r.headers["host"].split(":")[0] for r in sent} == {"127.0.0.1", "127.1"}
    assert all(r.json["messages"][0] == {"role": "system", "content": "Be brief."}
               for r in sent)
    # Metrics per pane; the ledger got one record per finished pane, by profile.
    for result in (done, other):
        m = result.metrics
        assert m.first_token_s is not None and m.total_s is not None
        assert 0 < m.first_token_s <= m.total_s and m.output_tokens == 3
        assert result.cost is not None and result.cost > 0 and not m.cost_estimated
    assert sorted((r.profile, r.model) for r in reported) == [("Other", "model-b"),
                                                              ("Test", "model-a")]
    # model-a costs a tenth of model-b for the same tokens.
    assert other.cost == done.cost * 10  # type: ignore[operator]
    summary = run.summary()
    assert summary.cheapest == 0
    assert summary.fastest in (0, 1) and summary.first_token in (0, 1)


def test_an_unknown_model_fails_its_pane_only(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(known_models=["model-a", "model-b"])
    run, _texts, _messages = compare(fake_api, tmp_path, [
        setup("Test", "model-a"), setup("Test", "no-such-model"), setup("Other", "model-b")])
    states = [r.state for r in run.results]
    assert states == [PaneState.DONE, PaneState.FAILED, PaneState.DONE]
    error = run.results[1].error
    assert error is not None and error.failure is not None
    assert error.failure.kind == FailureKind.NOT_FOUND and "no-such-model" in error.text
    assert run.summary().cheapest == 0  # the failed pane is never a winner


def test_a_server_that_is_down_fails_its_pane(fake_api: Any, tmp_path: Path) -> None:
    async def body() -> CompareRun:
        async with real_services(fake_api, tmp_path) as services:
            services.profiles.save(Profile(name="Down", base_url="http://127.0.0.1:9/v1",
                                           timeout=5, max_retries=0))
            # No key anywhere (this test machine has no keyring): a local server needs none.
            services.profiles.save(Profile(name="Keyless", base_url=fake_api.url, timeout=5,
                                           max_retries=0))
            run = CompareRun(services, [setup("Test", "model-a"), setup("Down", "llama"),
                                        setup("Keyless", "llama")])
            await run.run("hello")
            return run

    run = asyncio.run(body())
    assert run.results[0].state == run.results[2].state == PaneState.DONE
    failed = run.results[1]
    assert failed.state == PaneState.FAILED and failed.error is not None
    assert failed.error.failure is not None
    assert failed.error.failure.kind == FailureKind.NETWORK


def test_settings_reach_the_server_per_pane(fake_api: Any, tmp_path: Path) -> None:
    compare(fake_api, tmp_path, [setup("Test", "model-a", temperature=0.2, max_tokens=50),
                                 setup("Other", "gpt-5.5", reasoning_effort="low",
                                       max_tokens=400)])
    bodies = {r.json["model"]: r.json for r in fake_api.requests_to("/chat/completions")}
    assert bodies["model-a"]["temperature"] == 0.2 and bodies["model-a"]["max_tokens"] == 50
    assert bodies["gpt-5.5"]["reasoning_effort"] == "low"
    assert bodies["gpt-5.5"]["max_completion_tokens"] == 400
    assert "temperature" not in bodies["gpt-5.5"]


def test_stop_stops_every_pane_and_keeps_what_arrived(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(reply="word " * 200, chunks=200, delay=0.02)
    reported: list[UsageRecord] = []

    async def stop_after_text(run: CompareRun) -> None:
        while not all(r.parts for r in run.results):
            await asyncio.sleep(0.01)
        run.stop()

    run, _texts, _messages = compare(fake_api, tmp_path, [
        setup("Test", "model-a"), setup("Other", "model-b"), setup("Test", "model-b")],
        during=stop_after_text, reported=reported)
    assert [r.state for r in run.results] == [PaneState.STOPPED] * 3
    assert all(0 < len(r.text) < len("word " * 200) for r in run.results)
    # The tokens spent are still recorded (counted locally: the usage chunk never came).
    assert len(reported) == 3 and all(r.estimated for r in reported)
    assert run.summary().fastest is None and not run.is_running()


def test_continue_with_hands_over_the_conversation(fake_api: Any, tmp_path: Path) -> None:
    handed: list[tuple[str, ChatRequest, str]] = []
    run, _texts, _messages = compare(fake_api, tmp_path, [
        setup("Test", "model-a"), setup("Other", "model-b", temperature=0.7, max_tokens=99)],
        prompt="Say hi", system="You are terse.")
    run.on_continue = lambda profile, request, reply: handed.append((profile, request, reply))
    assert run.continue_with(1)
    profile, request, reply = handed[0]
    assert profile == "Other" and reply == "Echo: Say hi"
    assert (request.model, request.temperature, request.max_tokens) == ("model-b", 0.7, 99)
    assert [(m.role, m.content) for m in request.messages] == [
        ("system", "You are terse."), ("user", "Say hi")]
    # A copy: the chat may change it without touching the pane.
    request.messages.append(dataclasses.replace(request.messages[0], content="x"))
    assert len(run.results[1].request.messages) == 2  # type: ignore[union-attr]


def test_no_continue_from_a_failed_pane(fake_api: Any, tmp_path: Path) -> None:
    fake_api.valid_keys = {"sk-test"}
    handed: list[Any] = []
    run, _texts, _messages = compare(fake_api, tmp_path, [
        setup("Test", "model-a"), setup("Stranger", "model-a")])
    run.on_continue = lambda *args: handed.append(args)
    assert not run.continue_with(1) and not handed
    assert run.continue_with(0) and handed[0][0] == "Test"


def test_empty_prompt_or_missing_model_is_a_message(fake_api: Any, tmp_path: Path) -> None:
    _run, _texts, messages = compare(fake_api, tmp_path,
                                     [setup("Test", "model-a"), setup("Test", "")], prompt=" ")
    assert messages[0].text == "Type a prompt to compare."
    _run, _texts, messages = compare(fake_api, tmp_path,
                                     [setup("Test", "model-a"), setup("Test", " ")])
    assert messages[0].text == "Choose a model for pane 2."
    assert not fake_api.requests_to("/chat/completions")


def test_a_profile_deleted_meanwhile_fails_its_pane(fake_api: Any, tmp_path: Path) -> None:
    run, _texts, _messages = compare(fake_api, tmp_path, [setup("Test", "model-a"),
                                                         setup("Gone", "model-a")])
    error = run.results[1].error
    assert error is not None and "no profile named “Gone”" in error.text


def test_two_to_four_panes(fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = CompareRun(services)
            assert len(run.results) == MIN_PANES
            assert not run.remove_pane(0)
            run.set_pane(1, setup("Test", "model-b", temperature=0.3))
            assert run.add_pane() == 2 and run.add_pane() == 3 and run.add_pane() is None
            assert len(run.panes) == MAX_PANES
            assert run.panes[3].request.temperature == 0.3  # a copy of the last pane
            assert run.panes[3].request is not run.panes[1].request
            assert run.panes[0].request.model == "gpt-5.4-mini"  # the chat's model
            assert run.panes[0].profile == "Test"  # the active profile
            assert run.remove_pane(1) and [p.request.model for p in run.panes] == [
                "gpt-5.4-mini", "model-b", "model-b"]

    asyncio.run(body())


def test_pane_events_follow_the_run(fake_api: Any, tmp_path: Path) -> None:
    seen: list[tuple[int, PaneState]] = []

    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = CompareRun(services, [setup("Test", "model-a"), setup("Test", "model-b")])
            run.pane_changed.connect(lambda i, r: seen.append((i, r.state)))
            await run.run("hello")

    asyncio.run(body())
    for index in (0, 1):
        states = [s for i, s in seen if i == index]
        assert states[0] == PaneState.WAITING and PaneState.STREAMING in states
        assert states[-1] == PaneState.DONE


def test_result_text_joins_parts() -> None:
    result = PaneResult(setup("Test", "m"), parts=["a", "b", "c"])
    assert result.text == "abc" and result.parts == ["abc"]
