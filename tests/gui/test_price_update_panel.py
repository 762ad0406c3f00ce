"""The usage panel's "Update prices": progress while it downloads, the result in one line, a
failure in a panel with the raw reason behind "Details", and the new data's prices reaching
the next-request estimate at once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QProgressBar, QToolButton, QWidget

from playground.ui.main_window import MainWindow
from tests.fake_openai.routes_prices import LAST_MODIFIED, NEW_CHAT_MODEL, published_data
from tests.gui.conftest import run_until
from tests.gui.test_main_window import window  # noqa: F401  (the fixture)


@pytest.fixture(autouse=True)
def package_snapshot() -> Iterator[None]:
    from genai_prices import data_snapshot

    data_snapshot.set_custom_snapshot(None)
    yield
    data_snapshot.set_custom_snapshot(None)


def find(win: MainWindow, kind: type, name: str) -> Any:
    found = win.findChild(kind, name)
    assert found is not None, name
    return found


def test_update_prices_from_the_panel(window: MainWindow, fake_api: Any,  # noqa: F811
                                      event_loop_qt: asyncio.AbstractEventLoop) -> None:
    label = find(window, QLabel, "pricesDateLabel")
    button = find(window, QToolButton, "updatePricesButton")
    status = find(window, QLabel, "pricesUpdateStatus")
    busy = find(window, QProgressBar, "pricesUpdateProgress")
    error = find(window, QWidget, "pricesUpdateError")
    window.usage_panel.price_url = fake_api.url + "/genai-prices.json"
    # The worker loads the package's snapshot after start and says so, dated.
    run_until(event_loop_qt, lambda: "(built in, prices as of 20" in label.text())
    built_in = label.text()

    # A server error: a sentence, the raw answer behind Details, nothing else changes.
    button.click()
    run_until(event_loop_qt, lambda: error.isVisible())
    assert "The price server refused the request." in error.findChild(
        QLabel, "messageErrorDetail").text()
    assert "The prices in use are unchanged." in error.findChild(
        QLabel, "messageErrorDetail").text()
    details = error.findChild(QToolButton, "messageErrorDetailsButton")
    raw = error.findChild(QPlainTextEdit, "messageErrorRaw")
    assert not raw.isVisible()
    details.click()
    assert raw.isVisible() and "HTTP 404" in raw.toPlainText()
    assert button.isEnabled() and label.text() == built_in and not status.isVisible()

    # Newer data with a model the snapshot lacks: progress, then the result and its date.
    fake_api.state.update(price_data=published_data(NEW_CHAT_MODEL),
                          price_last_modified=LAST_MODIFIED, price_delay=0.4)
    button.click()
    run_until(event_loop_qt, lambda: busy.isVisible())
    assert not button.isEnabled() and status.text() == "Downloading prices…"
    assert not error.isVisible()
    run_until(event_loop_qt, lambda: button.isEnabled())
    assert not busy.isVisible()
    assert status.text() == "Prices updated: data of 2026-11-20\nNewly priced: gpt-7-preview"
    assert status.toolTip() == "gpt-7-preview"
    assert "genai-prices data of 2026-11-20 (downloaded)" in label.text()

    # Its price reaches the next-request estimate.
    chat = window.chat
    chat.params.model_picker.setEditText("gpt-7-preview")
    chat.input.setPlainText("How much will this cost?")
    cost = find(window, QLabel, "nextCostLabel")
    run_until(event_loop_qt, lambda: cost.text().startswith("up to $"))

    # The same data again.
    fake_api.state["price_delay"] = 0
    button.click()
    run_until(event_loop_qt, lambda: status.text() == "Already current")
    assert "(downloaded)" in label.text()


def test_no_network_is_a_clear_sentence(window: MainWindow,  # noqa: F811
                                        event_loop_qt: asyncio.AbstractEventLoop) -> None:
    window.usage_panel.price_url = "http://127.0.0.1:9/data.json"
    find(window, QToolButton, "updatePricesButton").click()
    error = find(window, QWidget, "pricesUpdateError")
    run_until(event_loop_qt, lambda: error.isVisible())
    detail = error.findChild(QLabel, "messageErrorDetail").text()
    assert detail.startswith("The price server could not be reached. Check the network "
                             "connection or the proxy.")
    raw = error.findChild(QPlainTextEdit, "messageErrorRaw").toPlainText()
    assert "Connection refused" in raw
    # "Try again" runs it again (and fails the same way, still clearly).
    retry = error.findChild(QWidget, "retryPricesActionButton")
    retry.click()
    run_until(event_loop_qt, lambda: find(window, QToolButton, "updatePricesButton")
              .isEnabled() and error.isVisible())
