"""The Usage window (chart, totals, CSV export) and the budget and prices dialog."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView, QStackedBarSeries
from PySide6.QtWidgets import QLabel, QLineEdit

from playground.ui.budget_dialog import BudgetDialog
from playground.ui.usage_window import UsageWindow, spend_table
from playground.usage.budget import BudgetCaps
from playground.usage.ledger import DaySpend
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    usage = UsageService(tmp_path / "playground.sqlite3", user_pricing=tmp_path / "pricing.toml")
    yield usage
    usage.close()


def run_until(loop: asyncio.AbstractEventLoop, done: Callable[[], bool]) -> None:
    async def wait() -> None:
        while not done():
            await asyncio.sleep(0.01)
    loop.run_until_complete(asyncio.wait_for(wait(), 10))


def test_spend_table_fills_missing_days() -> None:
    today = date(2026, 3, 2)
    axis, series = spend_table([DaySpend(date(2026, 3, 1), "o3", Decimal("0.5")),
                                DaySpend(date(2026, 1, 1), "o3", Decimal(9))], today)
    assert len(axis) == 30 and axis[-1] == today
    assert series["o3"][-2] == 0.5 and sum(series["o3"]) == 0.5


def test_chart_totals_and_export(qtbot, event_loop_qt, service: UsageService,  # type: ignore[no-untyped-def]
                                 tmp_path: Path) -> None:
    async def seed() -> None:
        for model in ("gpt-4o", "gpt-4o-mini", "gpt-4o"):
            service.report(UsageRecord("chat", model, "OpenAI", prompt_tokens=1_000_000,
                                       at=datetime.now(UTC)))
        while len(await service.daily_spend()) < 2:
            await asyncio.sleep(0.01)

    event_loop_qt.run_until_complete(asyncio.wait_for(seed(), 10))
    window = UsageWindow(service)
    qtbot.addWidget(window)
    window.show()
    summary = window.findChild(QLabel, "usageSummaryLabel")
    assert summary is not None
    run_until(event_loop_qt, lambda: bool(summary.text()))
    assert "Today $5.15" in summary.text() and "2 model(s)" in summary.text()
    assert "$5.15" in summary.toolTip()
    view = window.findChild(QChartView, "usageChart")
    assert view is not None
    (series,) = view.chart().series()
    assert isinstance(series, QStackedBarSeries)
    assert sorted(bar.label() for bar in series.barSets()) == ["gpt-4o", "gpt-4o-mini"]

    out = tmp_path / "usage.csv"
    window.export_to(str(out))
    status = window.findChild(QLabel, "usageStatusLabel")
    assert status is not None
    run_until(event_loop_qt, lambda: "Exported" in status.text())
    assert status.text() == f"Exported 3 request(s) to {out}"
    with out.open(encoding="utf-8") as written:
        assert len(list(csv.DictReader(written))) == 3


def test_export_to_an_unwritable_place_says_why(qtbot, event_loop_qt, service: UsageService,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    window = UsageWindow(service)
    qtbot.addWidget(window)
    window.export_to(str(tmp_path / "missing-dir" / "usage.csv"))
    status = window.findChild(QLabel, "usageStatusLabel")
    assert status is not None
    run_until(event_loop_qt, lambda: "Cannot write" in status.text())


def test_budget_caps_rejected_and_saved(qtbot, event_loop_qt, service: UsageService,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    dialog = BudgetDialog(service, ["OpenAI", "Local"], tmp_path / "pricing.toml")
    qtbot.addWidget(dialog)
    daily = dialog.findChild(QLineEdit, "dailyCapEdit")
    monthly = dialog.findChild(QLineEdit, "monthlyCapEdit")
    message = dialog.findChild(QLabel, "capMessageLabel")
    assert daily is not None and monthly is not None and message is not None
    daily.setText("-5")
    dialog.save_caps()
    run_until(event_loop_qt, lambda: "negative" in message.text())
    assert daily.text() == "-5"  # nothing the user typed is lost
    daily.setText("500000")
    dialog.save_caps()
    run_until(event_loop_qt, lambda: "limit" in message.text())
    daily.setText("$2.50")
    monthly.setText("40")
    dialog.save_caps()
    run_until(event_loop_qt, lambda: "Saved" in message.text())
    assert event_loop_qt.run_until_complete(service.caps("OpenAI")) == BudgetCaps(
        Decimal("2.50"), Decimal(40))


def test_saved_caps_fill_the_fields_but_never_overwrite_typing(qtbot, event_loop_qt,  # type: ignore[no-untyped-def]
                                                                service: UsageService,
                                                                tmp_path: Path) -> None:
    event_loop_qt.run_until_complete(service.set_caps("OpenAI", BudgetCaps(Decimal(3))))
    shown = BudgetDialog(service, ["OpenAI"], tmp_path / "pricing.toml")
    qtbot.addWidget(shown)
    shown_daily = shown.findChild(QLineEdit, "dailyCapEdit")
    assert shown_daily is not None
    run_until(event_loop_qt, lambda: shown_daily.text() == "3")

    typed = BudgetDialog(service, ["OpenAI"], tmp_path / "pricing.toml")
    qtbot.addWidget(typed)
    daily = typed.findChild(QLineEdit, "dailyCapEdit")
    assert daily is not None
    daily.setText("7")  # before the saved caps have arrived
    event_loop_qt.run_until_complete(service.caps("OpenAI"))  # the load is answered too
    event_loop_qt.run_until_complete(asyncio.sleep(0.05))
    assert daily.text() == "7"


def test_malformed_pricing_file_message(qtbot, event_loop_qt, service: UsageService,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    pricing = tmp_path / "pricing.toml"
    dialog = BudgetDialog(service, ["OpenAI"], pricing)
    qtbot.addWidget(dialog)
    pricing.write_text('[chat."gpt-4o"]\ninput = 2.0\noutput = ten\n', encoding="utf-8")
    dialog.reload_prices()
    message = dialog.findChild(QLabel, "pricingMessageLabel")
    assert message is not None
    run_until(event_loop_qt, lambda: "line 3" in message.text())
    assert "shipped prices are used instead" in message.text()
