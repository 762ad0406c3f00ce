"""Linux desktop integration: the launcher entry and the themed icons under ~/.local/share.

`playground --install-desktop-entry` (and the bundle's install.sh) writes
  $XDG_DATA_HOME/applications/openai-playground.desktop
  $XDG_DATA_HOME/icons/hicolor/<n>x<n>/apps/openai-playground.png  (+ scalable SVG)
with Exec pointing at what started this process: the bundle's executable when frozen,
else the venv's `playground` script. Run it again after moving the app.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from playground import APP_ID
from playground.resources import resources_dir

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE = f"{APP_ID}.desktop"
INSTALL_FLAG = "--install-desktop-entry"
UNINSTALL_FLAG = "--uninstall-desktop-entry"
_CACHE_TOOL_TIMEOUT = 20.0


def default_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (XDG spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command(exec_path: str | None = None) -> list[str]:
    """The command a double-click runs: the given path, the frozen bundle's executable,
    the `playground` script beside this interpreter (a venv), or `python -m playground`."""
    if exec_path:
        return [str(Path(exec_path).resolve())]
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    # Not resolved: a venv's python is a symlink to the base interpreter, the script is not.
    script = Path(sys.executable).parent / "playground"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    found = shutil.which("playground")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "playground"]


def exec_value(argv: list[str]) -> str:
    """argv as a desktop entry Exec value: quoted where the spec requires, then with
    backslashes escaped once more as every string value is."""
    def quote(arg: str) -> str:
        if arg and not re.search(r"""[\s"'\\><~|&;$*?#()`=%]""", arg):
            return arg
        return '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'

    return " ".join(quote(arg) for arg in argv).replace("\\", "\\\\").replace("%", "%%")


def desktop_entry_text(argv: list[str]) -> str:
    """The shipped entry with Exec/TryExec pointing at argv."""
    template = (resources_dir() / "desktop" / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value(argv)
        elif line.startswith("TryExec="):
            line = "TryExec=" + argv[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _targets(data_home: Path) -> dict[Path, Path | None]:
    """Installed path -> shipped source (None for the entry, which is generated)."""
    icons = resources_dir() / "icons"
    hicolor = data_home / "icons" / "hicolor"
    targets: dict[Path, Path | None] = {data_home / "applications" / DESKTOP_FILE: None}
    for size in ICON_SIZES:
        targets[hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = (
            icons / f"{size}x{size}" / f"{APP_ID}.png")
    targets[hicolor / "scalable" / "apps" / f"{APP_ID}.svg"] = icons / f"{APP_ID}.svg"
    return targets


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def install_desktop_entry(exec_path: str | None = None,
                          data_home: Path | None = None) -> list[Path]:
    """Writes the entry and icons; returns the written paths. Raises OSError (e.g. a
    read-only data folder) after writing nothing more."""
    data_home = data_home or default_data_home()
    argv = launcher_command(exec_path)
    written = []
    for target, source in _targets(data_home).items():
        data = (desktop_entry_text(argv).encode() if source is None
                else source.read_bytes())
        _write_atomically(target, data)
        written.append(target)
    (data_home / "applications" / DESKTOP_FILE).chmod(0o755)  # some launchers want +x
    _refresh_caches(data_home)
    return written


def uninstall_desktop_entry(data_home: Path | None = None) -> list[Path]:
    """Removes what install_desktop_entry wrote; returns the removed paths."""
    data_home = data_home or default_data_home()
    removed = []
    for target in _targets(data_home):
        if target.exists():
            target.unlink()
            removed.append(target)
    if removed:
        _refresh_caches(data_home)
    return removed


def _refresh_caches(data_home: Path) -> None:
    """Tells the launcher and the icon theme about the change, where the tools exist.
    Both are optional: desktops also rescan these folders on their own."""
    import subprocess  # here, not at the top: the window's icon imports this module at start

    commands = (
        ["update-desktop-database", "-q", str(data_home / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(data_home / "icons" / "hicolor")],
    )
    for command in commands:
        if shutil.which(command[0]) is None:
            continue
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=_CACHE_TOOL_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired):
            pass  # a stale cache only delays the icon; the files are in place


def main_install(argv_flag: str) -> int:
    """`playground --install-desktop-entry` / `--uninstall-desktop-entry`: does it, prints
    each path, returns the exit code."""
    data_home = default_data_home()
    try:
        if argv_flag == INSTALL_FLAG:
            paths = install_desktop_entry(data_home=data_home)
            print(f"Installed the launcher entry (runs {exec_value(launcher_command())}):")
        elif argv_flag == UNINSTALL_FLAG:
            paths = uninstall_desktop_entry(data_home=data_home)
            print("Removed the launcher entry:" if paths
                  else f"Nothing to remove under {data_home}.")
        else:
            print(f"unknown option {argv_flag!r}: use {INSTALL_FLAG} or {UNINSTALL_FLAG}",
                  file=sys.stderr)
            return 2
    except OSError as exc:
        print(f"Could not change {data_home}: {exc.strerror or exc} ({exc.filename or ''}). "
              "Make the folder writable or set XDG_DATA_HOME to one that is.", file=sys.stderr)
        return 1
    for path in paths:
        print(f"  {path}")
    return 0
