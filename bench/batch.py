"""A 1,000-row batch with concurrency 8: BatchRun against the bare SDK, same server, same run.

The loopback server (tests/fake_openai, in a child process so it does not share our GIL)
answers every row with a short streamed reply and its usage.
Baseline: the bare AsyncOpenAI client, asyncio.gather over the rows with a Semaphore(8),
each a streamed chat completion with usage, its text collected.
Candidate: the app's path — `BatchRun.start` under qasync (the app's loop) with the app's
services: each row filled from its template, streamed through api.engine, priced, reported
to the usage ledger, checked (a "contains" check) and written to SQLite as it finishes.
Prints the median time ratio (target <= 1.3x).

    python bench/batch.py [--runs 3] [--rows 1000] [--concurrency 8] [--delay 0]
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

MODEL = "gpt-4o"
SYSTEM = "Answer in one short sentence."


def serve() -> None:
    """Child process: the loopback server until stdin closes (argv[2]: delay per event)."""
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_chat import ChatOptions

    with FakeOpenAI() as server:
        server.state["chat"] = ChatOptions(delay=float(sys.argv[2]))
        print(server.url, flush=True)
        sys.stdin.read()


def prompt(n: int) -> str:
    return f"What is the capital of country number {n}?"


async def bare_sdk_run(url: str, rows: int, concurrency: int) -> tuple[float, int]:
    import openai

    client = openai.AsyncOpenAI(api_key="sk-bench", base_url=url, max_retries=0)
    limit = asyncio.Semaphore(concurrency)

    async def one(n: int) -> str:
        async with limit:
            response = await client.chat.completions.create(
                model=MODEL, stream=True, stream_options={"include_usage": True},
                messages=[{"role": "system", "content": SYSTEM},
                          {"role": "user", "content": prompt(n)}])
            parts = []
            async for chunk in response:
                for choice in chunk.choices:
                    parts.append(choice.delta.content or "")
            return "".join(parts)

    try:
        start = time.perf_counter()
        replies = await asyncio.gather(*(one(n) for n in range(rows)))
        return time.perf_counter() - start, len(replies)
    finally:
        await client.close()


def services_for(url: str, folder: Path) -> Any:
    from playground.model.types import Profile
    from playground.services import ApiProvider, Services
    from playground.settings import Settings
    from playground.storage.history_async import AsyncHistory
    from playground.storage.profiles import ProfileStore
    from playground.storage.secrets import SecretStore
    from playground.usage.service import UsageService

    async def key(_name: str) -> str:
        return "sk-bench"

    database = folder / "bench.sqlite3"
    loop = asyncio.get_event_loop()
    history = loop.run_until_complete(AsyncHistory.open(database))
    profile = Profile(name="Bench", base_url=url, max_retries=0)
    return Services(api=ApiProvider(lambda: profile, key),
                    usage=UsageService(database, loop=loop), history=history,
                    secrets=SecretStore(), settings=Settings(),
                    profiles=ProfileStore(Settings().raw())), database


async def batch_run(services: Any, store: Any, rows: int, concurrency: int) -> tuple[float, int]:
    from playground.model.batch import BatchCheck, BatchTemplate, CheckKind
    from playground.model.types import ChatMessage, ChatRequest
    from playground.services.batch_run import BatchRun, RunEnd
    from playground.storage.batch_rows import Rows

    template = BatchTemplate("A", ChatRequest(MODEL, [
        ChatMessage("system", SYSTEM),
        ChatMessage("user", "What is the capital of country number {{n}}?")]))
    table = Rows(["n"], [{"n": str(n)} for n in range(rows)], list(range(2, rows + 2)))
    run = BatchRun(services, store)
    start = time.perf_counter()
    end = await run.start(table, [template], [BatchCheck(CheckKind.CONTAINS, "capital")],
                          concurrency=concurrency)
    elapsed = time.perf_counter() - start
    assert end == RunEnd.COMPLETED, end
    summary = run.summary()
    assert summary.done == rows and summary.passed == rows, summary
    return elapsed, summary.done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--delay", type=float, default=0.0,
                        help="server seconds per streamed event (0: as fast as it can)")
    args = parser.parse_args()

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.delay)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()

        import qasync
        from PySide6.QtWidgets import QApplication

        from playground.storage.batch_store import AsyncBatchStore

        app = QApplication.instance() or QApplication([])
        qt_loop = qasync.QEventLoop(app)
        home = Path(tempfile.mkdtemp(prefix="bench-batch-"))
        os.environ.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home))
        asyncio.set_event_loop(qt_loop)
        services, database = services_for(url, home)
        store = qt_loop.run_until_complete(AsyncBatchStore.open(database))

        def candidate_run(rows: int) -> tuple[float, int]:
            asyncio.set_event_loop(qt_loop)
            try:
                return qt_loop.run_until_complete(
                    batch_run(services, store, rows, args.concurrency))
            finally:
                asyncio.set_event_loop(None)

        candidate_run(50)  # warm-up: SDK import, client, database, price book
        asyncio.run(bare_sdk_run(url, 50, args.concurrency))
        baseline, candidate = [], []
        # Interleaved, so a change in the machine's load touches both alike.
        for _ in range(args.runs):
            elapsed, done = asyncio.run(bare_sdk_run(url, args.rows, args.concurrency))
            assert done == args.rows
            baseline.append(elapsed)
            elapsed, done = candidate_run(args.rows)
            candidate.append(elapsed)
        asyncio.set_event_loop(qt_loop)
        qt_loop.run_until_complete(store.close())
        qt_loop.run_until_complete(services.api.aclose())
        qt_loop.run_until_complete(services.history.close())
        services.usage.close()
        qt_loop.close()
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)

    base, cand = statistics.median(baseline), statistics.median(candidate)
    print(f"{args.rows:,} rows, concurrency {args.concurrency}, server delay {args.delay} s "
          f"per event; median of {args.runs}")
    print(f"baseline   bare AsyncOpenAI, gather + Semaphore, asyncio: {base * 1000:8.1f} ms "
          f"({args.rows / base:.0f} rows/s)")
    print(f"candidate  BatchRun (template, ledger, check, SQLite), qasync: "
          f"{cand * 1000:8.1f} ms ({args.rows / cand:.0f} rows/s)")
    print(f"time ratio: {cand / base:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        main()
