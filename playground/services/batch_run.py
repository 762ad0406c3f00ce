"""BatchRun: one prompt template (or two, to compare) over many rows of variables.

Widget-free. Everything that can be wrong with the input (a missing column, a row lacking a
variable, a bad regex or schema) is found before the first request. Then `concurrency`
workers take the (row, template) requests in turn, so no more than that many are ever in
flight; they pass a shared `RateGate` before each request, so a 429 or a spent rate limit
pauses all of them. Each finished request is written to the database at once (a crash or
Stop keeps it), its usage goes to the ledger like a chat reply's, and `row_done` tells the
view. `resume(run_id)` runs only what is missing (or failed) from a stored run.
"""

from __future__ import annotations

import asyncio
import enum
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.api import retry
from playground.model.batch import BatchCheck, BatchTemplate, RowResult, RowStatus
from playground.model.types import (
    ApiFailure,
    ChatRequest,
    FailureKind,
    StreamStarted,
    TextDelta,
    Usage,
    UsageReport,
)
from playground.services.batch_checks import (
    CheckProblem,
    CompiledCheck,
    columns_needed,
    compile_checks,
    judge_row,
)
from playground.services.batch_pacing import RateGate
from playground.services.chat_reply import usage_record
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.storage.batch_rows import Rows, RowsError, check_rows
from playground.usage.budget import BudgetLevel
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    from playground.api.client import ApiClient
    from playground.services.container import Services
    from playground.storage.batch_store import AsyncBatchStore

DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 32
# A batch expects rate limits: retry a retryable failure at least this often, whatever the
# profile's own (chat) setting, each after the server's retry-after or the backoff.
MIN_RETRIES = 5
# Failures no other row would escape: stop the run rather than repeat them for every row.
FATAL = frozenset({FailureKind.AUTH, FailureKind.PERMISSION, FailureKind.QUOTA,
                   FailureKind.NOT_FOUND, FailureKind.UNSUPPORTED, FailureKind.PROXY})


def _tr(text: str) -> str:
    return QCoreApplication.translate("BatchRun", text)


class BatchProblem(ValueError):
    """The run cannot start as set up; the message says what to fix."""


class RunEnd(enum.StrEnum):
    COMPLETED = "completed"
    STOPPED = "stopped"  # Stop (or quit): the finished rows are kept; resume continues
    FAILED = "failed"  # a failure every row would meet (key, quota, model): see `message`


@dataclass(frozen=True)
class Progress:
    done: int  # requests finished (replies and failures), this run and before
    total: int
    passed: int
    checked: int  # rows with a check verdict
    cost: str  # dollars so far, as a decimal string


