"""The Voice tab through its real widgets: a conversation against the loopback realtime
server (the SDK's WebSocket client), live lines and cost, interruption, push to talk, the cap,
and failures — audio through stand-ins that keep time like a speaker."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTextBrowser

from playground.ui.tabs.voice import VoiceTab
from tests.fake_openai import Fault
from tests.fake_openai.routes_realtime import RealtimeScript, realtime_logs
from tests.gui.conftest import run_until
from tests.unit.services.test_voice_session import ClockOutput, tone


class FeedMic:
    """A microphone the test speaks into: `say()` hands PCM to the session."""

    def __init__(self, on_pcm: Any) -> None:
        self.on_pcm, self.muted = on_pcm, False

    def start(self) -> None:
        mics.append(self)

    def stop(self) -> None:
        pass

    def say(self, pcm: bytes) -> None:
        self.on_pcm(pcm)


mics: list[FeedMic] = []


@pytest.fixture
def tab(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop) -> VoiceTab:
    mics.clear()
    output = ClockOutput()
    tab = VoiceTab(make_services(), audio=lambda _i, _o: {"output": output,
                                                           "microphone": FeedMic})
    tab.test_output = output  # type: ignore[attr-defined]
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    yield tab
    event_loop_qt.run_until_complete(tab.aclose())


def start(tab: VoiceTab, loop: asyncio.AbstractEventLoop) -> None:
    tab.findChild(QPushButton, "voiceStartButton").click()
    run_until(loop, lambda: tab.is_running() or tab.message.severity() >= 2)


def test_a_conversation_shows_both_sides_live_and_its_cost(tab: VoiceTab, fake_api: Any,
                                                           event_loop_qt: Any) -> None:
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=1.0, pace=0.01)
    start(tab, event_loop_qt)
    assert tab.is_running() and not tab.model_picker.isEnabled()
    mics[0].say(tone(0.4) + bytes(24000))
    view = tab.findChild(QTextBrowser, "voiceTranscript")
    run_until(event_loop_qt, lambda: "You:" in view.toPlainText()
              and "Model:" in view.toPlainText() and "…" not in view.toPlainText())
    cost = tab.findChild(QLabel, "voiceCost")
    run_until(event_loop_qt, lambda: "Audio tokens in" in cost.text())
    assert "audio $" in cost.text() or "no price" in cost.text()
    tab.findChild(QPushButton, "voiceStartButton").click()  # stop
    run_until(event_loop_qt, lambda: tab.message.text() == "Session ended.")
    assert tab.model_picker.isEnabled() and not tab.is_running()


def test_push_to_talk_sends_only_while_held(tab: VoiceTab, fake_api: Any,
                                            event_loop_qt: Any) -> None:
    tab.turn_picker.setCurrentIndex(2)
    talk = tab.findChild(QPushButton, "voiceTalkButton")
    assert talk.isVisible() and not talk.isEnabled()
    start(tab, event_loop_qt)
    assert talk.isEnabled()
    talk.pressed.emit()
    mics[0].say(tone(0.3))
    talk.released.emit()
    run_until(event_loop_qt, lambda: realtime_logs(fake_api)
              and realtime_logs(fake_api)[0].of_type("input_audio_buffer.commit"))


def test_a_wrong_key_and_an_unknown_model_are_messages(tab: VoiceTab, fake_api: Any,
                                                      event_loop_qt: Any) -> None:
    fake_api.inject(Fault(path="/realtime", status=401))
    start(tab, event_loop_qt)
    assert not tab.is_running() and "401" in tab.message.text()
    assert not tab.findChild(QPushButton, "voiceStartButton").isChecked()
    tab.findChild(QComboBox, "voiceModelPicker").setCurrentText("gpt-realtime-nonexistent")
    start(tab, event_loop_qt)
    assert not tab.is_running() and "gpt-realtime-nonexistent" in tab.message.text()
