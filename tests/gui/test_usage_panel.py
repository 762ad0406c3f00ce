"""The usage panel: counts while typing (off the UI thread), updates after report()."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar

from playground.model.types import ChatMessage, RateLimitBucket, RateLimits
from playground.ui.widgets.usage_panel import UsagePanel
from playground.usage.budget import BudgetCaps
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService
from playground.usage.tokens import count_prompt


def label(panel: UsagePanel, name: str) -> QLabel:
    found = panel.findChild(QLabel, name)
    assert found is not None, name
    return found


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    usage = UsageService(tmp_path / "playground.sqlite3",
                         session_start=datetime.now(UTC) - timedelta(seconds=1))
    yield usage
    usage.close()


def test_names_are_public(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    qtbot.addWidget(panel)
    assert panel.objectName() == "usagePanel"
    for name in ("promptTokensLabel", "completionTokensLabel", "requestCostLabel",
                 "sessionCostLabel"):
        assert label(panel, name).accessibleName()


def test_counts_while_typing(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    editor = QLineEdit()
    qtbot.addWidget(panel)
    qtbot.addWidget(editor)
    editor.textChanged.connect(
        lambda text: panel.set_draft("gpt-4o", [ChatMessage("user", text)], 1000))
    qtbot.keyClicks(editor, "Hello there, how many tokens is this?")
    expected = count_prompt("gpt-4o", [ChatMessage("user", editor.text())]).tokens
    qtbot.waitUntil(lambda: label(panel, "draftTokensLabel").text() == f"{expected:,}",
                    timeout=5000)
    # Debounced: far fewer counts than keystrokes, and the last one is for the full text.
    assert 1 <= panel.counts_shown < 5
    bar = panel.findChild(QProgressBar, "contextBar")
    assert bar is not None and bar.format() == f"{expected:,} / 128,000"
    assert bar.property("level") == "ok"
    assert label(panel, "nextCostLabel").text().startswith("up to $0.01")  # 1000 x $10/M


def test_stale_counts_are_dropped_and_context_turns_red(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    qtbot.addWidget(panel)
    huge = ChatMessage("user", "word " * 7_600)  # ~7.6k tokens of gpt-4's 8,192
    panel.set_draft("gpt-4", [ChatMessage("user", "short")], None)
    qtbot.waitUntil(lambda: panel.counts_shown == 1, timeout=5000)
    panel.set_draft("gpt-4", [huge], None)
    panel.set_draft("gpt-4", [huge, ChatMessage("user", "more")], None)
    final = count_prompt("gpt-4", [huge, ChatMessage("user", "more")]).tokens
    qtbot.waitUntil(lambda: panel.last_estimate is not None
                    and panel.last_estimate.count.tokens == final, timeout=5000)
    bar = panel.findChild(QProgressBar, "contextBar")
    assert bar is not None and bar.property("level") == "red"


def test_unknown_model_is_marked(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    qtbot.addWidget(panel)
    panel.set_draft("llama3.1:8b", [ChatMessage("user", "hi")], 256)
    qtbot.waitUntil(lambda: panel.counts_shown == 1, timeout=5000)
    draft = label(panel, "draftTokensLabel")
    assert draft.text().startswith("≈") and "closest family" in draft.toolTip()
    assert label(panel, "nextCostLabel").text() == "no price"


def test_updates_after_report(qtbot, event_loop_qt, service: UsageService) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel(service)
    qtbot.addWidget(panel)

    async def scenario() -> None:
        service.report(UsageRecord("chat", "gpt-4o-mini", "OpenAI", prompt_tokens=1_000_000,
                                   completion_tokens=1000, cached_tokens=0))
        while label(panel, "sessionCostLabel").text() == "–":
            await asyncio.sleep(0.01)

    event_loop_qt.run_until_complete(asyncio.wait_for(scenario(), 10))
    assert label(panel, "promptTokensLabel").text() == "1,000,000"
    assert label(panel, "completionTokensLabel").text() == "1,000"
    # 0.15 + 0.0006: the one rounding rule keeps three significant digits under a dollar.
    assert label(panel, "requestCostLabel").text() == "$0.151"
    assert label(panel, "sessionCostLabel").text() == "$0.151"
    assert label(panel, "sessionCostLabel").toolTip().startswith("$0.1506")
    assert not label(panel, "estimatedNoteLabel").isVisibleTo(panel)


def test_estimated_reply_and_budget_warning(qtbot, event_loop_qt, service: UsageService) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel(service)
    qtbot.addWidget(panel)

    async def scenario() -> None:
        await service.set_caps("Local", BudgetCaps(daily=Decimal("0.001")))
        service.report(UsageRecord("chat", "gpt-4o-mini", "Local", prompt_tokens=10_000,
                                   completion_tokens=12, estimated=True))
        while label(panel, "promptTokensLabel").text() == "–":
            await asyncio.sleep(0.01)

    event_loop_qt.run_until_complete(asyncio.wait_for(scenario(), 10))
    assert label(panel, "promptTokensLabel").text() == "≈ 10,000"
    assert label(panel, "estimatedNoteLabel").isVisibleTo(panel)
    warning = label(panel, "budgetWarningLabel")
    assert warning.isVisibleTo(panel) and "is used up" in warning.text()
    assert service.check_budget("Local").blocked


def test_rate_limits_warn_under_ten_percent(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    qtbot.addWidget(panel)
    panel.show_rate_limits(RateLimits(RateLimitBucket(5000, 4999, 0.012),
                                      RateLimitBucket(30000, 2000, 6.0)))
    requests = label(panel, "rateLimitRequestsLabel")
    tokens = label(panel, "rateLimitTokensLabel")
    assert requests.text() == "4,999 / 5,000\nresets in 12 ms" and "⚠" not in requests.text()
    assert tokens.text().startswith("⚠ 2,000 / 30,000") and "10%" in tokens.toolTip()


def test_large_rate_limits_are_compact_and_exact_in_the_tooltip(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    qtbot.addWidget(panel)
    panel.show_rate_limits(RateLimits(RateLimitBucket(10_000, 9_999, 0.006),
                                      RateLimitBucket(30_000_000, 29_999_980, 62.5)))
    tokens = label(panel, "rateLimitTokensLabel")
    assert tokens.text().splitlines()[0] == "30M / 30M"
    assert "29,999,980 / 30,000,000" in tokens.toolTip()
    assert label(panel, "rateLimitRequestsLabel").text().startswith("9,999 / 10,000")


def test_a_panel_closed_while_counting_drops_the_result(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    panel.set_draft("gpt-4o", [ChatMessage("user", "word " * 200_000)], None)
    qtbot.waitUntil(lambda: panel._counting, timeout=5000)  # the debounce has fired
    executor = panel._executor
    assert executor is not None
    from PySide6.QtCore import QCoreApplication, QEvent

    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone, mid-count
    executor.shutdown(wait=True)
    QCoreApplication.processEvents()  # a result handed back to a deleted panel would fail here
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_the_estimate_follows_the_users_prices_after_a_reload(  # type: ignore[no-untyped-def]
        qtbot, event_loop_qt, tmp_path: Path) -> None:
    """The panel prices with the app's one price book (it used the shipped prices before)."""
    user = tmp_path / "pricing.toml"
    user.write_text('[chat."gpt-5.5"]\ninput = 1000\noutput = 0\n', encoding="utf-8")
    usage = UsageService(tmp_path / "db.sqlite3", user_pricing=user)
    try:
        panel = UsagePanel()
        qtbot.addWidget(panel)
        panel.attach_service(usage)
        messages = [ChatMessage("user", "word " * 998)]
        panel.set_draft("gpt-5.5", messages, 1)
        qtbot.waitUntil(lambda: label(panel, "nextCostLabel").text().startswith("up to $1"))
        assert "genai-prices" in label(panel, "pricesDateLabel").text()
        user.write_text('[chat."gpt-5.5"]\ninput = 0\noutput = 0\n', encoding="utf-8")
        assert event_loop_qt.run_until_complete(usage.reload_prices()) is None
        panel.set_draft("gpt-5.5", messages, 1)
        qtbot.waitUntil(lambda: label(panel, "nextCostLabel").text() == "up to $0.00")
    finally:
        usage.close()


def test_a_self_hosted_server_is_estimated_at_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = UsagePanel()
    qtbot.addWidget(panel)
    panel.set_self_hosted(True)
    panel.set_draft("gpt-5.5", [ChatMessage("user", "hello " * 500)], 100)
    qtbot.waitUntil(lambda: label(panel, "nextCostLabel").text() == "up to $0.00")
