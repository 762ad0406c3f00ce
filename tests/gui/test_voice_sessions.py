"""Past voice sessions: a session held in the Voice tab is listed, exported as one file with
both sides on its timeline (checked by content: the user's 300 Hz, then the model's 440 Hz),
opened in the chat; files that went missing are said so."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

from playground.audio.recorder import Recorder
from playground.services.voice_keeper import SessionAudio
from playground.ui.tabs.voice import VoiceTab
from playground.ui.voice_sessions_view import VoiceSessionsView
from tests.fake_openai.routes_realtime import RealtimeScript
from tests.gui.conftest import run_until
from tests.gui.test_voice_tab import mics, start
from tests.gui.test_voice_tab_more import parts, tab  # noqa: F401  (fixtures)
from tests.unit.audio.conftest import pulse, speakers_to  # noqa: F401  (fixtures)
from tests.unit.audio.helpers import peak_frequency
from tests.unit.services.test_voice_session import tone


def test_a_reply_is_placed_where_the_session_was_when_it_arrived() -> None:
    audio = SessionAudio()
    audio.add_user(bytes(48_000))  # 1 s of the microphone
    audio.add_model(b"\x01\x00" * 2_400)  # a reply's first 100 ms arrives at 1 s
    audio.add_user(bytes(960))  # 20 ms later the next chunk: faster than it plays
    audio.add_model(b"\x02\x00" * 2_400)
    model = np.frombuffer(bytes(audio.model), dtype="<i2")
    assert not model[:24_000].any() and model[24_000] == 1  # silence, then the reply
    assert model[26_400] == 2 and len(model) == 24_000 + 4_800  # chunks follow each other


def held_session(voice: VoiceTab, fake_api: Any, loop: asyncio.AbstractEventLoop) -> None:
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=0.5, pace=0.0)
    voice.model_picker.setEditText("gpt-realtime")
    start(voice, loop)
    mics[0].say(tone(0.4) + bytes(24_000))
    run_until(loop, lambda: "Audio tokens in" in voice.cost_label.text())
    voice.findChild(QPushButton, "voiceStartButton").click()
    run_until(loop, lambda: voice.saved_conversation is not None)


def opened(voice: VoiceTab, loop: asyncio.AbstractEventLoop) -> VoiceSessionsView:
    voice.findChild(QPushButton, "voiceSessionsButton").click()
    view = voice.sessions_view
    run_until(loop, lambda: view.findChild(QListWidget, "voiceSessionList").count() > 0)
    return view


def message(view: VoiceSessionsView) -> str:
    return str(view.findChild(QLabel, "voiceSessionsMessage").text())


def test_a_session_is_listed_exported_with_both_sides_and_opened_in_chat(
        tab, fake_api, event_loop_qt, tmp_path):  # noqa: F811
    held_session(tab, fake_api, event_loop_qt)
    view = opened(tab, event_loop_qt)
    listed = view.findChild(QListWidget, "voiceSessionList")
    assert listed.count() == 1 and "gpt-realtime" in listed.item(0).text()
    target = tmp_path / "session.flac"
    event_loop_qt.run_until_complete(view.export_to(str(target)))
    assert "Exported session.flac" in message(view)
    heard, rate = sf.read(str(target), dtype="float32")
    loud = np.flatnonzero(np.abs(heard) > 0.05)
    assert peak_frequency(heard[loud[0]:loud[0] + rate // 4], rate) == pytest.approx(300, abs=5)
    # The 0.5 s reply came after the user's turn: the file ends with it.
    assert peak_frequency(heard[loud[-1] - rate // 4:loud[-1]], rate) == pytest.approx(
        440, abs=5)
    assert loud[-1] / rate > 0.4 + 0.5  # after the question, not over it
    opened_ids: list[int] = []
    tab.openConversation.connect(opened_ids.append)
    view.findChild(QPushButton, "voiceSessionOpen").click()
    assert opened_ids == [tab.saved_conversation]


def test_missing_audio_files_are_said_so(tab, fake_api, event_loop_qt, tmp_path):  # noqa: F811
    held_session(tab, fake_api, event_loop_qt)
    view = opened(tab, event_loop_qt)
    session = view.current()
    assert session is not None
    Path(session.files["model"]).unlink()
    event_loop_qt.run_until_complete(view.export_to(str(tmp_path / "mine.wav")))
    assert "only your side is heard" in message(view)
    Path(session.files["user"]).unlink()
    event_loop_qt.run_until_complete(view.export_to(str(tmp_path / "none.wav")))
    assert "The audio of this session is gone" in message(view)
    assert not (tmp_path / "none.wav").exists()


def test_no_sessions_yet_says_where_they_come_from(tab, event_loop_qt):  # noqa: F811
    tab.findChild(QPushButton, "voiceSessionsButton").click()
    view = tab.sessions_view
    run_until(event_loop_qt, lambda: "No voice sessions yet" in message(view))
    assert not view.findChild(QPushButton, "voiceSessionPlay").isEnabled()


@pytest.mark.audio
def test_play_replays_both_sides_on_the_speakers(tab, fake_api, event_loop_qt, tmp_path,  # noqa: F811
                                                 pulse, speakers_to):  # noqa: F811
    held_session(tab, fake_api, event_loop_qt)
    speakers_to(sink="virt", source="virt.monitor")
    view = opened(tab, event_loop_qt)
    view._device = "pulse"
    listener = Recorder(tmp_path / "heard.flac", device="pulse", rate=24_000)
    listener.start()
    play = view.findChild(QPushButton, "voiceSessionPlay")
    play.click()
    run_until(event_loop_qt, lambda: play.text() == "Stop")
    run_until(event_loop_qt, lambda: play.text() == "Play", timeout=10)
    time.sleep(0.3)
    heard, rate = sf.read(str(listener.stop().path), dtype="float32")
    loud = np.flatnonzero(np.abs(heard) > 0.05)
    assert peak_frequency(heard[loud[0]:loud[0] + rate // 4], rate) == pytest.approx(300, abs=5)
    assert peak_frequency(heard[loud[-1] - rate // 4:loud[-1]], rate) == pytest.approx(
        440, abs=5)
    assert "/ 0:01" in view.findChild(QLabel, "voiceSessionPosition").text()
