"""UsageService: prices and stores every reported request off the UI thread, then tells the
listeners (on the event loop's thread) what the panel should show.

One worker thread owns the SQLite connections, so ledger writes never interleave and never
touch the UI thread. Budget checks read an in-memory cache the worker keeps current, so the
Send button never waits on the database. Results come back to the loop's thread through
asyncio.wrap_future, so listeners never run on the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from playground.usage.budget import BudgetCaps, BudgetLevel, BudgetState, BudgetStore, evaluate
from playground.usage.ledger import DaySpend, Spend, UsageLedger, day_start, month_start
from playground.usage.price_update import PriceData, UpdateResult
from playground.usage.pricing import PriceBook, load_price_book
from playground.usage.records import UsageRecord
from playground.usage.snapshot import UsageSnapshot

Listener = Callable[[UsageSnapshot], None]
PriceListener = Callable[[PriceBook], None]
T = TypeVar("T")


@dataclass
class _ProfileSpend:
    day_start: datetime
    today: Decimal
    month_start: datetime
    month: Decimal


class UsageService:
    def __init__(self, database: Path | str, *, prices: PriceBook | None = None,
                 user_pricing: Path | None = None, tz: tzinfo | None = None,
                 loop: asyncio.AbstractEventLoop | None = None,
                 session_start: datetime | None = None,
                 price_folder: Path | None = None) -> None:
        self._database = database
        self._user_pricing = user_pricing
        self._price_folder = price_folder  # where "Update prices" keeps newer data
        # The genai-prices data in use (package snapshot or downloaded); None until the worker
        # has loaded it, then announced to the price listeners. `price_note`: why saved data
        # was not used, if it was not.
        self.price_data: PriceData | None = None
        self.price_note: str | None = None
        self._tz = tz
        self._loop = loop
        try:  # where price listeners are called when the worker has loaded the data
            self._creation_loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            self._creation_loop = None
        self.session_start = session_start or datetime.now(UTC)
        self._prices = prices
        self._listeners: list[Listener] = []
        self._price_listeners: list[PriceListener] = []
        self._conversation: int | None = None
        self._lock = threading.Lock()  # guards the caches the UI thread reads
        self._caps: dict[str, BudgetCaps] = {}
        self._spend: dict[str, _ProfileSpend] = {}
        self._overrides: set[str] = set()
        self._ledger: UsageLedger | None = None
        self._budgets: BudgetStore | None = None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="usage-ledger")
        self._ready = self._executor.submit(self._open)
        # After the ledger: the first paint and budget checks never wait for price data.
        self._executor.submit(self._load_price_data)

    # ---- the UsageReporter protocol ---------------------------------------------------------

    def report(self, record: UsageRecord) -> None:
        """Returns at once; pricing, the insert and the listeners' snapshot follow."""
        loop = self._event_loop()
        if record.conversation_id is None and record.in_conversation:
            record.conversation_id = self._conversation
        self._deliver(loop, self._executor.submit(self._record, record))

    # ---- for the UI ---------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def add_price_listener(self, listener: PriceListener) -> None:
        """Called on the event loop's thread with the new book whenever prices change."""
        self._price_listeners.append(listener)

    def remove_price_listener(self, listener: PriceListener) -> None:
        if listener in self._price_listeners:
            self._price_listeners.remove(listener)

    def set_conversation(self, conversation_id: int | None, profile: str = "") -> None:
        """Totals follow the open conversation; listeners get a fresh snapshot."""
        self._conversation = conversation_id
        self.refresh(profile)

    def refresh(self, profile: str = "") -> None:
        """Recompute the totals (e.g. at startup or after a profile switch) for the listeners."""
        loop = self._event_loop()
        self._deliver(loop, self._executor.submit(self._snapshot, profile, None, None))

    @property
    def prices(self) -> PriceBook:
        self._ready.result()
        assert self._prices is not None
        return self._prices

    def check_budget(self, profile: str, now: datetime | None = None) -> BudgetState:
        """The budget state before sending; consumes a one-request override if one is set."""
        self._ready.result()
        with self._lock:
            state = self._budget_state(profile, now)
            if state.level is BudgetLevel.BLOCKED and profile in self._overrides:
                self._overrides.discard(profile)
                return BudgetState(state.level, state.message, state.today, state.month,
                                   state.caps, overridden=True)
            return state

    def override_once(self, profile: str) -> None:
        """Let the next request of this profile through a blocked budget."""
        with self._lock:
            self._overrides.add(profile)

    async def caps(self, profile: str) -> BudgetCaps:
        return await self._run(lambda: self._stores()[1].caps(profile))

    async def all_caps(self) -> dict[str, BudgetCaps]:
        return await self._run(lambda: self._stores()[1].all_caps())

    async def set_caps(self, profile: str, caps: BudgetCaps) -> None:
        """Raises budget.CapError for a negative or absurd cap."""
        def store() -> None:
            self._stores()[1].set_caps(profile, caps)
            with self._lock:
                self._caps[profile] = caps
            self._prime(profile)
        await self._run(store)

    async def reload_prices(self) -> str | None:
        """Re-read the pricing files; returns why the user's file was ignored, if it was."""
        def load() -> str | None:
            self._prices = load_price_book(user=self._user_pricing)
            return self._prices.problem
        problem = await self._run(load)
        self._announce_prices()
        return problem

    def _announce_prices(self) -> None:
        """Everyone who prices (the panel's estimate, the Images tab) hears of a new book."""
        assert self._prices is not None
        for listener in list(self._price_listeners):
            listener(self._prices)

    async def update_prices(self, url: str | None = None,
                            proxy: str | None = None) -> UpdateResult:
        """Fetch newer genai-prices data (genai-prices' own URL unless `url` is given; the
        download awaits on the loop, validation and saving run on the worker), keep it for
        later starts, reload the book and announce it. Raises PriceUpdateError, the data in
        use unchanged."""
        from playground.usage.price_update import PriceUpdateError, apply_download, fetch

        folder = self._price_folder
        if folder is None:
            raise PriceUpdateError("no_folder", "There is no data folder to keep prices in: "
                                   "the app runs without its database.")
        downloaded = await fetch(url, proxy)

        def apply() -> UpdateResult:
            result = apply_download(folder, downloaded)
            if result.changed:
                self._prices = load_price_book(user=self._user_pricing)
            self.price_data = result.data
            return result

        result = await self._run(apply)
        if result.changed:
            self._announce_prices()
        return result

    async def daily_spend(self, days: int = 30) -> list[DaySpend]:
        return await self._run(lambda: self._stores()[0].daily_spend(days))

    async def export_csv(self, path: Path | str) -> int:
        return await self._run(lambda: self._stores()[0].export_csv(path))

    def close(self) -> None:
        def shut() -> None:
            for store in (self._ledger, self._budgets):
                if store is not None:
                    store.close()
        self._executor.submit(shut)
        self._executor.shutdown(wait=True)

    # ---- worker thread ------------------------------------------------------------------

    def _open(self) -> None:
        self._ledger = UsageLedger(self._database, self._tz)
        self._budgets = BudgetStore(self._database)
        if self._prices is None:
            self._prices = load_price_book(user=self._user_pricing)
            from playground import heap

            heap.freeze_long_lived()  # the price data: kept for the app's life
        with self._lock:
            self._caps = self._budgets.all_caps()
        for profile in list(self._caps):
            self._prime(profile)

    def _load_price_data(self) -> None:
        """Data an earlier update saved (used offline), else the package's snapshot, loaded
        here so no thread that prices meets its ~0.25 s first load; then announced."""
        from playground import heap
        from playground.usage.price_update import describe_in_use, load_saved

        try:
            # Parsing the data allocates ~100k objects and sets off a full collection: with
            # the startup heap frozen first, it does not walk (and hold the GIL over) all of
            # it; then the data itself is frozen (playground/heap.py, the app only).
            heap.freeze_long_lived()
            if self._price_folder is not None:
                self.price_note = load_saved(self._price_folder)
            self.price_data = describe_in_use()
            heap.freeze_long_lived()
        except Exception as exc:  # genai-prices itself broken: token prices fall to the table
            self.price_note = f"genai-prices could not load its price data: {exc}"
            return
        loop = self._loop or self._creation_loop
        if loop is not None and self._prices is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._announce_prices)

    def _stores(self) -> tuple[UsageLedger, BudgetStore]:
        self._ready.result()  # re-raises an open failure where it can be shown
        assert self._ledger is not None and self._budgets is not None
        return self._ledger, self._budgets

    def _prime(self, profile: str) -> None:
        ledger = self._ledger  # also called from _open, before _ready resolves
        assert ledger is not None
        now = datetime.now(UTC)
        day, month = day_start(now, self._tz), month_start(now, self._tz)
        spend = _ProfileSpend(day, ledger.total_since(day, profile).cost,
                              month, ledger.total_since(month, profile).cost)
        with self._lock:
            self._spend[profile] = spend

    def _record(self, record: UsageRecord) -> UsageSnapshot:
        ledger = self._stores()[0]
        cost = self.prices.cost(record)
        ledger.add(record, cost)
        return self._snapshot(record.profile, record, cost)

    def _snapshot(self, profile: str, record: UsageRecord | None,
                  cost: Decimal | None) -> UsageSnapshot:
        ledger = self._stores()[0]
        now = datetime.now(UTC)
        day, month = day_start(now, self._tz), month_start(now, self._tz)
        today, this_month = ledger.total_since(day, profile), ledger.total_since(month, profile)
        conversation = (Spend() if self._conversation is None
                        else ledger.conversation_total(self._conversation))
        with self._lock:
            self._spend[profile] = _ProfileSpend(day, today.cost, month, this_month.cost)
            budget = self._budget_state(profile, now)
        return UsageSnapshot(profile, record, cost, conversation,
                             ledger.total_since(self.session_start), today, this_month, budget)

    # ---- helpers ------------------------------------------------------------------------

    def _budget_state(self, profile: str, now: datetime | None) -> BudgetState:
        caps = self._caps.get(profile, BudgetCaps())
        if caps.daily is None and caps.monthly is None:
            return BudgetState(caps=caps)
        spend = self._spend.get(profile)
        if spend is None:
            return evaluate(caps, Decimal(0), Decimal(0))
        now = now or datetime.now(UTC)
        # Past midnight (or the 1st) the cached total belongs to a finished day: spend is 0.
        today = spend.today if day_start(now, self._tz) == spend.day_start else Decimal(0)
        month = spend.month if month_start(now, self._tz) == spend.month_start else Decimal(0)
        return evaluate(caps, today, month)

    def _event_loop(self) -> asyncio.AbstractEventLoop:
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            if self._loop is None:
                raise RuntimeError("UsageService needs a running event loop (or loop=)") from None
            return self._loop

    def _deliver(self, loop: asyncio.AbstractEventLoop, future: Future[UsageSnapshot]) -> None:
        """Hand the worker's snapshot to the listeners on the loop's thread."""
        asyncio.wrap_future(future, loop=loop).add_done_callback(self._notify)

    def _notify(self, done: asyncio.Future[UsageSnapshot]) -> None:
        if done.cancelled():
            return
        error = done.exception()
        if error is not None:
            done.get_loop().call_exception_handler(
                {"message": "usage ledger failed", "exception": error})
            return
        snapshot = done.result()
        for listener in list(self._listeners):
            listener(snapshot)

    async def _run(self, job: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self._executor.submit(job))
