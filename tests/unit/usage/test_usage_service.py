"""UsageService: report() returns at once, listeners run on the loop's thread with totals."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from playground.usage.budget import BudgetCaps, BudgetLevel, CapError
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService
from playground.usage.snapshot import UsageSnapshot


def chat(tokens: int = 1_000_000, profile: str = "OpenAI", **extra: object) -> UsageRecord:
    return UsageRecord("chat", "gpt-4o-mini", profile, prompt_tokens=tokens,
                       completion_tokens=0, **extra)  # type: ignore[arg-type]


async def next_snapshot(service: UsageService, send: object = None) -> tuple[UsageSnapshot, str]:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[tuple[UsageSnapshot, str]] = loop.create_future()

    def listener(snapshot: UsageSnapshot) -> None:
        if not done.done():
            done.set_result((snapshot, threading.current_thread().name))

    service.add_listener(listener)
    try:
        if callable(send):
            send()
        return await asyncio.wait_for(done, 10)
    finally:
        service.remove_listener(listener)


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    usage = UsageService(tmp_path / "playground.sqlite3", tz=UTC,
                         session_start=datetime.now(UTC) - timedelta(seconds=1))
    yield usage
    usage.close()


def test_report_prices_stores_and_notifies_on_the_loop_thread(service: UsageService) -> None:
    async def scenario() -> None:
        service.set_conversation(42, "OpenAI")
        await next_snapshot(service)
        snap, thread = await next_snapshot(service, lambda: service.report(chat()))
        assert thread == threading.current_thread().name
        assert snap.last is not None and snap.last.conversation_id == 42
        assert snap.last_cost == Decimal("0.15")
        assert snap.conversation.cost == snap.session.cost == snap.today.cost == Decimal("0.15")
        snap, _ = await next_snapshot(service, lambda: service.report(chat(500_000)))
        assert snap.session.cost == Decimal("0.225") and snap.session.requests == 2
        assert snap.month.tokens == 1_500_000

    asyncio.run(scenario())


def test_compare_and_batch_usage_is_not_the_open_conversations(service: UsageService) -> None:
    """A compare pane's or batch row's cost counts for the day and session, never for the
    chat conversation that happens to be open."""
    async def scenario() -> None:
        service.set_conversation(42, "OpenAI")
        await next_snapshot(service)
        outside = replace(chat(), in_conversation=False)
        snap, _ = await next_snapshot(service, lambda: service.report(outside))
        assert snap.last is not None and snap.last.conversation_id is None
        assert snap.conversation.requests == 0 and snap.session.requests == 1

    asyncio.run(scenario())


def test_report_returns_before_the_database_work(service: UsageService) -> None:
    async def scenario() -> None:
        gate = threading.Event()
        service._executor.submit(gate.wait)  # the worker is busy
        seen: list[UsageSnapshot] = []
        service.add_listener(seen.append)
        service.report(chat())  # must not wait for the worker
        assert seen == []
        gate.set()
        for _ in range(200):
            await asyncio.sleep(0.01)
            if seen:
                break
        assert len(seen) == 1

    asyncio.run(scenario())


def test_unpriced_and_estimated_request(service: UsageService) -> None:
    async def scenario() -> None:
        record = UsageRecord("chat", "llama3.1:8b", "Local", prompt_tokens=50,
                             completion_tokens=20, estimated=True)
        snap, _ = await next_snapshot(service, lambda: service.report(record))
        assert snap.last_cost is None and snap.last is not None and snap.last.estimated
        assert snap.today.unpriced == 1 and snap.today.estimated == 1 and snap.today.cost == 0

    asyncio.run(scenario())


def test_budget_blocks_and_allows_one_override(service: UsageService) -> None:
    async def scenario() -> None:
        await service.set_caps("OpenAI", BudgetCaps(daily=Decimal("0.20")))
        assert service.check_budget("OpenAI").level is BudgetLevel.OK
        snap, _ = await next_snapshot(service, lambda: service.report(chat()))  # $0.15 = 75%
        assert snap.budget.level is BudgetLevel.OK
        snap, _ = await next_snapshot(service, lambda: service.report(chat(100_000)))  # 82.5%
        assert snap.budget.level is BudgetLevel.WARN
        assert service.check_budget("OpenAI").level is BudgetLevel.WARN
        await next_snapshot(service, lambda: service.report(chat(300_000)))  # $0.21
        state = service.check_budget("OpenAI")
        assert state.blocked and "daily budget of $0.20 is used up" in state.message
        service.override_once("OpenAI")
        assert not service.check_budget("OpenAI").blocked  # this one request
        assert service.check_budget("OpenAI").blocked  # and only that one
        assert service.check_budget("Other profile").level is BudgetLevel.OK
        # Tomorrow the daily spend starts again from zero.
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        assert not service.check_budget("OpenAI", now=tomorrow).blocked
        with pytest.raises(CapError):
            await service.set_caps("OpenAI", BudgetCaps(monthly=Decimal(-3)))

    asyncio.run(scenario())


def test_caps_survive_a_restart(tmp_path: Path) -> None:
    async def first() -> None:
        usage = UsageService(tmp_path / "db.sqlite3", tz=UTC)
        await usage.set_caps("OpenAI", BudgetCaps(daily=Decimal("0.10")))
        await next_snapshot(usage, lambda: usage.report(chat()))
        usage.close()

    asyncio.run(first())
    again = UsageService(tmp_path / "db.sqlite3", tz=UTC)
    assert again.check_budget("OpenAI").blocked
    again.close()


def test_reload_prices_reports_a_malformed_user_file(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    usage = UsageService(tmp_path / "db.sqlite3", user_pricing=user)

    async def scenario() -> None:
        user.write_text('[chat."gpt-4o-mini"]\ninput = 1.0\noutput = 2.0\n', encoding="utf-8")
        assert await usage.reload_prices() is None
        snap, _ = await next_snapshot(usage, lambda: usage.report(chat()))
        assert snap.last_cost == Decimal(1)
        user.write_text("[chat\n", encoding="utf-8")
        problem = await usage.reload_prices()
        assert problem is not None and "line 1" in problem
        snap, _ = await next_snapshot(usage, lambda: usage.report(chat()))
        assert snap.last_cost == Decimal("0.15")  # shipped prices again

    asyncio.run(scenario())
    usage.close()


def test_daily_spend_and_csv_export(service: UsageService, tmp_path: Path) -> None:
    async def scenario() -> None:
        await next_snapshot(service, lambda: service.report(chat()))
        days = await service.daily_spend(30)
        assert [(d.model, d.cost) for d in days] == [("gpt-4o-mini", Decimal("0.15"))]
        assert await service.export_csv(tmp_path / "out.csv") == 1

    asyncio.run(scenario())


def test_report_outside_a_loop_needs_one(service: UsageService) -> None:
    with pytest.raises(RuntimeError, match="event loop"):
        service.report(chat())
