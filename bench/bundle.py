"""The bundle: size on disk, and cold start to first paint vs starting from the venv.

Both are spawned as fresh processes with PLAYGROUND_T0 = time.time() at spawn and
PLAYGROUND_EXIT_AFTER_FIRST_PAINT=1 (offscreen, temp XDG dirs); interleaved, median of RUNS.
Targets: ≤ 250 MB unpacked, bundle start ≤ 1.2× the venv's `python -m playground`.

    scripts/build-bundle.sh && python bench/bundle.py [runs]
    PLAYGROUND_BUNDLE_DIR=/path/to/openai-playground python bench/bundle.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import first_paint_ms  # same spawn, environment and parsing as bench/startup.py

RUNS = 5
ROOT = Path(__file__).resolve().parent.parent
SIZE_TARGET_MB = 250
RATIO_TARGET = 1.2


def disk_usage_mb(folder: Path) -> tuple[float, list[tuple[float, str]]]:
    """Allocated size of folder (symlinks counted once, as links), and its largest parts."""
    parts: dict[str, int] = {}
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_blocks * 512
        total += size
        top = path.relative_to(folder).parts[:2]
        parts["/".join(top)] = parts.get("/".join(top), 0) + size
    largest = sorted(((size / 2**20, name) for name, size in parts.items()), reverse=True)
    return total / 2**20, largest[:6]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    bundle = Path(os.environ.get("PLAYGROUND_BUNDLE_DIR", ROOT / "dist" / "openai-playground"))
    exe = bundle / "openai-playground"
    if not os.access(exe, os.X_OK):
        # Not a failure of run_all.py: the bundle is a build product, built on demand.
        print(f"bundle: not measured, no bundle at {bundle} (build it with "
              "scripts/build-bundle.sh)")
        return 0
    size_mb, largest = disk_usage_mb(bundle)
    print(f"bundle: size on disk {size_mb:.0f} MB (target ≤ {SIZE_TARGET_MB} MB); largest: "
          + ", ".join(f"{name} {mb:.0f}" for mb, name in largest))

    venv = [sys.executable, "-m", "playground"]
    frozen = [str(exe)]
    times: dict[str, list[float]] = {"venv": [], "bundle": []}
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        try:  # warm the disk cache for both, so no timed run pays for the first read
            first_paint_ms(venv, Path(tmp) / "warm")
            first_paint_ms(frozen, Path(tmp) / "warm")
        except RuntimeError as exc:
            print(f"bundle: cannot be measured: {exc}", file=sys.stderr)
            return 1
        for i in range(runs):  # interleaved, so drift in machine load hits both alike
            times["venv"].append(first_paint_ms(venv, Path(tmp) / f"venv{i}"))
            times["bundle"].append(first_paint_ms(frozen, Path(tmp) / f"bundle{i}"))
    venv_ms = statistics.median(times["venv"])
    bundle_ms = statistics.median(times["bundle"])
    for name, ms in (("venv  ", venv_ms), ("bundle", bundle_ms)):
        print(f"bundle: {name} first paint {ms:.0f} ms (median of {runs}: "
              f"{', '.join(f'{t:.0f}' for t in times[name.strip()])})")
    print(f"bundle: start ratio {bundle_ms / venv_ms:.2f}× (target ≤ {RATIO_TARGET}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
