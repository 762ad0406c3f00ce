"""The Speech tab through its real widgets, against the loopback server over real HTTP."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from playground.audio.clips import ClipHistory
from playground.audio.formats import PCM_RATE
from playground.audio.transcript import clock
from playground.settings import SPEECH_OUTPUT_DEVICE, Settings
from playground.ui.tabs.speech import SpeechTab
from tests.gui.conftest import run_until
from tests.unit.audio.conftest import pulse, speakers_to  # noqa: F401  (fixtures)

MISSING_SPEAKER = "Headphones that are not plugged in"


@pytest.fixture
def tab(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop,
        tmp_path: Path) -> SpeechTab:
    settings = Settings()
    settings.put(SPEECH_OUTPUT_DEVICE, MISSING_SPEAKER)  # deterministic: no sound card needed
    tab = SpeechTab(make_services(), settings=settings, history=ClipHistory(tmp_path / "clips"))
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    run_until(event_loop_qt, lambda: tab.findChild(QComboBox, "outputDevicePicker").count() > 0)
    return tab


def w(tab: SpeechTab, kind: type, name: str) -> Any:
    found = tab.findChild(kind, name)
    assert found is not None, name
    return found


def message(tab: SpeechTab) -> str:
    return str(w(tab, QLabel, "speechMessage").text())


def speak(tab: SpeechTab, loop: asyncio.AbstractEventLoop, text: str) -> None:
    w(tab, QPlainTextEdit, "speechInput").setPlainText(text)
    w(tab, QPushButton, "speakButton").click()
    assert not w(tab, QPushButton, "speakButton").isEnabled() or not text.strip()
    task = tab.running_task()
    if task is not None:
        loop.run_until_complete(task)


def test_speak_saves_the_clip_even_without_the_speaker(tab, event_loop_qt, fake_api, tmp_path):
    w(tab, QComboBox, "speechModelPicker").setCurrentText("tts-1")
    w(tab, QComboBox, "voicePicker").setCurrentText("nova")
    fake_api.state["speech_seconds"] = 1.5
    speak(tab, event_loop_qt, "Hello from the speech tab.")
    # no sound card here, or one without that speaker: either way the clip is kept
    assert "still be saved" in message(tab)
    assert len(tab.samples) == int(1.5 * PCM_RATE)
    [clip] = ClipHistory(tmp_path / "clips").clips()
    assert clip.voice == "nova" and clip.model == "tts-1" and clip.complete
    assert w(tab, QListWidget, "speechHistory").count() == 1
    body = fake_api.requests_to("/audio/speech")[0].json
    assert body["response_format"] == "pcm" and body["voice"] == "nova"
    assert w(tab, QPushButton, "saveAudioButton").isEnabled()
    assert w(tab, QPlainTextEdit, "speechInput").toPlainText() == "Hello from the speech tab."


def test_empty_text_is_a_message_and_no_request(tab, event_loop_qt, fake_api):
    speak(tab, event_loop_qt, "   ")
    assert "no text to speak" in message(tab)
    assert fake_api.requests_to("/audio/speech") == []
    assert w(tab, QPushButton, "speakButton").isEnabled()


def test_error_mid_audio_keeps_what_arrived(tab, event_loop_qt, fake_api, tmp_path):
    fake_api.state.update(speech_seconds=4.0, speech_fail_after=0.5)
    speak(tab, event_loop_qt, "This will be cut off.")
    assert "cut off" in message(tab)
    assert fake_api.requests_to("/audio/speech")[0].json["stream_format"] == "sse"  # default
    [clip] = ClipHistory(tmp_path / "clips").clips()
    assert not clip.complete and 1.5 <= clip.seconds <= 2.1
    assert w(tab, QPushButton, "speakButton").isEnabled()


def test_long_text_is_split_into_one_clip(tab, event_loop_qt, fake_api, tmp_path):
    fake_api.state["speech_seconds"] = 0.5
    text = "This sentence is about forty characters. " * 150  # 6,150 characters
    w(tab, QPlainTextEdit, "speechInput").setPlainText(text)
    assert "spoken in 2 parts" in w(tab, QLabel, "speechCharCount").text()
    speak(tab, event_loop_qt, text)
    sent = [r.json["input"] for r in fake_api.requests_to("/audio/speech")]
    assert len(sent) == 2 and all(len(s) <= 4096 for s in sent) and "".join(sent) == text
    [clip] = ClipHistory(tmp_path / "clips").clips()
    assert clip.seconds == pytest.approx(1.0)


def test_too_long_without_splitting_is_refused(tab, event_loop_qt, fake_api):
    w(tab, QCheckBox, "speechSplitCheck").setChecked(False)
    speak(tab, event_loop_qt, "x" * 5000)
    assert "5,000 characters" in message(tab)
    assert fake_api.requests_to("/audio/speech") == []


def test_controls_follow_the_model(tab):
    w(tab, QComboBox, "speechModelPicker").setCurrentText("gpt-4o-mini-tts")
    assert not w(tab, QDoubleSpinBox, "speechSpeed").isEnabled()
    assert w(tab, QLineEdit, "speechInstructions").isEnabled()
    w(tab, QComboBox, "speechModelPicker").setCurrentText("tts-1-hd")
    assert w(tab, QDoubleSpinBox, "speechSpeed").isEnabled()
    assert not w(tab, QLineEdit, "speechInstructions").isEnabled()


@pytest.mark.parametrize("ext", ["wav", "mp3", "flac", "opus"])
def test_save_in_each_format(tab, event_loop_qt, fake_api, tmp_path, ext):
    fake_api.state["speech_seconds"] = 1.0
    speak(tab, event_loop_qt, "Save me.")
    target = tmp_path / f"out.{ext}"
    event_loop_qt.run_until_complete(tab.save_to(str(target)))
    data, rate = sf.read(str(target), dtype="float32")
    assert abs(len(data) / rate - 1.0) < 0.1 and np.abs(data).max() > 0.1
    assert "Saved" in message(tab)


def test_usage_is_reported_per_request(tab, event_loop_qt, fake_api, tmp_path):
    w(tab, QComboBox, "speechModelPicker").setCurrentText("gpt-4o-mini-tts")
    speak(tab, event_loop_qt, "Count these characters.")
    csv = tmp_path / "usage.csv"

    async def export() -> None:
        await asyncio.sleep(0.3)  # the ledger writes off the UI thread
        await tab._services.usage.export_csv(csv)  # type: ignore[attr-defined]

    event_loop_qt.run_until_complete(export())
    text = csv.read_text()
    assert ",gpt-4o-mini-tts,speech," in text and ",23," in text  # 23 characters


@pytest.mark.audio
def test_speaking_ends_with_the_audio(pulse, speakers_to, tab, event_loop_qt,  # noqa: F811
                                      fake_api):
    """'Speaking…' goes when playback ends, and the time reaches the clip's length."""
    speakers_to(sink="virt")
    event_loop_qt.run_until_complete(tab.refresh_devices())
    w(tab, QComboBox, "outputDevicePicker").setCurrentText("pulse")
    speak(tab, event_loop_qt, "Hello there.")
    assert message(tab) == "Speaking…"
    run_until(event_loop_qt, lambda: not tab.playback.playing, timeout=20)
    assert message(tab) == ""
    seconds = len(tab.samples) / PCM_RATE
    assert w(tab, QLabel, "speechTime").text() == clock(seconds)


