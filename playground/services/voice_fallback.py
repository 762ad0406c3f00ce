"""WalkieTalkie: a voice conversation for servers without the Realtime API, built from the
pieces every tab already uses — record a turn (TranscriptionJob's recorder), transcribe it
(TranscriptionJob), answer it (api.engine.stream, Chat Completions) and speak the answer
(SpeechJob) — with the same transcript lines as the realtime session, so the same view shows
it. One turn at a time: hold to talk, release to send.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.model.types import ApiFailure, ChatMessage, ChatRequest, TextDelta, UsageReport
from playground.model.voice import REALTIME_RATE, TranscriptLine
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.usage.records import UsageRecord

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.services.speech_job import PcmSink


def _tr(text: str) -> str:
    return QCoreApplication.translate("WalkieTalkie", text)


def is_missing_realtime(failure: ApiFailure) -> bool:
    """The server has no Realtime API (a 404 for /realtime itself, or a handshake it did not
    accept) — not a realtime model it does not know."""
    from playground.model.types import FailureKind

    if failure.kind is FailureKind.UNSUPPORTED:
        return True
    return (failure.kind is FailureKind.NOT_FOUND and failure.status == 404
            and failure.code != "model_not_found" and "/realtime" in failure.message)


@dataclass(frozen=True)
class FallbackConfig:
    chat_model: str
    transcription_model: str
    speech_model: str
    voice: str
    instructions: str = ""
    input_device: str = ""
    output_device: str = ""


class TurnRecorder(Protocol):
    """Records one turn to a file (the real one: TranscriptionJob's FLAC recorder)."""

    async def start(self, device: str) -> bool: ...
    async def stop(self) -> Path | None: ...
    def level(self) -> float: ...


class JobRecorder:
    def __init__(self, job: Any) -> None:
        self._job = job

    async def start(self, device: str) -> bool:
        return await self._job.start_recording(device) is not None

    async def stop(self) -> Path | None:
        recording = await self._job.stop_recording()
        return None if recording is None else Path(recording.path)

    def level(self) -> float:
        recorder = self._job.recorder
        return -120.0 if recorder is None else float(recorder.level_dbfs)


class PlayerSink:
    """SpeechJob's sink over the streaming SpeechPlayer (no Qt: position is not needed)."""

    def __init__(self) -> None:
        self._player: Any = None
        self.level_dbfs = -120.0

    async def open(self, rate: int, device: str) -> Any:
        from playground.audio.player import SpeechPlayer

        player = SpeechPlayer(rate=rate, device=device)
        await asyncio.to_thread(player.start)
        self._player = player
        return player

    def feed(self, samples: np.ndarray) -> None:
        peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
        self.level_dbfs = 20 * float(np.log10(peak)) if peak > 1e-6 else -120.0
        if self._player is not None:
            self._player.feed(samples)

    def finish(self) -> None:
        if self._player is not None:
            self._player.finish()

    def stop(self) -> None:
        player, self._player = self._player, None
        if player is not None:
            player.stop()


class WalkieTalkie:
    def __init__(self, services: Services, config: FallbackConfig, *,
                 recorder: TurnRecorder | None = None, sink: PcmSink | None = None) -> None:
        from playground.services.speech_job import SpeechJob
        from playground.services.transcription_job import TranscriptionJob

        self._services = services
        self.config = config
        self._transcriber = TranscriptionJob(services)
        self._speaker = SpeechJob(services)
        self.recorder: TurnRecorder = recorder or JobRecorder(self._transcriber)
        self.sink: Any = sink or PlayerSink()
        self.lines: list[TranscriptLine] = []
        self.user_audio: list[Path] = []
        self.model_audio: list[np.ndarray] = []
        self._history: list[ChatMessage] = []
        self.recording = False
        self.busy = False
        self.line_changed = Emitter[[TranscriptLine]]()
        self.message = Emitter[[UserMessage]]()
        self.turn_done = Emitter[[]]()
        for job in (self._transcriber, self._speaker):
            job.message.connect(self._job_message)

    def _job_message(self, message: UserMessage) -> None:
        if message.severity >= 1:  # the jobs' progress notes are theirs; problems are ours
            self.message.emit(message)

    # ---- a turn ----
    async def begin_turn(self) -> bool:
        if self.busy or self.recording:
            return False
        self.sink.stop()  # talking over the answer silences it, as in the realtime session
        self.recording = await self.recorder.start(self.config.input_device)
        if self.recording:
            self.message.emit(UserMessage.info(_tr("Recording… release to send.")))
        return self.recording

    async def end_turn(self) -> None:
        if not self.recording:
            return
        self.recording = False
        path = await self.recorder.stop()
        if path is not None:
            await self.reply_to(path)

    async def reply_to(self, path: Path) -> None:
        """Transcribe the turn, ask the chat model, speak its answer."""
        from playground.api.transcription import TranscriptionRequest

        self.busy = True
        try:
            self.message.emit(UserMessage.info(_tr("Transcribing…")))
            result = await self._transcriber.transcribe(
                path, TranscriptionRequest(self.config.transcription_model))
            if result is None:
                return
            said = result.transcript.text.strip()
            if not said:
                self.message.emit(UserMessage.warning(_tr("Nothing was heard in that turn.")))
                return
            self.user_audio.append(path)
            self._add(TranscriptLine("user", _item(), said, done=True))
            answer = await self._answer(said)
            if answer:
                await self._speak(answer)
                self.message.emit(UserMessage.info(_tr("Your turn: hold to talk.")))
        finally:
            self.busy = False
            self.turn_done.emit()

    async def _answer(self, said: str) -> str:
        from playground.api import engine
        from playground.usage.self_hosted import is_self_hosted

        self._history.append(ChatMessage("user", said))
        system = [ChatMessage("system", self.config.instructions)] \
            if self.config.instructions.strip() else []
        line = TranscriptLine("assistant", _item())
        self._add(line)
        self.message.emit(UserMessage.info(_tr("Thinking…")))
        try:
            client = await self._services.api.client()
            request = ChatRequest(self.config.chat_model, [*system, *self._history])
            async for event in engine.stream(client, request):
                if isinstance(event, TextDelta) and event.index == 0:
                    line.text += event.text
                    self.line_changed.emit(line)
                elif isinstance(event, UsageReport):
                    usage = event.usage
                    self._services.usage.report(UsageRecord(
                        endpoint="chat", model=self.config.chat_model,
                        profile=client.profile.name, prompt_tokens=usage.prompt_tokens,
                        completion_tokens=usage.completion_tokens,
                        cached_tokens=usage.cached_tokens, estimated=usage.estimated,
                        free=is_self_hosted(client.profile.base_url), in_conversation=False))
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
        line.done = True
        self.line_changed.emit(line)
        if line.text:
            self._history.append(ChatMessage("assistant", line.text))
        return line.text

    async def _speak(self, text: str) -> None:
        from playground.api.speech import SpeechRequest

        request = SpeechRequest(self.config.speech_model, self.config.voice, text)
        self.message.emit(UserMessage.info(_tr("Speaking…")))
        spoken = await self._speaker.speak(request, split_long=True, sink=self.sink,
                                           device=self.config.output_device)
        if len(spoken.samples):
            self.model_audio.append(spoken.samples)

    def _add(self, line: TranscriptLine) -> None:
        self.lines.append(line)
        self.line_changed.emit(line)

    def stop(self) -> None:
        self.sink.stop()
        self._transcriber.close()
        self.recording = False

    def pcm(self) -> tuple[bytes, bytes]:
        """Both sides as PCM16 at 24 kHz, for the keeper's files."""
        from playground.audio import codecs

        def to_pcm(samples: np.ndarray) -> bytes:
            return bytes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())

        from playground.audio.formats import PCM_RATE

        # Turn by turn on one timeline: the user speaks, then the model answers.
        user, model = bytearray(), bytearray()
        for turn in range(max(len(self.user_audio), len(self.model_audio))):
            if turn < len(self.user_audio):
                try:
                    samples, rate = codecs.read_mono(self.user_audio[turn])
                except Exception:  # AudioError: a recording that cannot be read is left out
                    samples, rate = np.zeros(0, dtype=np.float32), REALTIME_RATE
                user.extend(bytes(max(0, len(model) - len(user))))
                user.extend(to_pcm(codecs.resample(samples, rate, REALTIME_RATE)))
            if turn < len(self.model_audio):
                model.extend(bytes(max(0, len(user) - len(model))))
                model.extend(to_pcm(codecs.resample(self.model_audio[turn], PCM_RATE,
                                                    REALTIME_RATE)))
        return bytes(user), bytes(model)


def _item() -> str:
    return f"turn_{uuid.uuid4().hex[:12]}"
