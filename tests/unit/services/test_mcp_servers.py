"""Local MCP servers through the real `mcp` SDK: the tests' own FastMCP server over stdio and
streamable HTTP; tools as function tools, calls, failures, approval, and clean stops."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from playground.model.types import ToolCall
from playground.services.mcp_connection import ServerState
from playground.services.mcp_servers import McpServers, McpToolRunner
from playground.services.mcp_tools import VALID_NAME, function_name
from playground.services.messages import Severity, UserMessage
from playground.storage.mcp_config import HTTP, McpConfigFile, McpServerConfig
from tests.mcp_server.launch import alive, children, http_config, http_server, stdio_config


class Approvals:
    """The user's answers to approval prompts, and what was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str, dict[str, Any]]] = []

    async def __call__(self, server: str, tool: str, arguments: dict[str, Any]) -> bool:
        self.asked.append((server, tool, arguments))
        return self.answer


def manager(tmp_path: Path) -> tuple[McpServers, list[UserMessage]]:
    servers = McpServers(McpConfigFile(tmp_path / "mcp.json"))
    messages: list[UserMessage] = []
    servers.message.connect(messages.append)
    return servers, messages


def call(name: str, **arguments: Any) -> ToolCall:
    return ToolCall("call_1", name, json.dumps(arguments))


async def exercise(servers: McpServers, name: str) -> None:
    """Start `name`, check its tools as functions, call through the runner, stop."""
    assert await servers.start(name), servers.error(name)
    assert servers.state(name) == ServerState.RUNNING
    functions = {f["name"]: f for f in servers.functions()}
    assert set(functions) >= {f"{name}__add", f"{name}__echo", f"{name}__fail"}
    add = functions[f"{name}__add"]
    assert add["parameters"]["required"] == ["a", "b"]
    assert add["parameters"]["properties"]["a"]["type"] == "integer"
    assert "Add two integers." in add["description"] and not add["strict"]
    approvals = Approvals(True)
    runner = McpToolRunner(servers, approvals)
    assert runner.owns(f"{name}__add") and not runner.owns("add") and not runner.owns("x__add")
    assert await runner.run(call(f"{name}__add", a=2, b=40)) == "42"
    assert await runner.run(call(f"{name}__echo", text="héllo 世界")) == "héllo 世界"
    failed = await runner.run(call(f"{name}__fail"))
    assert failed.startswith("The tool “fail” reported an error:")
    assert "failed on purpose" in failed
    picture = await runner.run(call(f"{name}__picture"))
    assert "image content (image/png" in picture and "not shown to the model" in picture
    assert [a[:2] for a in approvals.asked] == [(name, "add"), (name, "echo"), (name, "fail"),
                                               (name, "picture")]
    assert approvals.asked[0][2] == {"a": 2, "b": 40}
    await servers.stop(name)
    assert servers.state(name) == ServerState.STOPPED and servers.functions() == []


def test_stdio_server_tools_are_function_tools_and_run_here(tmp_path: Path) -> None:
    servers, messages = manager(tmp_path)

    async def body() -> None:
        assert await servers.save_server(stdio_config("files")) == ""
        await exercise(servers, "files")

    asyncio.run(body())
    assert messages == []


def test_streamable_http_server_works_the_same(tmp_path: Path) -> None:
    servers, messages = manager(tmp_path)

    async def body(url: str) -> None:
        assert await servers.save_server(http_config(url, "web")) == ""
        await exercise(servers, "web")

    with http_server() as url:
        asyncio.run(body(url))
    assert messages == []


@pytest.mark.parametrize(("config", "expected"), [
    (McpServerConfig(name="bad", command="no-such-command-here"),
     "Could not start the MCP server “bad”: the command “no-such-command-here” was not found."),
    (McpServerConfig(name="dies", command="sh", args=("-c", "echo 'no config given' >&2; exit 3")),
     "The MCP server “dies” exited before it was ready. It said: no config given"),
    (McpServerConfig(name="nowhere", command="sh", cwd="/no/such/folder"),
     "The working folder of “nowhere” does not exist: /no/such/folder."),
    (McpServerConfig(name="silent", command="sleep", args=("60",), timeout=1.5),
     "The MCP server “silent” did not answer within 1.5 s."),
])
def test_a_server_that_cannot_start_says_why(tmp_path: Path, config: McpServerConfig,
                                             expected: str) -> None:
    servers, messages = manager(tmp_path)
    before = children()

    async def body() -> bool:
        assert await servers.save_server(config) == ""
        return await servers.start(config.name)

    assert asyncio.run(body()) is False
    assert [m.severity for m in messages] == [Severity.ERROR]
    assert messages[0].text.startswith(expected), messages[0].text
    assert servers.state(config.name) == ServerState.FAILED
    assert children() <= before  # nothing left running


def test_refused_port_is_a_clear_message(tmp_path: Path) -> None:
    servers, messages = manager(tmp_path)
    from tests.mcp_server.launch import free_port

    url = f"http://127.0.0.1:{free_port()}/mcp"  # nothing listens there

    async def body() -> bool:
        await servers.save_server(McpServerConfig(name="web", transport=HTTP, url=url))
        return await servers.start("web")

    assert asyncio.run(body()) is False
    assert messages[0].text == (f"Could not connect to the MCP server “web” at {url}: nothing "
                                "answered there. Is the server running?")
    assert "ConnectError" in messages[0].detail


