"""CompareRun: one prompt sent to 2–4 panes at once, each with its own profile, model and
settings, each streaming on its own; times, tokens and cost per pane; a summary of the
fastest and the cheapest. No widgets: the compare view renders what it emits.

A pane's failure (wrong key, unknown model, server down) ends that pane only; Stop ends all.
The active profile's panes share the app's client; any other profile gets a client of its
own for the run, closed when its pane ends.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from playground.api import retry
from playground.lazy import lazy_module
from playground.model.types import (
    NO_RESPONSES_API,
    ApiFailure,
    ChatMessage,
    ChatRequest,
    FailureKind,
    Finished,
    StreamStarted,
    TextDelta,
    Usage,
    UsageReport,
)
from playground.services.api_choice import choose_api, memory_key
from playground.services.chat_reply import usage_record
from playground.services.chat_turns import ReplyMetrics
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.services.reply_options import API_AUTO, API_CHAT
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    import asyncio

    from playground.api.client import ApiClient
    from playground.model.types import Profile
    from playground.services.container import Services
else:
    asyncio = lazy_module("asyncio")

MIN_PANES, MAX_PANES = 2, 4

# (profile name, the request that made the reply — system and user messages —, the reply)
ContinueCallback = Callable[[str, ChatRequest, str], object]


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareRun", text)


class PaneState(enum.StrEnum):
    IDLE = "idle"  # nothing sent yet
    WAITING = "waiting"  # sent, no text yet (or a retry is waiting)
    STREAMING = "streaming"
    DONE = "done"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass
class PaneSetup:
    """What the user chose for one pane. `request` carries the model and settings; its
    messages are replaced by the prompt at send time. `api`: auto | responses | chat."""

    profile: str
    request: ChatRequest
    api: str = API_AUTO


@dataclass
class PaneResult:
    """One pane's latest run."""

    setup: PaneSetup
    state: PaneState = PaneState.IDLE
    request: ChatRequest | None = None  # as sent (api resolved, messages filled)
    parts: list[str] = field(default_factory=list)
    metrics: ReplyMetrics = field(default_factory=ReplyMetrics)
    usage: Usage | None = None
    cost: Decimal | None = None  # None: not priced (yet, or the model has no price)
    free: bool = False  # a self-hosted server: costs nothing unless the user priced it
    error: UserMessage | None = None
    retry_in: float = 0.0  # seconds until a retry (shown while WAITING)

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    @property
    def finished(self) -> bool:
        return self.state in (PaneState.DONE, PaneState.FAILED, PaneState.STOPPED)


@dataclass(frozen=True)
class CompareSummary:
    """Indexes of the winning panes among those that finished; None when none qualifies."""

    fastest: int | None = None  # shortest total time
    first_token: int | None = None  # shortest time to first token
    cheapest: int | None = None  # lowest known cost


class PaneProblem(Exception):
    """A pane cannot start (its profile is gone, the keyring failed, a budget blocks it)."""


