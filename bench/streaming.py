"""Streaming a long reply into the chat view: time against the bare SDK, and UI stalls.

The loopback server (tests/fake_openai, in a child process so it does not share our GIL)
streams a ~130k-character markdown reply as 20,000 chunks.
Baseline: the bare AsyncOpenAI loop reading that stream under plain asyncio.
Candidate: the same stream read through playground.api.chat.stream under qasync, each delta
appended to a shown MessageView, ending with finish() and a paint.
Whole tab: the app's own path — Send in a shown ChatTab, through ChatSession (history writes
every 250 ms, the final write, usage to the ledger) and the turn renderer.
Prints the median time ratio (target <= 1.5x) and the longest event-loop stall seen by a
5 ms QTimer heartbeat (target <= 50 ms).

    python bench/streaming.py [--runs 3] [--chunks 20000]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MODEL = "gpt-4o"
TARGET_CHARS = 130_000


def sample_reply(target: int = TARGET_CHARS) -> str:
    """Markdown like a long assistant answer: headings, prose, lists, tables, code, 中文."""
    section = (
        "## Section {n}\n\n"
        "The quick brown fox jumps over the lazy dog while the model explains step {n} "
        "in some detail, with **bold**, *italic* and `inline code`. 这一段是中文说明，"
        "用来检查字体与换行。\n\n"
        "- first point about {n}\n- second point, a little longer than the first one\n"
        "- third point\n\n"
        "| item | value | note |\n|---|---:|---|\n| alpha | {n} | fine |\n"
        "| beta | {m} | also fine |\n\n"
        "```python\ndef step_{n}(x: int) -> int:\n    # double, then add the step\n"
        "    return x * 2 + {n}\n```\n\n"
        "That closes section {n}; the next one follows the same shape.\n\n"
    )
    parts: list[str] = []
    size = 0
    n = 0
    while size < target:
        part = section.format(n=n, m=n * 7)
        parts.append(part)
        size += len(part)
        n += 1
    return "".join(parts)[:target]


def serve() -> None:
    """Child process: run the loopback server with the long reply until stdin closes."""
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_chat import ChatOptions

    chunks = int(sys.argv[2])
    with FakeOpenAI() as server:
        server.state["chat"] = ChatOptions(reply=sample_reply(), chunks=chunks)
        print(server.url, flush=True)
        sys.stdin.read()


async def bare_sdk_run(url: str) -> tuple[float, int]:
    import openai

    client = openai.AsyncOpenAI(api_key="sk-bench", base_url=url, max_retries=0)
    try:
        start = time.perf_counter()
        received = 0
        response = await client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "long please"}], stream=True,
            stream_options={"include_usage": True},
        )
        async for chunk in response:
            for choice in chunk.choices:
                received += len(choice.delta.content or "")
        return time.perf_counter() - start, received
    finally:
        await client.close()


class Heartbeat:
    """A 5 ms QTimer: the longest gap between its beats is the longest event-loop stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.stalls: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.stalls.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._beat()
        return max(self.stalls)


async def view_run(url: str, window, *, show_text: bool = True) -> tuple[float, int, float]:  # type: ignore[no-untyped-def]
    """The app's path; show_text=False reads the same stream under qasync without the view."""

    from playground.api import chat
    from playground.api.client import ApiClient
    from playground.model.types import ChatMessage, ChatRequest, Profile, TextDelta

    view = window.centralWidget()
    view.clear()
    view.add_message("q", "user", "long please")
    reply = view.add_message("a", "assistant", "", status="streaming", model=MODEL)

    heartbeat = Heartbeat()

    client = ApiClient(Profile(base_url=url), "sk-bench")
    request = ChatRequest(model=MODEL, messages=[ChatMessage("user", "long please")])
    received = 0
    try:
        await asyncio.sleep(0.05)  # let the window settle before timing
        heartbeat.start()
        start = time.perf_counter()
        async for event in chat.stream(client, request):
            if isinstance(event, TextDelta):
                if show_text:
                    reply.append_text(event.text)
                else:
                    received += len(event.text)
        reply.finish()
        reply.set_status("complete")
        view.viewport().repaint()
        elapsed = time.perf_counter() - start
        longest = heartbeat.stop()
    finally:
        await client.aclose()
    return elapsed, len(reply.text) if show_text else received, longest


async def tab_run(tab) -> tuple[float, int, float]:  # type: ignore[no-untyped-def]
    """Send in the real chat tab and wait for the reply to end."""

    heartbeat = Heartbeat()
    ended = asyncio.Event()

    def on_busy(busy: bool) -> None:
        if not busy:
            ended.set()

    await tab.new_conversation()
    tab.busyChanged.connect(on_busy)
    tab.input.setPlainText("long please")
    await asyncio.sleep(0.05)
    heartbeat.start()
    start = time.perf_counter()
    tab.send()
    await ended.wait()
    tab.view.viewport().repaint()
    elapsed = time.perf_counter() - start
    longest = heartbeat.stop()
    tab.busyChanged.disconnect(on_busy)
    return elapsed, len(tab.view.message(tab.view.keys()[-1]).text), longest


