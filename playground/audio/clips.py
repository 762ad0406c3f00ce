"""Generated speech clips kept on disk: FLAC files plus a JSON index of their settings."""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from playground.audio import codecs

INDEX_NAME = "clips.json"


@dataclass(frozen=True)
class Clip:
    id: str
    file: str  # name inside the clip directory
    text: str
    model: str
    voice: str
    speed: float
    instructions: str
    rate: int
    seconds: float
    created: str  # ISO 8601 UTC
    complete: bool = True  # False: the download was cut; this is what arrived


class ClipHistory:
    """Newest first. Writes go through a temp file + rename, so the index is never torn."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()

    @property
    def index_path(self) -> Path:
        return self.directory / INDEX_NAME

    def clips(self) -> list[Clip]:
        try:
            raw = json.loads(self.index_path.read_text("utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError):
            return []  # a damaged index loses the list, never the audio files beside it
        known = set(Clip.__dataclass_fields__)
        return [Clip(**{k: v for k, v in item.items() if k in known}) for item in raw]

    def add(self, samples: np.ndarray, rate: int, *, text: str, model: str, voice: str,
            speed: float, instructions: str = "", complete: bool = True) -> Clip:
        self.directory.mkdir(parents=True, exist_ok=True)
        clip_id = uuid.uuid4().hex[:12]
        created = datetime.now(UTC)
        name = f"speech-{created:%Y%m%d-%H%M%S}-{clip_id}.flac"
        codecs.save(samples, rate, self.directory / name)
        clip = Clip(clip_id, name, text, model, voice, speed, instructions, rate,
                    len(samples) / rate, created.isoformat(timespec="seconds"), complete)
        with self._lock:
            self._write([clip, *self.clips()])
        return clip

    def remove(self, clip_id: str) -> None:
        with self._lock:
            kept = []
            for clip in self.clips():
                if clip.id == clip_id:
                    (self.directory / clip.file).unlink(missing_ok=True)
                else:
                    kept.append(clip)
            self._write(kept)

    def path_of(self, clip: Clip) -> Path:
        return self.directory / clip.file

    def _write(self, clips: list[Clip]) -> None:
        tmp = self.index_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps([asdict(c) for c in clips], ensure_ascii=False, indent=1),
                       "utf-8")
        os.replace(tmp, self.index_path)
