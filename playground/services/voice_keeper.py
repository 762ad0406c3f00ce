"""VoiceKeeper: what a voice conversation leaves behind — each reply's usage in the ledger,
and the whole session in the history (its transcript as messages, both sides' audio as FLAC
files beside it), so it can be reopened and exported like a chat.

Used by the realtime session and the walkie-talkie alike: both give lines and PCM.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from playground.model.voice import REALTIME_RATE, TranscriptLine, VoiceConfig, VoiceUsage
from playground.usage.records import UsageRecord

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.usage.voice_pricing import VoiceCost

VOICE_TITLE_PREFIX = "🎙 "


def voice_dir() -> Path:
    from playground.storage.paths import media_dir

    return media_dir() / "voice"


def usage_record(model: str, usage: VoiceUsage, profile: str, free: bool) -> UsageRecord:
    """One realtime reply for the ledger: totals plus their audio parts (priced apart)."""
    return UsageRecord(
        endpoint="realtime", model=model, profile=profile,
        prompt_tokens=usage.input_tokens, completion_tokens=usage.output_tokens,
        cached_tokens=usage.cached_text + usage.cached_audio,
        audio_prompt_tokens=usage.input_audio, audio_completion_tokens=usage.output_audio,
        cached_audio_tokens=usage.cached_audio, free=free, in_conversation=False)


@dataclass
class SessionAudio:
    """Both sides' PCM16 24 kHz on one timeline, so that the saved session replays as it was
    heard. The microphone runs the whole session, so the user's track is the clock: each
    reply is placed where the user's track has reached when its audio arrives (a reply
    arrives faster than it plays: its later chunks follow the earlier ones). Appended from
    the PortAudio thread (user) and the loop (model); bytearray.extend holds the GIL."""

    user: bytearray = field(default_factory=bytearray)
    model: bytearray = field(default_factory=bytearray)

    def add_user(self, pcm: bytes) -> None:
        self.user.extend(pcm)

    def add_model(self, pcm: bytes) -> None:
        behind = len(self.user) - len(self.model)
        if behind > 0:  # silence until now: the reply starts where the session is
            self.model.extend(bytes(behind - behind % 2))
        self.model.extend(pcm)


@dataclass(frozen=True)
class SavedSession:
    conversation_id: int
    files: dict[str, str]  # "user" | "model" -> path


class VoiceKeeper:
    def __init__(self, services: Services, folder: Path | None = None) -> None:
        self._services = services
        self._folder = folder
        self.audio = SessionAudio()
        self.profile = ""
        self.free = False
        self.started = time.time()

    async def open(self) -> None:
        """Learn the profile the replies are billed to (the active one)."""
        from playground.usage.self_hosted import is_self_hosted

        try:
            client = await self._services.api.client()
        except Exception:  # no key yet: the session's own start reports that
            return
        self.profile = client.profile.name
        self.free = is_self_hosted(client.profile.base_url)

    def report(self, model: str, usage: VoiceUsage) -> None:
        if usage.input_tokens or usage.output_tokens:
            self._services.usage.report(usage_record(model, usage, self.profile, self.free))

    async def save(self, config: VoiceConfig, lines: list[TranscriptLine],
                   usage: VoiceUsage, cost: VoiceCost | None,
                   mode: str = "realtime") -> SavedSession | None:
        """The session into the history; None when there was nothing said."""
        spoken = [line for line in lines if line.text.strip()]
        if not spoken:
            return None
        files = await asyncio.to_thread(self._write_audio)
        first_user = next((x.text for x in spoken if x.role == "user"), spoken[0].text)
        from playground.storage.history import auto_title

        title = VOICE_TITLE_PREFIX + auto_title(first_user)
        params: dict[str, Any] = {
            "voice_session": {
                "mode": mode, "voice": config.voice, "turn_detection": config.turn_detection,
                "audio": files, "usage": list(usage.as_tuple()),
                "cost": None if cost is None or not cost.known else str(cost.total),
                "cost_audio": None if cost is None or not cost.known else str(cost.audio)}}
        history = self._services.history
        conversation = await history.create_conversation(
            title, model=config.model, system_prompt=config.instructions, params=params)
        for line in spoken:
            # A function call or result is kept as a marked assistant line: a bare "tool"
            # message (no tool_call_id) would be refused if the chat continued it.
            role = "assistant" if line.role == "function" else line.role
            meta: dict[str, Any] = {"voice_item": line.item_id}
            if line.role == "function":
                meta["voice_function"] = True
            if line.truncated_at_ms is not None:
                meta["interrupted_at_ms"] = line.truncated_at_ms
            await history.add_message(conversation.id, role, line.text,
                                      model=config.model if role == "assistant" else "",
                                      meta=meta)
        return SavedSession(conversation.id, files)

    def _write_audio(self) -> dict[str, str]:
        """Both sides as FLAC in the media folder; a side that could not be written is left
        out (the transcript is kept regardless)."""
        from playground.audio import codecs

        files: dict[str, str] = {}
        try:
            folder = self._folder or voice_dir()
            folder.mkdir(parents=True, exist_ok=True)
        except Exception:  # StorageUnavailable, OSError: keep the words
            return files
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.started))
        for side, pcm in (("user", self.audio.user), ("model", self.audio.model)):
            if not pcm:
                continue
            samples = np.frombuffer(bytes(pcm), dtype="<i2").astype(np.float32) / 32768
            path = folder / f"voice-{stamp}-{side}.flac"
            try:
                codecs.save(samples, REALTIME_RATE, path)
            except Exception:  # AudioError, OSError
                continue
            files[side] = str(path)
        return files
