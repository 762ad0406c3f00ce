"""LiveTranscript: the words of a recording as it is made, widget-free.

The Transcription tab's recorder hands each block it wrote to `feed` (its writer thread);
the block is resampled to PCM16 24 kHz there and passed to the event loop, which streams it
to a Realtime transcription session (api.live_transcription). `changed` announces the text
so far: utterances already final, then the one still being transcribed. `finish()` commits
what is left, waits (briefly) for the last words and closes; the final text is kept beside
the recording (`<recording>.live.txt`), rewritten as each utterance becomes final, so a crash
keeps what was said.

The recording never depends on this: a server without the Realtime API, a refused key or a
dropped connection stop the words (with a message saying why), not the recording.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.model.types import ApiFailure
from playground.model.voice import (
    BYTES_PER_MS,
    InputCommitted,
    SpeechStopped,
    TranscriptionFailed,
    UserTranscriptDelta,
    UserTranscriptDone,
    VoiceError,
)
from playground.services.messages import Severity, UserMessage
from playground.services.observer import Emitter
from playground.usage.records import UsageRecord
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    from playground.api.client import ApiClient
    from playground.api.realtime import RealtimeSession
    from playground.services.container import Services

FINISH_TIMEOUT = 8.0  # seconds to wait for the last words after the recording stopped
MIN_COMMIT_MS = 100  # the server refuses to commit less audio than this
SEND_CHUNK_MS = 100  # audio is sent in ~100 ms messages: fewer, larger WebSocket frames


def _tr(text: str) -> str:
    return QCoreApplication.translate("LiveTranscript", text)


def sidecar(recording: Path) -> Path:
    """Where a recording's live transcript is kept."""
    return recording.with_name(recording.stem + ".live.txt")


