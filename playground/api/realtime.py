"""A voice conversation with a realtime model over the SDK's WebSocket client (Qt-free).

`open_realtime(client, config)` connects with `client.realtime.connect(model=...)`, sends
session.update and waits for the server to confirm it, so a refused key, a model that does
not exist or a server without the Realtime API fail there as an ApiFailure. Then the caller
streams microphone PCM16 with `append`, and reads our plain events from `events()`.

Interruption: the server's audio arrives faster than it plays, so when the user talks over
the model the caller says how many ms of the reply were heard and `interrupt` truncates the
assistant item there (the server then drops the unheard words from its context) and cancels
the reply if it is still being generated.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from typing import Any

from openai.types.realtime.input_audio_buffer_append_event import InputAudioBufferAppendEvent
from openai.types.realtime.realtime_error_event import RealtimeErrorEvent

from playground.api.client import ApiClient
from playground.api.realtime_events import (
    CANCEL_NOT_ACTIVE,
    connect_failure,
    dropped_failure,
    error_failure,
    is_fatal,
    translate,
)
from playground.model.types import ApiFailure, FailureKind
from playground.model.voice import (
    REALTIME_RATE,
    ResponseFinished,
    ResponseStarted,
    VoiceConfig,
    VoiceError,
    VoiceEvent,
)

OPEN_TIMEOUT = 15.0  # seconds for the handshake and the session.updated answer


def session_payload(config: VoiceConfig) -> dict[str, Any]:
    """session.update's `session` for `config`, in the SDK's RealtimeSessionCreateRequest
    shape."""
    audio_format = {"type": "audio/pcm", "rate": REALTIME_RATE}
    turn: dict[str, Any] | None
    if config.turn_detection == "server_vad":
        turn = {"type": "server_vad", "interrupt_response": True, "create_response": True}
        if config.vad_threshold is not None:
            turn["threshold"] = config.vad_threshold
        if config.silence_ms is not None:
            turn["silence_duration_ms"] = config.silence_ms
    elif config.turn_detection == "semantic_vad":
        turn = {"type": "semantic_vad", "eagerness": config.eagerness,
                "interrupt_response": True, "create_response": True}
    else:
        turn = None  # push-to-talk: we commit and ask for the reply ourselves
    audio_in: dict[str, Any] = {
        "format": audio_format,
        "turn_detection": turn,
        "noise_reduction": ({"type": config.noise_reduction} if config.noise_reduction
                            else None),
        "transcription": ({"model": config.transcription_model}
                          if config.transcription_model else None),
    }
    session: dict[str, Any] = {
        "type": "realtime",
        "instructions": config.instructions,
        "output_modalities": list(config.output_modalities),
        "audio": {"input": audio_in,
                  "output": {"format": audio_format, "voice": config.voice}},
        "tools": [{"type": "function", "name": f["name"],
                   "description": f.get("description", ""),
                   "parameters": f.get("parameters") or {"type": "object", "properties": {}}}
                  for f in config.functions],
    }
    if config.functions:
        session["tool_choice"] = config.tool_choice
    return session


class RealtimeSession:
    """One open connection. Not thread-safe: call it from the event loop only."""

    def __init__(self, connection: Any, config: VoiceConfig, url: str) -> None:
        self._connection = connection
        self.config = config
        self.url = url
        self.session_id = ""
        self.response_id: str | None = None  # the reply being generated, if any
        self.bytes_appended = 0
        self._closed = False

    # ---- sending ----
    async def append(self, pcm: bytes) -> None:
        """Microphone audio, PCM16 mono 24 kHz."""
        if pcm and not self._closed:
            self.bytes_appended += len(pcm)
            # Sent as the SDK's event model, not input_audio_buffer.append(): that path
            # transforms a TypedDict recursively, 20x the cost, 50 times a second while the
            # microphone is open (bench/voice_idle.py).
            await self._send(self._connection.send(InputAudioBufferAppendEvent(
                type="input_audio_buffer.append",
                audio=base64.b64encode(pcm).decode("ascii"))))

    async def commit(self, respond: bool = True) -> None:
        """Push-to-talk released: the buffer becomes the user's turn, then ask for a reply."""
        await self._send(self._connection.input_audio_buffer.commit())
        if respond:
            await self._send(self._connection.response.create())

    async def clear_input(self) -> None:
        await self._send(self._connection.input_audio_buffer.clear())

    async def interrupt(self, item_id: str, played_ms: int, content_index: int = 0) -> None:
        """The user talked over the reply: keep only the `played_ms` that were heard."""
        if self.response_id is not None:
            await self._send(self._connection.response.cancel())
        await self._send(self._connection.conversation.item.truncate(
            item_id=item_id, content_index=content_index, audio_end_ms=max(0, played_ms)))

    async def send_function_result(self, call_id: str, output: str,
                                   respond: bool = True) -> None:
        await self._send(self._connection.conversation.item.create(
            item={"type": "function_call_output", "call_id": call_id, "output": output}))
        if respond:
            await self._send(self._connection.response.create())

    async def send_text(self, text: str, respond: bool = True) -> None:
        """A typed user message (instead of speech)."""
        await self._send(self._connection.conversation.item.create(
            item={"type": "message", "role": "user",
                  "content": [{"type": "input_text", "text": text}]}))
        if respond:
            await self._send(self._connection.response.create())

    async def update(self, config: VoiceConfig) -> None:
        self.config = config
        await self.configure(session_payload(config))

    async def configure(self, session: dict[str, Any]) -> None:
        """session.update with a ready `session` object (a transcription session's too)."""
        await self._send(self._connection.session.update(session=session))

    async def _send(self, call: Any) -> None:
        try:
            await call
        except ApiFailure:
            raise
        except Exception as exc:
            raise dropped_failure(exc) from exc

    # ---- receiving ----
    async def events(self) -> AsyncIterator[VoiceEvent]:
        """Our events until the connection closes. A dropped connection raises ApiFailure
        (INTERRUPTED); an error event that ends the session raises its ApiFailure; other
        error events are yielded as VoiceError."""
        try:
            async for event in self._connection:
                if isinstance(event, RealtimeErrorEvent) or event.type == "error":
                    error = event.error
                    if error.code == CANCEL_NOT_ACTIVE:
                        continue
                    if is_fatal(error):
                        raise error_failure(error)
                    yield VoiceError(error_failure(error))
                    continue
                ours = translate(event)
                if isinstance(ours, ResponseStarted):
                    self.response_id = ours.response_id
                elif isinstance(ours, ResponseFinished):
                    self.response_id = None
                if ours is not None:
                    yield ours
        except ApiFailure:
            raise
        except Exception as exc:
            if self._closed:
                return
            raise dropped_failure(exc) from exc

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                await self._connection.close()
            except Exception:  # already gone: nothing left to close
                pass

    @property
    def closed(self) -> bool:
        return self._closed


