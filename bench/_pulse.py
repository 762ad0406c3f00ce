"""PulseAudio for audio benchmarks: reuse a running server, else start a private one.

Null sinks `virt` (speakers) and `mic` (a fake microphone) are loaded when missing.
Import this before sounddevice, so PortAudio sees the PulseAudio devices.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time


def _pactl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10)


def ensure_pulse() -> None:
    if shutil.which("pactl") is None:
        raise SystemExit("pulseaudio-utils (pactl) is not installed")
    if _pactl("info").returncode != 0:
        runtime = tempfile.mkdtemp(prefix="bench-pulse-")
        os.chmod(runtime, 0o700)
        os.environ["XDG_RUNTIME_DIR"] = runtime
        os.environ["PULSE_SERVER"] = f"unix:{runtime}/pulse/native"
        proc = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--use-pid-file=no",
             "-L", "module-native-protocol-unix auth-anonymous=1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        atexit.register(lambda: (proc.terminate(), proc.wait()))
        for _ in range(200):
            if _pactl("info").returncode == 0:
                break
            time.sleep(0.05)
        else:
            raise SystemExit("could not start pulseaudio")
    sinks = _pactl("list", "short", "sinks").stdout
    for sink in ("virt", "mic"):
        if f"\t{sink}\t" not in sinks:
            _pactl("load-module", "module-null-sink", f"sink_name={sink}")
