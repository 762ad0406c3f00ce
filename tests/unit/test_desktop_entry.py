"""The launcher entry and icons: what is written where, what Exec runs, and faults."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playground import APP_ID
from playground.desktop_entry import (
    ICON_SIZES,
    INSTALL_FLAG,
    UNINSTALL_FLAG,
    default_data_home,
    desktop_entry_text,
    exec_value,
    install_desktop_entry,
    launcher_command,
    main_install,
    uninstall_desktop_entry,
)
from playground.resources import resources_dir

ICONS = resources_dir() / "icons"


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


_STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r"}


def exec_argv(value: str) -> list[str]:
    """Splits an Exec value as the Desktop Entry spec reads it: string-level backslash
    escapes first, then arguments split on spaces, with double quotes in which a backslash
    escapes one of " ` $ \\, then %% as a literal %."""
    value = re.sub(r"\\(.)", lambda m: _STRING_ESCAPES.get(m[1], m[1]), value)
    argv, current, quoted, i = [], "", False, 0
    while i < len(value):
        char = value[i]
        if quoted and char == "\\" and value[i + 1] in '"`$\\':
            current, i = current + value[i + 1], i + 2
            continue
        if char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            argv.append(current)
            current = ""
        else:
            current += char
        i += 1
    return [arg.replace("%%", "%") for arg in [*argv, current]]


def test_install_writes_entry_and_every_icon(tmp_path: Path) -> None:
    data = tmp_path / "share"
    written = install_desktop_entry("/opt/play ground/openai-playground", data_home=data)

    entry_path = data / "applications" / f"{APP_ID}.desktop"
    pngs = [data / f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in ICON_SIZES]
    svg = data / f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert sorted(written) == sorted([entry_path, *pngs, svg])
    for size, png in zip(ICON_SIZES, pngs, strict=True):
        assert png.read_bytes() == (ICONS / f"{size}x{size}" / f"{APP_ID}.png").read_bytes()
    assert svg.read_bytes() == (ICONS / f"{APP_ID}.svg").read_bytes()

    entry = read_entry(entry_path)
    assert exec_argv(entry["Exec"]) == ["/opt/play ground/openai-playground"]
    assert entry["TryExec"] == "/opt/play ground/openai-playground"
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == APP_ID
    assert entry["Categories"] == "Development;Utility;"
    assert entry["Name"] == "OpenAI Playground"
    assert "演练场" in entry["Name[zh_CN]"]
    assert "聊天" in entry["Keywords[zh_CN]"]
    assert not list(data.rglob(".*.partial"))


def test_exec_quoting_survives_reserved_characters() -> None:
    argv = ['/home/a b/$HOME "x" `y` 100%\\z', "-m", "playground"]
    assert exec_argv(exec_value(argv)) == argv
    assert exec_value(["/usr/bin/playground"]) == "/usr/bin/playground"


def test_installed_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (apt install desktop-file-utils)")
    install_desktop_entry("/opt/play ground/openai-playground", data_home=tmp_path)
    result = subprocess.run([validate, str(tmp_path / "applications" / f"{APP_ID}.desktop")],
                            capture_output=True, text=True)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and not errors, result.stdout


def test_icon_cache_is_refreshed_when_the_tool_exists(tmp_path: Path) -> None:
    if shutil.which("gtk-update-icon-cache") is None:
        pytest.skip("gtk-update-icon-cache is not installed")
    install_desktop_entry("/usr/bin/true", data_home=tmp_path)
    assert (tmp_path / "icons" / "hicolor" / "icon-theme.cache").is_file()


def test_install_again_replaces_exec(tmp_path: Path) -> None:
    install_desktop_entry("/old/openai-playground", data_home=tmp_path)
    install_desktop_entry("/new/openai-playground", data_home=tmp_path)
    entry = read_entry(tmp_path / "applications" / f"{APP_ID}.desktop")
    assert exec_argv(entry["Exec"]) == ["/new/openai-playground"]


def test_uninstall_removes_what_install_wrote(tmp_path: Path) -> None:
    written = install_desktop_entry("/usr/bin/true", data_home=tmp_path)
    assert sorted(uninstall_desktop_entry(data_home=tmp_path)) == sorted(written)
    assert not any(path.exists() for path in written)
    assert uninstall_desktop_entry(data_home=tmp_path) == []


def test_data_home_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_home() == tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # invalid per the XDG spec
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_home() == tmp_path / "home" / ".local" / "share"


def test_frozen_bundle_runs_its_own_executable(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    exe = tmp_path / "openai-playground"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert launcher_command() == [str(exe)]


def test_source_install_runs_the_venv_script(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "playground"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    assert launcher_command() == [str(script)]

    script.unlink()  # no script anywhere: fall back to the module
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert launcher_command() == [str(bin_dir / "python"), "-m", "playground"]


def test_main_install_and_uninstall_print_paths(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main_install(INSTALL_FLAG) == 0
    out = capsys.readouterr().out
    assert "Installed the launcher entry" in out
    assert str(tmp_path / "applications" / f"{APP_ID}.desktop") in out
    assert main_install(UNINSTALL_FLAG) == 0
    assert "Removed the launcher entry" in capsys.readouterr().out
    assert main_install(UNINSTALL_FLAG) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_unwritable_data_home_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be")  # fails even for root
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main_install(INSTALL_FLAG) == 1
    err = capsys.readouterr().err
    assert f"Could not change {blocker}" in err and "XDG_DATA_HOME" in err


def test_unknown_flag_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main_install("--install-everything") == 2
    assert INSTALL_FLAG in capsys.readouterr().err


def test_shipped_entry_has_no_placeholder_exec() -> None:
    text = desktop_entry_text(["/x/openai-playground"])
    assert "Exec=/x/openai-playground\n" in text and "TryExec=/x/openai-playground\n" in text


def test_app_icon_has_every_size(qapp: object) -> None:
    from PySide6.QtCore import QSize

    from playground.ui.icon import app_icon

    icon = app_icon()
    assert {QSize(n, n) for n in ICON_SIZES} <= set(icon.availableSizes())
    assert not icon.pixmap(16, 16).toImage().isNull()