async def open_realtime(client: ApiClient, config: VoiceConfig,
                        timeout: float = OPEN_TIMEOUT) -> RealtimeSession:
    """Connect, configure, and wait for session.updated. ApiFailure when any of it fails."""
    manager = client.sdk.realtime.connect(model=config.model)
    return await open_session(manager, ws_url(client, f"model={config.model}"), config,
                              session_payload(config), timeout)


async def open_session(manager: Any, url: str, config: VoiceConfig, payload: dict[str, Any],
                       timeout: float = OPEN_TIMEOUT) -> RealtimeSession:
    """Enter the SDK's connection manager, wait for session.created, send `payload` and wait
    for session.updated. ApiFailure when any of it fails."""
    try:
        connection = await asyncio.wait_for(manager.enter(), timeout)
    except ApiFailure:
        raise
    except Exception as exc:
        raise connect_failure(exc, url) from exc
    session = RealtimeSession(connection, config, url)
    try:
        # The server speaks first (session.created, or an error such as an unknown model
        # before it closes): read that before sending, so its reason is not lost.
        await asyncio.wait_for(_until(session, "session.created"), timeout)
        await session.configure(payload)
        await asyncio.wait_for(_until(session, "session.updated"), timeout)
    except TimeoutError as exc:
        await session.close()
        raise ApiFailure(FailureKind.TIMEOUT, "The server did not start the realtime session "
                         "in time.", retryable=True) from exc
    except BaseException:
        await session.close()
        raise
    return session


async def _until(session: RealtimeSession, wanted: str) -> None:
    connection = session._connection
    try:
        while True:
            event = await connection.recv()
            if event.type == "session.created":
                session.session_id = getattr(event.session, "id", "") or ""
            if event.type == wanted:
                return
            if event.type == "error":
                raise error_failure(event.error)
    except (ApiFailure, asyncio.CancelledError):
        raise
    except Exception as exc:
        raise ApiFailure(FailureKind.INTERRUPTED,
                         "The server closed the realtime connection before the session "
                         f"started ({type(exc).__name__}).", retryable=True) from exc


def ws_url(client: ApiClient, query: str) -> str:
    base = str(client.sdk.base_url).rstrip("/")
    base = base.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    return f"{base}/realtime?{query}"
