"""SpeechJob with no display: speech streams into the sink, the clip is kept, usage reported;
a refused request or an empty text is a message and nothing is kept."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np

from playground.api.speech import INPUT_LIMIT, SpeechRequest
from playground.audio.clips import ClipHistory
from playground.audio.errors import AudioError
from playground.services.messages import Severity, UserMessage
from playground.services.speech_job import SpeechJob, check_text
from playground.usage.records import UsageRecord
from tests.unit.services.conftest import real_services


class Sink:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.fed, self.finished = fail, [], False

    async def open(self, rate: int, device: str) -> None:
        if self.fail:
            raise AudioError("No speaker called “nowhere”.")

    def feed(self, samples: np.ndarray) -> None:
        self.fed.append(samples)

    def finish(self) -> None:
        self.finished = True

    def stop(self) -> None:
        self.finished = True


def run(fake_api: Any, tmp_path: Path, request: SpeechRequest, sink: Sink, *,
        key: str = "sk-test") -> tuple[Any, list[UserMessage], list[UsageRecord], list[Any]]:
    messages: list[UserMessage] = []
    reported: list[UsageRecord] = []

    async def body() -> tuple[Any, list[Any]]:
        async with real_services(fake_api, tmp_path, key=key, reported=reported) as services:
            job = SpeechJob(services, ClipHistory(tmp_path / "clips"))
            job.message.connect(messages.append)
            spoken = await job.speak(request, split_long=True, sink=sink, device="default")
            return spoken, await job.clips()

    spoken, clips = asyncio.run(body())
    return spoken, messages, reported, clips


def test_speech_streams_into_the_sink_and_the_clip_is_kept(fake_api: Any, tmp_path: Path) -> None:
    sink = Sink()
    spoken, messages, reported, clips = run(
        fake_api, tmp_path, SpeechRequest("gpt-4o-mini-tts", "alloy", "Hello there."), sink)
    assert spoken.complete and sink.finished and len(spoken.samples) > 1000
    assert sum(len(s) for s in sink.fed) == len(spoken.samples)
    assert [c.text for c in clips] == ["Hello there."] and clips[0].complete
    assert reported[0].characters == len("Hello there.") and reported[0].endpoint == "speech"
    assert all(m.severity == Severity.INFO for m in messages)


def test_a_missing_speaker_still_keeps_the_clip(fake_api: Any, tmp_path: Path) -> None:
    spoken, messages, _reported, clips = run(
        fake_api, tmp_path, SpeechRequest("gpt-4o-mini-tts", "alloy", "Hi."), Sink(fail=True))
    assert spoken.complete and len(clips) == 1
    warning = next(m for m in messages if m.severity == Severity.WARNING)
    assert "nowhere" in warning.text and spoken.device_problem == warning.text


def test_a_refused_key_is_an_api_failure_and_nothing_is_kept(fake_api: Any,
                                                             tmp_path: Path) -> None:
    fake_api.valid_keys = {"sk-right"}
    spoken, messages, reported, clips = run(
        fake_api, tmp_path, SpeechRequest("gpt-4o-mini-tts", "alloy", "Hi."), Sink(),
        key="sk-wrong")
    failure = messages[-1].failure
    assert failure is not None and failure.status == 401
    assert not spoken.complete and not clips and not reported


def test_text_checks_say_what_to_do() -> None:
    assert "Type something" in (check_text("  \n", True) or "")
    long = "a" * (INPUT_LIMIT + 1)
    assert "Split long text" in (check_text(long, False) or "")
    assert check_text(long, True) is None


def test_sse_usage_is_reported_in_tokens_pcm_usage_in_characters(fake_api: Any,
                                                                 tmp_path: Path) -> None:
    fake_api.state["speech_seconds"] = 1.0
    _spoken, _messages, reported, _clips = run(
        fake_api, tmp_path, SpeechRequest("gpt-4o-mini-tts", "marin", "Hello there."), Sink())
    assert (reported[0].prompt_tokens, reported[0].completion_tokens) == (3, 20)
    _spoken, _messages, reported, _clips = run(
        fake_api, tmp_path, SpeechRequest("tts-1", "alloy", "Hello there."), Sink())
    assert (reported[0].prompt_tokens, reported[0].completion_tokens) == (0, 0)
    assert reported[0].characters == len("Hello there.")


def test_an_sse_stream_cut_midway_keeps_an_incomplete_clip(fake_api: Any,
                                                          tmp_path: Path) -> None:
    fake_api.state.update(speech_seconds=4.0, speech_fail_after=0.5)
    sink = Sink()
    spoken, messages, reported, clips = run(
        fake_api, tmp_path, SpeechRequest("gpt-4o-mini-tts", "alloy", "Hi there."), sink)
    assert not spoken.complete and sink.finished
    assert 1.5 <= len(spoken.samples) / 24_000 <= 2.1
    assert len(clips) == 1 and not clips[0].complete
    failure = messages[-1].failure
    assert failure is not None and failure.kind.name == "INTERRUPTED"
    assert not reported  # the done event (its usage) never arrived


def test_sse_speech_is_priced_by_its_tokens(fake_api: Any, tmp_path: Path) -> None:
    import dataclasses
    from decimal import Decimal

    from playground.usage.pricing import load_price_book

    fake_api.state["speech_seconds"] = 1.0
    _spoken, _messages, reported, _clips = run(
        fake_api, tmp_path, SpeechRequest("gpt-4o-mini-tts", "marin", "Hello there."), Sink())
    book = load_price_book(user=tmp_path / "none.toml")
    prices = book.prices("speech", "gpt-4o-mini-tts")
    assert prices is not None
    expected = (3 * prices["input"] + 20 * prices["output"]) / Decimal(1_000_000)
    # The loopback server counts as self-hosted (free): price it as OpenAI would.
    assert book.cost(dataclasses.replace(reported[0], free=False)) == expected > 0
