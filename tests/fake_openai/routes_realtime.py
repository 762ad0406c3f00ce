"""GET /v1/realtime: a loopback Realtime API speaking the SDK's own event types.

Server events are built as the SDK's pydantic models and sent with `.to_json()`. The model's
speech is a known tone (RealtimeScript.tone_hz) so tests can find it by FFT at the speaker;
what the client appended is kept (RealtimeLog.audio) so tests can FFT the microphone's side.
Server VAD is a plain energy detector over the appended PCM16, so a tone played into the fake
microphone starts and ends a turn as speech would.

Options: `fake.state["realtime"] = RealtimeScript(...)`; what each connection received:
`realtime_logs(fake)`. Faults: a 401 via fake.valid_keys or Fault(path="/realtime"), an
unknown model (error event model_not_found, then close), `drop_after_deltas` (the connection
vanishes mid-reply).
"""

from __future__ import annotations

import base64
import json
import threading
import time
import typing
import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from openai.types.realtime import (
    AudioTranscription,
    ConversationItemAdded,
    ConversationItemInputAudioTranscriptionCompletedEvent,
    ConversationItemInputAudioTranscriptionDeltaEvent,
    ConversationItemTruncatedEvent,
    InputAudioBufferCommittedEvent,
    InputAudioBufferSpeechStartedEvent,
    InputAudioBufferSpeechStoppedEvent,
    RateLimitsUpdatedEvent,
    RealtimeErrorEvent,
    RealtimeResponse,
    RealtimeSessionCreateRequest,
    RealtimeTranscriptionSessionCreateRequest,
    ResponseAudioDeltaEvent,
    ResponseAudioDoneEvent,
    ResponseAudioTranscriptDeltaEvent,
    ResponseAudioTranscriptDoneEvent,
    ResponseCreatedEvent,
    ResponseDoneEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    SessionCreatedEvent,
    SessionUpdatedEvent,
)
from pydantic import BaseModel

from tests.fake_openai.server import Exchange, route
from tests.fake_openai.websocket import ServerWebSocket

RATE = 24_000
# The transcription models the SDK names (AudioTranscription.model's Literal).
TRANSCRIPTION_MODELS = frozenset(name for part in typing.get_args(
    AudioTranscription.model_fields["model"].annotation)
    for name in typing.get_args(part) if isinstance(name, str))
# The models the SDK names for a realtime session (its Literal): any other is "unknown".
MODELS = frozenset(name for part in typing.get_args(
    RealtimeSessionCreateRequest.model_fields["model"].annotation)
    for name in typing.get_args(part) if isinstance(name, str))


@dataclass
class RealtimeScript:
    transcript: str = "Hello! I am the fake realtime model."
    user_transcript: str = "hello there"
    tone_hz: float = 440.0
    tone_seconds: float = 1.0
    chunk_ms: int = 100
    pace: float = 0.02  # seconds between audio deltas (faster than real time, as OpenAI)
    function_call: tuple[str, str] | None = None  # (name, JSON arguments) on the 1st turn
    drop_after_deltas: int | None = None
    vad_threshold: float = 0.02  # RMS of a 20 ms window that counts as speech
    vad_silence_ms: int = 300


@dataclass
class RealtimeLog:
    """What one connection received (client events in order, appended audio)."""

    model: str
    headers: dict[str, str]
    events: list[dict[str, Any]] = field(default_factory=list)
    audio: bytearray = field(default_factory=bytearray)
    first_delta_at: list[float] = field(default_factory=list)  # perf_counter per response
    cancelled_at: list[float] = field(default_factory=list)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in list(self.events) if e.get("type") == kind]

    def samples(self) -> np.ndarray:
        return np.frombuffer(bytes(self.audio), dtype="<i2").astype(np.float32) / 32768


def realtime_logs(fake: Any) -> list[RealtimeLog]:
    logs: list[RealtimeLog] = fake.state.setdefault("realtime_logs", [])
    return logs


