"""LiveTranscript over the real SDK and the loopback realtime server: recorder blocks in
(16 kHz float, from another thread, as the recorder's writer hands them over), words out,
the final text kept beside the recording, its usage reported; failures leave a message."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import numpy as np

from playground.services.live_transcript import LiveTranscript, sidecar
from playground.services.messages import Severity, UserMessage
from playground.usage.records import UsageRecord
from tests.unit.services.conftest import real_services


def blocks(seconds: float, loud: bool, rate: int = 16_000) -> list[np.ndarray]:
    t = np.arange(int(rate * seconds)) / rate
    samples = (0.5 * np.sin(2 * np.pi * 300 * t) if loud else 0 * t).astype(np.float32)
    return [samples[i:i + rate // 20] for i in range(0, len(samples), rate // 20)]  # 50 ms


def run_live(fake_api: Any, tmp_path: Path, model: str,
             audio: list[np.ndarray]) -> tuple[LiveTranscript, str, list[Any], list[Any]]:
    updates: list[tuple[str, str]] = []
    messages: list[UserMessage] = []
    records: list[UsageRecord] = []

    async def main() -> tuple[LiveTranscript, str]:
        async with real_services(fake_api, tmp_path, reported=records) as services:
            live = LiveTranscript(services, model, "en")
            live.changed.connect(lambda final, pending: updates.append((final, pending)))
            live.message.connect(messages.append)
            opening = asyncio.ensure_future(live.start(tmp_path / "rec.flac"))
            writer = threading.Thread(target=lambda: [live.feed(b, 16_000) for b in audio])
            await asyncio.sleep(0)  # the loop is known to feed() before the writer runs
            writer.start()  # blocks arrive while the session is still opening: kept
            started = await opening
            await asyncio.to_thread(writer.join)
            text = await live.finish() if started else ""
            return live, text

    live, text = asyncio.run(main())
    return live, text, updates, [*messages, ("records", records)]


def test_words_while_recording_then_the_final_text_beside_the_recording(
        fake_api: Any, tmp_path: Path) -> None:
    audio = blocks(1.0, True) + blocks(0.8, False) + blocks(1.0, True) + blocks(0.2, False)
    _live, text, updates, extra = run_live(fake_api, tmp_path, "gpt-live-transcribe", audio)
    assert text == "hello there\nhello there"  # two utterances, each made final
    assert any(pending for _final, pending in updates)  # words shown before final
    assert updates[-1] == (text, "")
    assert sidecar(tmp_path / "rec.flac").read_text("utf-8") == text + "\n"
    records = extra[-1][1]
    assert [r.endpoint for r in records] == ["transcription"] * 2
    assert all(r.model == "gpt-live-transcribe" and r.audio_seconds > 0.9 for r in records)


def test_realtime_whisper_text_is_committed_at_the_end(fake_api: Any, tmp_path: Path) -> None:
    _live, text, updates, _ = run_live(fake_api, tmp_path, "gpt-realtime-whisper",
                                      blocks(2.0, True))
    assert text.startswith("hello there hello")  # a word per 400 ms, made final by finish()
    assert updates[-1] == (text, "")


def test_a_server_without_the_realtime_api_leaves_a_message_not_a_failure(
        fake_api: Any, tmp_path: Path) -> None:
    fake_api.disabled_paths.add("/realtime")
    live, text, updates, extra = run_live(fake_api, tmp_path, "gpt-live-transcribe",
                                          blocks(0.5, True))
    message = extra[0]
    assert message.severity is Severity.WARNING and message.failure is not None
    assert message.text.startswith("No live transcript:")
    assert "The recording goes on" in message.frame
    assert text == "" and not updates and live.failed
    assert not sidecar(tmp_path / "rec.flac").exists()


def test_an_unknown_live_model_names_itself(fake_api: Any, tmp_path: Path) -> None:
    _live, _text, _updates, extra = run_live(fake_api, tmp_path, "gpt-live-9000",
                                             blocks(0.2, True))
    assert "gpt-live-9000" in extra[0].text
