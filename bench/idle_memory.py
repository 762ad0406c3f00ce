"""Idle memory: the app's resident set 10 s after its first paint vs a bare PySide6 window.

Both run as their own process, offscreen, with a throwaway home; the app points at a
loopback server so its start-up requests (model list) are answered. Prints both RSS
figures and the ratio (target <= 3x), median of --runs.

    python bench/idle_memory.py [--runs 3] [--idle 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure(command: list[str], env: dict[str, str], idle: float) -> float:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        time.sleep(idle)
        return rss_mb(process.pid)
    finally:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    from tests.fake_openai import FakeOpenAI

    bare, app = [], []
    with FakeOpenAI() as server:
        for _ in range(args.runs):
            home = Path(tempfile.mkdtemp(prefix="bench-idle-"))
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
                   "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
                   "OPENAI_API_KEY": "sk-bench", "OPENAI_BASE_URL": server.url}
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run with cached bytecode
            # Start-up takes about a second: the idle time counts from there.
            bare.append(measure([sys.executable, "-c", BARE], env, args.idle + 1))
            app.append(measure([sys.executable, "-m", "playground"], env, args.idle + 1))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"median of {args.runs}, RSS {args.idle:.0f} s after start (offscreen)")
    print(f"baseline   bare PySide6 window: {b:6.1f} MB")
    print(f"candidate  the app, idle:       {a:6.1f} MB")
    print(f"ratio: {a / b:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
