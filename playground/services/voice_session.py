"""VoiceSession: a spoken conversation with a realtime model, widget-free.

Joins `api.realtime` with the audio layer: microphone blocks (PortAudio thread) are handed to
the loop with call_soon_threadsafe and appended; the model's audio goes to the VoiceOutput;
when the user starts speaking over a reply, playback stops at once and the reply is truncated
at the ms that were heard. Transcripts are kept as lines (a dropped connection keeps them),
usage is summed and priced (text and audio apart) and the session ends itself at the cap.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from playground.api.client import ApiClient
from playground.api.realtime import RealtimeSession, open_realtime
from playground.audio.errors import AudioError
from playground.model.types import ApiFailure
from playground.model.voice import (
    AssistantTranscriptDelta,
    AssistantTranscriptDone,
    AudioChunk,
    FunctionCallRequest,
    RateLimitsUpdated,
    ResponseFinished,
    SpeechStarted,
    TranscriptLine,
    UserTranscriptDelta,
    UserTranscriptDone,
    VoiceConfig,
    VoiceError,
    VoiceEvent,
    VoiceUsage,
)
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.usage.voice_pricing import VoiceCost, voice_cost


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceSession", text)


# How often the devices are looked at. PortAudio tells of a lost device only by ending the
# stream, and through PulseAudio not even that: the microphone's stream runs on with zeros.
WATCH_SECONDS = 0.5
SILENT_SECONDS = 5.0  # the microphone gave exact zeros this long: muted or gone


class Output(Protocol):
    """Where the model's speech plays (audio.voice_io.VoiceOutput)."""

    current_item: str | None

    def prepare(self) -> None: ...
    def feed(self, item_id: str, pcm: bytes) -> None: ...
    def finish(self) -> None: ...
    def played_ms(self, item_id: str) -> int: ...
    @property
    def playing(self) -> bool: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


class Microphone(Protocol):
    muted: bool

    def start(self) -> None: ...
    def stop(self) -> None: ...


MicFactory = Callable[[Callable[[bytes], None]], Microphone]