def chat_tab(url: str, folder: Path):  # type: ignore[no-untyped-def]
    """A shown ChatTab with the app's services (history and ledger in `folder`)."""
    from playground.model.types import Profile
    from playground.services import ApiProvider, Services
    from playground.settings import Settings
    from playground.storage.history_async import AsyncHistory
    from playground.storage.profiles import ProfileStore
    from playground.storage.secrets import SecretStore
    from playground.ui.tabs.chat import ChatTab
    from playground.usage.service import UsageService

    async def key(_name: str) -> str:
        return "sk-bench"

    database = folder / "bench.sqlite3"
    loop = asyncio.get_event_loop()
    history = loop.run_until_complete(AsyncHistory.open(database))
    profile = Profile(name="Bench", base_url=url, max_retries=0)
    services = Services(api=ApiProvider(lambda: profile, key),
                        usage=UsageService(database, loop=loop), history=history,
                        secrets=SecretStore(), settings=Settings(),
                        profiles=ProfileStore(Settings().raw()))
    tab = ChatTab(Settings())
    tab.params.model_picker.setEditText(MODEL)
    tab.resize(1200, 800)
    tab.show()
    tab.attach(services)
    return tab, services


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chunks", type=int, default=20_000)
    args = parser.parse_args()

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.chunks)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        expected = len(sample_reply())

        import qasync
        from PySide6.QtWidgets import QApplication, QMainWindow

        from playground.ui.widgets.message_view import MessageView

        app = QApplication.instance() or QApplication([])
        window = QMainWindow()
        window.setCentralWidget(MessageView())
        window.resize(900, 800)
        window.show()
        qt_loop = qasync.QEventLoop(app)

        def run_under_qasync(show_text: bool) -> tuple[float, int, float]:
            asyncio.set_event_loop(qt_loop)
            try:
                return qt_loop.run_until_complete(view_run(url, window, show_text=show_text))
            finally:
                asyncio.set_event_loop(None)

        run_under_qasync(True)  # warm-up: imports, fonts, Pygments lexers
        import tempfile

        home = Path(tempfile.mkdtemp(prefix="bench-streaming-"))
        os.environ.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home))
        asyncio.set_event_loop(qt_loop)
        tab, services = chat_tab(url, home)

        def run_tab() -> tuple[float, int, float]:
            asyncio.set_event_loop(qt_loop)
            try:
                return qt_loop.run_until_complete(tab_run(tab))
            finally:
                asyncio.set_event_loop(None)

        run_tab()  # warm-up of the tab's own path (SDK client, history, ledger)
        from playground import heap

        heap.enable()  # as the app does once its window is up (playground/heap.py)
        baseline, reference, candidate, worst_stalls, reference_stalls = [], [], [], [], []
        whole, whole_stalls = [], []
        # Interleaved, so a change in the machine's load touches every variant alike.
        for _ in range(args.runs):
            elapsed, received = asyncio.run(bare_sdk_run(url))
            assert received == expected, (received, expected)
            baseline.append(elapsed)
            elapsed, received, stall = run_under_qasync(False)
            assert received == expected, (received, expected)
            reference.append(elapsed)
            reference_stalls.append(stall)
            elapsed, received, stall = run_under_qasync(True)
            assert received == expected, (received, expected)
            candidate.append(elapsed)
            worst_stalls.append(stall)
            elapsed, received, stall = run_tab()
            assert received == expected, (received, expected)
            whole.append(elapsed)
            whole_stalls.append(stall)
        asyncio.set_event_loop(qt_loop)
        qt_loop.run_until_complete(services.api.aclose())
        qt_loop.run_until_complete(services.history.close())
        services.usage.close()
        qt_loop.close()  # joins qasync's executor thread
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)

    base, ref, cand = (statistics.median(v) for v in (baseline, reference, candidate))
    print(f"reply: {expected:,} characters in {args.chunks:,} chunks; median of {args.runs}")
    print(f"baseline   bare AsyncOpenAI, asyncio:          {base * 1000:8.1f} ms")
    print(f"reference  api.chat.stream, qasync, no view:   {ref * 1000:8.1f} ms "
          f"(stall {statistics.median(reference_stalls) * 1000:.0f} ms)")
    print(f"candidate  api.chat.stream -> MessageView:     {cand * 1000:8.1f} ms")
    tab_time = statistics.median(whole)
    print(f"whole tab  Send -> ChatSession -> ChatTab:      {tab_time * 1000:8.1f} ms")
    print(f"time ratio: {cand / base:.2f}x (target <= 1.5x); view alone: {cand / ref:.2f}x; "
          f"whole tab: {tab_time / base:.2f}x")
    print(f"longest event-loop stall: {statistics.median(worst_stalls) * 1000:.1f} ms median, "
          f"{max(worst_stalls) * 1000:.1f} ms worst; whole tab "
          f"{statistics.median(whole_stalls) * 1000:.1f} ms median, "
          f"{max(whole_stalls) * 1000:.1f} ms worst (target <= 50 ms)")

if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        main()