def _eid() -> str:
    return f"event_{uuid.uuid4().hex[:16]}"


def _id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


def tone_chunk(start: int, count: int, hz: float) -> bytes:
    t = (np.arange(start, start + count)) / RATE
    return (0.4 * np.sin(2 * np.pi * hz * t) * 32767).astype("<i2").tobytes()


class _Conversation:
    def __init__(self, ws: ServerWebSocket, script: RealtimeScript, log: RealtimeLog) -> None:
        self.ws, self.script, self.log = ws, script, log
        self.session: dict[str, Any] = {"type": "realtime", "model": log.model,
                                        "output_modalities": ["audio"]}
        self.turn: dict[str, Any] | None = {"type": "server_vad"}
        self.transcribe = False
        self.transcription_only = False  # intent=transcription: words, never replies
        self.streamed_words: list[str] = []  # gpt-realtime-whisper: words sent so far
        self.loud_ms = 0
        self.speech_in_buffer = False  # a commit of silence transcribes to ""
        self.buffer_ms = 0  # where the input buffer's audio has reached
        self.item_id = _id("item")
        self.speaking = False
        self.silent_ms = 0
        self.turns = 0
        self.responding: threading.Event | None = None  # set: cancel the reply
        self.responder: threading.Thread | None = None
        self.dropped = False

    def send(self, event: BaseModel) -> None:
        self.ws.send_text(event.to_json(indent=None))  # type: ignore[attr-defined]

    def session_model(self) -> RealtimeSessionCreateRequest | \
            RealtimeTranscriptionSessionCreateRequest:
        if self.transcription_only:
            return RealtimeTranscriptionSessionCreateRequest.model_validate(self.session)
        return RealtimeSessionCreateRequest.model_validate(self.session)

    # ---- client events ----
    def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "session.update" and self.transcription_only:
            self._update_transcription(event.get("session") or {})
        elif kind == "session.update":
            update = event.get("session") or {}
            self.session.update({k: v for k, v in update.items() if k != "audio"})
            audio_in = (update.get("audio") or {}).get("input") or {}
            if "turn_detection" in audio_in:
                self.turn = audio_in["turn_detection"]
            self.transcribe = bool(audio_in.get("transcription"))
            self.session["audio"] = update.get("audio") or {}
            self.send(SessionUpdatedEvent(type="session.updated", event_id=_eid(),
                                          session=self.session_model()))
        elif kind == "input_audio_buffer.append":
            pcm = base64.b64decode(event.get("audio", ""))
            self.log.audio.extend(pcm)
            self._vad(pcm)
        elif kind == "input_audio_buffer.commit":
            self._commit(respond=False)
        elif kind == "input_audio_buffer.clear":
            self.buffer_ms = 0
        elif kind == "response.create":
            self._respond()
        elif kind == "response.cancel":
            self.log.cancelled_at.append(time.perf_counter())
            if self.responding is not None and not self.responding.is_set():
                self.responding.set()
            else:
                self._error("invalid_request_error", "response_cancel_not_active",
                            "Cancellation failed: no active response found")
        elif kind == "conversation.item.truncate":
            self.send(ConversationItemTruncatedEvent(
                type="conversation.item.truncated", event_id=_eid(),
                item_id=event["item_id"], content_index=event.get("content_index", 0),
                audio_end_ms=event["audio_end_ms"]))
        elif kind == "conversation.item.create":
            item = dict(event.get("item") or {})
            item.setdefault("id", _id("item"))
            self.send(ConversationItemAdded.model_validate(
                {"type": "conversation.item.added", "event_id": _eid(), "item": item}))

    def _update_transcription(self, update: dict[str, Any]) -> None:
        audio_in = (update.get("audio") or {}).get("input") or {}
        model = (audio_in.get("transcription") or {}).get("model", "")
        if model not in TRANSCRIPTION_MODELS:
            self._error("invalid_request_error", "invalid_model",
                        f"Invalid transcription model `{model}`.")
            self.ws.close(1008, "invalid_model")
            return
        self.turn = audio_in.get("turn_detection")
        self.transcribe = True
        self.session = {"type": "transcription", "audio": {"input": audio_in}}
        self.send(SessionUpdatedEvent(type="session.updated", event_id=_eid(),
                                      session=self.session_model()))

    def _stream_words(self, loud: bool) -> None:
        """gpt-realtime-whisper (no VAD): a word per 400 ms of speech, as it is heard."""
        if not loud:
            return
        self.loud_ms += 20
        if self.loud_ms % 400:
            return
        words = self.script.user_transcript.split(" ")
        word = words[len(self.streamed_words) % len(words)]
        self.send(ConversationItemInputAudioTranscriptionDeltaEvent(
            type="conversation.item.input_audio_transcription.delta", event_id=_eid(),
            item_id=self.item_id, content_index=0,
            delta=word if not self.streamed_words else " " + word))
        self.streamed_words.append(word)

    def _error(self, type_: str, code: str, message: str) -> None:
        self.send(RealtimeErrorEvent.model_validate({"type": "error", "event_id": _eid(),
                  "error": {"type": type_, "code": code, "message": message}}))

    # ---- voice activity: 20 ms windows of RMS ----
    def _vad(self, pcm: bytes) -> None:
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768
        window = RATE // 50
        for start in range(0, len(samples) - window + 1, window):
            self.buffer_ms += 20
            loud = float(np.sqrt(np.mean(samples[start:start + window] ** 2)))
            self.speech_in_buffer |= loud >= self.script.vad_threshold
            if self.turn is None:
                if self.transcription_only:
                    self._stream_words(loud >= self.script.vad_threshold)
                continue
            if loud >= self.script.vad_threshold:
                self.silent_ms = 0
                if not self.speaking:
                    self.speaking = True
                    self.send(InputAudioBufferSpeechStartedEvent(
                        type="input_audio_buffer.speech_started", event_id=_eid(),
                        item_id=self.item_id, audio_start_ms=self.buffer_ms - 20))
                    if self.responding is not None and self.turn.get(
                            "interrupt_response", True):
                        self.responding.set()
            elif self.speaking:
                self.silent_ms += 20
                if self.silent_ms >= self.script.vad_silence_ms:
                    self.speaking = False
                    self.send(InputAudioBufferSpeechStoppedEvent(
                        type="input_audio_buffer.speech_stopped", event_id=_eid(),
                        item_id=self.item_id, audio_end_ms=self.buffer_ms))
                    self._commit(respond=not self.transcription_only
                                 and self.turn.get("create_response", True))

    def _commit(self, respond: bool) -> None:
        if self.transcription_only and self.buffer_ms < 100:
            self._error("invalid_request_error", "input_audio_buffer_commit_empty",
                        "Error committing input audio buffer: buffer too small. Expected "
                        "at least 100ms of audio, but buffer only has "
                        f"{self.buffer_ms}.00ms of audio.")
            return
        item_id, self.item_id = self.item_id, _id("item")
        self.send(InputAudioBufferCommittedEvent(type="input_audio_buffer.committed",
                                                 event_id=_eid(), item_id=item_id))
        if self.transcribe and self.streamed_words:  # whisper: the words it streamed
            text, self.streamed_words = " ".join(self.streamed_words), []
            self.send(ConversationItemInputAudioTranscriptionCompletedEvent.model_validate({
                "type": "conversation.item.input_audio_transcription.completed",
                "event_id": _eid(), "item_id": item_id, "content_index": 0,
                "transcript": text, "usage": {"type": "tokens", "input_tokens": 30,
                                              "output_tokens": 5, "total_tokens": 35}}))
        elif self.transcribe:
            heard = self.script.user_transcript if self.speech_in_buffer or \
                not self.transcription_only else ""
            words = heard.split(" ") if heard else []
            for i, word in enumerate(words):
                self.send(ConversationItemInputAudioTranscriptionDeltaEvent(
                    type="conversation.item.input_audio_transcription.delta",
                    event_id=_eid(), item_id=item_id, content_index=0,
                    delta=word if i == 0 else " " + word))
            self.send(ConversationItemInputAudioTranscriptionCompletedEvent.model_validate({
                "type": "conversation.item.input_audio_transcription.completed",
                "event_id": _eid(), "item_id": item_id, "content_index": 0,
                "transcript": heard,
                "usage": {"type": "duration", "seconds": self.buffer_ms / 1000}}))
        self.buffer_ms = 0
        self.speech_in_buffer = False
        if respond:
            self._respond()

    # ---- replies ----
    def _respond(self) -> None:
        if self.responder is not None:
            self.responder.join()
        self.responding = threading.Event()
        self.responder = threading.Thread(target=self._reply, args=(self.responding,),
                                          daemon=True)
        self.responder.start()

    def _reply(self, cancel: threading.Event) -> None:
        script, response_id = self.script, _id("resp")
        self.turns += 1
        self.send(ResponseCreatedEvent(type="response.created", event_id=_eid(),
                                       response=RealtimeResponse(id=response_id,
                                                                 status="in_progress")))
        self.send(RateLimitsUpdatedEvent.model_validate({
            "type": "rate_limits.updated", "event_id": _eid(), "rate_limits": [
                {"name": "requests", "limit": 5000, "remaining": 4999, "reset_seconds": 0.01},
                {"name": "tokens", "limit": 400000, "remaining": 399000,
                 "reset_seconds": 0.15}]}))
        tools = self.session.get("tools") or []
        if script.function_call is not None and tools and self.turns == 1:
            self._function_call(response_id)
            return
        item_id = _id("item")
        base: dict[str, Any] = {"event_id": "", "item_id": item_id, "output_index": 0,
                "response_id": response_id, "content_index": 0}
        item: dict[str, Any] = {"id": item_id, "type": "message", "role": "assistant",
                                "status": "in_progress", "content": [{"type": "output_audio"}]}
        self.send(ResponseOutputItemAddedEvent.model_validate({
            "type": "response.output_item.added", "event_id": _eid(), "item": item,
            "output_index": 0, "response_id": response_id}))
        words = script.transcript.split(" ")
        chunk = RATE * script.chunk_ms // 1000
        total = int(script.tone_seconds * RATE)
        sent, deltas = 0, 0
        said: list[str] = []
        while sent < total and not cancel.is_set():
            count = min(chunk, total - sent)
            if deltas == 0:
                self.log.first_delta_at.append(time.perf_counter())
            self.send(ResponseAudioDeltaEvent(**{**base, "event_id": _eid()},
                      type="response.output_audio.delta",
                      delta=base64.b64encode(tone_chunk(sent, count, script.tone_hz)).decode()))
            sent += count
            deltas += 1
            if len(said) < len(words):
                word = words[len(said)]
                said.append(word)
                self.send(ResponseAudioTranscriptDeltaEvent(
                    **{**base, "event_id": _eid()}, type="response.output_audio_transcript.delta",
                    delta=word if len(said) == 1 else " " + word))
            if script.drop_after_deltas is not None and deltas >= script.drop_after_deltas:
                self.dropped = True
                self.ws.drop()
                return
            if script.pace:
                cancel.wait(script.pace)
        cancelled = cancel.is_set()
        if not cancelled:
            rest = words[len(said):]
            if rest:
                self.send(ResponseAudioTranscriptDeltaEvent(
                    **{**base, "event_id": _eid()}, type="response.output_audio_transcript.delta",
                    delta=" " + " ".join(rest)))
            said = words
        text = " ".join(said)
        self.send(ResponseAudioDoneEvent(**{**base, "event_id": _eid()},
                                         type="response.output_audio.done"))
        self.send(ResponseAudioTranscriptDoneEvent(
            **{**base, "event_id": _eid()}, type="response.output_audio_transcript.done",
            transcript=text))
        item["status"] = "incomplete" if cancelled else "completed"
        item["content"] = [{"type": "output_audio", "transcript": text}]
        self.send(ResponseOutputItemDoneEvent.model_validate({
            "type": "response.output_item.done", "event_id": _eid(), "item": item,
            "output_index": 0, "response_id": response_id}))
        self._done(response_id, "cancelled" if cancelled else "completed", [item],
                   out_audio_ms=sent * 1000 // RATE, out_text=len(said))

    def _function_call(self, response_id: str) -> None:
        name, arguments = self.script.function_call or ("", "{}")
        item_id, call_id = _id("item"), _id("call")
        base: dict[str, Any] = {"item_id": item_id, "output_index": 0, "response_id": response_id}
        half = len(arguments) // 2
        for part in (arguments[:half], arguments[half:]):
            self.send(ResponseFunctionCallArgumentsDeltaEvent(
                **base, event_id=_eid(), type="response.function_call_arguments.delta",
                call_id=call_id, delta=part))
        self.send(ResponseFunctionCallArgumentsDoneEvent(
            **base, event_id=_eid(), type="response.function_call_arguments.done",
            call_id=call_id, name=name, arguments=arguments))
        item = {"id": item_id, "type": "function_call", "name": name, "call_id": call_id,
                "arguments": arguments, "status": "completed"}
        self._done(response_id, "completed", [item], out_audio_ms=0, out_text=12)

    def _done(self, response_id: str, status: str, output: list[dict[str, Any]],
              out_audio_ms: int, out_text: int) -> None:
        in_audio = len(self.log.audio) // 2 * 1000 // RATE // 100  # 1 token per 100 ms
        usage: dict[str, Any] = {"total_tokens": 0, "input_tokens": in_audio + 120,
                 "output_tokens": out_audio_ms // 50 + out_text,
                 "input_token_details": {"text_tokens": 120, "audio_tokens": in_audio,
                                         "cached_tokens": 64, "cached_tokens_details": {
                                             "text_tokens": 64, "audio_tokens": 0}},
                 "output_token_details": {"text_tokens": out_text,
                                          "audio_tokens": out_audio_ms // 50}}
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        self.send(ResponseDoneEvent.model_validate({
            "type": "response.done", "event_id": _eid(), "response": {
                "id": response_id, "object": "realtime.response", "status": status,
                "output": output, "usage": usage}}))


@route("GET", "/realtime")
def realtime(ex: Exchange) -> None:
    if ex.headers.get("upgrade", "").lower() != "websocket":
        ex.send_error(400, "This endpoint speaks WebSocket only.")
        return
    ws = ServerWebSocket(ex._h)
    model = ex.query.get("model", "")
    log = RealtimeLog(model=model, headers=dict(ex.headers))
    realtime_logs(ex.server).append(log)
    ws.accept({"x-request-id": ex.request_id})
    script = ex.server.state.get("realtime") or RealtimeScript()
    conversation = _Conversation(ws, script, log)
    if ex.query.get("intent") == "transcription":
        conversation.transcription_only = True
        conversation.session = {"type": "transcription"}
    elif model not in MODELS:
        conversation._error("invalid_request_error", "model_not_found",
                            f"The model `{model}` does not exist or you do not have access "
                            "to it.")
        ws.close(1008, "model_not_found")
        return
    conversation.send(SessionCreatedEvent(type="session.created", event_id=_eid(),
                                          session=conversation.session_model()))
    for message in ws.messages():
        try:
            event = json.loads(message)
        except ValueError:
            conversation._error("invalid_request_error", "invalid_json",
                                "The message is not JSON.")
            continue
        log.events.append(event)
        conversation.handle(event)
    if conversation.responding is not None:
        conversation.responding.set()