class LiveTranscript:
    def __init__(self, services: Services, model: str, language: str = "") -> None:
        self.services = services
        self.model = model
        self.language = language
        self.changed: Emitter[[str, str]] = Emitter()  # final text, text being transcribed
        self.message: Emitter[[UserMessage]] = Emitter()
        self.path: Path | None = None  # the sidecar file, once the recording is known
        self._session: RealtimeSession | None = None
        self._client: ApiClient | None = None
        self._order: list[str] = []  # item ids in the order they were first heard
        self._final: dict[str, str] = {}
        self._partial: dict[str, str] = {}
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._sent_ms = 0.0  # audio sent, in ms
        self._committing = False  # finish() committed the rest: its item is awaited
        # Utterances the server's VAD ended whose commit has not arrived yet: a commit that
        # arrives then is theirs, not finish()'s (the server sends speech_stopped first).
        self._vad_cuts = 0
        self._all_final = asyncio.Event()
        self._all_final.set()
        self.failed = False

    # ------------------------------------------------------------------ state
    @property
    def active(self) -> bool:
        return self._session is not None and not self._session.closed

    @property
    def text(self) -> str:
        """Every final utterance, in order, one per line."""
        return "\n".join(self._final[i] for i in self._order if self._final.get(i, "").strip())

    @property
    def pending(self) -> str:
        return " ".join(self._partial[i] for i in self._order
                        if i not in self._final and self._partial.get(i))

    # ------------------------------------------------------------------ life
    async def start(self, recording: Path) -> bool:
        """Open the session; False (and a message) when live words are not possible."""
        from playground.api.live_transcription import open_live_transcription

        self.path = sidecar(recording)
        self._loop = asyncio.get_running_loop()
        try:
            self._client = await self.services.api.client()
            self._session = await open_live_transcription(self._client, self.model,
                                                          self.language)
        except ApiFailure as failure:
            self._fail(failure)
            return False
        self._tasks = [asyncio.ensure_future(self._send_loop()),
                       asyncio.ensure_future(self._receive_loop())]
        return True

    def feed(self, samples: np.ndarray, rate: int) -> None:
        """A block the recorder wrote (its writer thread): on to the loop as PCM16 24 kHz."""
        loop = self._loop
        if loop is None or self.failed:
            return
        from playground.audio.voice_io import to_pcm16

        pcm = to_pcm16(samples, rate)
        with contextlib.suppress(RuntimeError):  # the loop closed: the app is quitting
            loop.call_soon_threadsafe(self._queue.put_nowait, pcm)

    async def finish(self, timeout: float = FINISH_TIMEOUT) -> str:
        """The recording stopped: send what is queued, have the rest transcribed, wait for
        the last words (at most `timeout`), close. Returns the final text."""
        session = self._session
        if session is not None and not session.closed and not self.failed:
            self._queue.put_nowait(None)  # the send loop ends after the queued audio
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._tasks[0]), timeout)
            # Whatever the server has not cut into an utterance yet becomes one. Whether
            # anything is left cannot be known here (its cuts arrive late), so commit
            # whenever audio was sent; an empty buffer only earns a harmless error.
            if self._sent_ms >= MIN_COMMIT_MS:
                self._all_final.clear()
                self._committing = True
                with contextlib.suppress(ApiFailure):
                    await session.commit(respond=False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._all_final.wait(), timeout)
        await self.close()
        return self.text

    async def close(self) -> None:
        session, self._session = self._session, None
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(BaseException):
                await task
        self._tasks = []
        if session is not None:
            await session.close()
        if self.pending:  # words never made final: keep them rather than lose them
            for item in self._order:
                if item not in self._final and self._partial.get(item):
                    self._final[item] = self._partial[item]
            await self._save()

    # ------------------------------------------------------------------ loops
    async def _send_loop(self) -> None:
        session = self._session
        assert session is not None
        chunk = SEND_CHUNK_MS * BYTES_PER_MS
        waiting = bytearray()
        while True:
            pcm = await self._queue.get()
            if pcm is not None:
                waiting.extend(pcm)
            if waiting and (pcm is None or len(waiting) >= chunk or (self._queue.empty()
                            and len(waiting) >= chunk // 2)):
                data, waiting = bytes(waiting), bytearray()
                self._sent_ms += len(data) / BYTES_PER_MS
                try:
                    await session.append(data)
                except ApiFailure as failure:
                    self._fail(failure)
                    return
            if pcm is None:
                return

    async def _receive_loop(self) -> None:
        session = self._session
        assert session is not None
        try:
            async for event in session.events():
                if isinstance(event, UserTranscriptDelta):
                    self._heard(event.item_id)
                    self._partial[event.item_id] = self._partial.get(event.item_id, "") + \
                        event.text
                    self._all_final.clear()
                    self._announce()
                elif isinstance(event, UserTranscriptDone):
                    self._heard(event.item_id)
                    self._final[event.item_id] = event.text.strip()
                    self._report(event)
                    await self._save()
                    self._announce()
                elif isinstance(event, TranscriptionFailed):
                    self._final.setdefault(event.item_id, self._partial.get(event.item_id, ""))
                    self.message.emit(UserMessage.warning(
                        _tr("Part of the live transcript is missing: %1")
                        .replace("%1", event.message)))
                    self._announce()
                elif isinstance(event, VoiceError):
                    if event.failure.code == "input_audio_buffer_commit_empty":
                        self._committing = False  # nothing was left: no item to wait for
                    else:
                        self.message.emit(UserMessage.api_failure(event.failure))
                elif isinstance(event, SpeechStopped):
                    self._vad_cuts += 1  # the server commits this utterance itself, next
                elif isinstance(event, InputCommitted):
                    self._heard(event.item_id)  # its words are awaited from now on
                    if self._vad_cuts:  # the server's own cut, not finish()'s commit
                        self._vad_cuts -= 1
                    else:
                        self._committing = False
                if not self._committing and all(i in self._final for i in self._order):
                    self._all_final.set()
        except ApiFailure as failure:
            self._fail(failure)

    # ------------------------------------------------------------------ helpers
    def _heard(self, item_id: str) -> None:
        if item_id not in self._order:
            self._order.append(item_id)

    def _announce(self) -> None:
        self.changed.emit(self.text, self.pending)

    def _fail(self, failure: ApiFailure) -> None:
        """Live words stop; the recording goes on. Said once, with the server's reason."""
        self.failed = True
        self._all_final.set()
        frame = _tr("No live transcript: %1 The recording goes on; transcribe it when you "
                    "stop.")
        self.message.emit(UserMessage(Severity.WARNING, frame.replace("%1", failure.message),
                                      failure.message, failure=failure, frame=frame))

    async def _save(self) -> None:
        path, text = self.path, self.text
        if path is None:
            return
        try:
            await asyncio.to_thread(path.write_text, text + "\n" if text else "", "utf-8")
        except OSError as exc:
            self.message.emit(UserMessage.error(
                _tr("Could not save the live transcript %1: %2").replace("%1", path.name)
                .replace("%2", str(exc.strerror or exc))))

    def _report(self, done: UserTranscriptDone) -> None:
        client = self._client
        if client is None or not (done.audio_seconds or done.input_tokens):
            return
        self.services.usage.report(UsageRecord(
            endpoint="transcription", model=self.model, profile=client.profile.name,
            audio_seconds=done.audio_seconds, prompt_tokens=done.input_tokens,
            completion_tokens=done.output_tokens,
            free=is_self_hosted(client.profile.base_url)))
