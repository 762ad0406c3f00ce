"""A 20,000-delta reply on the Responses API, rendered in the real chat tab, against the bare
SDK reading the same stream.

The loopback server (a child process) streams response.output_text.delta events built from
the SDK's types. Baseline: `client.responses.create(stream=True)` iterated under plain
asyncio. Candidate: Send in a shown ChatTab set to the Responses API (ChatSession, history
writes, the ledger, the message view). Prints the median time ratio (target <= 1.5x) and the
longest event-loop stall (target <= 50 ms).

    python bench/responses_stream.py [--runs 3] [--deltas 20000]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.streaming import MODEL, chat_tab, tab_run  # noqa: E402


def reply(deltas: int) -> str:
    words = ["The", "model", "streams", "**word**", "by", "word,", "with", "`code`", "and",
             "中文。"]
    # Paragraphs every 97 words, as a model writes them (no space after the blank line).
    return "".join(words[i % len(words)] + ("\n\n" if i % 97 == 96 else " ")
                   for i in range(deltas)).rstrip()


def serve() -> None:
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_responses import ResponsesOptions

    with FakeOpenAI() as server:
        server.state["responses"] = ResponsesOptions(reply=reply(int(sys.argv[2])))
        print(server.url, flush=True)
        sys.stdin.read()


async def bare_sdk_run(url: str) -> tuple[float, int]:
    import openai

    client = openai.AsyncOpenAI(api_key="sk-bench", base_url=url, max_retries=0)
    try:
        start = time.perf_counter()
        received = 0
        stream = await client.responses.create(model=MODEL, input="long please", stream=True)
        async for event in stream:
            if event.type == "response.output_text.delta":
                received += len(event.delta)
        return time.perf_counter() - start, received
    finally:
        await client.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--deltas", type=int, default=20_000)
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(args.deltas)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        expected = len(reply(args.deltas))
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        home = Path(tempfile.mkdtemp(prefix="bench-responses-"))
        os.environ.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home))
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        tab, services = chat_tab(url, home)
        tab.options.api_picker.setCurrentIndex(tab.options.api_picker.findData("responses"))

        def run_tab() -> tuple[float, int, float]:
            asyncio.set_event_loop(loop)
            try:
                return loop.run_until_complete(tab_run(tab))
            finally:
                asyncio.set_event_loop(None)

        run_tab()  # warm-up: imports, fonts, the client
        baseline, candidate, stalls = [], [], []
        for _ in range(args.runs):
            elapsed, received = asyncio.run(bare_sdk_run(url))
            assert received == expected, (received, expected)
            baseline.append(elapsed)
            elapsed, received, stall = run_tab()
            assert received == expected, (received, expected)
            candidate.append(elapsed)
            stalls.append(stall)
        asyncio.set_event_loop(loop)
        loop.run_until_complete(services.api.aclose())
        loop.run_until_complete(services.history.close())
        services.usage.close()
        loop.close()
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)
    base, cand = statistics.median(baseline), statistics.median(candidate)
    deltas = len(reply(args.deltas).split(" "))  # the server sends one delta per space
    print(f"reply: {expected:,} characters in {deltas:,} deltas; median of {args.runs}")
    print(f"baseline   bare AsyncOpenAI responses.create(stream=True): {base * 1000:8.1f} ms")
    print(f"candidate  Send -> ChatSession (Responses) -> ChatTab:      {cand * 1000:8.1f} ms")
    print(f"time ratio: {cand / base:.2f}x (target <= 1.5x); longest event-loop stall "
          f"{statistics.median(stalls) * 1000:.1f} ms median, {max(stalls) * 1000:.1f} ms worst "
          f"(target <= 50 ms)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        main()
