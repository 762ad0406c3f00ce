"""Saved voice sessions: found in the history, replayed with both sides on one timeline,
exported as one audio file. Widget-free; the Voice tab's "Past sessions" window shows them.

A session's conversation keeps its transcript as messages and, in its params, the FLAC of
each side (services.voice_keeper). Both tracks share the session's clock, so mixing them
is a sum; a side whose file is gone is left out and said so.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.audio.errors import AudioError
from playground.model.voice import REALTIME_RATE

if TYPE_CHECKING:
    from playground.storage.history_async import AsyncHistory

SIDES = ("user", "model")


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceSessions", text)


@dataclass(frozen=True)
class SavedVoiceSession:
    conversation_id: int
    title: str
    created_at: float  # Unix seconds
    model: str
    mode: str  # "realtime" | "walkie"
    files: dict[str, str]  # side -> FLAC path
    cost: str | None  # dollars, when it was known


@dataclass(frozen=True)
class SessionMix:
    samples: np.ndarray  # mono float, REALTIME_RATE
    rate: int
    missing: tuple[str, ...]  # sides whose file could not be read

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


async def saved_voice_sessions(history: AsyncHistory) -> list[SavedVoiceSession]:
    """Every voice session in the history, the newest first."""
    found = []
    for conversation in await history.list_conversations():
        voice = conversation.params.get("voice_session")
        if not isinstance(voice, dict):
            continue
        files = {side: str(path) for side, path in (voice.get("audio") or {}).items()
                 if side in SIDES and path}
        found.append(SavedVoiceSession(conversation.id, conversation.title,
                                       conversation.created_at, conversation.model,
                                       str(voice.get("mode") or "realtime"), files,
                                       voice.get("cost")))
    return found


def mix(session: SavedVoiceSession) -> SessionMix:
    """Both sides summed (a worker thread: decoding). AudioError when neither side is left."""
    from playground.audio import codecs

    tracks, missing = [], []
    for side in SIDES:
        path = session.files.get(side)
        if not path:
            continue
        try:
            samples, rate = codecs.read_mono(path)
        except AudioError:
            missing.append(side)
            continue
        tracks.append(codecs.resample(samples, rate, REALTIME_RATE))
    if not tracks:
        raise AudioError(_tr("The audio of this session is gone: its files were moved or "
                             "deleted. The transcript is still in the chat history."))
    mixed = np.zeros(max(len(t) for t in tracks), dtype=np.float32)
    for track in tracks:
        mixed[:len(track)] += track
    return SessionMix(np.clip(mixed, -1.0, 1.0), REALTIME_RATE, tuple(missing))


async def export(session: SavedVoiceSession, path: Path) -> SessionMix:
    """The mixed session into `path` (its extension picks the format)."""
    from playground.audio import codecs

    mixed = await asyncio.to_thread(mix, session)
    await asyncio.to_thread(codecs.save, mixed.samples, mixed.rate, path)
    return mixed
