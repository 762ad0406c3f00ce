"""Where the app keeps its files: one data dir (database + media) and one config dir.

Both follow the platform's conventions through QStandardPaths (on Linux XDG_DATA_HOME and
XDG_CONFIG_HOME relocate them). We use the Generic* locations plus APP_ID rather than
AppDataLocation so the path never depends on whether or how a QCoreApplication named itself:
storage may be used before the app object exists, and the path must not move when it does.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from playground import APP_ID

DATABASE_NAME = "playground.sqlite3"


class StorageUnavailable(Exception):
    """The data directory or database cannot be used; the message names the path and why."""


def data_dir() -> Path:
    """The app's data directory (database, media), created on demand and checked writable."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return _usable_dir(_base_path(base, "data") / APP_ID, "data")


def config_dir() -> Path:
    """The app's config directory (the QSettings ini file lives here), created on demand."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return _usable_dir(_base_path(base, "config") / APP_ID, "config")


def database_path() -> Path:
    return data_dir() / DATABASE_NAME


def media_dir() -> Path:
    """Generated images and audio, kept as files beside the database (not inside it)."""
    return _usable_dir(data_dir() / "media", "media")


def _base_path(location: str, what: str) -> Path:
    if not location:
        raise StorageUnavailable(f"The system reports no location for the app's {what} files.")
    return Path(location)


def _usable_dir(path: Path, what: str) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageUnavailable(
            f"Cannot create the {what} folder {path}: {exc.strerror or exc}."
        ) from exc
    # A real write proves more than os.access (which root and ACLs make unreliable).
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StorageUnavailable(
            f"Cannot write to the {what} folder {path}: {exc.strerror or exc}."
        ) from exc
    return path
