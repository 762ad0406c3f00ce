"""The live token and cost panel: the draft's count and cost while typing, the last request's
tokens and dollars, running totals, budget and rate-limit warnings.

It only shows what it is given (drafts, UsageSnapshots, RateLimits). Counting a draft runs on
a worker thread after a short debounce, one count at a time; a result for an older draft is
dropped, so typing never waits for tiktoken. The worker hands each result back through a
queued signal, so it is shown on the UI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QWidget,
)

from playground.model.money import format_cost, full_cost
from playground.model.types import ChatMessage, RateLimitBucket, RateLimits
from playground.ui.widgets.usage_panel_layout import build_usage_panel_layout
from playground.usage.records import UsageRecord

if TYPE_CHECKING:  # sqlite3, decimal and friends load after the first paint
    from concurrent.futures import Future, ThreadPoolExecutor

    from playground.ui.widgets.price_data_box import PriceDataBox
    from playground.usage.pricing import PriceBook
    from playground.usage.service import UsageService
    from playground.usage.snapshot import UsageSnapshot
    from playground.usage.tokens import PromptCount

DEBOUNCE_MS = 150
AMBER = QColor("#c77700")  # the only fixed colours: warning states must read the same anywhere
RED = QColor("#c62828")
AMBER_AT, RED_AT = 0.75, 0.90
RATE_WARN_BELOW = 0.10


def format_dollars(amount: Decimal | None) -> str:
    """The app's one rounding rule (model/money.format_cost), or "no price"."""
    if amount is None:
        return QCoreApplication.translate("UsagePanel", "no price")
    return format_cost(amount)


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


@dataclass(frozen=True)
class DraftEstimate:
    count: PromptCount
    context_window: int | None  # None: no source states it
    max_tokens: int
    cost: Decimal | None  # prompt + max_tokens of output: the most the request can cost


@dataclass(frozen=True)
class _Draft:
    model: str
    messages: list[ChatMessage]
    max_tokens: int | None
    tools: list[Mapping[str, Any]] | None


