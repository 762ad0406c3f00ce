"""The Transcription tab through its real widgets, against the loopback server over real HTTP."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)

from playground.settings import TRANSCRIPTION_OUTPUT_DEVICE, Settings
from playground.ui.tabs.transcription import TranscriptionTab
from tests.fake_openai import Fault
from tests.fake_openai.routes_realtime import realtime_logs
from tests.gui.conftest import run_until
from tests.unit.audio.conftest import pulse, speakers_to  # noqa: F401  (fixtures)
from tests.unit.audio.helpers import write_tone


@pytest.fixture
def tab(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop,
        tmp_path: Path) -> TranscriptionTab:
    tab = TranscriptionTab(make_services(), settings=Settings(), recordings=tmp_path / "rec")
    qtbot.addWidget(tab)
    tab.resize(900, 760)
    tab.show()
    picker = tab.findChild(QComboBox, "inputDevicePicker")
    run_until(event_loop_qt, lambda: picker.count() > 0)
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("whisper-1")
    w(tab, QComboBox, "responseFormatPicker").setCurrentText("verbose_json")
    return tab


def w(tab: TranscriptionTab, kind: type, name: str) -> Any:
    found = tab.findChild(kind, name)
    assert found is not None, name
    return found


def message(tab: TranscriptionTab) -> str:
    return str(w(tab, QLabel, "transcriptionMessage").text())


def open_file(tab: TranscriptionTab, loop: asyncio.AbstractEventLoop, path: Path) -> None:
    loop.run_until_complete(tab.open_file(str(path)))


def transcribe(tab: TranscriptionTab, loop: asyncio.AbstractEventLoop) -> None:
    w(tab, QPushButton, "transcribeButton").click()
    task = tab.running_task()
    assert task is not None
    loop.run_until_complete(task)


def test_file_transcribed_with_timestamps_copy_save_send(tab, event_loop_qt, fake_api,
                                                          tmp_path, qtbot):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "talk.wav", 3.0))
    assert "talk.wav" in w(tab, QLabel, "audioSourceLabel").text()
    w(tab, QCheckBox, "wordTimestampsCheck").setChecked(True)
    transcribe(tab, event_loop_qt)
    output = w(tab, QPlainTextEdit, "transcriptOutput").toPlainText()
    assert output.startswith("[0:00.0 → 0:03.0] Transcript of talk.wav, 3.00 seconds.")
    form = fake_api.requests_to("/audio/transcriptions")[0].form
    assert [f.text for f in form["timestamp_granularities[]"]] == ["word"]
    assert "Done" in message(tab)

    w(tab, QPushButton, "copyTranscriptButton").click()
    assert "Transcript of talk.wav" in QGuiApplication.clipboard().text()
    for ext in ("srt", "vtt", "txt"):
        event_loop_qt.run_until_complete(tab.save_transcript(str(tmp_path / f"out.{ext}")))
    assert "00:00:00,000 --> 00:00:03,000" in (tmp_path / "out.srt").read_text()
    assert (tmp_path / "out.vtt").read_text().startswith("WEBVTT")
    assert (tmp_path / "out.txt").read_text() == "Transcript of talk.wav, 3.00 seconds.\n"
    with qtbot.waitSignal(tab.sendTextToChat) as sent:
        w(tab, QPushButton, "sendTranscriptButton").click()
    assert sent.args == ["Transcript of talk.wav, 3.00 seconds."]


def test_options_follow_the_model(tab):
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("gpt-4o-transcribe")
    formats = w(tab, QComboBox, "responseFormatPicker")
    assert [formats.itemText(i) for i in range(formats.count())] == ["json", "text"]
    task = w(tab, QComboBox, "transcriptionTaskPicker")
    assert not task.model().item(task.findData("translate")).isEnabled()
    assert not w(tab, QCheckBox, "wordTimestampsCheck").isEnabled()
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("whisper-1")
    assert formats.count() == 5
    formats.setCurrentText("verbose_json")
    assert w(tab, QCheckBox, "segmentTimestampsCheck").isEnabled()
    formats.setCurrentText("srt")
    assert not w(tab, QCheckBox, "segmentTimestampsCheck").isEnabled()


def test_translation_goes_to_its_endpoint(tab, event_loop_qt, fake_api, tmp_path):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "de.flac", 1.0))
    task = w(tab, QComboBox, "transcriptionTaskPicker")
    task.setCurrentIndex(task.findData("translate"))
    w(tab, QComboBox, "responseFormatPicker").setCurrentText("text")
    transcribe(tab, event_loop_qt)
    assert fake_api.requests_to("/audio/translations")
    assert "de.flac" in w(tab, QPlainTextEdit, "transcriptOutput").toPlainText()


def test_unsupported_extension_clears_the_previous_source(tab, event_loop_qt, fake_api,
                                                          tmp_path):
    good = write_tone(tmp_path / "good.wav", 1.0)
    open_file(tab, event_loop_qt, good)
    (tmp_path / "notes.txt").write_text("not audio")
    open_file(tab, event_loop_qt, tmp_path / "notes.txt")
    assert "“.txt” files are not accepted" in message(tab)
    assert tab.source is None
    assert "good.wav" not in w(tab, QLabel, "audioSourceLabel").text()
    assert not w(tab, QPushButton, "transcribeButton").isEnabled()


def test_corrupt_file_after_a_good_one_sends_nothing(tab, event_loop_qt, fake_api, tmp_path):
    """The failed open must not leave the earlier file selected: Transcribe would send it."""
    open_file(tab, event_loop_qt, write_tone(tmp_path / "good.wav", 1.0))
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF" + b"\x13" * 5000)
    open_file(tab, event_loop_qt, bad)
    assert "broken.wav is not a readable audio file" in message(tab)
    assert tab.source is None
    label = w(tab, QLabel, "audioSourceLabel").text()
    assert "good.wav" not in label and "broken.wav" in label
    assert not w(tab, QPushButton, "transcribeButton").isEnabled()
    assert not w(tab, QPushButton, "previewAudioButton").isEnabled()
    tab.run_primary_action()  # Ctrl+Enter bypasses the button
    task = tab.running_task()
    if task is not None:
        event_loop_qt.run_until_complete(task)
    assert not fake_api.requests_to("/audio/transcriptions")


def test_no_timestamps_unless_ticked(tab, event_loop_qt, fake_api, tmp_path):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "talk.wav", 3.0))
    for name in ("wordTimestampsCheck", "segmentTimestampsCheck"):
        w(tab, QCheckBox, name).setChecked(False)
    transcribe(tab, event_loop_qt)
    output = w(tab, QPlainTextEdit, "transcriptOutput").toPlainText()
    assert output == "Transcript of talk.wav, 3.00 seconds."
    w(tab, QCheckBox, "segmentTimestampsCheck").setChecked(True)
    transcribe(tab, event_loop_qt)
    output = w(tab, QPlainTextEdit, "transcriptOutput").toPlainText()
    assert output.startswith("[0:00.0 → 0:03.0] ")


def test_corrupt_file_is_a_clear_message(tab, event_loop_qt, tmp_path):
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF" + b"\x13" * 5000)
    open_file(tab, event_loop_qt, bad)
    assert "broken.wav is not a readable audio file" in message(tab)
    assert tab.source is None
    assert not w(tab, QPushButton, "transcribeButton").isEnabled()


def test_server_error_keeps_the_transcript_shown(tab, event_loop_qt, fake_api, tmp_path):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "a.wav", 1.0))
    output = w(tab, QPlainTextEdit, "transcriptOutput")
    output.setPlainText("My earlier notes")
    fake_api.inject(Fault(path="/audio/transcriptions", status=500, message="Overloaded"))
    transcribe(tab, event_loop_qt)
    assert "server had an error" in message(tab) and "Overloaded" in message(tab)
    assert output.toPlainText() == "My earlier notes"
    assert w(tab, QPushButton, "transcribeButton").isEnabled()


def test_usage_goes_to_the_ledger(tab, event_loop_qt, fake_api, tmp_path):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "a.ogg", 2.0))
    transcribe(tab, event_loop_qt)
    csv = tmp_path / "usage.csv"

    async def export() -> None:
        await asyncio.sleep(0.3)
        await tab._services.usage.export_csv(csv)  # type: ignore[attr-defined]

    event_loop_qt.run_until_complete(export())
    assert ",whisper-1,transcription," in csv.read_text()


@pytest.mark.audio
def test_record_from_the_microphone_then_transcribe(pulse, speakers_to, tab,  # noqa: F811
                                                    event_loop_qt, fake_api, tmp_path):
    speakers_to(source="mic.monitor")
    event_loop_qt.run_until_complete(tab.refresh_devices())
    w(tab, QComboBox, "inputDevicePicker").setCurrentText("pulse")
    record = w(tab, QPushButton, "recordButton")
    record.click()
    run_until(event_loop_qt, lambda: tab.recorder is not None)
    player = pulse.play_into("mic", write_tone(tmp_path / "tone.wav", 2.0, 48_000))
    run_until(event_loop_qt, lambda: player.poll() is not None, timeout=20)
    run_until(event_loop_qt, lambda: w(tab, QLabel, "recordingTime").text() >= "0:02.0")
    assert tab.findChild(QLabel, "recordingTime").text() != "0:00.0"
    record.click()
    run_until(event_loop_qt, lambda: tab.source is not None)
    assert tab.source.suffix == ".flac" and tab.source.parent == tmp_path / "rec"
    transcribe(tab, event_loop_qt)
    assert tab.result is not None
    assert tab.result.transcript.duration == pytest.approx(tab._source_seconds, abs=0.01)
    assert tab.result.transcript.duration >= 2.0


@pytest.mark.audio
def test_zero_length_recording_says_so(pulse, speakers_to, tab, event_loop_qt):  # noqa: F811
    speakers_to(source="mic.monitor")
    event_loop_qt.run_until_complete(tab.refresh_devices())
    w(tab, QComboBox, "inputDevicePicker").setCurrentText("pulse")
    event_loop_qt.run_until_complete(tab.start_recording())
    assert tab.recorder is not None
    w(tab, QPushButton, "pauseRecordButton").click()  # paused before any sound arrived
    time.sleep(0.2)
    event_loop_qt.run_until_complete(tab.stop_recording())
    assert "recording is empty" in message(tab)
    assert tab.source is None


@pytest.mark.audio
def test_preview_plays_the_file_to_the_end(pulse, speakers_to, tab, event_loop_qt,  # noqa: F811
                                           tmp_path):
    speakers_to(sink="virt")
    tab._settings.put(TRANSCRIPTION_OUTPUT_DEVICE, "pulse")
    open_file(tab, event_loop_qt, write_tone(tmp_path / "a.wav", 1.0))
    preview = w(tab, QPushButton, "previewAudioButton")
    preview.click()
    run_until(event_loop_qt, lambda: preview.text() == "Stop")
    run_until(event_loop_qt, lambda: preview.text() == "Play", timeout=10)
    assert tab._playback.player is None


def test_save_suggests_the_audio_files_name(tab, event_loop_qt, fake_api, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    open_file(tab, event_loop_qt, write_tone(tmp_path / "meeting notes.wav", 1.0))
    transcribe(tab, event_loop_qt)
    w(tab, QPushButton, "saveTranscriptButton").click()
    dialog = tab.findChild(QFileDialog, "saveTranscriptDialog")
    assert dialog is not None
    try:
        assert Path(dialog.selectedFiles()[0]).name == "meeting notes.txt"
    finally:
        dialog.reject()


# ---------------------------------------------------------------- diarization, retirements
DIARIZE = "gpt-4o-transcribe-diarize"


def test_diarized_transcript_shows_and_saves_the_speakers(tab, event_loop_qt, fake_api,
                                                          tmp_path, qtbot):
    fake_api.state["transcript_text"] = "Hello there. Hi, how are you?"
    open_file(tab, event_loop_qt, write_tone(tmp_path / "talk.wav", 4.0))
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText(DIARIZE)
    formats = w(tab, QComboBox, "responseFormatPicker")
    assert formats.currentText() == "diarized_json"
    assert not w(tab, QLineEdit, "transcriptionPrompt").isEnabled()
    assert w(tab, QLineEdit, "knownSpeakersInput").isVisible()
    transcribe(tab, event_loop_qt)
    assert w(tab, QPlainTextEdit, "transcriptOutput").toPlainText().splitlines() == [
        "[0:00.0 → 0:02.0] Speaker A: Hello there.",
        "[0:02.0 → 0:04.0] Speaker B: Hi, how are you?"]
    for ext in ("srt", "vtt", "txt"):
        event_loop_qt.run_until_complete(tab.save_transcript(str(tmp_path / f"out.{ext}")))
    assert "00:00:02,000 --> 00:00:04,000\nSpeaker B: Hi, how are you?" in (
        tmp_path / "out.srt").read_text()
    assert "<v Speaker A>Hello there." in (tmp_path / "out.vtt").read_text()
    assert "Speaker B: Hi, how are you?" in (tmp_path / "out.txt").read_text()
    with qtbot.waitSignal(tab.sendTextToChat) as sent:
        w(tab, QPushButton, "sendTranscriptButton").click()
    assert sent.args == ["Speaker A: Hello there.\nSpeaker B: Hi, how are you?"]


def test_known_speakers_label_the_transcript(tab, event_loop_qt, fake_api, tmp_path):
    fake_api.state["transcript_text"] = "Good morning. Morning!"
    open_file(tab, event_loop_qt, write_tone(tmp_path / "talk.wav", 2.0))
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText(DIARIZE)
    w(tab, QLineEdit, "knownSpeakersInput").setText("Ann, Bo")
    tab.set_speaker_samples([str(write_tone(tmp_path / "ann.wav", 3.0)),
                             str(write_tone(tmp_path / "bo.wav", 2.5))])
    assert "ann.wav, bo.wav" in w(tab, QLabel, "speakerSamplesLabel").text()
    transcribe(tab, event_loop_qt)
    lines = w(tab, QPlainTextEdit, "transcriptOutput").toPlainText().splitlines()
    assert lines[0].endswith("Ann: Good morning.") and lines[1].endswith("Bo: Morning!")


def test_a_name_without_a_sample_is_explained_before_sending(tab, event_loop_qt, fake_api,
                                                             tmp_path):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "talk.wav", 2.0))
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText(DIARIZE)
    w(tab, QLineEdit, "knownSpeakersInput").setText("Ann, Bo")
    tab.set_speaker_samples([str(write_tone(tmp_path / "ann.wav", 3.0))])
    transcribe(tab, event_loop_qt)
    assert "Choose a 2–10 second voice sample for Bo" in message(tab)
    tab.set_speaker_samples([str(write_tone(tmp_path / "ann.wav", 3.0)),
                             str(write_tone(tmp_path / "bo.wav", 0.5))])
    transcribe(tab, event_loop_qt)
    assert "Bo is 0.5 s long" in message(tab)
    assert fake_api.requests_to("/audio/transcriptions") == []


def test_diarize_with_a_subtitle_format_is_explained_before_sending(tab, event_loop_qt,
                                                                    fake_api, tmp_path):
    open_file(tab, event_loop_qt, write_tone(tmp_path / "talk.wav", 1.0))
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText(DIARIZE)
    formats = w(tab, QComboBox, "responseFormatPicker")
    assert [formats.itemText(i) for i in range(formats.count())] == ["diarized_json", "json",
                                                                     "text"]
    formats.addItem("srt")  # as a stale setting or a typed value could leave it
    formats.setCurrentText("srt")
    transcribe(tab, event_loop_qt)
    assert "choose diarized_json to have the speakers labelled" in message(tab)
    assert fake_api.requests_to("/audio/transcriptions") == []


def test_retiring_models_and_translation_are_announced(tab):
    from playground.model.capabilities import model_info
    from playground.ui.widgets.retirement_notice import RetirementNotice

    notice = w(tab, RetirementNotice, "transcriptionRetirementNoticeFrame")
    date = model_info("whisper-1").shutdown_date.isoformat()
    task = w(tab, QComboBox, "transcriptionTaskPicker")
    translate = task.findData("translate")
    assert date in task.itemText(translate) and date in task.itemData(translate, 3)
    assert notice.isVisible() and date in notice.text() and "gpt-transcribe" in notice.text()
    task.setCurrentIndex(translate)
    assert "/audio/translations" in notice.text()
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("gpt-transcribe")
    assert not notice.isVisible()  # current model, and translation needs whisper-1
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("gpt-4o-transcribe")
    assert notice.isVisible()
    tab.findChild(QToolButton, "transcriptionRetirementNoticeDismiss").click()
    assert not notice.isVisible()
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("gpt-transcribe")
    w(tab, QComboBox, "transcriptionModelPicker").setCurrentText("whisper-1")
    assert not notice.isVisible()  # the same announcement stays dismissed


def record_tone(tab: TranscriptionTab, audio: Any, loop: asyncio.AbstractEventLoop,
                tmp_path: Path, *, while_recording: Any = None) -> None:
    loop.run_until_complete(tab.refresh_devices())
    w(tab, QComboBox, "inputDevicePicker").setCurrentText("pulse")
    record = w(tab, QPushButton, "recordButton")
    record.click()
    run_until(loop, lambda: tab.recorder is not None)
    # 1 s of "speech", then silence: the server's VAD ends the utterance
    player = audio.play_into("mic", write_tone(tmp_path / "tone.wav", 1.0, 48_000))
    run_until(loop, lambda: player.poll() is not None, timeout=20)
    if while_recording is not None:
        while_recording()
    run_until(loop, lambda: w(tab, QLabel, "recordingTime").text() >= "0:01.5")
    record.click()
    run_until(loop, lambda: tab.source is not None and record.text() == "Record", timeout=20)


@pytest.mark.audio
def test_words_appear_while_recording_and_are_kept_with_it(
        pulse, speakers_to, tab, event_loop_qt, fake_api, tmp_path):  # noqa: F811
    speakers_to(source="mic.monitor")
    toggle = w(tab, QCheckBox, "liveTranscriptToggle")
    assert toggle.isChecked()  # on by default
    w(tab, QComboBox, "liveTranscriptModel").setCurrentText("gpt-live-transcribe")
    live = w(tab, QPlainTextEdit, "liveTranscript")
    seen_while_recording: list[str] = []

    def words_before_stop() -> None:
        run_until(event_loop_qt, lambda: "hello there" in live.toPlainText(), timeout=10)
        seen_while_recording.append(live.toPlainText())
        assert tab.recorder is not None  # still recording

    record_tone(tab, pulse, event_loop_qt, tmp_path, while_recording=words_before_stop)
    assert seen_while_recording and live.isVisible()
    saved = tab.source.with_name(tab.source.stem + ".live.txt")
    assert saved.read_text("utf-8").startswith("hello there")
    assert f"Live transcript saved as {saved.name}." in message(tab)
    assert realtime_logs(fake_api)[0].model == ""  # a transcription session, not a chat
    transcribe(tab, event_loop_qt)  # the file-based transcription is still there
    assert tab.result is not None and fake_api.requests_to("/audio/transcriptions")


@pytest.mark.audio
def test_without_a_realtime_api_the_recording_goes_on_and_says_why(
        pulse, speakers_to, tab, event_loop_qt, fake_api, tmp_path):  # noqa: F811
    fake_api.disabled_paths.add("/realtime")
    speakers_to(source="mic.monitor")
    said: list[str] = []
    record_tone(tab, pulse, event_loop_qt, tmp_path,
                while_recording=lambda: said.append(message(tab)))
    assert any(text.startswith("No live transcript:") and "The recording goes on" in text
               for text in [*said, message(tab)])
    assert tab.source is not None and tab.source.exists()  # the recording is whole


def test_live_transcript_off_opens_no_session(tab):
    toggle = w(tab, QCheckBox, "liveTranscriptToggle")
    toggle.setChecked(False)
    assert tab.live_model() == ""
    assert not w(tab, QComboBox, "liveTranscriptModel").isEnabled()
    toggle.setChecked(True)
    assert tab.live_model() == "gpt-live-transcribe"
