"""storage.paths: everything under XDG_DATA_HOME / XDG_CONFIG_HOME, unusable dirs reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from playground import APP_ID
from playground.storage.paths import (
    StorageUnavailable,
    config_dir,
    data_dir,
    database_path,
    media_dir,
)


def test_paths_follow_xdg_and_are_created(isolated_home: Path) -> None:
    expected = isolated_home / "data" / APP_ID
    assert not expected.exists()
    assert data_dir() == expected and expected.is_dir()
    assert database_path() == expected / "playground.sqlite3"
    assert media_dir() == expected / "media" and media_dir().is_dir()
    assert config_dir() == isolated_home / "config" / APP_ID and config_dir().is_dir()


def test_xdg_data_home_is_read_at_each_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere" / APP_ID


def test_data_home_that_is_a_file_raises_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    with pytest.raises(StorageUnavailable) as caught:
        data_dir()
    assert str(blocker / APP_ID) in str(caught.value)
    assert "Cannot create the data folder" in str(caught.value)
    with pytest.raises(StorageUnavailable):
        database_path()


def test_app_folder_occupied_by_a_file_raises(isolated_home: Path) -> None:
    (isolated_home / "data" / APP_ID).write_text("x")
    with pytest.raises(StorageUnavailable, match="Cannot create the data folder"):
        data_dir()


def test_media_folder_occupied_by_a_file_raises(isolated_home: Path) -> None:
    (isolated_home / "data" / APP_ID).mkdir()
    (isolated_home / "data" / APP_ID / "media").write_text("x")
    with pytest.raises(StorageUnavailable, match="media folder"):
        media_dir()
