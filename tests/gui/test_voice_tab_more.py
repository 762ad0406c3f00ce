"""The Voice tab beyond the basics: an interrupted reply cut in the view, the cap's message,
function calls answered by the user, usage in the ledger and the session in the history, the
retired-model mark, and the walkie-talkie against a server without /realtime."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser

from playground.ui.tabs.voice import VoiceTab
from tests.fake_openai.routes_realtime import RealtimeScript, realtime_logs
from tests.gui.conftest import run_until
from tests.gui.test_voice_tab import FeedMic, mics, start
from tests.unit.services.test_voice_session import ClockOutput, tone

WEATHER = ('[{"name": "get_weather", "parameters": {"type": "object", "properties": '
           '{"city": {"type": "string"}}}}]')


class FileRecorder:
    """A walkie-talkie turn: 'records' a file the test wrote (a tone)."""

    def __init__(self, path: Path) -> None:
        self.path, self.started = path, 0

    async def start(self, device: str) -> bool:
        self.started += 1
        return True

    async def stop(self) -> Path | None:
        return self.path

    def level(self) -> float:
        return -20.0


class ListSink:
    def __init__(self) -> None:
        self.samples: list[np.ndarray] = []
        self.level_dbfs = -120.0

    async def open(self, rate: int, device: str) -> Any:
        return self

    def feed(self, samples: np.ndarray) -> None:
        self.samples.append(samples)

    def finish(self) -> None:
        pass

    def stop(self) -> None:
        pass


@pytest.fixture
def parts(tmp_path: Path) -> dict[str, Any]:
    wav = tmp_path / "turn.wav"
    t = np.arange(24_000) / 24_000
    sf.write(str(wav), 0.4 * np.sin(2 * np.pi * 300 * t), 24_000)
    return {"output": ClockOutput(), "microphone": FeedMic, "recorder": FileRecorder(wav),
            "sink": ListSink()}


@pytest.fixture
def tab(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop,
        parts: dict[str, Any]) -> VoiceTab:
    mics.clear()
    tab = VoiceTab(make_services(), audio=lambda _i, _o: parts)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    yield tab
    event_loop_qt.run_until_complete(tab.aclose())


def test_an_interrupted_reply_is_shown_cut_where_playback_stopped(tab, fake_api, event_loop_qt,
                                                                  parts):
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=4.0, pace=0.05)
    start(tab, event_loop_qt)
    mics[0].say(tone(0.4) + bytes(24_000))
    output = parts["output"]
    run_until(event_loop_qt, lambda: output.started_at is not None)
    event_loop_qt.run_until_complete(asyncio.sleep(0.5))
    mics[0].say(tone(0.2))  # the user talks over the reply
    run_until(event_loop_qt, lambda: tab.session is not None and tab.session.interruptions)
    view = tab.findChild(QTextBrowser, "voiceTranscript")
    run_until(event_loop_qt, lambda: "interrupted at" in view.toPlainText())
    html = view.toHtml()
    assert "line-through" in html  # the unheard words are struck through
    text = view.toPlainText()
    assert "You:" in text and "Model:" in text and "✂ interrupted at 0." in text


def test_the_cap_ends_the_session_with_its_message(tab, fake_api, event_loop_qt):
    tab.budget.setValue(0.01)  # the smallest cap the spin box takes: needs a long reply
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=60.0, pace=0.0, chunk_ms=1000)
    tab.model_picker.setEditText("gpt-realtime")
    start(tab, event_loop_qt)
    mics[0].say(tone(0.4) + bytes(24_000))
    button = tab.findChild(QPushButton, "voiceStartButton")
    run_until(event_loop_qt, lambda: not button.isChecked(), timeout=15)
    assert "reaching its cap of $0.01" in tab.message.text()
    assert not tab.is_running() and button.text() == "Start talking"


def test_a_function_call_waits_for_the_typed_result(tab, fake_api, event_loop_qt):
    fake_api.state["realtime"] = RealtimeScript(function_call=("get_weather",
                                                               '{"city": "Paris"}'), pace=0.0)
    tab.functions.setPlainText(WEATHER)
    start(tab, event_loop_qt)
    mics[0].say(tone(0.4) + bytes(24_000))
    label = tab.findChild(QLabel, "voiceToolCall")
    run_until(event_loop_qt, lambda: "get_weather" in label.text())
    assert tab.tool_send.isEnabled()
    tab.tool_result.setText('{"temp_c": 21')  # broken JSON is refused, not sent
    tab.tool_send.click()
    run_until(event_loop_qt, lambda: "result" in tab.message.text().lower())
    tab.tool_result.setText('{"temp_c": 21}')
    tab.tool_send.click()
    log = realtime_logs(fake_api)[0]
    run_until(event_loop_qt, lambda: any(
        (e.get("item") or {}).get("type") == "function_call_output"
        for e in log.of_type("conversation.item.create")))
    [sent] = [e["item"] for e in log.of_type("conversation.item.create")]
    assert sent["output"] == '{"temp_c": 21}' and not tab.tool_send.isEnabled()


def test_bad_function_json_is_a_message_and_nothing_starts(tab, fake_api, event_loop_qt):
    tab.functions.setPlainText('[{"name": "bad name!"}]')
    tab.findChild(QPushButton, "voiceStartButton").click()
    run_until(event_loop_qt, lambda: tab.message.severity() >= 2)
    assert "name" in tab.message.text() and not tab.is_running()
    assert not realtime_logs(fake_api)


def test_usage_goes_to_the_ledger_and_the_session_to_the_history(tab, fake_api, event_loop_qt,
                                                                 tmp_path):
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=0.5, pace=0.0)
    tab.model_picker.setEditText("gpt-realtime")
    start(tab, event_loop_qt)
    mics[0].say(tone(0.4) + bytes(24_000))
    run_until(event_loop_qt, lambda: "Audio tokens in" in tab.cost_label.text())
    tab.findChild(QPushButton, "voiceStartButton").click()
    run_until(event_loop_qt, lambda: tab.saved_conversation is not None)
    database = tmp_path / "playground.sqlite3"

    def ledger() -> list[Any]:
        with sqlite3.connect(database) as db:
            return db.execute("SELECT endpoint, model, prompt_tokens, completion_tokens, "
                              "cost_pico FROM usage_ledger").fetchall()

    run_until(event_loop_qt, lambda: ledger())
    [(endpoint, model, prompt, completion, cost)] = ledger()
    assert (endpoint, model) == ("realtime", "gpt-realtime") and prompt > 0 and completion > 0
    assert tab.session is None and cost == 0  # the loopback counts as self-hosted: free
    history = tab._services.history
    conversation = event_loop_qt.run_until_complete(
        history.get_conversation(tab.saved_conversation))
    assert conversation.title.startswith("🎙") and conversation.model == "gpt-realtime"
    files = conversation.params["voice_session"]["audio"]
    assert Path(files["user"]).exists() and Path(files["model"]).exists()
    messages = event_loop_qt.run_until_complete(history.load_messages(conversation.id))
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[1].content == "Hello! I am the fake realtime model."


def test_a_retired_model_is_marked_in_the_picker(tab):
    model = tab.model_picker.model()
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert "gpt-realtime-2" in names and "gpt-live-transcribe" not in names
    row = names.index("gpt-realtime")
    assert "shuts down 2027-01-20" in model.index(row, 1).data()


def test_without_realtime_the_walkie_talkie_is_offered_and_works(tab, fake_api, event_loop_qt,
                                                                 parts):
    fake_api.disabled_paths.add("/realtime")
    start(tab, event_loop_qt)
    assert not tab.is_running() and "/v1/realtime" in tab.message.text()
    assert tab.fallback_box.isVisible()
    assert "no Realtime API" in tab.fallback_note.text()
    tab.findChild(QPushButton, "voiceFallbackButton").click()
    run_until(event_loop_qt, lambda: tab.is_running())
    talk = tab.findChild(QPushButton, "voiceTalkButton")
    assert talk.isVisible() and talk.isEnabled()
    talk.pressed.emit()
    run_until(event_loop_qt, lambda: parts["recorder"].started == 1)
    talk.released.emit()
    sink = parts["sink"]
    run_until(event_loop_qt, lambda: sink.samples and "Your turn" in tab.message.text(),
              timeout=15)
    text = tab.findChild(QTextBrowser, "voiceTranscript").toPlainText()
    assert "You:" in text and "Model:" in text
    paths = [e.path for e in fake_api.requests]
    assert "/audio/transcriptions" in paths and "/chat/completions" in paths
    assert "/audio/speech" in paths
    tab.findChild(QPushButton, "voiceStartButton").click()
    run_until(event_loop_qt, lambda: tab.saved_conversation is not None)
    assert not tab.is_running()


def test_push_to_talk_holds_with_space_on_the_button(tab, fake_api, event_loop_qt, qtbot):
    from PySide6.QtCore import Qt

    tab.turn_picker.setCurrentIndex(tab.turn_picker.findData("none"))
    start(tab, event_loop_qt)
    talk = tab.findChild(QPushButton, "voiceTalkButton")
    assert tab.focusWidget() is talk and "Hold to talk" in tab.message.text()
    qtbot.keyPress(talk, Qt.Key.Key_Space)
    log = realtime_logs(fake_api)[0]
    run_until(event_loop_qt, lambda: log.of_type("input_audio_buffer.clear"))
    assert not mics[0].muted  # held: the microphone is open
    mics[0].say(tone(0.3))
    qtbot.keyRelease(talk, Qt.Key.Key_Space)
    run_until(event_loop_qt, lambda: log.of_type("response.create"))
    assert log.of_type("input_audio_buffer.commit") and mics[0].muted


def test_a_canned_result_answers_the_call_at_once(tab, fake_api, event_loop_qt):
    fake_api.state["realtime"] = RealtimeScript(function_call=("get_weather",
                                                               '{"city": "Oslo"}'), pace=0.0)
    tab.functions.setPlainText(WEATHER)
    tab.tool_result.setText("sunny, 18 °C")
    tab.tool_canned.setChecked(True)
    start(tab, event_loop_qt)
    mics[0].say(tone(0.4) + bytes(24_000))
    log = realtime_logs(fake_api)[0]
    run_until(event_loop_qt, lambda: log.of_type("conversation.item.create"))
    [sent] = [e["item"] for e in log.of_type("conversation.item.create")]
    assert sent["output"] == "sunny, 18 °C" and not tab.calls.waiting
    view = tab.findChild(QTextBrowser, "voiceTranscript")
    run_until(event_loop_qt, lambda: "get_weather" in view.toPlainText()
              and "sunny" in view.toPlainText())
