"""BatchRun against the loopback server: bounded concurrency, rate limits honoured, rows
saved as they finish, resume after Stop sends only what is missing, checks and usage."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from playground.model.batch import BatchCheck, BatchTemplate, CheckKind, RowStatus
from playground.model.types import ChatMessage, ChatRequest
from playground.services.batch_run import BatchProblem, BatchRun, RunEnd
from playground.storage.batch_rows import parse_csv
from playground.storage.batch_store import AsyncBatchStore
from playground.usage.records import UsageRecord
from tests.fake_openai.routes_chat import PATH, ChatOptions
from tests.fake_openai.server import Fault
from tests.unit.services.conftest import real_services


def _template(label: str = "A", model: str = "gpt-4o") -> BatchTemplate:
    return BatchTemplate(label, ChatRequest(model, [
        ChatMessage("system", "Answer briefly."), ChatMessage("user", "row {{n}} {{word}}")]))


def _rows(count: int) -> Any:
    return parse_csv("n,word\n" + "".join(f"{i},w{i}\n" for i in range(count)))


def _asked_rows(fake_api: Any) -> list[int]:
    """Which rows the server was asked for, from its request log."""
    return [int(r.json["messages"][-1]["content"].split()[1]) for r in fake_api.requests_to(PATH)]


async def _open_run(services: Any, tmp_path: Path) -> BatchRun:
    return BatchRun(services, await AsyncBatchStore.open(tmp_path / "db.sqlite3"))


def test_fifty_rows_with_concurrency_eight(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(delay=0.01)  # each reply takes a few 10 ms writes

    async def body() -> None:
        reported: list[UsageRecord] = []
        async with real_services(fake_api, tmp_path, reported=reported) as services:
            run = await _open_run(services, tmp_path)
            seen: list[int] = []
            run.row_done.connect(lambda result: seen.append(result.row))
            end = await run.start(_rows(50), [_template()], concurrency=8)
            assert end == RunEnd.COMPLETED
            assert sorted(seen) == list(range(50))
            assert sorted(_asked_rows(fake_api)) == list(range(50))  # each row exactly once
            assert 2 <= fake_api.max_in_flight <= 8, fake_api.max_in_flight
            result = run.results[(0, 7)]
            assert result.status == RowStatus.DONE and result.output == "Echo: row 7 w7"
            assert result.prompt_tokens > 0 and result.completion_tokens == 4
            assert result.cost == "0" and result.seconds > 0  # loopback: a free local server
            assert len(reported) == 50 and reported[0].endpoint == "chat"
            assert run.summary().done == 50 and run.summary().total == 50
            assert run.run_id is not None
            stored = await run.store.results(run.run_id)
            assert len(stored) == 50 and all(r.status == RowStatus.DONE for r in stored)
            await run.store.close()

    asyncio.run(body())


def test_a_429_with_retry_after_pauses_every_worker_and_is_retried(
        fake_api: Any, tmp_path: Path) -> None:
    fake_api.inject(Fault(path=PATH, status=429, type="requests", code="rate_limit_exceeded",
                          message="Rate limit reached for requests",
                          headers={"retry-after": "0.3"}))

    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            waits: list[float] = []
            run.waiting.connect(waits.append)
            start = time.monotonic()
            end = await run.start(_rows(4), [_template()], concurrency=1)
            assert end == RunEnd.COMPLETED
            assert time.monotonic() - start >= 0.3
            assert waits == [0.3] and run.gate.holds == 1
            assert len(fake_api.requests_to(PATH)) == 5  # the refused one, sent again
            assert all(r.status == RowStatus.DONE for r in run.results.values())
            await run.store.close()

    asyncio.run(body())


def test_spent_rate_limit_headers_hold_the_next_request(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(headers={
        "x-ratelimit-limit-requests": "100", "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "300ms"})

    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            start = time.monotonic()
            assert await run.start(_rows(2), [_template()], concurrency=1) == RunEnd.COMPLETED
            assert time.monotonic() - start >= 0.3  # the second waited for the reset
            await run.store.close()

    asyncio.run(body())


def test_resume_after_stop_sends_only_the_missing_rows(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(delay=0.02)

    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            run.row_done.connect(lambda _r: run.stop() if len(run.results) >= 5 else None)
            end = await run.start(_rows(20), [_template()], concurrency=2)
            assert end == RunEnd.STOPPED
            run_id = run.run_id
            assert run_id is not None
            saved = {r.row for r in await run.store.results(run_id)}
            assert 5 <= len(saved) < 20
            await run.store.close()

            fake_api.requests.clear()
            again = await _open_run(services, tmp_path)  # as after a quit: a new session
            assert await again.resume(run_id) == RunEnd.COMPLETED
            assert sorted(_asked_rows(fake_api)) == sorted(set(range(20)) - saved)
            assert sorted(r.row for r in await again.store.results(run_id)) == list(range(20))
            await again.store.close()

    asyncio.run(body())


def test_checks_give_a_pass_rate_and_compare_runs_both_templates(
        fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            rows = parse_csv("n,word\n1,yes\n2,no\n3,yes\n")
            end = await run.start(rows, [_template("A"), _template("B", "gpt-4.1")],
                                  [BatchCheck(CheckKind.CONTAINS, "yes")], concurrency=3)
            assert end == RunEnd.COMPLETED
            models = sorted(r.json["model"] for r in fake_api.requests_to(PATH))
            assert models == ["gpt-4.1"] * 3 + ["gpt-4o"] * 3
            summary = run.summary()
            assert (summary.done, summary.total, summary.checked, summary.passed) == (6, 6, 6, 4)
            failed = run.results[(1, 1)]
            assert failed.passed is False and failed.problems == ['does not contain "yes"']
            await run.store.close()

    asyncio.run(body())


def test_a_bad_key_stops_the_run_instead_of_failing_every_row(
        fake_api: Any, tmp_path: Path) -> None:
    fake_api.valid_keys = {"sk-right"}

    async def body() -> None:
        async with real_services(fake_api, tmp_path, key="sk-wrong") as services:
            run = await _open_run(services, tmp_path)
            messages: list[Any] = []
            run.message.connect(messages.append)
            assert await run.start(_rows(30), [_template()], concurrency=4) == RunEnd.FAILED
            assert len(fake_api.requests_to(PATH)) <= 4
            assert messages[0].failure.kind == "auth"
            await run.store.close()

    asyncio.run(body())


def test_a_failing_row_is_kept_with_its_reason_and_retried_on_resume(
        fake_api: Any, tmp_path: Path) -> None:
    fake_api.inject(Fault(path=PATH, status=400, type="invalid_request_error",
                          message="Invalid prompt: flagged", code="invalid_prompt"))

    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            assert await run.start(_rows(3), [_template()], concurrency=1) == RunEnd.COMPLETED
            errors = [r for r in run.results.values() if r.status == RowStatus.ERROR]
            assert len(errors) == 1 and "Invalid prompt" in errors[0].error
            assert run.run_id is not None
            fake_api.requests.clear()
            assert await run.resume(run.run_id) == RunEnd.COMPLETED
            assert _asked_rows(fake_api) == [errors[0].row]
            await run.store.close()

    asyncio.run(body())


@pytest.mark.parametrize(("csv_text", "checks", "message"), [
    ("n\n1\n", [], "no column for word"),
    ("n,word\n1,a\n2\n", [], "line 3 lacks word"),
    ("n,word\n1,a\n", [BatchCheck(CheckKind.REGEX, "[")], "regular expression \\[ is not valid"),
])
def test_bad_input_is_refused_before_anything_is_sent(
        fake_api: Any, tmp_path: Path, csv_text: str, checks: list[BatchCheck],
        message: str) -> None:
    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            with pytest.raises(BatchProblem, match=message):
                await run.start(parse_csv(csv_text), [_template()], checks)
            assert fake_api.requests_to(PATH) == [] and run.run_id is None
            await run.store.close()

    asyncio.run(body())


def test_a_responses_template_runs_through_the_same_engine(
        fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = await _open_run(services, tmp_path)
            template = _template()
            template.request.api = "responses"
            assert await run.start(_rows(3), [template], concurrency=2) == RunEnd.COMPLETED
            assert len(fake_api.requests_to("/responses")) == 3
            assert fake_api.requests_to(PATH) == []
            assert all(r.status == RowStatus.DONE and r.output and r.completion_tokens
                       for r in run.results.values())
            await run.store.close()

    asyncio.run(body())
