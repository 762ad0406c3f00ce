"""`McpServers`: the local MCP servers the user configured — their configs (file + keyring),
which are running, their tools as function tools — and `McpToolRunner`, which runs a
model's function call on the server that owns it, after the user approved it.

Widget-free; the view is ui/mcp_servers_dialog.py. The `mcp` SDK is imported only when a
server starts (see mcp_connection.py), so building this costs nothing at startup.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from playground.services.mcp_connection import (
    McpConnection,
    McpServerError,
    ServerState,
    tr,
)
from playground.services.mcp_tools import McpTool
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.storage.mcp_config import (
    McpConfigError,
    McpConfigFile,
    McpSecrets,
    McpServerConfig,
)
from playground.storage.mcp_import import parse_mcp_servers

if TYPE_CHECKING:
    from playground.model.types import ToolCall
    from playground.services.container import Services

# (server, tool, arguments) -> did the user allow this call?
Approve = Callable[[str, str, dict[str, Any]], Awaitable[bool]]


class McpServers:
    def __init__(self, config_file: McpConfigFile | None = None,
                 secrets: McpSecrets | None = None) -> None:
        self._file = config_file or McpConfigFile()
        self._secrets = secrets or McpSecrets()
        self._configs: list[McpServerConfig] = []
        self._connections: dict[str, McpConnection] = {}  # by config id
        self._loaded = False
        self.changed: Emitter[[]] = Emitter()  # the list, a state, tools or trust changed
        self.message: Emitter[[UserMessage]] = Emitter()

    # ---- configs -----------------------------------------------------------------------

    async def load(self) -> None:
        """Read the config file once (off the event loop); a broken file is reported."""
        if self._loaded:
            return
        try:
            self._configs = await asyncio.to_thread(self._file.load)
        except McpConfigError as exc:
            self.message.emit(UserMessage.error(str(exc)))
        self._loaded = True
        self.changed.emit()

    @property
    def servers(self) -> list[McpServerConfig]:
        return list(self._configs)

    def server(self, name: str) -> McpServerConfig | None:
        return next((c for c in self._configs if c.name == name), None)

    async def save_server(self, config: McpServerConfig, old_name: str | None = None) -> str:
        """Add `config`, or replace the server named `old_name`. Returns "" or why not (the
        config stays as it was). A running server is stopped: it runs with the old settings."""
        problem = config.problem()
        old = self.server(old_name) if old_name is not None else None
        clash = self.server(config.name)
        if not problem and clash is not None and clash is not old:
            problem = tr("There is already a server named “%1”.", config.name)
        if problem:
            return problem
        if old is not None:
            config = replace(config, id=old.id,
                             trusted_tools=config.trusted_tools or old.trusted_tools)
            await self.stop(old.name)
        configs = [config if c is old else c for c in self._configs]
        if old is None:
            configs.append(config)
        try:
            await self._secrets.store(config, old)
        except Exception as exc:  # SecretsUnavailable: nothing is written without its secret
            return str(exc)
        return await self._write(configs)

    async def remove_server(self, name: str) -> str:
        config = self.server(name)
        if config is None:
            return ""
        await self.stop(name)
        problem = await self._write([c for c in self._configs if c is not config])
        if not problem:
            try:
                await self._secrets.delete(config)
            except Exception as exc:
                self.message.emit(UserMessage.warning(str(exc)))
        return problem

    async def import_json(self, text: str, source: str) -> UserMessage:
        """Add the servers of an `mcpServers` JSON text (same name: replaced). Secrets in
        their env go to the keyring; the message says which ones."""
        try:
            imported = parse_mcp_servers(text, source)
        except McpConfigError as exc:
            return UserMessage.error(str(exc))
        for server in imported.servers:
            old = self.server(server.name)
            problem = await self.save_server(server, old.name if old else None)
            if problem:
                return UserMessage.error(tr("Import stopped at “%1”: %2", server.name,
                                            problem))
        names = ", ".join(s.name for s in imported.servers)
        text = tr("Imported %1 MCP server(s): %2.", len(imported.servers), names)
        if imported.secrets:
            moved = ", ".join(f"{var} ({server})" for server, var in imported.secrets)
            text += " " + tr("These values were moved to the system keyring and are not kept "
                             "in the app's settings: %1. The imported file still holds them; "
                             "delete it or remove them from it if you no longer need it.",
                             moved)
        if imported.skipped:
            text += " " + tr("Skipped: %1.", "; ".join(imported.skipped))
        return UserMessage.warning(text) if imported.skipped else UserMessage.info(text)

    async def _write(self, configs: list[McpServerConfig]) -> str:
        try:
            await asyncio.to_thread(self._file.save, configs)
        except McpConfigError as exc:
            return str(exc)
        self._configs = configs
        self.changed.emit()
        return ""

    # ---- running -----------------------------------------------------------------------

    def state(self, name: str) -> ServerState:
        config = self.server(name)
        connection = self._connections.get(config.id) if config else None
        return connection.state if connection else ServerState.STOPPED

    def error(self, name: str) -> McpServerError | None:
        config = self.server(name)
        connection = self._connections.get(config.id) if config else None
        return connection.error if connection else None

    async def start(self, name: str) -> bool:
        """Start the server; False (with a message) when it could not start."""
        config = self.server(name)
        if config is None:
            return False
        try:
            filled = await self._secrets.fill(config)  # secrets only in memory
        except Exception as exc:
            self.message.emit(UserMessage.error(str(exc)))
            return False
        connection = McpConnection(filled)
        self._connections[config.id] = connection
        self.changed.emit()
        try:
            await connection.start()
        except McpServerError as exc:
            self.message.emit(UserMessage.error(exc.message, exc.detail))
            return False
        finally:
            self.changed.emit()
        return True

    async def stop(self, name: str) -> None:
        config = self.server(name)
        connection = self._connections.pop(config.id, None) if config else None
        if connection is not None:
            await connection.stop()
            self.changed.emit()

    async def stop_all(self) -> None:
        """Stop every server (the app is quitting): no server process outlives the app."""
        connections, self._connections = list(self._connections.values()), {}
        await asyncio.gather(*(c.stop() for c in connections), return_exceptions=True)

    def kill_all(self) -> None:
        """Last resort when no event loop runs any more: kill the server processes now."""
        for connection in self._connections.values():
            connection.kill_now()
        self._connections = {}

    # ---- tools -------------------------------------------------------------------------

    def tools(self, name: str | None = None) -> list[McpTool]:
        """Tools of the running servers (or of one), in config order."""
        tools: list[McpTool] = []
        for config in self._configs:
            connection = self._connections.get(config.id)
            if connection and connection.state == ServerState.RUNNING and (
                    name is None or config.name == name):
                tools += connection.tools
        return tools

    def functions(self) -> list[dict[str, Any]]:
        """Every running server's tools as function definitions (for ChatRequest.functions);
        a name two tools would share goes to the first."""
        seen: set[str] = set()
        out = []
        for tool in self.tools():
            if tool.function_name not in seen:
                seen.add(tool.function_name)
                out.append(tool.function())
        return out

    def resolve(self, function_name: str) -> McpTool | None:
        return next((t for t in self.tools() if t.function_name == function_name), None)

    def is_trusted(self, server: str, tool: str) -> bool:
        config = self.server(server)
        return config is not None and tool in config.trusted_tools

    async def set_trusted(self, server: str, tool: str, trusted: bool) -> str:
        config = self.server(server)
        if config is None:
            return ""
        tools = config.trusted_tools | {tool} if trusted else config.trusted_tools - {tool}
        updated = replace(config, trusted_tools=frozenset(tools))
        return await self._write([updated if c is config else c for c in self._configs])

    async def call(self, tool: McpTool, arguments: dict[str, Any]) -> str:
        config = self.server(tool.server)
        connection = self._connections.get(config.id) if config else None
        if connection is None:
            raise McpServerError(tr("The MCP server “%1” is not running. Start it in MCP "
                                    "servers, then try again.", tool.server))
        try:
            return await connection.call(tool.name, arguments)
        finally:
            self.changed.emit()  # a call may find the server gone


class McpToolRunner:
    """Runs the model's calls to MCP tools; everything it returns is text for the model."""

    def __init__(self, servers: McpServers, approve: Approve) -> None:
        self._servers = servers
        self._approve = approve

    def functions(self) -> list[dict[str, Any]]:
        """The running servers' tools, offered to the model with every request."""
        return self._servers.functions()

    def owns(self, name: str) -> bool:
        return self._servers.resolve(name) is not None

    async def run(self, call: ToolCall) -> str:
        tool = self._servers.resolve(call.name)
        if tool is None:
            return (f"Error: no running MCP server offers the function “{call.name}”. "
                    "Its server may have been stopped.")
        try:
            arguments = json.loads(call.arguments or "{}")
        except json.JSONDecodeError as exc:
            return (f"Error: the arguments for “{call.name}” are not valid JSON ({exc.msg} at "
                    f"line {exc.lineno}, column {exc.colno}). Send a JSON object.")
        if not isinstance(arguments, dict):
            return f"Error: the arguments for “{call.name}” must be a JSON object."
        if not self._servers.is_trusted(tool.server, tool.name) and not await self._approve(
                tool.server, tool.name, arguments):
            return (f"The user denied this call: the tool “{tool.name}” of the MCP server "
                    f"“{tool.server}” was not run. Do not call it again unless the user asks "
                    "you to.")
        try:
            return await self._servers.call(tool, arguments)
        except McpServerError as exc:
            return f"Error: the tool “{tool.name}” could not run. {exc.message}"


_shared: list[tuple[Services, McpServers]] = []


def mcp_servers_for(services: Services) -> McpServers:
    """The app's one McpServers (per Services), made on first use."""
    for owner, servers in _shared:
        if owner is services:
            return servers
    servers = McpServers()
    _shared.append((services, servers))
    return servers
