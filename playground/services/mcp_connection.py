"""One running MCP server: started, asked for its tools, called, stopped — through the
official `mcp` SDK (stdio or streamable HTTP transport, `ClientSession`).

The SDK's transports are anyio task groups that must be entered and left by the same task,
so each connection lives in a task of its own that waits for `stop()`; calls use the session
from any task of the same loop. `mcp` (and httpx) are imported on first start, never while
the window opens.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import os
import signal
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from playground.services.mcp_tools import McpTool, result_text
from playground.storage.mcp_config import STDIO, McpServerConfig

if TYPE_CHECKING:
    from mcp import ClientSession

STDERR_TAIL = 2000  # characters of the server's stderr kept for a failure's details
# A stdio server that exits at once: writing its stdin fails with one of these (anyio's).
_PIPE_GONE = ("BrokenResourceError", "ClosedResourceError", "BrokenPipeError", "EndOfStream")


def tr(text: str, *args: object) -> str:
    """`text` translated (context "McpServers") with %1, %2… filled in."""
    out = QCoreApplication.translate("McpServers", text)
    for i, arg in enumerate(args, 1):
        out = out.replace(f"%{i}", str(arg))
    return out


class ServerState(enum.StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"


class McpServerError(Exception):
    """A server could not start, or a call failed; `message` is for the user, `detail` the
    raw error (and the server's last stderr lines)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class McpConnection:
    def __init__(self, config: McpServerConfig) -> None:
        self.config = config
        self.state = ServerState.STOPPED
        self.error: McpServerError | None = None
        self.tools: list[McpTool] = []
        self.pid: int | None = None  # stdio: the server process (leader of its own group)
        self._session: ClientSession | None = None
        self._task: asyncio.Task[None] | None = None
        self._stop: asyncio.Event | None = None
        self._errlog: IO[str] | None = None

    @property
    def name(self) -> str:
        return self.config.name

    async def start(self) -> list[McpTool]:
        """Start (or connect to) the server and list its tools; McpServerError says why not."""
        if self.state in (ServerState.RUNNING, ServerState.STARTING):
            return self.tools
        self.state, self.error = ServerState.STARTING, None
        ready: asyncio.Future[list[McpTool]] = asyncio.get_running_loop().create_future()
        self._stop = asyncio.Event()
        # A failure that arrives after a timeout is not "never retrieved": we reported one.
        ready.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._task = asyncio.ensure_future(self._serve(ready))
        try:
            self.tools = await asyncio.wait_for(asyncio.shield(ready), self.config.timeout)
        except BaseException as exc:
            stderr = self._stderr_tail()
            await self._end_task()
            error = exc if isinstance(exc, McpServerError) else McpServerError(tr(
                "The MCP server “%1” did not answer within %2 s.", self.name,
                f"{self.config.timeout:g}"), stderr)
            if isinstance(exc, asyncio.CancelledError):
                self.state = ServerState.STOPPED
                raise
            self.state, self.error = ServerState.FAILED, error
            raise error from None
        self.state = ServerState.RUNNING
        return self.tools

    async def stop(self) -> None:
        """Close the session; a stdio server gets EOF, then SIGTERM, then SIGKILL (the SDK's
        sequence), and whatever it left in its process group is terminated too."""
        await self._end_task()
        self.state, self.tools = ServerState.STOPPED, []

    def kill_now(self) -> None:
        """Quit without an event loop: terminate the server's process group at once."""
        if self.pid is not None:
            _kill_group(self.pid, signal.SIGKILL)
            self.pid = None

    async def call(self, tool: str, arguments: dict[str, Any]) -> str:
        """The tool's result as text for the model; McpServerError when it could not run."""
        session = self._session
        if session is None or self.state != ServerState.RUNNING:
            raise McpServerError(tr("The MCP server “%1” is not running. Start it in MCP "
                                    "servers, then try again.", self.name))
        from mcp.shared.exceptions import McpError

        try:
            result = await session.call_tool(
                tool, arguments, read_timeout_seconds=timedelta(seconds=self.config.timeout))
        except McpError as exc:
            if "closed" in str(exc).lower():  # the process died or the server went away
                self.state = ServerState.FAILED
                self.error = McpServerError(tr(
                    "The MCP server “%1” stopped (connection closed).", self.name),
                    self._stderr_tail())
                raise self.error from None
            raise McpServerError(tr("The MCP server “%1” could not run “%2”: %3.",
                                    self.name, tool, exc), repr(exc)) from None
        return result_text(result, tool)

    # ---- the connection's own task ---------------------------------------------------------

    async def _serve(self, ready: asyncio.Future[list[McpTool]]) -> None:
        from mcp import ClientSession

        try:
            async with contextlib.AsyncExitStack() as stack:
                streams = await stack.enter_async_context(self._transport())
                session = await stack.enter_async_context(ClientSession(
                    streams[0], streams[1],
                    read_timeout_seconds=timedelta(seconds=self.config.timeout)))
                await session.initialize()
                tools = await self._list_tools(session)
                self._session = session
                ready.set_result(tools)
                assert self._stop is not None
                await self._stop.wait()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(self._explain(exc))
        finally:
            self._session = None
            if self.pid is not None:  # grandchildren the server left behind in its group
                _kill_group(self.pid, signal.SIGTERM)
                self.pid = None
            if self._errlog is not None:
                self._errlog.close()
                self._errlog = None

    def _transport(self) -> Any:
        config = self.config
        if config.transport == STDIO:
            return self._stdio()
        from mcp.client.streamable_http import streamable_http_client

        from playground.api.mcp_http import mcp_http_client

        client = mcp_http_client(config.url, config.timeout)
        return _two_streams(streamable_http_client(config.url, http_client=client), client)

    @contextlib.asynccontextmanager
    async def _stdio(self) -> Any:
        from mcp import StdioServerParameters
        from mcp.client.stdio import stdio_client

        config = self.config
        if config.cwd and not Path(config.cwd).is_dir():
            raise McpServerError(tr("The working folder of “%1” does not exist: %2.",
                                    self.name, config.cwd))
        params = StdioServerParameters(command=config.command, args=list(config.args),
                                       env={v.name: v.value for v in config.env},
                                       cwd=config.cwd or None)
        # The server's stderr goes to a file (the SDK needs a real file) kept for messages.
        self._errlog = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
        before = _children()
        async with stdio_client(params, errlog=self._errlog) as streams:
            new = _children() - before
            self.pid = min(new) if len(new) == 1 else None
            yield streams

    async def _list_tools(self, session: ClientSession) -> list[McpTool]:
        tools: list[McpTool] = []
        cursor: str | None = None
        while True:
            page = await session.list_tools(cursor=cursor)
            tools += [McpTool(self.name, t.name, t.description or "", dict(t.inputSchema))
                      for t in page.tools]
            cursor = page.nextCursor
            if not cursor:
                return tools

    async def _end_task(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        if self._stop is not None:
            self._stop.set()
        try:
            # The SDK waits up to 2 s for EOF to end the process, then 2 s after SIGTERM.
            await asyncio.wait_for(asyncio.shield(task), 10)
        except TimeoutError:
            task.cancel()
            self.kill_now()
        except BaseException:  # the task's own failure was reported through `ready`
            pass

    def _stderr_tail(self) -> str:
        log = self._errlog
        if log is None or log.closed:
            return ""
        log.flush()
        log.seek(0)
        return log.read()[-STDERR_TAIL:]

    def _explain(self, exc: BaseException) -> McpServerError:
        leaf = _leaf(exc)
        if isinstance(leaf, McpServerError):
            return leaf
        name, config, stderr = self.name, self.config, self._stderr_tail()
        detail = "\n\n".join(p for p in (repr(leaf), stderr.strip()) if p)
        last_line = next((line.strip() for line in reversed(stderr.splitlines())
                          if line.strip()), "")
        if isinstance(leaf, FileNotFoundError) and config.transport == STDIO:
            return McpServerError(tr(
                "Could not start the MCP server “%1”: the command “%2” was not found. Check "
                "the command, or give its full path.", name, config.command), detail)
        if isinstance(leaf, PermissionError) and config.transport == STDIO:
            return McpServerError(tr(
                "Could not start the MCP server “%1”: “%2” cannot be run (permission denied).",
                name, config.command), detail)
        closed = (type(leaf).__name__ == "McpError" and "closed" in str(leaf).lower()) or (
            config.transport == STDIO and type(leaf).__name__ in _PIPE_GONE)
        if closed:
            text = (tr("The MCP server “%1” exited before it was ready. It said: %2", name,
                       last_line) if last_line else
                    tr("The MCP server “%1” exited before it was ready.", name))
            return McpServerError(text, detail)
        if type(leaf).__name__ == "ConnectError":
            return McpServerError(tr(
                "Could not connect to the MCP server “%1” at %2: nothing answered there. Is "
                "the server running?", name, config.url), detail)
        if type(leaf).__name__ == "HTTPStatusError":
            status = getattr(getattr(leaf, "response", None), "status_code", "?")
            return McpServerError(tr(
                "The MCP server “%1” at %2 answered HTTP %3. Check the URL (streamable HTTP "
                "endpoints usually end in /mcp).", name, config.url, status), detail)
        if isinstance(leaf, TimeoutError) or "Timeout" in type(leaf).__name__:
            return McpServerError(tr("The MCP server “%1” did not answer within %2 s.", name,
                                     f"{config.timeout:g}"), detail)
        return McpServerError(tr("The MCP server “%1” failed to start: %2.", name,
                                 str(leaf) or type(leaf).__name__), detail)


@contextlib.asynccontextmanager
async def _two_streams(transport: Any, client: Any) -> Any:
    """The HTTP transport yields (read, write, session id): keep the two streams, and close
    the httpx client we made."""
    async with client, transport as (read, write, _session_id):
        yield read, write


def _leaf(exc: BaseException) -> BaseException:
    """The first real error inside anyio's (nested) exception groups."""
    while isinstance(exc, BaseExceptionGroup):
        inner = [e for e in exc.exceptions if not isinstance(e, asyncio.CancelledError)]
        exc = (inner or list(exc.exceptions))[0]
    return exc


def _children() -> set[int]:
    """Pids of this process's children (Linux /proc; empty elsewhere)."""
    pids: set[int] = set()
    with contextlib.suppress(OSError):
        for task in os.listdir("/proc/self/task"):
            with contextlib.suppress(OSError):
                text = Path(f"/proc/self/task/{task}/children").read_text()
                pids.update(int(p) for p in text.split())
    return pids


def _kill_group(pid: int, sig: signal.Signals) -> None:
    # The SDK starts stdio servers in a new session, so the server leads its own group.
    with contextlib.suppress(OSError):
        os.killpg(pid, sig)
