"""`playground --doctor`: checks what the app needs on this machine and says what to fix.

Each check prints one line, `✓ name: finding` or `✗ name: finding — fix`. The exit code is 0
when every essential check passes; keyring, audio and tiktoken only limit features.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

from playground import APP_ID
from playground.api.environment import ENV_BASE_URL, ENV_KEY, ENV_ORG, ENV_PROJECT
from playground.model.types import Profile

KEYRING_TIMEOUT = 5.0  # a keyring whose HOME is missing hangs forever
API_TIMEOUT = 5.0
TIKTOKEN_FILES = ("o200k_base.tiktoken", "cl100k_base.tiktoken")

T = TypeVar("T")


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    finding: str
    fix: str = ""
    essential: bool = True

    def line(self) -> str:
        mark = "✓" if self.ok else "✗"
        tail = f" — {self.fix}" if self.fix and not self.ok else ""
        return f"{mark} {self.name}: {self.finding}{tail}"


def mask_key(key: str) -> str:
    """Enough of a key to tell two apart, never enough to use it."""
    return f"…{key[-4:]}" if len(key) > 8 else "…"


def _with_timeout(func: Callable[[], T], seconds: float) -> T:
    """Runs func on a daemon thread; TimeoutError if it does not return in time."""
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(func())
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError
    if error:
        raise error[0]
    return result[0]


# ---- the checks -------------------------------------------------------------------------


def check_python() -> Finding:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Finding("Python", ok, version, "install Python 3.11 or newer")


def check_sdk() -> Finding:
    versions = []
    for package in ("openai", "httpx2"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            return Finding("SDK", False, f"{package} is not installed",
                           "reinstall the app (pip install -e . in a source checkout)")
    return Finding("SDK", True, ", ".join(versions))


def check_keyring() -> Finding:
    fix_backend = ("install gnome-keyring (or KWallet) and log in to a desktop session; "
                   "until then keys are kept for this session only")
    try:
        import keyring
        import keyring.errors

        backend = keyring.get_keyring()
    except Exception as exc:
        return Finding("Keyring", False, f"cannot load keyring: {exc}", fix_backend, False)
    name = f"{type(backend).__module__.removeprefix('keyring.backends.')}"
    if "fail" in name.split(".") or type(backend).__name__ == "NoKeyring":
        return Finding("Keyring", False, "no keyring backend found", fix_backend, False)
    try:
        # A read unlocks (or fails to unlock) the collection without writing anything.
        _with_timeout(lambda: keyring.get_password(f"{APP_ID}-doctor", "probe"),
                      KEYRING_TIMEOUT)
    except TimeoutError:
        return Finding("Keyring", False, f"{name} did not answer in {KEYRING_TIMEOUT:.0f} s",
                       "check that HOME exists and the keyring daemon is running", False)
    except (keyring.errors.KeyringLocked, keyring.errors.InitError) as exc:
        return Finding("Keyring", False, f"{name} is locked or unavailable ({exc})",
                       "unlock the login keyring (log in to the desktop session)", False)
    except keyring.errors.KeyringError as exc:
        return Finding("Keyring", False, f"{name}: {exc}", fix_backend, False)
    return Finding("Keyring", True, name)


def check_audio() -> Finding:
    try:
        import sounddevice as sd
    except OSError:
        return Finding("Audio", False, "the PortAudio library is missing",
                       "install libportaudio2 (apt install libportaudio2)", False)
    try:
        devices = list(sd.query_devices())
    except Exception as exc:
        return Finding("Audio", False, f"cannot list devices: {exc}",
                       "check PulseAudio/PipeWire is running", False)
    inputs = sum(1 for d in devices if d["max_input_channels"] > 0)
    outputs = sum(1 for d in devices if d["max_output_channels"] > 0)
    finding = f"{inputs} input and {outputs} output devices"
    if inputs and outputs:
        return Finding("Audio", True, finding)
    return Finding("Audio", False, finding,
                   "connect a microphone/speaker or start PulseAudio/PipeWire "
                   "(speech and recording need them)", False)


def _qt_platform() -> str:
    requested = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if requested:
        return requested
    if sys.platform.startswith("linux"):
        # Qt 6 prefers Wayland in a Wayland session; xcb otherwise.
        wayland = os.environ.get("XDG_SESSION_TYPE") == "wayland" and os.environ.get(
            "WAYLAND_DISPLAY")
        return "wayland" if wayland else "xcb"
    return {"darwin": "cocoa", "win32": "windows"}.get(sys.platform, "default")


def missing_libraries(library: Path) -> list[str]:
    """Shared libraries `ldd` cannot resolve for library (Qt's own message can be wrong)."""
    try:
        output = subprocess.run(["ldd", str(library)], capture_output=True, text=True,
                                timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split()[0] for line in output.splitlines() if "not found" in line]


def check_qt() -> Finding:
    from PySide6.QtCore import QLibraryInfo, qVersion

    platform = _qt_platform()
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = sorted(plugins.glob(f"*q{platform}.*"))
    finding = f"Qt {qVersion()}, platform plugin '{platform}'"
    if not sys.platform.startswith("linux") or platform in ("offscreen", "minimal"):
        return Finding("Qt", True, finding)
    if not found:
        return Finding("Qt", False, f"{finding} not found in {plugins}",
                       "reinstall PySide6, or set QT_QPA_PLATFORM=xcb")
    missing = missing_libraries(found[0])
    if missing:
        return Finding("Qt", False, f"{finding} cannot load: missing {', '.join(missing)}",
                       "install the packages that provide them (on Debian/Ubuntu run "
                       "scripts/install.sh, or apt-file search <lib>)")
    if platform == "xcb" and not os.environ.get("DISPLAY"):
        return Finding("Qt", False, f"{finding}, but DISPLAY is not set",
                       "run it from a desktop session (or set QT_QPA_PLATFORM=offscreen)")
    return Finding("Qt", True, finding)


def active_profile() -> Profile:
    """The profile the app would start with; the OpenAI defaults if none can be read."""
    try:
        from playground.settings import Settings
        from playground.storage.profiles import ProfileStore

        return ProfileStore(Settings().raw()).active()
    except Exception:  # no profiles module in this build, or unreadable settings
        return Profile()


def unknown_profile(name: str, names: list[str]) -> str:
    """What `--doctor --profile NAME` says when there is no such profile."""
    listed = ", ".join(f"“{n}”" for n in names)
    return (f"No profile is named “{name}”. Profiles: {listed}. "
            "Names are case-sensitive; leave out --profile to check the active one.")


def default_data_dir() -> Path:
    # The same folder as playground.storage.paths.data_dir(), without creating it here.
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.GenericDataLocation
    return Path(QStandardPaths.writableLocation(location)) / APP_ID


def check_data_dir(data_dir: Path) -> Finding:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Finding("Data folder", False, f"{data_dir} is not writable ({exc.strerror})",
                       f"make {data_dir} writable by you, or set XDG_DATA_HOME")
    return Finding("Data folder", True, f"{data_dir} is writable")


def check_tiktoken(resources: Path | None = None) -> Finding:
    from playground.resources import resources_dir  # the package's own data, frozen or not

    folder = (resources or resources_dir()) / "tiktoken"
    missing = [name for name in TIKTOKEN_FILES if not (folder / name).is_file()]
    if missing:
        return Finding("Token counting", False,
                       f"missing {', '.join(missing)} in {folder}",
                       "reinstall the app; offline token counts need these files", False)
    return Finding("Token counting", True, f"vocabularies present in {folder}")


def _environment_notes(env: dict[str, str] | os._Environ[str]) -> list[str]:
    notes = [f"{name}={env[name]}" for name in (ENV_BASE_URL, ENV_ORG, ENV_PROJECT)
             if env.get(name)]
    if env.get(ENV_KEY):
        notes.append(f"{ENV_KEY}={mask_key(env[ENV_KEY])}")
    return notes


def check_api(profile: Profile, key: str | None) -> Finding:
    import asyncio

    from playground.api.environment import apply_environment

    profile, key = apply_environment(profile, key)
    profile = dataclasses.replace(profile, timeout=API_TIMEOUT)
    where = profile.base_url
    notes = _environment_notes(os.environ)
    if notes:
        where += f" (from the environment: {', '.join(notes)})"
    if key and not os.environ.get(ENV_KEY):
        where += f", key {mask_key(key)}"
    name = f"API ({profile.name})"

    def hide_key(text: str) -> str:
        return text.replace(key, mask_key(key)) if key else text

    try:
        count = asyncio.run(_count_models(profile, key))
    except Exception as exc:
        from playground.api.errors import to_failure
        from playground.model.types import FailureKind

        failure = to_failure(exc)
        message = hide_key(failure.message)
        if failure.kind in (FailureKind.NOT_FOUND, FailureKind.UNSUPPORTED):
            return Finding(name, True, f"{where} answers (it has no /models list)")
        fixes = {
            FailureKind.AUTH: ("the key was rejected (401)",
                               "enter a valid key for this profile, or fix OPENAI_API_KEY"),
            FailureKind.PERMISSION: ("access denied (403)",
                                     "check the organization/project or your region"),
            FailureKind.NETWORK: ("cannot connect",
                                  "check the base URL, your network, or set a proxy"),
            FailureKind.PROXY: ("the proxy failed",
                                "check the profile's proxy or HTTP(S)_PROXY/ALL_PROXY"),
            FailureKind.TIMEOUT: (f"no answer in {API_TIMEOUT:.0f} s",
                                  "check the network or proxy; the server may be down"),
        }
        what, fix = fixes.get(failure.kind, (f"failed ({failure.kind})",
                                             "check the base URL and the server"))
        if not key and failure.kind is FailureKind.AUTH:
            what, fix = "no API key", "enter a key for this profile or set OPENAI_API_KEY"
        return Finding(name, False, f"{where}: {what}: {message}", fix)
    return Finding(name, True, f"{where} answers with {count} models")


async def _count_models(profile: Profile, key: str | None) -> int:
    from playground.api.client import ApiClient

    client = ApiClient(profile, key)
    try:
        page = await client.sdk.models.list()
        return len(page.data)
    finally:
        await client.aclose()


# ---- the report -------------------------------------------------------------------------


def checks(profile: Profile, key: str | None, data_dir: Path) -> Iterator[Callable[[], Finding]]:
    yield check_python
    yield check_sdk
    yield check_qt
    yield lambda: check_data_dir(data_dir)
    yield check_keyring
    yield check_audio
    yield check_tiktoken
    yield lambda: check_api(profile, key)


def run_doctor(
    profile: Profile | None = None,
    key: str | None = None,
    data_dir: Path | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """Prints one line per check; 0 when every essential check passes, else 1.

    profile: default the active profile in the settings; key: its key from the keyring, if
    the caller has it. OPENAI_* environment variables override both, as in the app.
    """
    failed_essential = 0
    for check in checks(profile or active_profile(), key, data_dir or default_data_dir()):
        try:
            finding = check()
        except Exception as exc:  # a broken check must not hide the others
            finding = Finding(getattr(check, "__name__", "check"), False,
                              f"{type(exc).__name__}: {exc}", "report this as a bug")
        print(finding.line(), file=out, flush=True)
        failed_essential += finding.essential and not finding.ok
    print("All essential checks passed." if not failed_essential
          else f"{failed_essential} essential check(s) failed.", file=out)
    return 1 if failed_essential else 0
