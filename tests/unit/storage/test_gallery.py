"""storage.gallery: files + index in SQLite, thumbnails, search, delete, across restarts."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from playground.storage.gallery import Gallery, GalleryError, NewImage


def _image(color: tuple[int, int, int], size: tuple[int, int] = (1024, 768),
           fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def _new(prompt: str, data: bytes | None = None, mime: str = "image/png",
         cost: Decimal | None = Decimal("0.040")) -> NewImage:
    return NewImage(data or _image((200, 30, 30)), mime, "generate", "dall-e-3", prompt,
                    {"model": "dall-e-3", "prompt": prompt, "size": "1024x1024",
                     "quality": "hd"}, cost, revised_prompt=f"A vivid {prompt}",
                    request_id="req_1", profile="OpenAI")


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "app.sqlite3", tmp_path / "media"


def test_an_image_survives_a_restart_with_all_its_facts(paths: tuple[Path, Path]) -> None:
    gallery = Gallery(*paths)
    added = gallery.add(_new("a red barn"))
    gallery.close()

    reopened = Gallery(*paths)
    [entry] = reopened.entries()
    assert entry == added
    assert entry.prompt == "a red barn" and entry.revised_prompt == "A vivid a red barn"
    assert entry.settings["quality"] == "hd" and entry.cost == Decimal("0.040")
    assert (entry.width, entry.height, entry.model, entry.kind) == (1024, 768, "dall-e-3",
                                                                     "generate")
    assert entry.path.read_bytes() == _image((200, 30, 30))
    with Image.open(entry.thumbnail_path) as thumb:
        assert thumb.size == (256, 192)  # aspect kept, long side 256
    reopened.close()


def test_newest_first_and_search_by_prompt(paths: tuple[Path, Path]) -> None:
    gallery = Gallery(*paths)
    for prompt in ("a red barn", "blue sea at dawn", "Red_fox 100%"):
        gallery.add(_new(prompt))
    assert [e.prompt for e in gallery.entries()] == ["Red_fox 100%", "blue sea at dawn",
                                                      "a red barn"]
    assert [e.prompt for e in gallery.entries("RED")] == ["Red_fox 100%", "a red barn"]
    assert [e.prompt for e in gallery.entries("_fox 100%")] == ["Red_fox 100%"]
    assert gallery.entries("%") == gallery.entries("100%")  # wildcards are literal
    assert [e.prompt for e in gallery.entries("vivid blue")] == ["blue sea at dawn"]


def test_delete_removes_row_and_files(paths: tuple[Path, Path]) -> None:
    gallery = Gallery(*paths)
    keep, drop = gallery.add(_new("keep")), gallery.add(_new("drop"))
    gallery.delete([drop.id, 9999])
    assert [e.id for e in gallery.entries()] == [keep.id]
    assert not drop.path.exists() and not drop.thumbnail_path.exists()
    assert keep.path.exists()


def test_formats_keep_their_extension_and_unknown_cost_is_none(paths: tuple[Path, Path]
                                                               ) -> None:
    gallery = Gallery(*paths)
    entry = gallery.add(_new("jpeg one", _image((1, 2, 3), fmt="JPEG"), "image/jpeg", None))
    assert entry.path.suffix == ".jpg" and entry.cost is None and entry.mime == "image/jpeg"


def test_bytes_that_are_not_an_image_are_refused(paths: tuple[Path, Path]) -> None:
    gallery = Gallery(*paths)
    with pytest.raises(GalleryError, match="could not be read"):
        gallery.add(_new("broken", b"not an image"))
    assert gallery.entries() == []


def test_the_table_lives_beside_others_in_the_app_database(paths: tuple[Path, Path]) -> None:
    import sqlite3

    from playground.storage.history import History

    History(paths[0]).close()  # the app's database, as the history leaves it
    Gallery(*paths).add(_new("x"))
    tables = {r[0] for r in sqlite3.connect(paths[0]).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"conversations", "gallery_images"} <= tables
