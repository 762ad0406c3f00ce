"""Every generated image, kept: files in the media folder, an index in the app's database.

The index is its own table (`gallery_images`) in the shared SQLite database; files are
written beside it, each with a small PNG thumbnail made here with Pillow, so the gallery view
only ever decodes thumbnails. All methods block: call them with asyncio.to_thread.
"""

from __future__ import annotations

import io
import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PIL import Image

from playground.storage import schema

THUMBNAIL_SIDE = 256
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}



class GalleryError(Exception):
    """An image could not be stored (disk full, unreadable data); the message says which."""


@dataclass(frozen=True)
class GalleryEntry:
    """One stored image. Fields are the row as stored; conversions happen on first use, so
    listing a large gallery (done on every search) costs little more than the query."""

    id: int
    created: float  # POSIX timestamp
    kind: str  # generate | edit | variation
    model: str
    prompt: str
    revised_prompt: str | None
    settings_json: str  # the ImageRequest's settings, for Re-run
    cost_text: str | None  # dollars for this image; None when the price is unknown
    file: str  # relative to the media folder
    thumbnail: str
    mime: str
    width: int
    height: int
    request_id: str | None
    profile: str
    media: Path

    @property
    def created_at(self) -> datetime:
        return datetime.fromtimestamp(self.created, UTC)

    @property
    def settings(self) -> dict[str, Any]:
        return dict(json.loads(self.settings_json))

    @property
    def cost(self) -> Decimal | None:
        return None if self.cost_text is None else Decimal(self.cost_text)

    @property
    def path(self) -> Path:
        return self.media / self.file

    @property
    def thumbnail_path(self) -> Path:
        return self.media / self.thumbnail


@dataclass(frozen=True)
class NewImage:
    data: bytes
    mime: str
    kind: str
    model: str
    prompt: str
    settings: dict[str, Any]
    cost: Decimal | None = None
    revised_prompt: str | None = None
    request_id: str | None = None
    profile: str = ""


class Gallery:
    def __init__(self, database: Path, media_dir: Path) -> None:
        self._media = media_dir
        self._folder = media_dir / "images"
        (self._folder / "thumbnails").mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # one connection, used from worker threads in turn
        self._db = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        # The gallery's tables are a step of the one schema (storage/schema.py): whichever
        # store opens the database first brings it up to date.
        schema.migrate(self._db)

    @classmethod
    def open_default(cls) -> Gallery:
        from playground.storage.paths import database_path, media_dir

        return cls(database_path(), media_dir())

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, image: NewImage) -> GalleryEntry:
        """Write the file and its thumbnail, then index it (a crash leaves no row without file)."""
        try:
            picture = Image.open(io.BytesIO(image.data))
            picture.load()
        except OSError as exc:
            raise GalleryError(f"The image from {image.model} could not be read: {exc}") from exc
        stem = f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
        name = f"{stem}.{_EXTENSIONS.get(image.mime, 'png')}"
        thumb_name = f"thumbnails/{stem}.png"
        try:
            (self._folder / name).write_bytes(image.data)
            _thumbnail(picture).save(self._folder / thumb_name, "PNG")
        except OSError as exc:
            raise GalleryError(f"Could not save the image in {self._folder}: "
                               f"{exc.strerror or exc}") from exc
        now = datetime.now(UTC)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO gallery_images (created_at, kind, model, prompt, revised_prompt,"
                " settings_json, cost, file, thumbnail, mime, width, height, request_id, profile)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now.timestamp(), image.kind, image.model, image.prompt, image.revised_prompt,
                 json.dumps(image.settings), None if image.cost is None else str(image.cost),
                 f"images/{name}", f"images/{thumb_name}", image.mime, picture.width,
                 picture.height, image.request_id, image.profile),
            )
            row_id = cursor.lastrowid
        entry = self.get(int(row_id or 0))
        assert entry is not None
        return entry

    def entries(self, search: str = "") -> list[GalleryEntry]:
        """Newest first; `search` matches any part of the prompt or the revised prompt."""
        query = "SELECT * FROM gallery_images"
        args: tuple[Any, ...] = ()
        if search.strip():
            pattern = "%" + _escape_like(search.strip()) + "%"
            query += (" WHERE prompt LIKE ? ESCAPE '\\' COLLATE NOCASE"
                      " OR revised_prompt LIKE ? ESCAPE '\\' COLLATE NOCASE")
            args = (pattern, pattern)
        query += " ORDER BY created_at DESC, id DESC"
        with self._lock:
            rows = self._db.execute(query, args).fetchall()
        return [self._entry(row) for row in rows]

    def get(self, entry_id: int) -> GalleryEntry | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM gallery_images WHERE id = ?",
                                   (entry_id,)).fetchone()
        return None if row is None else self._entry(row)

    def delete(self, entry_ids: list[int]) -> None:
        """Remove rows first, then files: a crash in between leaves stray files, never rows
        pointing at nothing."""
        doomed = [e for e in (self.get(i) for i in entry_ids) if e is not None]
        with self._lock:
            self._db.executemany("DELETE FROM gallery_images WHERE id = ?",
                                 [(e.id,) for e in doomed])
        for entry in doomed:
            entry.path.unlink(missing_ok=True)
            entry.thumbnail_path.unlink(missing_ok=True)

    def _entry(self, row: tuple[Any, ...]) -> GalleryEntry:
        return GalleryEntry(*row, media=self._media)  # type: ignore[misc]  # row: the columns


def _thumbnail(picture: Image.Image) -> Image.Image:
    thumb = picture.convert("RGBA") if picture.mode not in ("RGB", "RGBA") else picture.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return thumb


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
