"""The loopback realtime server in a child process, for voice benchmarks.

In a child, its threads (WebSocket, VAD over every appended block, the paced reply) neither
share our GIL nor count in our process's CPU time.

    proc, url = start_realtime(tone_seconds=4.0)   ...   stop_realtime(proc)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def serve() -> None:
    """Child: serve a RealtimeScript until stdin closes."""
    sys.path.insert(0, str(ROOT))
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_realtime import RealtimeScript

    tone_seconds, pace, chunk_ms = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    with FakeOpenAI() as server:
        server.state["realtime"] = RealtimeScript(tone_seconds=tone_seconds, pace=pace,
                                                  chunk_ms=chunk_ms)
        print(server.url, flush=True)
        sys.stdin.read()


def start_realtime(tone_seconds: float = 1.0, pace: float = 0.02,
                   chunk_ms: int = 100) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(tone_seconds), str(pace), str(chunk_ms)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url:
        proc.wait(timeout=10)
        raise SystemExit("the loopback realtime server did not start")
    return proc, url


def stop_realtime(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None:
        proc.stdin.close()
    proc.wait(timeout=10)


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"]:
    serve()
