"""A real crash: a process running a batch is SIGKILLed mid-run; every row it had finished
is in the database, and resuming sends only the rest."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from playground.model.batch import RowStatus
from playground.services.batch_run import BatchRun, RunEnd
from playground.storage.batch_store import AsyncBatchStore, BatchStore
from tests.fake_openai.routes_chat import PATH, ChatOptions
from tests.unit.services.conftest import real_services

_RUNNER = textwrap.dedent("""
    import asyncio, sys, types
    from pathlib import Path
    from playground.model.batch import BatchTemplate
    from playground.model.types import ChatMessage, ChatRequest
    from playground.services.batch_run import BatchRun
    from playground.storage.batch_rows import parse_csv
    from playground.storage.batch_store import AsyncBatchStore
    from tests.unit.services.conftest import real_services

    async def main():
        folder = Path(sys.argv[2])
        server = types.SimpleNamespace(url=sys.argv[1])
        async with real_services(server, folder) as services:
            run = BatchRun(services, await AsyncBatchStore.open(folder / "db.sqlite3"))
            # row_done fires after the row's write returned
            run.row_done.connect(lambda r: print(r.row, flush=True))
            rows = parse_csv("n\\n" + "".join(f"{i}\\n" for i in range(40)))
            await run.start(rows, [BatchTemplate("A", ChatRequest(
                "gpt-4o", [ChatMessage("user", "row {{n}}")]))], concurrency=3)

    asyncio.run(main())
""")


def test_sigkill_mid_run_keeps_every_finished_row(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(delay=0.03)
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    runner = subprocess.Popen([sys.executable, "-c", _RUNNER, fake_api.url, str(tmp_path)],
                              env=env, stdout=subprocess.PIPE, text=True)
    assert runner.stdout is not None
    acknowledged: set[int] = set()
    try:
        while len(acknowledged) < 8:
            line = runner.stdout.readline()
            assert line, "the runner exited early"
            acknowledged.add(int(line))
        runner.send_signal(signal.SIGKILL)
        assert runner.wait(timeout=10) == -signal.SIGKILL
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
        runner.stdout.close()

    store = BatchStore(tmp_path / "db.sqlite3")
    run_id = store.runs()[0].id
    saved = {r.row for r in store.results(run_id) if r.status == RowStatus.DONE}
    store.close()
    assert acknowledged <= saved and len(saved) < 40

    async def resume() -> None:
        async with real_services(fake_api, tmp_path) as services:
            run = BatchRun(services, await AsyncBatchStore.open(tmp_path / "db.sqlite3"))
            fake_api.requests.clear()
            assert await run.resume(run_id) == RunEnd.COMPLETED
            asked = sorted(int(r.json["messages"][-1]["content"].split()[1])
                           for r in fake_api.requests_to(PATH))
            assert asked == sorted(set(range(40)) - saved)
            await run.store.close()

    asyncio.run(resume())
