"""Started with no display, the app says so in one sentence and exits 1: not Qt's abort
(exit 134) with advice to install xcb-cursor0 or reinstall."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland")


def _start(isolated_home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(isolated_home / "config"),
               XDG_DATA_HOME=str(isolated_home / "data"), **extra)
    return subprocess.run([sys.executable, "-m", "playground"], env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_no_display_is_one_clear_sentence(isolated_home: Path) -> None:
    result = _start(isolated_home)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "No graphical display" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert "xcb-cursor0" not in result.stderr and "reinstall" not in result.stderr.lower()


def test_an_explicit_platform_is_left_to_qt(isolated_home: Path) -> None:
    result = _start(isolated_home, QT_QPA_PLATFORM="offscreen",
                    PLAYGROUND_EXIT_AFTER_FIRST_PAINT="1")
    assert result.returncode == 0, result.stderr
    assert "No graphical display" not in result.stderr
