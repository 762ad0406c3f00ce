"""A reply with hosted tool cards: no UI stall over 50 ms while it streams and renders.

The loopback server (tests/fake_openai, in a child process so it does not share our GIL)
answers with a web search citing 200 sources (200 url_citation annotations, numbered links in
the text and a sources list) and a code interpreter call whose output has 2,000 lines (and
200 lines of code, streamed line by line). The app's own path: Send in a shown ChatTab with
both tools on, through ChatSession and the turn renderer, until the reply is drawn; then the
same conversation reopened from history (every card and link rebuilt at once).
Prints the time and the longest event-loop stall seen by a 5 ms QTimer heartbeat
(target <= 50 ms), and a plain reply's figures measured in the same run for comparison.

    python bench/tool_render.py [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.streaming import Heartbeat, chat_tab  # noqa: E402

SOURCES = 200
OUTPUT_LINES = 2_000
CODE_LINES = 200
TARGET_STALL = 0.050


def serve() -> None:
    """Child process: the loopback server with the tool-heavy reply, until stdin closes."""
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_tools import ToolOptions

    code = "".join(f"print('row', {n}, {n} ** 2)\n" for n in range(CODE_LINES))
    logs = "".join(f"row {n} {n * n}  " + "x" * 40 + "\n" for n in range(OUTPUT_LINES))
    with FakeOpenAI() as server:
        server.state["tools"] = ToolOptions(sources=SOURCES, code=code, logs=logs)
        print(server.url, flush=True)
        sys.stdin.read()


async def send_run(tab: Any, tools: bool) -> tuple[float, float]:
    """Send with (or without) the tools on; the time until drawn and the longest stall."""
    from PySide6.QtGui import QAction

    for name in ("webSearchToggle", "codeInterpreterToggle"):
        action = tab.options.tools.findChild(QAction, name)
        action.setChecked(tools)
    heartbeat = Heartbeat()
    ended = asyncio.Event()

    def on_busy(busy: bool) -> None:
        if not busy:
            ended.set()

    await tab.new_conversation()
    tab.busyChanged.connect(on_busy)
    tab.input.setPlainText("search, then compute")
    await asyncio.sleep(0.05)
    heartbeat.start()
    start = time.perf_counter()
    tab.send()
    await ended.wait()
    await asyncio.sleep(0.1)  # cards redraw on a 50 ms timer: let the last one land
    tab.view.viewport().repaint()
    elapsed = time.perf_counter() - start - 0.1
    longest = heartbeat.stop()
    tab.busyChanged.disconnect(on_busy)
    if tools:
        turn = tab.session.turns[-1]
        assert len(turn.details.citations) == SOURCES, len(turn.details.citations)
        logs = turn.details.hosted[1].detail["outputs"][0]["logs"]
        assert logs.count("\n") == OUTPUT_LINES
    return elapsed, longest


async def reopen_run(tab: Any) -> tuple[float, float]:
    """Open the last conversation again: every card and the numbered text rebuilt."""
    conversation_id = tab.session.conversation_id
    await tab.new_conversation()
    await asyncio.sleep(0.05)
    heartbeat = Heartbeat()
    heartbeat.start()
    start = time.perf_counter()
    await tab.load_conversation(conversation_id)
    await asyncio.sleep(0.1)
    tab.view.viewport().repaint()
    elapsed = time.perf_counter() - start - 0.1
    return elapsed, heartbeat.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        import tempfile

        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        home = Path(tempfile.mkdtemp(prefix="bench-tools-"))
        os.environ.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home))
        tab, services = chat_tab(url, home)
        tab.params.model_picker.setEditText("gpt-5.5")
        tab.options.api_picker.setCurrentIndex(tab.options.api_picker.findData("responses"))
        tab.resize(1024, 640)
        loop.run_until_complete(send_run(tab, True))  # warm-up: imports, fonts, SDK client
        plain, tools, reopened = [], [], []
        for _ in range(args.runs):  # interleaved: a change in load touches each alike
            plain.append(loop.run_until_complete(send_run(tab, False)))
            tools.append(loop.run_until_complete(send_run(tab, True)))
            reopened.append(loop.run_until_complete(reopen_run(tab)))
        loop.run_until_complete(services.api.aclose())
        loop.run_until_complete(services.history.close())
        services.usage.close()
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)

    def line(name: str, runs: list[tuple[float, float]]) -> float:
        took = statistics.median(r[0] for r in runs)
        stall = max(r[1] for r in runs)
        print(f"{name:<46} {took * 1000:8.1f} ms   longest stall {stall * 1000:6.1f} ms")
        return stall

    print(f"reply with {SOURCES} citations + {OUTPUT_LINES}-line code output, "
          f"{args.runs} runs (median time, worst stall)")
    line("plain reply (same tab, tools off)", plain)
    worst = max(line("tool reply: Send -> cards, links, sources", tools),
                line("tool reply reopened from history", reopened))
    verdict = "PASS" if worst <= TARGET_STALL else "FAIL"
    print(f"worst stall {worst * 1000:.1f} ms (target <= {TARGET_STALL * 1000:.0f} ms): {verdict}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        main()
