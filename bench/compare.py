"""Four compare panes streaming at once: time against one pane alone, and UI stalls.

The loopback server (tests/fake_openai, in a child process so it does not share our GIL)
streams a markdown reply as 5,000 deltas per request. Two servers run: one paced like a
fast model (one delta every --pace-ms, default 1 ms: ~1,000 deltas/s per stream), one
unpaced (as fast as the loopback can write, so the client's CPU is the limit).
Baseline: one pane alone — a one-pane CompareRun streaming into one StreamText.
Candidate: the whole compare view with four panes (two on the active profile, two on
another profile with clients of their own), Send clicked, until every pane is priced.
Prints the median time ratio (target <= 1.5x on the paced server) and the longest
event-loop stall seen by a 5 ms QTimer heartbeat (target <= 50 ms).

    python bench/compare.py [--runs 3] [--deltas 5000] [--pace-ms 1.0] [--per-write 1]

--per-write K: K deltas per write every --pace-ms (as a fast server's TCP stream coalesces
them); 1 is the hardest case for the client: one socket wake-up per delta.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.streaming import Heartbeat, sample_reply  # noqa: E402

MODELS = ("gpt-5.4-mini", "gpt-4o", "qwen3-8b", "llama-3.3-70b")
REPLY_CHARS = 40_000  # 8 characters per delta at 5,000 deltas


def serve() -> None:
    """Child process: the loopback server until stdin closes."""
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_chat import ChatOptions

    deltas, pace_ms, per_write = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    with FakeOpenAI() as server:
        server.state["chat"] = ChatOptions(reply=sample_reply(REPLY_CHARS), chunks=deltas,
                                           delay=pace_ms / 1000,
                                           batch=per_write if pace_ms else None)
        print(server.url, flush=True)
        sys.stdin.read()


def start_server(deltas: int, pace_ms: float,
                 per_write: int = 1) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(deltas), str(pace_ms), str(per_write)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert server.stdout is not None
    return server, server.stdout.readline().strip()


def make_services(url: str, folder: Path) -> Any:
    from playground.model.types import Profile
    from playground.services import ApiProvider, Services
    from playground.settings import Settings
    from playground.storage.history_async import AsyncHistory
    from playground.storage.profiles import ProfileStore
    from playground.storage.secrets import SecretStore
    from playground.usage.service import UsageService

    async def key(_name: str) -> str:
        return "sk-bench"

    loop = asyncio.get_event_loop()
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "bench.sqlite3"
    history = loop.run_until_complete(AsyncHistory.open(database))
    profile = Profile(name="Bench", base_url=url, max_retries=0)
    settings = Settings()
    services = Services(api=ApiProvider(lambda: profile, key),
                        usage=UsageService(database, loop=loop), history=history,
                        secrets=SecretStore(), settings=settings,
                        profiles=ProfileStore(settings.raw()))
    other = Profile(name="Other", base_url=url.replace("127.0.0.1", "127.1"),
                    max_retries=0)
    if services.profiles.get("Other") is None:
        services.profiles.save(other)
    services.api.session_keys["Other"] = "sk-bench"
    return services


async def one_pane(services: Any, text: Any) -> tuple[float, int, float]:
    """One pane alone: CompareRun with a single pane, its text into a shown StreamText."""
    from playground.model.types import ChatRequest
    from playground.services.compare_run import CompareRun, PaneSetup

    run = CompareRun(services, [PaneSetup("Bench", ChatRequest(MODELS[0], []))])
    text.clear()
    run.pane_text.connect(lambda _i, delta: text.append(delta))
    run.pane_changed.connect(lambda _i, result: text.finish() if result.finished else None)
    heartbeat = Heartbeat()
    await asyncio.sleep(0.05)
    heartbeat.start()
    start = time.perf_counter()
    await run.run("long please")
    text.viewport().repaint()
    elapsed = time.perf_counter() - start
    return elapsed, len(text.text), heartbeat.stop()


async def four_panes(view: Any) -> tuple[float, list[int], float]:
    for pane in view.panes:
        pane.text.clear()
    heartbeat = Heartbeat()
    await asyncio.sleep(0.05)
    heartbeat.start()
    start = time.perf_counter()
    view.send()
    await asyncio.sleep(0)
    # Done when every pane's text is on screen (the panes put a backlog there in portions).
    while view.run.is_running() or any(p.text.has_pending for p in view.panes):
        await asyncio.sleep(0.002)
    for pane in view.panes:
        pane.text.viewport().repaint()
    elapsed = time.perf_counter() - start
    stall = heartbeat.stop()
    states = {r.state.value for r in view.run.results}
    assert states == {"done"}, [(r.state, r.error) for r in view.run.results]
    return elapsed, [len(p.text.text) for p in view.panes], stall


def compare_view(services: Any) -> Any:
    from playground.ui.compare_view import CompareView

    view = CompareView(services)
    view.add_button.click()
    view.add_button.click()
    for index, pane in enumerate(view.panes):
        pane.profile.setCurrentText("Bench" if index < 2 else "Other")
        pane.model.setEditText(MODELS[index])
    view.input.setPlainText("long please")
    view.resize(1600, 1000)
    view.show()
    return view


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--deltas", type=int, default=5000)
    parser.add_argument("--pace-ms", type=float, default=1.0)
    parser.add_argument("--per-write", type=int, default=1)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    os.environ.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home))
    servers = [start_server(args.deltas, args.pace_ms, args.per_write),
               start_server(args.deltas, 0.0)]
    expected = len(sample_reply(REPLY_CHARS))
    try:
        import qasync
        from PySide6.QtWidgets import QApplication

        from playground.ui.widgets.stream_text import StreamText

        app = QApplication.instance() or QApplication([])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        results: dict[str, dict[str, list[float]]] = {}
        for label, (_process, url) in zip(("paced", "unpaced"), servers, strict=True):
            services = make_services(url, home / label)
            text = StreamText()
            text.resize(400, 900)
            text.show()
            view = compare_view(services)
            loop.run_until_complete(one_pane(services, text))  # warm-up: imports, fonts
            loop.run_until_complete(four_panes(view))
            from playground import heap

            heap.enable()  # as the app does once its window is up (playground/heap.py)
            found: dict[str, list[float]] = {"one": [], "four": [], "one_stall": [],
                                              "four_stall": []}
            for _ in range(args.runs):  # interleaved: load changes touch both alike
                elapsed, received, stall = loop.run_until_complete(one_pane(services, text))
                assert received == expected, (received, expected)
                found["one"].append(elapsed)
                found["one_stall"].append(stall)
                elapsed, lengths, stall = loop.run_until_complete(four_panes(view))
                assert lengths == [expected] * 4, (lengths, expected)
                found["four"].append(elapsed)
                found["four_stall"].append(stall)
            results[label] = found
            loop.run_until_complete(services.api.aclose())
            loop.run_until_complete(services.history.close())
            services.usage.close()
            view.close()
            text.close()
        loop.close()
    finally:
        for process, _url in servers:
            if process.stdin:
                process.stdin.close()
            process.wait(timeout=10)

    print(f"reply: {expected:,} characters in {args.deltas:,} deltas per pane; "
          f"median of {args.runs}")
    for label, found in results.items():
        one, four = statistics.median(found["one"]), statistics.median(found["four"])
        pace = (f"{args.per_write} delta(s) per {args.pace_ms:g} ms" if label == "paced"
                else "as fast as the loopback writes")
        print(f"{label} server ({pace}):")
        print(f"  one pane alone (CompareRun -> StreamText): {one * 1000:8.1f} ms "
              f"(stall {max(found['one_stall']) * 1000:.1f} ms worst)")
        print(f"  four panes at once (CompareView, Send):    {four * 1000:8.1f} ms")
        print(f"  time ratio: {four / one:.2f}x"
              + (" (target <= 1.5x)" if label == "paced" else " (4x the work on one thread)"))
        print(f"  longest event-loop stall, four panes: "
              f"{statistics.median(found['four_stall']) * 1000:.1f} ms median, "
              f"{max(found['four_stall']) * 1000:.1f} ms worst (target <= 50 ms)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        main()