def test_save_suggests_a_name_from_the_text(tab, event_loop_qt, fake_api):
    from PySide6.QtWidgets import QFileDialog

    speak(tab, event_loop_qt, "Hello there, 你好. This is a rather long text to speak aloud.")
    w(tab, QPushButton, "saveAudioButton").click()
    dialog = tab.findChild(QFileDialog, "saveSpeechDialog")
    assert dialog is not None
    try:
        assert Path(dialog.selectedFiles()[0]).name == "hello-there-你好-this-is-a-rather.mp3"
    finally:
        dialog.reject()


def test_retirement_notice_names_the_date_and_successor_from_the_catalog(
        tab, qtbot, make_services, tmp_path):
    from playground.model.capabilities import model_info
    from playground.model.model_choice import successor_of
    from playground.ui.widgets.retirement_notice import RetirementNotice

    notice = w(tab, RetirementNotice, "speechRetirementNoticeFrame")
    w(tab, QComboBox, "speechModelPicker").setCurrentText("tts-1")
    info = model_info("tts-1")
    assert info.shutdown_date is not None
    successor = successor_of("tts-1", info.shutdown_date)
    assert notice.isVisible() and info.shutdown_date.isoformat() in notice.text()
    assert successor and successor in notice.text()
    assert "tts-1-hd" in notice.text() and "gpt-4o-mini-tts" in notice.text()
    w(tab, QComboBox, "speechModelPicker").setCurrentText("kokoro-v1")  # a local model
    assert not notice.isVisible()
    w(tab, QComboBox, "speechModelPicker").setCurrentText("gpt-4o-mini-tts")
    assert notice.isVisible()
    tab.findChild(QWidget, "speechRetirementNoticeDismiss").click()
    assert not notice.isVisible()
    w(tab, QComboBox, "speechModelPicker").setCurrentText("tts-1-hd")  # same announcement
    assert not notice.isVisible()
    again = SpeechTab(make_services(), settings=tab._settings,
                      history=ClipHistory(tmp_path / "clips"))
    qtbot.addWidget(again)
    again.show()
    assert not again.findChild(RetirementNotice, "speechRetirementNoticeFrame").isVisible()


def test_voice_picker_lists_the_sdks_voices_and_keeps_a_custom_one(tab):
    from playground.model import catalog_data

    picker = w(tab, QComboBox, "voicePicker")
    assert [picker.itemText(i) for i in range(picker.count())] == list(catalog_data.voices())
    picker.setCurrentText("voice_1234")
    w(tab, QComboBox, "speechModelPicker").setCurrentText("tts-1")
    assert picker.currentText() == "voice_1234"


def test_sse_speech_plays_the_tone_and_bills_tokens(tab, event_loop_qt, fake_api, tmp_path):
    fake_api.state.update(speech_seconds=1.0, speech_frequency=660.0)
    w(tab, QComboBox, "speechModelPicker").setCurrentText("gpt-4o-mini-tts")
    speak(tab, event_loop_qt, "Twelve chars")
    assert fake_api.requests_to("/audio/speech")[0].json["stream_format"] == "sse"
    assert len(tab.samples) == PCM_RATE
    assert abs(_peak(tab.samples) - 660) < 2
    [clip] = ClipHistory(tmp_path / "clips").clips()
    assert clip.complete


def _peak(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * PCM_RATE / len(samples))