def test_a_denied_call_is_not_run_and_the_model_is_told(tmp_path: Path) -> None:
    servers, _messages = manager(tmp_path)
    approvals = Approvals(False)
    runner = McpToolRunner(servers, approvals)

    async def body() -> tuple[str, str]:
        await servers.save_server(stdio_config("t"))
        assert await servers.start("t")
        try:
            denied = await runner.run(call("t__spawn"))
            await servers.set_trusted("t", "echo", True)
            trusted = await runner.run(call("t__echo", text="no prompt"))
        finally:
            await servers.stop("t")
        return denied, trusted

    before = children()
    denied, trusted = asyncio.run(body())
    assert denied == ("The user denied this call: the tool “spawn” of the MCP server “t” was "
                      "not run. Do not call it again unless the user asks you to.")
    assert trusted == "no prompt"
    assert [a[1] for a in approvals.asked] == ["spawn"]  # the trusted tool did not ask
    assert children() <= before
    # Trust is remembered per server and tool, in the config file.
    stored = json.loads((tmp_path / "mcp.json").read_text())
    assert stored["servers"][0]["trusted_tools"] == ["echo"]
    assert McpConfigFile(tmp_path / "mcp.json").load()[0].trusted_tools == {"echo"}


def test_calls_that_cannot_run_return_text_for_the_model(tmp_path: Path) -> None:
    servers, _messages = manager(tmp_path)
    runner = McpToolRunner(servers, Approvals(True))

    async def body() -> list[str]:
        await servers.save_server(stdio_config("t"))
        assert await servers.start("t")
        try:
            bad_json = await runner.run(ToolCall("c", "t__add", '{"a": 1,'))
            not_object = await runner.run(ToolCall("c", "t__add", "[1, 2]"))
        finally:
            await servers.stop("t")
        gone = await runner.run(call("t__add", a=1, b=2))
        return [bad_json, not_object, gone]

    bad_json, not_object, gone = asyncio.run(body())
    assert bad_json.startswith("Error: the arguments for “t__add” are not valid JSON (")
    assert "line 1, column 9" in bad_json
    assert not_object == "Error: the arguments for “t__add” must be a JSON object."
    assert "no running MCP server offers the function “t__add”" in gone


def test_stopping_leaves_no_process_behind(tmp_path: Path) -> None:
    """The server and the grandchild it started are gone after stop; stop_all ends all."""
    servers, _messages = manager(tmp_path)
    before = children()

    async def body() -> tuple[int, int, set[int]]:
        await servers.save_server(stdio_config("a"))
        await servers.save_server(stdio_config("b"))
        assert await servers.start("a") and await servers.start("b")
        running = children() - before
        grandchild = int(await McpToolRunner(servers, Approvals(True)).run(call("a__spawn")))
        await servers.stop("a")
        b_pid = running.pop() if len(running) == 1 else 0
        left = children() - before
        await servers.stop_all()
        return grandchild, b_pid, left

    grandchild, _b, left_after_a = asyncio.run(body())
    assert len(left_after_a) == 1  # b still runs after a stopped
    assert children() <= before
    deadline = time.monotonic() + 5  # SIGTERM to the group is delivered asynchronously
    while alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(grandchild)


def test_function_names_follow_the_api_rule() -> None:
    assert function_name("files", "read_file") == "files__read_file"
    assert function_name("my server", "read.file/v2") == "my_server__read_file_v2"
    long_a = function_name("s" * 40, "t" * 40 + "a")
    long_b = function_name("s" * 40, "t" * 40 + "b")
    assert len(long_a) == 64 and VALID_NAME.match(long_a) and long_a != long_b
    assert VALID_NAME.match(function_name("服务", "工具"))