class CompareRun:
    def __init__(self, services: Services, panes: list[PaneSetup] | None = None,
                 on_continue: ContinueCallback | None = None) -> None:
        self.services = services
        self.on_continue = on_continue
        if panes is None:
            panes = [self.default_setup() for _ in range(MIN_PANES)]
        self.results = [PaneResult(setup) for setup in panes]
        self.prompt = ""
        self.system = ""
        self._tasks: list[asyncio.Task[None]] = []
        self._runner: asyncio.Task[Any] | None = None

        self.panes_changed = Emitter[[]]()  # a pane was added or removed
        self.pane_text = Emitter[[int, str]]()  # index, text delta
        self.pane_changed = Emitter[[int, PaneResult]]()  # state, metrics, cost or error
        self.summary_changed = Emitter[[CompareSummary]]()
        self.busy_changed = Emitter[[bool]]()
        self.message = Emitter[[UserMessage]]()

    # ------------------------------------------------------------------ panes
    @property
    def panes(self) -> list[PaneSetup]:
        return [result.setup for result in self.results]

    def default_setup(self) -> PaneSetup:
        """The active profile and the chat's model: the usual first thing to compare."""
        from playground.settings import CHAT_MODEL

        model = self.services.settings.value(CHAT_MODEL)
        return PaneSetup(self.services.api.profile().name, ChatRequest(model, messages=[]))

    def add_pane(self, setup: PaneSetup | None = None) -> int | None:
        """Index of the new pane, or None at MAX_PANES (or while running)."""
        if len(self.results) >= MAX_PANES or self.is_running():
            return None
        if setup is None:  # a copy of the last pane: the usual next step is to change one thing
            last = self.results[-1].setup if self.results else self.default_setup()
            setup = PaneSetup(last.profile, dataclasses.replace(last.request), last.api)
        self.results.append(PaneResult(setup))
        self.panes_changed.emit()
        return len(self.results) - 1

    def remove_pane(self, index: int) -> bool:
        if len(self.results) <= MIN_PANES or self.is_running() \
                or not 0 <= index < len(self.results):
            return False
        del self.results[index]
        self.panes_changed.emit()
        return True

    def set_pane(self, index: int, setup: PaneSetup) -> None:
        self.results[index].setup = setup

    # ------------------------------------------------------------------ running
    def is_running(self) -> bool:
        return self._runner is not None and not self._runner.done()

    def stop(self) -> None:
        """Stop every pane; what arrived stays, and its usage is still recorded."""
        for task in self._tasks:
            if not task.done():
                task.cancel()

    async def run(self, prompt: str, system: str = "") -> bool:
        """Send `prompt` (and the optional system message) to every pane at once; returns
        when all have ended (and been priced). False when nothing was sent."""
        if self.is_running():
            return False
        if not prompt.strip():
            self.message.emit(UserMessage.warning(_tr("Type a prompt to compare.")))
            return False
        if missing := [i + 1 for i, r in enumerate(self.results) if not r.setup.request.model
                       .strip()]:
            self.message.emit(UserMessage.warning(
                _tr("Choose a model for pane %1.").replace("%1", str(missing[0]))))
            return False
        self.prompt, self.system = prompt, system
        self._runner = asyncio.current_task()
        self.busy_changed.emit(True)
        try:
            for index, result in enumerate(self.results):
                self.results[index] = PaneResult(result.setup, PaneState.WAITING)
                self.pane_changed.emit(index, self.results[index])
            self.summary_changed.emit(CompareSummary())
            self._tasks = [asyncio.ensure_future(self._run_pane(result))
                           for result in self.results]
            await asyncio.gather(*self._tasks, return_exceptions=True)
        finally:
            self._tasks = []
            self._runner = None
            self.summary_changed.emit(self.summary())
            self.busy_changed.emit(False)
        return True

    def messages(self) -> list[ChatMessage]:
        messages = [ChatMessage("system", self.system.strip())] if self.system.strip() else []
        return [*messages, ChatMessage("user", self.prompt)]

    async def _run_pane(self, result: PaneResult) -> None:
        def index() -> int:
            return self.results.index(result)  # panes are never added or removed mid-run

        client: ApiClient | None = None
        owned = False
        key_problem = ""
        started = time.monotonic()
        try:
            client, owned, key_problem = await self._client_for(result.setup.profile)
            await self._check_budget(result.setup.profile)
            result.free = is_self_hosted(client.profile.base_url)
            request = result.request = dataclasses.replace(
                result.setup.request, messages=self.messages(),
                api=self._api_for(result.setup, client.profile))
            started = time.monotonic()
            await self._stream(result, client, request, index)
            result.state = PaneState.DONE
        except asyncio.CancelledError:
            result.state = PaneState.STOPPED
        except ApiFailure as failure:
            result.state = PaneState.FAILED
            if failure.kind == FailureKind.AUTH and key_problem:
                failure = dataclasses.replace(failure, message=_tr(
                    "%1 (The key of “%2” could not be read: %3)").replace(
                    "%1", failure.message).replace("%2", result.setup.profile).replace(
                    "%3", key_problem))
            result.error = UserMessage.api_failure(failure)
        except PaneProblem as problem:
            result.state = PaneState.FAILED
            result.error = UserMessage.error(str(problem))
        except Exception as exc:  # one pane's surprise must not end the others
            result.state = PaneState.FAILED
            result.error = UserMessage.error(
                _tr("This pane failed: %1").replace("%1", str(exc) or type(exc).__name__),
                repr(exc))
        result.metrics.total_s = time.monotonic() - started
        self.pane_changed.emit(index(), result)
        # Shielded: a second Stop must not lose the bill of tokens already spent.
        await asyncio.shield(self._finish_pane(result, client if owned else None))
        self.pane_changed.emit(index(), result)

    async def _stream(self, result: PaneResult, client: ApiClient, request: ChatRequest,
                      index: Callable[[], int]) -> None:
        from playground.api import engine

        metrics = result.metrics
        metrics.api = request.api
        started = time.monotonic()
        attempt = 0
        while True:
            try:
                async for event in engine.stream(client, request):
                    if isinstance(event, TextDelta):
                        if event.index or not event.text:
                            continue
                        if metrics.first_token_s is None:
                            metrics.first_token_s = time.monotonic() - started
                            result.state = PaneState.STREAMING
                            self.pane_changed.emit(index(), result)
                        result.parts.append(event.text)
                        self.pane_text.emit(index(), event.text)
                    elif isinstance(event, StreamStarted):
                        metrics.request_id = event.request_id or ""
                    elif isinstance(event, UsageReport):
                        result.usage = event.usage
                    elif isinstance(event, Finished):
                        metrics.finish = event.reason or ""
                return
            except ApiFailure as failure:
                metrics.request_id = failure.request_id or metrics.request_id
                if failure.code == NO_RESPONSES_API and not result.parts \
                        and result.setup.api == API_AUTO:
                    self._remember_no_responses(result.setup.profile)
                    request = result.request = dataclasses.replace(request, api=API_CHAT)
                    metrics.api = API_CHAT
                    continue
                delay = None if result.parts else retry.delays(
                    failure, attempt, client.profile.max_retries)
                if delay is None:
                    raise
                attempt += 1
                result.retry_in = delay
                self.pane_changed.emit(index(), result)
                await asyncio.sleep(delay)
                result.retry_in = 0.0

    async def _client_for(self, profile_name: str) -> tuple[ApiClient, bool, str]:
        """The pane's client, whether the pane owns it (and must close it), and why its key
        could not be read ("" when it could): a local server needs none, so the pane goes
        on without one and the reason is told only if the server then asks for a key."""
        api = self.services.api
        if profile_name == api.profile().name:
            return await api.client(), False, ""  # the environment applies, as in the chat
        profile = self.services.profiles.get(profile_name)
        if profile is None:
            raise PaneProblem(_tr("There is no profile named “%1” any more; choose another.")
                              .replace("%1", profile_name))
        key = api.session_keys.get(profile_name)
        problem = ""
        if key is None:
            from playground.storage.secrets import SecretsUnavailable

            try:
                key = await self.services.secrets.get(profile_name)
            except SecretsUnavailable as exc:
                problem = exc.message
        from playground.services.api_provider import build_client

        return await build_client(profile, key), True, problem

    async def _check_budget(self, profile: str) -> None:
        state = await asyncio.to_thread(self.services.usage.check_budget, profile)
        if state.blocked:
            raise PaneProblem(state.message)

    def _api_for(self, setup: PaneSetup, profile: Profile) -> str:
        lacks = bool(self.services.settings.state().value(memory_key(setup.profile), False,
                                                           type=bool))
        return choose_api(setup.api, profile.base_url, lacks)

    def _remember_no_responses(self, profile: str) -> None:
        self.services.settings.state().setValue(memory_key(profile), True)

    async def _finish_pane(self, result: PaneResult, owned: ApiClient | None) -> None:
        """Close the pane's own client; record and price what the pane used."""
        try:
            if owned is not None:
                await owned.aclose()
            if result.request is not None and (result.parts or result.usage is not None):
                await self._price(result, result.request)
        except Exception as exc:  # the reply stays; only its price is unknown
            self.message.emit(UserMessage.error(
                _tr("Could not record the usage: %1").replace("%1", str(exc)), repr(exc)))

    async def _price(self, result: PaneResult, request: ChatRequest) -> None:
        usage = result.usage
        if usage is None:  # many local servers send no usage: count locally (estimated)
            from playground.usage.tokens import estimate_usage

            usage = result.usage = await asyncio.to_thread(
                estimate_usage, request.model, request.messages, result.text)
        result.metrics.output_tokens = usage.completion_tokens
        record = usage_record(request.model, result.setup.profile, usage,
                              result.metrics.request_id or None, None, free=result.free,
                              in_conversation=False)
        self.services.usage.report(record)
        service = self.services.usage
        result.cost = await asyncio.to_thread(lambda: service.prices.cost(record))
        result.metrics.cost = "" if result.cost is None else str(result.cost)
        result.metrics.cost_estimated = usage.estimated

    # ------------------------------------------------------------------ results
    def summary(self) -> CompareSummary:
        done = [(i, r) for i, r in enumerate(self.results) if r.state == PaneState.DONE]

        def best(value: Callable[[PaneResult], Any]) -> int | None:
            known = [(value(r), i) for i, r in done if value(r) is not None]
            return min(known)[1] if known else None

        return CompareSummary(fastest=best(lambda r: r.metrics.total_s),
                              first_token=best(lambda r: r.metrics.first_token_s),
                              cheapest=best(lambda r: r.cost))

    def continue_with(self, index: int) -> bool:
        """Hand pane `index`'s conversation to `on_continue`; False when it has no reply."""
        result = self.results[index] if 0 <= index < len(self.results) else None
        if result is None or result.request is None or not result.text \
                or self.on_continue is None or not result.finished:
            return False
        request = dataclasses.replace(result.request,
                                      messages=[dataclasses.replace(m) for m in
                                                result.request.messages])
        self.on_continue(result.setup.profile, request, result.text)
        return True