class _Fatal(Exception):
    def __init__(self, failure: ApiFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


def validate(rows: Rows, templates: Sequence[BatchTemplate],
             checks: Sequence[BatchCheck]) -> list[CompiledCheck]:
    """Raise BatchProblem naming everything to fix; else the compiled checks."""
    if not templates:
        raise BatchProblem(_tr("Choose a prompt template to run."))
    for template in templates:
        if not template.request.model.strip():
            raise BatchProblem(_tr("Choose a model for %1.").replace("%1", template.label))
        if not any(m.content.strip() for m in template.request.messages):
            raise BatchProblem(_tr("The prompt %1 has no message text.")
                               .replace("%1", template.label))
    names = [name for t in templates for name in t.variables()]
    try:
        compiled = compile_checks(checks, rows.columns)
        check_rows(rows, names, also=columns_needed(checks))
    except (CheckProblem, RowsError) as exc:
        raise BatchProblem(str(exc)) from exc
    return compiled


class BatchRun:
    def __init__(self, services: Services, store: AsyncBatchStore) -> None:
        self.services = services
        self.store = store
        self.row_done: Emitter[[RowResult]] = Emitter()
        self.progress: Emitter[[Progress]] = Emitter()
        self.waiting: Emitter[[float]] = Emitter()  # seconds the rate limit holds requests
        self.message: Emitter[[UserMessage]] = Emitter()
        self.run_id: int | None = None
        self.rows = Rows([], [])
        self.templates: list[BatchTemplate] = []
        self.checks: list[BatchCheck] = []
        self.results: dict[tuple[int, int], RowResult] = {}  # (variant, row) -> result
        self.gate = RateGate()
        self._compiled: list[CompiledCheck] = []
        self._task: asyncio.Task[RunEnd] | None = None
        self._free = False
        self._stopping = False

    # ---- starting ---------------------------------------------------------------------
    async def start(self, rows: Rows, templates: Sequence[BatchTemplate],
                    checks: Sequence[BatchCheck] = (), *, concurrency: int = DEFAULT_CONCURRENCY,
                    title: str = "", source: str = "") -> RunEnd:
        """Validate (raises BatchProblem before anything is stored or sent), store, run."""
        self._compiled = validate(rows, templates, checks)
        self.rows, self.templates, self.checks = rows, list(templates), list(checks)
        self.results = {}
        concurrency = clamp_concurrency(concurrency)
        self.run_id = await self.store.create_run(
            title or " / ".join(t.label for t in templates), source, rows, self.templates,
            self.checks, concurrency, self.services.api.profile().name)
        return await self._run(concurrency)

    async def resume(self, run_id: int, concurrency: int | None = None) -> RunEnd:
        """Reopen a stored run and send only the requests without a reply."""
        stored = await self.store.load_run(run_id)
        if stored is None:
            raise BatchProblem(_tr("Batch run %1 no longer exists.").replace("%1", str(run_id)))
        self.run_id = run_id
        self.rows, self.templates, self.checks = stored.rows, stored.templates, stored.checks
        self._compiled = validate(self.rows, self.templates, self.checks)
        self.results = {(r.variant, r.row): r for r in await self.store.results(run_id)}
        return await self._run(clamp_concurrency(concurrency or stored.concurrency))

    async def load(self, run_id: int) -> bool:
        """Show a stored run without running it; False when it no longer exists."""
        stored = await self.store.load_run(run_id)
        if stored is None:
            return False
        self.run_id = run_id
        self.rows, self.templates, self.checks = stored.rows, stored.templates, stored.checks
        self.results = {(r.variant, r.row): r for r in await self.store.results(run_id)}
        return True

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._stopping = True
            self._task.cancel()

    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    def pending(self) -> list[tuple[int, int]]:
        """(variant, row) requests without a reply, row by row so compared columns fill
        together."""
        return [(variant, row) for row in range(len(self.rows))
                for variant in range(len(self.templates))
                if (found := self.results.get((variant, row))) is None
                or found.status != RowStatus.DONE]

    def summary(self) -> Progress:
        from decimal import Decimal

        results = self.results.values()
        checked = [r for r in results if r.passed is not None]
        cost = sum((Decimal(r.cost) for r in results if r.cost), Decimal(0))
        return Progress(done=len(self.results), total=len(self.rows) * len(self.templates),
                        passed=sum(1 for r in checked if r.passed), checked=len(checked),
                        cost=str(cost))

    # ---- running ------------------------------------------------------------------------
    async def _run(self, concurrency: int) -> RunEnd:
        self._stopping = False
        self._task = asyncio.ensure_future(self._work(concurrency))
        try:
            return await self._task
        except asyncio.CancelledError:
            if self._stopping:  # our own Stop, not the caller being cancelled
                return RunEnd.STOPPED
            raise
        finally:
            self.progress.emit(self.summary())

    async def _work(self, concurrency: int) -> RunEnd:
        profile = self.services.api.profile()
        budget = await asyncio.to_thread(self.services.usage.check_budget, profile.name)
        if budget.level == BudgetLevel.BLOCKED:
            self.message.emit(UserMessage.error(budget.message))
            return RunEnd.FAILED
        from playground.api.environment import apply_environment

        self._free = is_self_hosted(apply_environment(profile, None)[0].base_url)
        client = await self.services.api.client()
        jobs = iter(self.pending())
        workers = [asyncio.ensure_future(self._worker(client, jobs))
                   for _ in range(concurrency)]
        try:
            await asyncio.gather(*workers)
        except _Fatal as fatal:
            self.message.emit(UserMessage.api_failure(fatal.failure))
            return RunEnd.FAILED
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        return RunEnd.COMPLETED

    async def _worker(self, client: ApiClient, jobs: Iterator[tuple[int, int]]) -> None:
        assert self.run_id is not None
        for variant, row in jobs:  # one shared iterator: each request is taken once
            result = await self._one(client, variant, row)
            self.results[(variant, row)] = result
            # Shielded: a Stop arriving during the write still lets the finished row land.
            await asyncio.shield(self.store.save_result(self.run_id, result))
            self.row_done.emit(result)

    async def _one(self, client: ApiClient, variant: int, row: int) -> RowResult:
        from playground.api import engine

        values = self.rows.values[row]
        request = self.templates[variant].filled(values)
        retries = max(MIN_RETRIES, self.services.api.profile().max_retries)
        attempt = 0
        while True:
            await self.gate.wait()
            started = time.monotonic()
            parts: list[str] = []
            usage: Usage | None = None
            request_id: str | None = None
            try:
                async for event in engine.stream(client, request):
                    if isinstance(event, TextDelta):
                        if not event.index:
                            parts.append(event.text)
                    elif isinstance(event, StreamStarted):
                        request_id = event.request_id
                        self.gate.observe(event.rate_limits)
                    elif isinstance(event, UsageReport):
                        usage = event.usage
                break
            except ApiFailure as failure:
                if usage is not None or parts:  # a cut stream still cost tokens
                    await self._record_usage(request, usage, "".join(parts), request_id)
                if failure.kind in FATAL:
                    raise _Fatal(failure) from failure
                delay = retry.delays(failure, attempt, retries)
                if delay is None:
                    return RowResult(row, variant, RowStatus.ERROR, error=failure.message,
                                     request_id=failure.request_id or request_id,
                                     seconds=time.monotonic() - started)
                attempt += 1
                self.gate.hold(delay)  # every worker waits: hammering would only extend it
                self.waiting.emit(delay)
        output = "".join(parts)
        seconds = time.monotonic() - started
        usage, cost = await self._record_usage(request, usage, output, request_id)
        passed, problems = judge_row(self._compiled, output, values)
        return RowResult(row, variant, RowStatus.DONE, output, usage.prompt_tokens,
                         usage.completion_tokens, cost, seconds, passed, problems,
                         request_id=request_id, estimated=usage.estimated)

    async def _record_usage(self, request: ChatRequest, usage: Usage | None, reply: str,
                            request_id: str | None) -> tuple[Usage, str | None]:
        """Report to the ledger as chat does; returns the usage and its price."""
        if usage is None:  # many local servers send none: count locally, marked estimated
            from playground.usage.tokens import estimate_usage

            usage = await asyncio.to_thread(estimate_usage, request.model, request.messages,
                                            reply)
        record = usage_record(request.model, self.services.api.profile().name, usage,
                              request_id, None, free=self._free, in_conversation=False)
        self.services.usage.report(record)
        usage_service = self.services.usage
        cost = await asyncio.to_thread(lambda: usage_service.prices.cost(record))
        return usage, None if cost is None else str(cost)


def clamp_concurrency(value: int) -> int:
    return max(1, min(MAX_CONCURRENCY, int(value)))
