"""Real audio through PulseAudio null sinks: `virt` (speakers) and `mic` (a fake microphone).

CI (scripts/test.sh) starts PulseAudio and sets PLAYGROUND_REAL_ENV=1: then a missing
PulseAudio fails the test. Elsewhere we start a private PulseAudio if we can, else skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SINKS = ("virt", "mic")


@dataclass(frozen=True)
class Pulse:
    env: dict[str, str]

    def play_into(self, sink: str, wav: Path) -> subprocess.Popen[bytes]:
        """Play a file into a sink (the fake microphone is `mic`) without waiting."""
        return subprocess.Popen(["paplay", f"--device={sink}", str(wav)], env=self.env)


def _pactl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10)


def _reachable() -> bool:
    return shutil.which("pactl") is not None and _pactl("info").returncode == 0


def _start_private() -> subprocess.Popen[bytes] | None:
    if shutil.which("pulseaudio") is None:
        return None
    runtime = tempfile.mkdtemp(prefix="pg-pulse-")
    os.chmod(runtime, 0o700)
    os.environ["XDG_RUNTIME_DIR"] = runtime
    os.environ["PULSE_SERVER"] = f"unix:{runtime}/pulse/native"
    proc = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--use-pid-file=no",
         "-L", "module-native-protocol-unix auth-anonymous=1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        if _reachable():
            return proc
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    return None


@pytest.fixture(scope="session")
def pulse() -> Iterator[Pulse]:
    """A running PulseAudio with null sinks `virt` and `mic`; PortAudio re-scanned."""
    real_env = os.environ.get("PLAYGROUND_REAL_ENV") == "1"
    private = None
    if not _reachable():
        if real_env:
            pytest.fail("PLAYGROUND_REAL_ENV=1 but PulseAudio is not reachable (pactl info)")
        private = _start_private()
        if private is None:
            pytest.skip("no PulseAudio available (set up by scripts/test.sh in CI)")
    existing = _pactl("list", "short", "sinks").stdout
    loaded = []
    for sink in SINKS:
        if f"\t{sink}\t" not in existing:
            result = _pactl("load-module", "module-null-sink", f"sink_name={sink}")
            loaded.append(result.stdout.strip())
    import sounddevice as sd

    sd._terminate()  # PortAudio lists devices once: re-scan now that PulseAudio is up
    sd._initialize()
    try:
        yield Pulse(dict(os.environ))
    finally:
        for module in loaded:
            _pactl("unload-module", module)
        if private is not None:
            private.terminate()
            private.wait()


@pytest.fixture
def speakers_to(pulse: Pulse, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Route the next streams: play into `sink`, record from `source` (read at stream open)."""

    def route(sink: str = "virt", source: str = "virt.monitor") -> None:
        monkeypatch.setenv("PULSE_SINK", sink)
        monkeypatch.setenv("PULSE_SOURCE", source)

    return route

