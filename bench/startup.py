"""Start-up time: process start to the first paint of the main window, vs a bare QMainWindow.

Both are spawned as fresh processes with PLAYGROUND_T0 = time.time() at spawn and print
`first-paint-ms <float>` when their window first paints (offscreen, temp XDG dirs).
Prints the median of RUNS for each and the ratio (target ≤ 2×, aim 1.5×).

    python bench/startup.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
TIMEOUT = 60.0
ROOT = Path(__file__).resolve().parent.parent

# The baseline: the least a PySide6 app must do before its first paint.
BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            ms = (time.time() - float(os.environ["PLAYGROUND_T0"])) * 1000
            print(f"first-paint-ms {ms:.1f}", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 750)
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.show()
sys.exit(app.exec())
"""


def first_paint_ms(argv: list[str], home: Path) -> float:
    # As a user runs it: bytecode cached (the warm-up run writes it), so a developer's
    # PYTHONDONTWRITEBYTECODE must not make every run compile the app from source.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("OPENAI_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        PLAYGROUND_EXIT_AFTER_FIRST_PAINT="1",
        PLAYGROUND_T0=repr(time.time()),
    )
    result = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint-ms "):
            return float(line.split()[1])
    raise RuntimeError(f"{' '.join(argv[:3])} printed no first-paint-ms "
                       f"(exit {result.returncode}): {result.stderr.strip()[-800:]}")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    app = [sys.executable, "-m", "playground"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    times: dict[str, list[float]] = {"bare": [], "app": []}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        # Warm the disk cache once so the first timed run is not an outlier.
        first_paint_ms(bare, Path(tmp) / "warm")
        try:
            first_paint_ms(app, Path(tmp) / "warm")
        except RuntimeError as exc:
            print(f"startup: the app cannot be measured: {exc}", file=sys.stderr)
            return 1
        for i in range(runs):  # interleaved, so drift in machine load hits both alike
            times["bare"].append(first_paint_ms(bare, Path(tmp) / f"bare{i}"))
            times["app"].append(first_paint_ms(app, Path(tmp) / f"app{i}"))
    bare_ms = statistics.median(times["bare"])
    app_ms = statistics.median(times["app"])
    print(f"startup: bare QMainWindow first paint {bare_ms:.0f} ms "
          f"(median of {runs}: {', '.join(f'{t:.0f}' for t in times['bare'])})")
    print(f"startup: playground first paint      {app_ms:.0f} ms "
          f"(median of {runs}: {', '.join(f'{t:.0f}' for t in times['app'])})")
    print(f"startup: ratio {app_ms / bare_ms:.2f}× (target ≤ 2×, aim 1.5×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