def test_the_sdk_is_not_imported_until_a_server_starts() -> None:
    """The dialog and the manager cost nothing at startup: `mcp` loads on the first start."""
    import subprocess
    import sys

    from tests.mcp_server.launch import ROOT

    code = ("import sys, playground.services.mcp_servers, playground.ui.mcp_servers_dialog, "
            "playground.ui.mcp_approval; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('mcp', 'httpx', 'anyio', 'pydantic')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM":
                                           "offscreen"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_proxy_in_the_environment_does_not_catch_loopback_servers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Users behind a proxy have HTTP_PROXY set; a server on this machine is reached
    directly, not through the proxy (here a dead one)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    servers, messages = manager(tmp_path)

    async def body(url: str) -> str:
        await servers.save_server(http_config(url, "web"))
        assert await servers.start("web"), messages
        try:
            return await McpToolRunner(servers, Approvals(True)).run(call("web__add", a=1, b=1))
        finally:
            await servers.stop_all()

    with http_server() as url:
        assert asyncio.run(body(url)) == "2"


@pytest.mark.parametrize("api", ["chat", "responses"])
def test_the_model_calls_a_local_tool_through_either_api(tmp_path: Path, fake_api: Any,
                                                        api: str) -> None:
    """The functions go out with the request over real HTTP (Chat Completions or Responses);
    the model's call comes back as stream events; the runner runs it on the local server."""
    from playground.api import engine
    from playground.api.client import ApiClient
    from playground.model.types import ChatMessage, ChatRequest, Profile, ToolCallDelta
    from tests.fake_openai.routes_chat import ChatOptions
    from tests.fake_openai.routes_chat import ToolCall as ChatCall
    from tests.fake_openai.routes_responses import Call, ResponsesOptions

    arguments = '{"a": 19, "b": 23}'
    if api == "chat":
        fake_api.state["chat"] = ChatOptions(reply="", chunks=0,
                                             tool_calls=[ChatCall("local__add", arguments)])
    else:
        fake_api.state["responses"] = ResponsesOptions(calls=[Call("local__add", arguments)])
    servers, _messages = manager(tmp_path)
    approvals = Approvals(True)

    async def body() -> str:
        await servers.save_server(stdio_config("local"))
        assert await servers.start("local")
        client = ApiClient(Profile(base_url=fake_api.url, max_retries=0), "sk-test")
        try:
            request = ChatRequest(model="gpt-5.4", api=api, functions=servers.functions(),
                                  messages=[ChatMessage("user", "What is 19 + 23?")])
            deltas = [e async for e in engine.stream(client, request)
                      if isinstance(e, ToolCallDelta)]
            call = ToolCall(deltas[0].id or "", deltas[0].name or "",
                            "".join(d.arguments for d in deltas))
            return await McpToolRunner(servers, approvals).run(call)
        finally:
            await client.aclose()
            await servers.stop_all()

    assert asyncio.run(body()) == "42"
    assert approvals.asked == [("local", "add", {"a": 19, "b": 23})]
    sent = fake_api.requests_to("/chat/completions" if api == "chat" else "/responses")
    tools = sent[-1].json["tools"]
    add = next(t for t in tools if "local__add" in json.dumps(t))
    parameters = add["function"]["parameters"] if api == "chat" else add["parameters"]
    assert parameters["required"] == ["a", "b"]
    assert len(tools) == 6


def test_a_server_that_dies_is_reported_and_kill_all_ends_the_rest(tmp_path: Path) -> None:
    """A server killed behind the app's back: the next call says so (to the model and in the
    status). kill_all (quitting with no loop left) kills the remaining servers at once."""
    import os
    import signal

    servers, _messages = manager(tmp_path)
    before = children()

    async def body() -> tuple[str, set[int]]:
        await servers.save_server(stdio_config("doomed"))
        await servers.save_server(stdio_config("other"))
        assert await servers.start("doomed")
        doomed = children() - before
        assert await servers.start("other")
        other = children() - before - doomed
        os.kill(doomed.pop(), signal.SIGKILL)
        said = await McpToolRunner(servers, Approvals(True)).run(call("doomed__add", a=1, b=1))
        assert servers.state("doomed") == ServerState.FAILED
        servers.kill_all()
        return said, other

    said, left = asyncio.run(body())
    assert said == ("Error: the tool “add” could not run. The MCP server “doomed” stopped "
                    "(connection closed).")
    assert len(left) == 1
    deadline = time.monotonic() + 5
    while any(alive(p) for p in left) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(alive(p) for p in left)


def test_the_chat_session_runs_a_local_tool_and_the_model_goes_on(tmp_path: Path,
                                                                  fake_api: Any) -> None:
    """The whole loop with no display: the model calls local__add, the session asks, runs
    the tool on the stdio server, stores the result and the model answers with it."""
    from tests.fake_openai.routes_responses import Call, ResponsesOptions
    from tests.unit.services.test_chat_session import open_session, responses_controls

    fake_api.state["responses"] = [
        ResponsesOptions(calls=[Call("local__add", '{"a": 19, "b": 23}', "call_7")]),
        ResponsesOptions(reply="19 + 23 is 42.")]
    servers, _messages = manager(tmp_path)
    approvals = Approvals(True)

    async def body() -> None:
        await servers.save_server(stdio_config("local"))
        assert await servers.start("local")
        try:
            async with open_session(fake_api, tmp_path, responses_controls(api="responses")) \
                    as (session, _events):
                session.local_tools = McpToolRunner(servers, approvals)
                await session.send("What is 19 + 23?", [], title="")
                roles = [t.role for t in session.turns]
                assert roles == ["user", "assistant", "tool", "assistant"]
                assert session.turns[2].content == "42"
                assert session.turns[-1].content == "19 + 23 is 42."
                first = fake_api.requests_to("/responses")[0].json
                assert any("local__add" in json.dumps(t) for t in first["tools"])
                sent = fake_api.requests_to("/responses")[-1].json["input"]
                assert {"type": "function_call_output", "call_id": "call_7",
                        "output": "42"} in sent
        finally:
            await servers.stop_all()

    asyncio.run(body())
    assert approvals.asked == [("local", "add", {"a": 19, "b": 23})]