class UsagePanel(QWidget):
    # Built by usage_panel_layout.build_usage_panel_layout:
    _draft_tokens: QLabel
    _next_cost: QLabel
    _prompt: QLabel
    _completion: QLabel
    _cached: QLabel
    _reasoning: QLabel
    _request_cost: QLabel
    _conversation_cost: QLabel
    _session_cost: QLabel
    _today_cost: QLabel
    _month_cost: QLabel
    _rate_requests: QLabel
    _rate_tokens: QLabel
    _sections: dict[str, QWidget]
    _context: QProgressBar
    _estimated_note: QLabel
    _budget: QLabel
    _price_box: PriceDataBox

    """`set_draft()` while typing, `show_snapshot()` after each request (connected for you
    when a UsageService is given), `show_rate_limits()` when response headers arrive."""

    # (generation, Future[DraftEstimate]): emitted on the worker thread, received queued
    _counted = Signal(int, object)
    _exact_counted = Signal(int, object)  # the same, for the server's exact count

    def __init__(self, service: UsageService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usagePanel")
        self.setAccessibleName(self.tr("Usage and cost"))
        self._service = service
        self._prices: PriceBook | None = None
        self._self_hosted = False  # the active profile's server is the user's own: $0
        # Created on first use: concurrent.futures and tiktoken load after the first paint.
        self._executor: ThreadPoolExecutor | None = None
        self._draft: _Draft | None = None
        self._generation = 0
        self._counting = False  # one count at a time; its hand-back starts the next
        self.last_estimate: DraftEstimate | None = None  # the draft count on screen
        self.counts_shown = 0  # how many draft counts reached the screen (tests, benchmarks)
        self._counted.connect(self._show_count, Qt.ConnectionType.QueuedConnection)
        self._exact_counted.connect(self._show_exact, Qt.ConnectionType.QueuedConnection)
        self.exact_counts_shown = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers add up to 5%
        self._debounce.timeout.connect(self._count_latest)
        build_usage_panel_layout(self)
        self.destroyed.connect(self._stop_counting)
        if service is not None:
            service.add_listener(self.show_snapshot)

    # ---- public API -----------------------------------------------------------------------

    def set_draft(self, model: str, messages: list[ChatMessage], max_tokens: int | None,
                  tools: list[Any] | None = None) -> None:
        """Count this draft soon (debounced, off the UI thread); cheap to call per keystroke."""
        self._draft = _Draft(model, list(messages), max_tokens, tools)
        self._generation += 1
        self._debounce.start()

    @property
    def draft_generation(self) -> int:
        """Changes with every draft: an exact count taken for an older draft is dropped."""
        return self._generation

    def show_exact_count(self, generation: int, tokens: int) -> None:
        """The server counted the draft (`generation`): its figure replaces the estimate."""
        shown = self.last_estimate
        if generation != self._generation or shown is None or self._draft is None:
            return
        count = replace(shown.count, tokens=tokens, exact=True, guessed_model=False)
        model, max_tokens, free = self._draft.model, shown.max_tokens, self._self_hosted

        def price() -> DraftEstimate:  # worker thread: pricing never runs on the UI thread
            prices = self._service.prices if self._service is not None else self._prices
            cost = prices.cost(UsageRecord("chat", model, prompt_tokens=tokens,
                                           completion_tokens=max_tokens, free=free)) \
                if prices is not None else None
            return DraftEstimate(count, shown.context_window, max_tokens, cost)

        if self._executor is None:
            return
        future = self._executor.submit(price)
        future.add_done_callback(lambda done: self._hand_back_exact(generation, done))

    def _hand_back_exact(self, generation: int, future: Future[DraftEstimate]) -> None:
        if not future.cancelled():
            with contextlib.suppress(RuntimeError):  # the panel was deleted meanwhile
                self._exact_counted.emit(generation, future)

    def _show_exact(self, generation: int, future: Future[DraftEstimate]) -> None:
        if generation != self._generation or future.exception() is not None:
            return
        estimate = future.result()
        self._show_estimate(estimate)
        self._draft_tokens.setToolTip(self.tr("Counted by the server "
                                              "(responses.input_tokens.count)."))
        self.last_estimate = estimate
        self.exact_counts_shown += 1

    def set_draft_visible(self, visible: bool) -> None:
        """The next-request estimate belongs to the chat tab; other tabs show their own."""
        self._sections["draft"].setVisible(visible)

    def _stop_counting(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    def _prices_changed(self, book: PriceBook) -> None:
        """New prices (reloaded or updated): the shown estimate is recounted with them, and
        the footnote says which data is in use."""
        self._price_box.set_table_date(book.date)
        self._price_box.show_data()
        if self._draft is not None:
            self._generation += 1
            self._debounce.start()

    def show_snapshot(self, snapshot: UsageSnapshot) -> None:
        last = snapshot.last
        if last is not None:
            # "≈": counted locally because the server sent no usage.
            mark = "≈ " if last.estimated else ""
            self._prompt.setText(f"{mark}{last.prompt_tokens:,}")
            self._completion.setText(f"{mark}{last.completion_tokens:,}")
            self._cached.setText(f"{last.cached_tokens:,}")
            self._reasoning.setText(f"{last.reasoning_tokens:,}")
            self._request_cost.setText(mark + format_dollars(snapshot.last_cost))
            self._estimated_note.setVisible(last.estimated)
        for label, spend in ((self._conversation_cost, snapshot.conversation),
                             (self._session_cost, snapshot.session),
                             (self._today_cost, snapshot.today),
                             (self._month_cost, snapshot.month)):
            notes = []
            if spend.unpriced:
                notes.append(self.tr("%n without price", "", spend.unpriced))
            if spend.estimated:
                notes.append(self.tr("%n estimated", "", spend.estimated))
            # The notes go on hover, with the exact figure: the column stays narrow.
            label.setText(format_dollars(spend.cost) + (" *" if notes else ""))
            label.setToolTip("\n".join([
                full_cost(spend.cost),
                self.tr("%n request(s), ", "", spend.requests)
                + self.tr("%1 tokens").replace("%1", f"{spend.tokens:,}"), *notes]))
        budget = snapshot.budget
        self._budget.setVisible(budget.level != "ok")  # BudgetLevel is a StrEnum
        self._budget.setText(budget.message)
        _tint(self._budget, RED if budget.level == "blocked" else AMBER)

    def show_rate_limits(self, limits: RateLimits) -> None:
        for label, bucket, name in ((self._rate_requests, limits.requests, self.tr("requests")),
                                    (self._rate_tokens, limits.tokens, self.tr("tokens"))):
            label.setText(_bucket_text(bucket))
            low = (bucket.limit is not None and bucket.remaining is not None and bucket.limit > 0
                   and bucket.remaining < bucket.limit * RATE_WARN_BELOW)
            exact = _bucket_text(bucket, compact=False).replace("\n", ", ")
            label.setToolTip(exact + ("\n" + self.tr("Under 10% of the %1 limit left")
                                      .replace("%1", name) if low else ""))
            _tint(label, RED if low else None)
            if low:
                label.setText("⚠ " + label.text())

    # ---- counting -------------------------------------------------------------------------

    def _count_latest(self) -> None:
        if self._counting or self._draft is None:
            return  # the running count's hand-back starts the latest draft
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(1, thread_name_prefix="usage-panel-count")
        self._counting = True
        generation = self._generation
        future = self._executor.submit(self._estimate, self._draft)
        future.add_done_callback(lambda done: self._hand_back(generation, done))

    def _hand_back(self, generation: int, future: Future[DraftEstimate]) -> None:  # worker
        if future.cancelled():  # the panel closed and dropped its queued counts
            return
        with contextlib.suppress(RuntimeError):  # the panel was deleted while counting
            self._counted.emit(generation, future)

    def _show_count(self, generation: int, future: Future[DraftEstimate]) -> None:
        self._counting = False
        if generation != self._generation:
            self._count_latest()  # typed on while counting: count the newest text
            return
        try:
            estimate = future.result()
        except Exception as exc:  # e.g. a damaged vocabulary file: say so in the panel
            self._draft_tokens.setText(self.tr("cannot count: %1").replace("%1", str(exc)))
            return
        self._show_estimate(estimate)
        self.last_estimate = estimate
        self.counts_shown += 1

    def _estimate(self, draft: _Draft) -> DraftEstimate:  # worker thread
        from playground.model.capabilities import model_info
        from playground.usage.pricing import load_price_book
        from playground.usage.tokens import count_prompt

        count = count_prompt(draft.model, draft.messages, draft.tools)
        info = model_info(draft.model)
        max_tokens = draft.max_tokens or info.max_output or 0
        if self._service is not None:
            prices = self._service.prices  # read each time: a reload reaches the estimate
        else:
            prices = self._prices = self._prices or load_price_book()
        cost = prices.cost(UsageRecord("chat", draft.model, prompt_tokens=count.tokens,
                                       completion_tokens=max_tokens, free=self._self_hosted))
        return DraftEstimate(count, info.context_window, max_tokens, cost)

    def _show_estimate(self, estimate: DraftEstimate) -> None:
        count = estimate.count
        approximate = count.guessed_model or not count.exact
        self._draft_tokens.setText(("≈ " if approximate else "") + f"{count.tokens:,}")
        notes = [self.tr("%1 in messages, %2 in tools, %3 in images")
                 .replace("%1", f"{count.message_tokens:,}")
                 .replace("%2", f"{count.tool_tokens:,}")
                 .replace("%3", f"{count.image_tokens:,}")]
        if count.guessed_model:
            notes.append(self.tr("Unknown model: counted with %1, the closest family.")
                         .replace("%1", count.encoding))
        if not count.exact:
            notes.append(self.tr("An image's size is unknown: 1024×1024 assumed."))
        self._draft_tokens.setToolTip("\n".join(notes))
        window = estimate.context_window
        if window is None:  # neither the catalog nor the server says: do not guess
            self._context.setRange(0, 1)
            self._context.setValue(0)
            self._context.setFormat(self.tr("%1 / unknown").replace("%1", f"{count.tokens:,}"))
        else:
            self._context.setRange(0, max(window, 1))
            self._context.setValue(min(count.tokens, window))
            self._context.setFormat(f"{count.tokens:,} / {window:,}")
        share = count.tokens / window if window else 0
        colour = RED if share >= RED_AT else AMBER if share >= AMBER_AT else None
        palette = self.palette()
        if colour is not None:
            palette.setColor(QPalette.ColorRole.Highlight, colour)
        self._context.setPalette(palette)
        self._context.setProperty("level", "red" if colour == RED else
                                  "amber" if colour == AMBER else "ok")
        self._next_cost.setText(self.tr("up to %1").replace("%1", format_dollars(estimate.cost))
                                if estimate.cost is not None else format_dollars(None))
        self._next_cost.setToolTip(self.tr("The prompt plus %1 output tokens (the max tokens)")
                                   .replace("%1", f"{estimate.max_tokens:,}"))

    # ---- layout ---------------------------------------------------------------------------

    def set_self_hosted(self, self_hosted: bool) -> None:
        """Requests go to the user's own server: the estimate is $0 unless they price it."""
        self._self_hosted = self_hosted

    def attach_service(self, service: UsageService) -> None:
        """The app's one price book lives in the usage service: the estimate follows it, so
        the user's pricing.toml and "Reload prices" reach the panel too."""
        self._service = service
        self._prices = None
        service.add_price_listener(self._prices_changed)
        self._price_box.attach(service)

    def set_proxy(self, proxy: str) -> None:
        """The active profile's proxy, for "Update prices" ("" = the environment's)."""
        self._price_box.proxy = proxy

    @property
    def price_url(self) -> str | None:
        """Where "Update prices" downloads from; None: genai-prices' own address."""
        return self._price_box.url

    @price_url.setter
    def price_url(self, url: str | None) -> None:
        self._price_box.url = url


def _count(n: int | None, compact: bool) -> str:
    """Token limits run to tens of millions: 30.0M fits the column, the tooltip is exact."""
    if n is None:
        return "?"
    if compact and n >= 1_000_000:
        return f"{n / 1_000_000:.3g}M"
    if compact and n >= 100_000:
        return f"{n / 1_000:.4g}K"
    return f"{n:,}"


def _bucket_text(bucket: RateLimitBucket, compact: bool = True) -> str:
    if bucket.remaining is None and bucket.limit is None:
        return "–"
    remaining = _count(bucket.remaining, compact)
    limit = _count(bucket.limit, compact)
    reset = ""
    if bucket.reset_seconds is not None:
        reset = QCoreApplication.translate("UsagePanel", "resets in %1").replace(
            "%1", format_seconds(bucket.reset_seconds))
    return f"{remaining} / {limit}" + (f"\n{reset}" if reset else "")


def _tint(label: QLabel, colour: QColor | None) -> None:
    parent = label.parentWidget()
    palette = parent.palette() if parent is not None else label.palette()
    if colour is not None:
        palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)