class VoiceSession:
    def __init__(self, client: Callable[[], Awaitable[ApiClient]], *,
                 output: Output | None = None, microphone: MicFactory | None = None,
                 budget: Decimal | None = None) -> None:
        self._client = client
        self._output = output
        self._mic_factory = microphone
        self.budget = budget
        self.lines: list[TranscriptLine] = []
        self.usage = VoiceUsage()
        self.cost = VoiceCost(Decimal(0), Decimal(0))
        self.config = VoiceConfig()
        self.interruptions: list[tuple[str, int]] = []  # (item, heard ms)
        self.stopped_audio_at: float | None = None  # loop time playback was cut (bench)
        self._rt: RealtimeSession | None = None
        self._mic: Microphone | None = None
        self._task: asyncio.Task[None] | None = None
        self._sender: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._output_failed = False
        self._pcm: asyncio.Queue[bytes] = asyncio.Queue()
        self._talking = False  # push-to-talk held
        # events
        self.started = Emitter[[]]()
        self.ended = Emitter[[str]]()  # why: "stopped" | "budget" | "failed"
        self.line_changed = Emitter[[TranscriptLine]]()
        self.usage_changed = Emitter[[VoiceUsage, VoiceCost]]()
        self.function_called = Emitter[[FunctionCallRequest]]()
        self.event = Emitter[[VoiceEvent]]()  # every api event, for views and benchmarks
        self.message = Emitter[[UserMessage]]()

    # ---- control (event loop) ----
    async def start(self, config: VoiceConfig) -> bool:
        """Connect and start listening. False (and a message) when that failed."""
        self.config = config
        loop = asyncio.get_running_loop()
        try:
            client = await self._client()
            self._rt = await open_realtime(client, config)
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            return False
        try:
            if self._output is not None:
                self._output.prepare()
            if self._mic_factory is not None:
                def hand_over(pcm: bytes) -> None:  # PortAudio thread -> the loop
                    loop.call_soon_threadsafe(self._pcm.put_nowait, pcm)

                self._mic = self._mic_factory(hand_over)
                self._mic.muted = config.push_to_talk  # push-to-talk: silent until held
                self._mic.start()
        except AudioError as exc:
            await self._rt.close()
            self._rt = None
            self.message.emit(UserMessage.error(str(exc)))
            return False
        self._sender = asyncio.create_task(self._send_loop())
        self._task = asyncio.create_task(self._receive_loop())
        self._watcher = asyncio.create_task(self._watch_devices())
        self.started.emit()
        return True

    async def stop(self, why: str = "stopped") -> None:
        rt, self._rt = self._rt, None
        if rt is None:
            return
        if self._mic is not None:
            self._mic.stop()
        if self._output is not None:
            self._output.close()
        for task in (self._sender, self._task, self._watcher):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        await rt.close()
        self.ended.emit(why)

    def feed(self, pcm: bytes) -> None:
        """Microphone audio from the loop's thread (what the mic callback schedules)."""
        self._pcm.put_nowait(pcm)

    def set_muted(self, muted: bool) -> None:
        if self._mic is not None:
            self._mic.muted = muted

    async def talk(self, held: bool) -> None:
        """Push-to-talk: pressed starts a fresh turn, released commits it and asks."""
        if self._rt is None:
            return
        self._talking = held
        if held:
            self._interrupt_playback()
            await self._rt.clear_input()
        else:
            await self._drain()  # what the microphone gave before the release is the turn's
            if self._rt is not None and self._rt.bytes_appended:
                await self._rt.commit()
        self.set_muted(not held)

    async def answer_function(self, call_id: str, output: str) -> None:
        if self._rt is not None:
            await self._rt.send_function_result(call_id, output)
            self._line("function", call_id, output, done=True)

    @property
    def speaking(self) -> bool:
        """The model's speech is still playing (it plays on after its last delta arrived)."""
        return self._output is not None and self._output.playing

    @property
    def active(self) -> bool:
        return self._rt is not None

    # ---- loops ----
    async def _send_loop(self) -> None:
        while self._rt is not None:
            pcm = await self._pcm.get()
            await self._drain(first=pcm)

    async def _drain(self, first: bytes = b"") -> None:
        chunks = [first]
        while not self._pcm.empty():
            chunks.append(self._pcm.get_nowait())
        if self._rt is not None:
            try:
                await self._rt.append(b"".join(chunks))
            except ApiFailure:
                pass  # the receive loop reports the drop

    async def _receive_loop(self) -> None:
        rt = self._rt
        assert rt is not None
        try:
            async for event in rt.events():
                await self._handle(rt, event)
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            asyncio.get_running_loop().call_soon(
                lambda: asyncio.ensure_future(self.stop("failed")))
            return
        asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(self.stop()))

    async def _handle(self, rt: RealtimeSession, event: VoiceEvent) -> None:
        if isinstance(event, SpeechStarted):
            heard = self._interrupt_playback()
            if heard is not None:
                await rt.interrupt(*heard)
        elif isinstance(event, AudioChunk):
            if self._output is not None and not self._output_failed:
                try:
                    self._output.feed(event.item_id, event.pcm)
                except AudioError as exc:  # the reply's player could not open: gone
                    self._speaker_failed(exc)
        elif isinstance(event, UserTranscriptDelta | AssistantTranscriptDelta):
            role = "user" if isinstance(event, UserTranscriptDelta) else "assistant"
            self._line(role, event.item_id, event.text)
        elif isinstance(event, UserTranscriptDone | AssistantTranscriptDone):
            role = "user" if isinstance(event, UserTranscriptDone) else "assistant"
            self._line(role, event.item_id, event.text, done=True, replace=True)
        elif isinstance(event, FunctionCallRequest):
            self._line("function", event.item_id, f"{event.name}({event.arguments})",
                       done=True)
            self.function_called.emit(event)
        elif isinstance(event, ResponseFinished):
            if self._output is not None and event.status == "completed":
                self._output.finish()
            await self._add_usage(event.usage)
        elif isinstance(event, VoiceError):
            self.message.emit(UserMessage.api_failure(event.failure))
        elif isinstance(event, RateLimitsUpdated):
            pass
        self.event.emit(event)

    def _speaker_failed(self, exc: AudioError) -> None:
        self._output_failed = True
        name = getattr(self._output, "device_name", "") or _tr("default")
        self.message.emit(UserMessage.error(
            _tr("The speaker “%1” could not play the reply: it may have been unplugged or "
                "taken by another app. The voice session was ended; its transcript is kept.")
            .replace("%1", name), detail=str(exc)))
        asyncio.get_running_loop().call_soon(
            lambda: asyncio.ensure_future(self.stop("failed")))

    async def _watch_devices(self) -> None:
        """Tell the user when the microphone was lost (the session ends) or has given
        nothing but exact zeros for SILENT_SECONDS (muted or gone: a warning, once until
        sound comes back)."""
        warned = False
        while self._rt is not None:
            await asyncio.sleep(WATCH_SECONDS)
            mic = self._mic
            if mic is None:
                continue
            device = getattr(mic, "device", None)
            name = getattr(device, "name", "") or _tr("default")
            if getattr(mic, "lost", False):
                self.message.emit(UserMessage.error(
                    _tr("The microphone “%1” stopped working: it may have been unplugged or "
                        "taken by another app. The voice session was ended; its transcript "
                        "is kept.").replace("%1", name)))
                await self.stop("failed")
                return
            silent = float(getattr(mic, "silent_seconds", 0.0))
            if silent >= SILENT_SECONDS and not warned:
                warned = True
                self.message.emit(UserMessage.warning(
                    _tr("The microphone “%1” has given no sound at all for %2 seconds: it may "
                        "be muted, unplugged or used by another app.")
                    .replace("%1", name).replace("%2", f"{SILENT_SECONDS:g}")))
            elif silent < WATCH_SECONDS:  # sound again: warn again if it stops
                warned = False

    def _interrupt_playback(self) -> tuple[str, int] | None:
        """Silence the reply now; (item, heard ms) when one was playing."""
        output = self._output
        if output is None or not output.playing or output.current_item is None:
            return None
        item = output.current_item
        heard = output.played_ms(item)
        output.stop()
        self.stopped_audio_at = asyncio.get_running_loop().time()
        self.interruptions.append((item, heard))
        for line in self.lines:
            if line.item_id == item:
                line.truncated_at_ms = heard
                self.line_changed.emit(line)
        with contextlib.suppress(AudioError):
            output.prepare()
        return item, heard

    def _line(self, role: str, item_id: str, text: str, done: bool = False,
              replace: bool = False) -> None:
        line = next((x for x in self.lines if x.item_id == item_id and x.role == role), None)
        if line is None:
            line = TranscriptLine(role, item_id)
            self.lines.append(line)
        line.text = text if replace else line.text + text
        line.done = line.done or done
        self.line_changed.emit(line)

    async def _add_usage(self, usage: VoiceUsage) -> None:
        self.usage = self.usage + usage
        self.cost = await asyncio.to_thread(voice_cost, self.config.model, self.usage)
        self.usage_changed.emit(self.usage, self.cost)
        if self.budget is not None and self.cost.known and self.cost.total >= self.budget:
            self.message.emit(UserMessage.warning(
                _tr("The voice session was ended: it cost $%1 (audio $%2, text $%3), "
                    "reaching its cap of $%4.")
                .replace("%1", f"{self.cost.total:.4f}").replace("%2", f"{self.cost.audio:.4f}")
                .replace("%3", f"{self.cost.text:.4f}").replace("%4", f"{self.budget:.2f}")))
            asyncio.get_running_loop().call_soon(
                lambda: asyncio.ensure_future(self.stop("budget")))


def default_audio(device_in: str = "", device_out: str = "") -> dict[str, Any]:
    """The real microphone and speaker for VoiceSession(**default_audio())."""
    from playground.audio.voice_io import MicStream, VoiceOutput

    return {"output": VoiceOutput(device_out),
            "microphone": lambda on_pcm: MicStream(on_pcm, device_in)}
