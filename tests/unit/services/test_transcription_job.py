"""TranscriptionJob with no display: a file is opened, transcribed against the loopback server,
reported and saved; every way it can fail is a message, never an exception."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from playground.api.transcription import TranscriptionRequest
from playground.services.messages import Severity, UserMessage
from playground.services.transcription_job import TranscriptionJob, transcript_body
from playground.usage.records import UsageRecord
from tests.unit.audio.helpers import write_tone
from tests.unit.services.conftest import real_services


def run(fake_api: Any, tmp_path: Path, work: Any) -> tuple[Any, list[UserMessage],
                                                          list[UsageRecord]]:
    messages: list[UserMessage] = []
    reported: list[UsageRecord] = []

    async def body() -> Any:
        async with real_services(fake_api, tmp_path, reported=reported) as services:
            job = TranscriptionJob(services, tmp_path / "recordings")
            job.message.connect(messages.append)
            return await work(job)

    return asyncio.run(body()), messages, reported


def test_a_file_is_transcribed_reported_and_saved(fake_api: Any, tmp_path: Path) -> None:
    audio = write_tone(tmp_path / "talk.wav", 2.0)
    target = tmp_path / "talk.srt"

    async def work(job: TranscriptionJob) -> Any:
        opened = await job.open(audio)
        assert opened is not None and abs(opened.seconds - 2.0) < 0.05
        result = await job.transcribe(opened.path, TranscriptionRequest("whisper-1"))
        assert result is not None
        assert await job.save(target, transcript_body("srt", result, None, opened.seconds))
        return result

    result, messages, reported = run(fake_api, tmp_path, work)
    assert result.transcript.text.strip()
    assert reported[0].endpoint == "transcription" and reported[0].audio_seconds > 0
    assert target.read_text("utf-8").startswith("1\n00:00:00,000 --> ")
    assert messages[-1].text == "Saved talk.srt." and "Done:" in messages[-2].text


def test_nothing_to_send_a_corrupt_file_and_a_server_error_are_messages(
        fake_api: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really a wave file")
    fake_api.valid_keys = {"sk-other"}

    async def work(job: TranscriptionJob) -> Any:
        assert await job.transcribe(None, TranscriptionRequest("whisper-1")) is None
        assert await job.open(broken) is None
        good = write_tone(tmp_path / "good.wav", 0.5)
        return await job.transcribe(good, TranscriptionRequest("whisper-1"))

    result, messages, reported = run(fake_api, tmp_path, work)
    errors = [m for m in messages if m.severity == Severity.ERROR]
    assert result is None and not reported and len(errors) == 3
    assert "Record something" in errors[0].text and "broken.wav" in errors[1].text
    assert errors[2].failure is not None and errors[2].failure.status == 401


def test_edited_text_is_saved_as_typed() -> None:
    assert transcript_body("txt", None, "typed by hand", 0.0) == "typed by hand"
    assert "typed by hand" in transcript_body("vtt", None, "typed by hand", 3.0)
