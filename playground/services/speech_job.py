"""SpeechJob: the Speech tab's work, widget-free — speak a text, keep the clip, save it.

Speaking checks the text, splits long text at sentence ends, opens the output device (a
missing one is a warning: the download goes on so the clip is still kept), streams PCM from
the API into the player chunk by chunk, reports the usage per request and stores what
arrived (even when cut) in the clip history. Models that stream SSE report their token
usage at the end; it is what the request is billed by. The tab draws the waveform from `chunk` and
shows `message`; playback itself stays with the tab's player, passed in as a `PcmSink`.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.api.speech import INPUT_LIMIT, SpeechRequest, SpeechUsage
from playground.audio import codecs
from playground.audio.clips import Clip, ClipHistory
from playground.audio.errors import AudioError
from playground.audio.formats import PCM_RATE
from playground.audio.textsplit import split_for_speech
from playground.model.types import ApiFailure
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.usage.records import UsageRecord
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    from playground.services.container import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("SpeechJob", text)


def clip_directory() -> Path:
    from playground.storage.paths import media_dir

    return media_dir() / "speech"


class PcmSink(Protocol):
    """Where the speech plays: the tab's player (a QObject with a position timer)."""

    async def open(self, rate: int, device: str) -> Any: ...
    def feed(self, samples: np.ndarray) -> None: ...
    def finish(self) -> None: ...
    def stop(self) -> None: ...


@dataclass
class Spoken:
    """What one Speak produced: the samples that arrived, whole or cut, and the kept clip."""

    samples: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    complete: bool = False
    clip: Clip | None = None
    device_problem: str = ""  # the speaker could not be opened: the clip was still kept


def check_text(text: str, split_long: bool) -> str | None:
    """Why this text cannot be spoken as asked, or None."""
    if not text.strip():
        return _tr("There is no text to speak. Type something first.")
    if len(text) > INPUT_LIMIT and not split_long:
        return (_tr("The text has %1 characters; one request takes at most %2. Turn on "
                    "“Split long text” or shorten it.")
                .replace("%1", f"{len(text):,}").replace("%2", f"{INPUT_LIMIT:,}"))
    return None


class SpeechJob:
    def __init__(self, services: Services, history: ClipHistory | None = None) -> None:
        self.services = services
        self._history = history
        self.message: Emitter[[UserMessage]] = Emitter()
        self.chunk: Emitter[[np.ndarray]] = Emitter()  # samples as they arrive (waveform)

    async def speak(self, request: SpeechRequest, *, split_long: bool, sink: PcmSink,
                    device: str) -> Spoken:
        """request.input is the whole text; raises CancelledError when stopped (the part
        that arrived is kept first)."""
        spoken = Spoken()
        problem = check_text(request.input, split_long)
        if problem is not None:
            self.message.emit(UserMessage.error(problem))
            return spoken
        text = request.input
        pieces = split_for_speech(text) if len(text) > INPUT_LIMIT else [text]
        self.message.emit(UserMessage.info(_tr("Connecting…")))
        received: list[np.ndarray] = []
        try:
            client = await self.services.api.client()
            from playground.api.speech import stream_speech  # imports the SDK: after the client

            try:
                await sink.open(PCM_RATE, device)
            except AudioError as exc:
                spoken.device_problem = _tr("%1 The clip will still be saved.").replace(
                    "%1", str(exc))
                self.message.emit(UserMessage.warning(spoken.device_problem))
            for i, piece in enumerate(pieces):
                part = SpeechRequest(request.model, request.voice, piece, request.speed,
                                     request.instructions)
                if len(pieces) > 1:
                    note = (_tr("Part %1 of %2…").replace("%1", str(i + 1))
                            .replace("%2", str(len(pieces))))
                    self.message.emit(UserMessage.info(
                        f"{spoken.device_problem} {note}".strip()))
                usage: SpeechUsage | None = None
                async for item in stream_speech(client, part):
                    if isinstance(item, SpeechUsage):
                        usage = item
                        continue
                    samples = codecs.pcm16_to_float(item)
                    received.append(samples)
                    sink.feed(samples)
                    self.chunk.emit(samples)
                # Tokens when the SSE stream reported them (priced per token), else the
                # characters (tts-1 and tts-1-hd are priced per character).
                self.services.usage.report(UsageRecord(
                    endpoint="speech", model=part.model, profile=client.profile.name,
                    characters=len(piece),
                    prompt_tokens=usage.input_tokens if usage else 0,
                    completion_tokens=usage.output_tokens if usage else 0,
                    free=is_self_hosted(client.profile.base_url)))
            spoken.complete = True
            sink.finish()
        except ApiFailure as failure:
            sink.finish()  # play what arrived
            self.message.emit(UserMessage.api_failure(failure))
        except asyncio.CancelledError:
            sink.stop()
            self.message.emit(UserMessage.info(_tr("Stopped.")))
            raise
        finally:
            spoken.samples = np.concatenate(received) if received else spoken.samples
            if len(spoken.samples):
                with contextlib.suppress(asyncio.CancelledError):
                    spoken.clip = await asyncio.shield(self._keep(request, spoken))
        return spoken

    async def _keep(self, request: SpeechRequest, spoken: Spoken) -> Clip | None:
        history = await self.history()
        if history is None:
            return None
        try:
            return await asyncio.to_thread(
                history.add, spoken.samples, PCM_RATE, text=request.input, model=request.model,
                voice=request.voice, speed=request.speed, instructions=request.instructions,
                complete=spoken.complete)
        except (AudioError, OSError) as exc:
            self.message.emit(UserMessage.error(
                _tr("The clip could not be kept: %1").replace("%1", str(exc))))
            return None

    # ------------------------------------------------------------------ the clip history
    async def history(self) -> ClipHistory | None:
        if self._history is None:
            try:
                self._history = ClipHistory(await asyncio.to_thread(clip_directory))
            except Exception as exc:  # StorageUnavailable: its message names the folder
                self.message.emit(UserMessage.error(str(exc)))
                return None
        return self._history

    async def clips(self) -> list[Clip]:
        history = await self.history()
        return [] if history is None else await asyncio.to_thread(history.clips)

    async def load(self, clip: Clip) -> np.ndarray | None:
        """The clip's samples at the player's rate, or None (and a message) if unreadable."""
        if self._history is None:
            return None
        try:
            samples, rate = await asyncio.to_thread(codecs.read_mono,
                                                    self._history.path_of(clip))
        except AudioError as exc:
            self.message.emit(UserMessage.error(str(exc)))
            return None
        return codecs.resample(samples, rate, PCM_RATE)

    async def remove(self, clip: Clip) -> None:
        if self._history is not None:
            await asyncio.to_thread(self._history.remove, clip.id)

    async def save(self, samples: np.ndarray, path: str) -> Path | None:
        """Encode to the file's format (libsndfile); None and a message when it fails."""
        try:
            saved = await asyncio.to_thread(codecs.save, samples, PCM_RATE, path)
        except AudioError as exc:
            self.message.emit(UserMessage.error(str(exc)))
            return None
        self.message.emit(UserMessage.info(_tr("Saved %1.").replace("%1", saved.name)))
        return saved
