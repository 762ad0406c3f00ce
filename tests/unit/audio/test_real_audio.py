"""Real sound through PulseAudio null sinks, checked by content (FFT, loudness, length)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from playground.api.speech import SpeechRequest, stream_pcm
from playground.api.transcription import TranscriptionRequest, transcribe_file
from playground.audio.codecs import pcm16_to_float, probe
from playground.audio.player import SpeechPlayer
from playground.audio.recorder import EmptyRecording, Recorder
from playground.audio.upload import prepare_upload
from tests.unit.audio.helpers import client_for, peak_frequency, write_tone

pytestmark = pytest.mark.audio


def test_tone_into_fake_microphone_is_recorded_at_440_hz(pulse, speakers_to, tmp_path):
    speakers_to(source="mic.monitor")
    wav = write_tone(tmp_path / "tone.wav", 3.0, 48_000, amplitude=0.5)
    recorder = Recorder(tmp_path / "rec.flac", device="pulse")
    recorder.start()
    player = pulse.play_into("mic", wav)
    levels = []
    while player.poll() is None:  # paplay exits once the whole tone has been played
        time.sleep(0.1)
        levels.append(recorder.level_dbfs)
    time.sleep(0.2)
    recording = recorder.stop()
    samples, rate = sf.read(str(recording.path), dtype="float32")
    assert rate == 16_000 and recording.seconds == pytest.approx(len(samples) / rate)
    loud = samples[np.abs(samples) > 0.05]
    assert len(loud) > 2.5 * rate  # nearly all of the 3 s tone arrived
    start = int(np.argmax(np.abs(samples) > 0.05))
    assert peak_frequency(samples[start:start + rate], rate) == pytest.approx(440, abs=2)
    assert max(levels) > -12  # the meter saw the tone (0.5 peak is -6 dBFS)
    assert recorder.take_envelope().max() > 0.3
    assert recording.overflows == 0


def test_pause_skips_audio_and_file_survives_a_crash(pulse, speakers_to, tmp_path):
    speakers_to(source="mic.monitor")
    recorder = Recorder(tmp_path / "rec.flac", device="pulse")
    recorder.start()
    time.sleep(1.0)
    recorder.pause()
    time.sleep(0.2)  # blocks already queued before the pause are still written
    paused_at = recorder.elapsed
    time.sleep(0.6)
    assert recorder.elapsed - paused_at < 0.05
    recorder.resume()
    time.sleep(2.0)
    assert recorder.elapsed - paused_at > 1.2  # > 1 s after resume: the writer has flushed
    # a crash now: copy the file as it is on disk while still recording
    snapshot = tmp_path / "after-crash.flac"
    shutil.copy(recorder.path, snapshot)
    recording = recorder.stop()
    assert recording.seconds >= probe(snapshot).seconds
    assert probe(snapshot).seconds >= 1.0  # decodable, with what was flushed


def test_zero_length_recording_is_a_clear_error(pulse, speakers_to, tmp_path):
    speakers_to(source="mic.monitor")
    recorder = Recorder(tmp_path / "rec.flac", device="pulse")
    recorder.start()
    recorder.pause()
    with pytest.raises(EmptyRecording, match="empty"):
        recorder.stop()
    assert not recorder.path.exists()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_spoken_sentence_recorded_arrives_as_real_audio(pulse, speakers_to, tmp_path, fake_api):
    speech = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(speech), "The quick brown fox jumps over the "
                    "lazy dog."], check=True)
    spoken = probe(speech).seconds
    speakers_to(source="mic.monitor")
    recorder = Recorder(tmp_path / "mic.flac", device="pulse")
    recorder.start()
    pulse.play_into("mic", speech).wait(20)
    time.sleep(0.3)
    recording = recorder.stop()
    assert recording.seconds >= spoken
    [part] = prepare_upload(recording.path, tmp_path / "work")

    async def go():  # type: ignore[no-untyped-def]
        client = client_for(fake_api.url)
        try:
            return await transcribe_file(client, TranscriptionRequest(
                "whisper-1", response_format="verbose_json"), part.path, part.seconds)
        finally:
            await client.aclose()

    result = asyncio.run(go())
    upload = fake_api.requests_to("/audio/transcriptions")[0].form["file"][0]
    assert upload.filename == "mic.flac"
    assert result.transcript.duration == pytest.approx(recording.seconds, abs=0.01)
    samples, _ = sf.read(str(recording.path), dtype="float32")
    assert np.sqrt(np.mean(samples ** 2)) > 0.01  # speech, not silence


def test_streamed_speech_is_heard_on_the_speakers(pulse, speakers_to, tmp_path, fake_api):
    fake_api.state.update(speech_seconds=2.0, speech_stream_over=1.0, speech_frequency=660.0)
    speakers_to(sink="virt", source="virt.monitor")
    listener = Recorder(tmp_path / "heard.flac", device="pulse")
    listener.start()
    player = SpeechPlayer(device="pulse")
    player.start()

    async def go() -> None:
        client = client_for(fake_api.url)
        try:
            async for chunk in stream_pcm(client, SpeechRequest("tts-1", "alloy", "Hello")):
                player.feed(pcm16_to_float(chunk))
        finally:
            await client.aclose()

    asyncio.run(go())
    player.finish()
    assert player.wait(10)
    time.sleep(0.3)
    heard = listener.stop()
    samples, rate = sf.read(str(heard.path), dtype="float32")
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    assert len(loud)
    heard_seconds = (loud[-1] - loud[0]) / rate
    assert heard_seconds == pytest.approx(2.0, abs=0.3)  # a busy CI machine may stutter
    start = loud[0]
    assert peak_frequency(samples[start:start + rate], rate) == pytest.approx(660, abs=2)
    assert player.frames_played == 2 * 24_000


def test_stop_silences_at_once(pulse, speakers_to, tmp_path):
    speakers_to(sink="virt", source="virt.monitor")
    listener = Recorder(tmp_path / "heard.flac", device="pulse")
    listener.start()
    player = SpeechPlayer(device="pulse")
    player.start()
    player.feed(np.full(24_000 * 5, 0.3, dtype=np.float32) * np.sin(
        2 * np.pi * 440 * np.arange(24_000 * 5) / 24_000).astype(np.float32))
    time.sleep(1.0)
    stopped = time.perf_counter()
    player.stop()
    assert time.perf_counter() - stopped < 0.1
    time.sleep(1.0)
    samples, rate = sf.read(str(listener.stop().path), dtype="float32")
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    assert (loud[-1] - loud[0]) / rate < 1.4  # not the full 5 s


def _tone(seconds: float, hz: float) -> np.ndarray:
    t = np.arange(int(24_000 * seconds)) / 24_000
    return (0.4 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def test_a_clip_after_a_finished_clip_plays_in_real_time(pulse, speakers_to, tmp_path):
    """A player that played to its end lets go of the sink: a finished but open stream on it
    made the next reply drain at many times real time, with gaps (heard as a stutter)."""
    speakers_to(sink="virt", source="virt.monitor")
    first = SpeechPlayer(device="pulse")
    first.start()
    first.feed(_tone(0.3, 660))
    first.finish()
    assert first.wait(5)
    time.sleep(0.2)
    listener = Recorder(tmp_path / "heard.flac", device="pulse")
    listener.start()
    second = SpeechPlayer(device="pulse")
    second.start()
    tone = _tone(1.0, 440)
    for start in range(0, len(tone), 2_400):  # 100 ms deltas, faster than real time
        second.feed(tone[start:start + 2_400])
        time.sleep(0.02)
    second.finish()
    assert second.wait(5)
    time.sleep(0.3)
    samples, rate = sf.read(str(listener.stop().path), dtype="float32")
    loud = np.flatnonzero(np.abs(samples) > 0.1)
    assert second.underruns == 0
    assert len(loud) > 0.7 * rate  # |sine| > 0.1 most of the 1 s: nothing dropped


_NO_DEVICES = """
import sys
from playground.audio.errors import AudioDeviceError
from playground.audio.player import SpeechPlayer
from playground.audio.recorder import Recorder
for make in (lambda: SpeechPlayer(), lambda: Recorder(sys.argv[1])):
    try:
        make().start()
    except AudioDeviceError as exc:
        print(exc)
    else:
        print("opened")
"""


def test_no_audio_devices_at_all_gives_clear_messages(tmp_path):
    # No sound card (as on CI) and no PulseAudio reachable, nor allowed to autospawn.
    (tmp_path / "run").mkdir(mode=0o700)
    (tmp_path / "client.conf").write_text("autospawn = no\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path / "run"),
           "PULSE_CLIENTCONFIG": str(tmp_path / "client.conf"), "PYTHONPATH": str(Path.cwd())}
    out = subprocess.run([sys.executable, "-c", _NO_DEVICES, str(tmp_path / "r.flac")],
                         capture_output=True, text=True, env=env, timeout=60)
    lines = out.stdout.strip().splitlines()
    assert lines == ["No audio speaker or output device was found.",
                     "No audio microphone or input device was found."], out.stderr
