"""Sampling sliders start at "server default" (not sent) until the user moves them: what is
sent is what is shown, and reset returns to "server default"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QSlider, QToolButton

from playground.model.types import ChatRequest
from playground.ui.tabs.chat_params import ChatParams

SAMPLING = ("temperature", "top_p", "frequency_penalty", "presence_penalty")


@pytest.fixture
def params(qtbot: Any) -> ChatParams:
    view = ChatParams()
    qtbot.addWidget(view)
    view.model_picker.setEditText("gpt-4o-mini")
    return view


def _sent(params: ChatParams) -> ChatRequest:
    return params.apply_to(ChatRequest(model="gpt-4o-mini", messages=[]))


def _spin(params: ChatParams, name: str) -> QDoubleSpinBox:
    found = params.findChild(QDoubleSpinBox, f"{name}Value")
    assert found is not None
    return found


def test_untouched_sliders_show_server_default_and_send_nothing(params: ChatParams) -> None:
    request = _sent(params)
    for attr in SAMPLING:
        assert getattr(request, attr) is None, attr
    assert _spin(params, "temperatureSlider").text() == "server default"
    assert _spin(params, "topPSlider").text() == "server default"
    assert not params.findChild(QToolButton, "temperatureSliderReset").isEnabled()


def test_a_moved_slider_sends_what_it_shows_even_the_old_default(params: ChatParams) -> None:
    handle = params.findChild(QSlider, "temperatureSliderHandle")
    handle.setValue(80)
    assert _spin(params, "temperatureSlider").text() == "0.80"
    assert _sent(params).temperature == pytest.approx(0.8)
    handle.setValue(100)  # 1.00 shown: 1.0 sent, not left to a server whose default is 0.8
    assert _spin(params, "temperatureSlider").text() == "1.00"
    assert _sent(params).temperature == pytest.approx(1.0)
    reset = params.findChild(QToolButton, "temperatureSliderReset")
    assert reset.isEnabled()
    reset.click()
    assert _spin(params, "temperatureSlider").text() == "server default"
    assert _sent(params).temperature is None and not reset.isEnabled()


def test_typing_a_value_sets_it(params: ChatParams) -> None:
    spin = _spin(params, "topPSlider")
    spin.setValue(0.5)
    assert _sent(params).top_p == pytest.approx(0.5)


def test_state_keeps_unset_apart_from_set(params: ChatParams, qtbot: Any) -> None:
    params.temperature.setValue(0.3)
    state = params.state()
    assert state["temperature"] == pytest.approx(0.3) and state["top_p"] is None
    other = ChatParams()
    qtbot.addWidget(other)
    other.top_p.setValue(0.9)
    other.restore(state)
    request = _sent(other)
    assert request.temperature == pytest.approx(0.3) and request.top_p is None
    assert _spin(other, "topPSlider").text() == "server default"
