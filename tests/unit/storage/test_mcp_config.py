"""The MCP server list on disk, mcpServers JSON import, and secrets in the real keyring."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from pathlib import Path

import pytest

from playground.services.mcp_servers import McpServers, McpToolRunner
from playground.services.messages import Severity
from playground.storage.mcp_config import (
    HTTP,
    SECRET_SERVICE,
    EnvVar,
    McpConfigError,
    McpConfigFile,
    McpSecrets,
    McpServerConfig,
)
from playground.storage.mcp_import import parse_mcp_servers
from playground.storage.secrets import SecretStore
from tests.mcp_server.launch import ROOT
from tests.unit.storage.real_env import require

CLAUDE_STYLE = """{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"]
    },
    "github": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"],
      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_secret123", "GITHUB_HOST": "github.com"}
    },
    "local-web": {"url": "http://127.0.0.1:8931/mcp"},
    "broken": {"args": ["no command"]}
  }
}"""


def test_servers_round_trip_and_secret_values_never_reach_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mcp_servers.json"
    server = McpServerConfig(name="db", command="uvx", args=("mcp-server-sqlite", "--db", "x"),
                             env=(EnvVar("MODE", "ro"), EnvVar("DB_PASSWORD", "hunter2", True)),
                             cwd="/tmp", trusted_tools=frozenset({"query"}))
    web = McpServerConfig(name="web", transport=HTTP, url="http://127.0.0.1:8000/mcp")
    McpConfigFile(path).save([server, web])
    text = path.read_text()
    assert "hunter2" not in text
    stored = json.loads(text)["servers"][0]["env"][1]
    assert stored == {"name": "DB_PASSWORD", "secret": True,
                      "keyring": f"{SECRET_SERVICE}:{server.id}/DB_PASSWORD"}
    loaded = McpConfigFile(path).load()
    assert loaded[0] == McpServerConfig(  # the secret's value is only in the keyring
        name="db", command="uvx", args=("mcp-server-sqlite", "--db", "x"),
        env=(EnvVar("MODE", "ro"), EnvVar("DB_PASSWORD", "", True)), cwd="/tmp",
        trusted_tools=frozenset({"query"}), id=server.id)
    assert loaded[1] == web


def test_a_damaged_config_file_names_the_place(tmp_path: Path) -> None:
    path = tmp_path / "mcp_servers.json"
    path.write_text('{"servers": [\n  {"name": "a",}\n]}')
    with pytest.raises(McpConfigError) as error:
        McpConfigFile(path).load()
    assert str(error.value) == (f"{path} is not valid JSON: Expecting property name enclosed "
                                "in double quotes at line 2, column 16.")
    assert McpConfigFile(tmp_path / "missing.json").load() == []


def test_import_reads_the_common_mcp_servers_shape() -> None:
    imported = parse_mcp_servers(CLAUDE_STYLE)
    by_name = {s.name: s for s in imported.servers}
    assert list(by_name) == ["filesystem", "github", "local-web"]
    assert by_name["filesystem"].command == "npx"
    assert by_name["filesystem"].args == ("-y", "@modelcontextprotocol/server-filesystem",
                                          "/home/me/notes")
    assert by_name["github"].env == (
        EnvVar("GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_secret123", True),
        EnvVar("GITHUB_HOST", "github.com", False))
    assert by_name["local-web"].transport == HTTP
    assert by_name["local-web"].url == "http://127.0.0.1:8931/mcp"
    assert imported.secrets == [("github", "GITHUB_PERSONAL_ACCESS_TOKEN")]
    assert imported.skipped == ["broken: needs a “command” or a “url”"]


@pytest.mark.parametrize(("text", "message"), [
    ('{\n  "mcpServers": {\n    "a": {"command": "x"\n  }\n', "The file is not valid JSON: "
     "Expecting ',' delimiter at line 5, column 1."),
    ("", "The file is not valid JSON: Expecting value at line 1, column 1."),
    ('{"servers": []}', "The file has no “mcpServers” object"),
    ('{"mcpServers": {"a": {"env": {}}}}', "The file holds no usable server. a: needs a "
     "“command” or a “url”"),
])
def test_a_malformed_import_says_where(text: str, message: str) -> None:
    with pytest.raises(McpConfigError) as error:
        parse_mcp_servers(text)
    assert str(error.value).startswith(message), str(error.value)


def test_a_malformed_import_through_the_manager_is_an_error_message(tmp_path: Path) -> None:
    servers = McpServers(McpConfigFile(tmp_path / "mcp.json"))
    message = asyncio.run(servers.import_json('{"mcpServers": {', "claude_desktop_config.json"))
    assert message.severity == Severity.ERROR
    assert message.text == ("claude_desktop_config.json is not valid JSON: Expecting property "
                            "name enclosed in double quotes at line 1, column 17.")
    assert servers.servers == [] and not (tmp_path / "mcp.json").exists()


@pytest.fixture
def mcp_keyring() -> SecretStore:
    store = SecretStore(timeout=15, service=SECRET_SERVICE, what="MCP server secret")
    status = asyncio.run(store.check())
    require(status.ok and "SecretService" in status.backend,
            f"an unlocked Secret Service keyring ({status.message or status.backend})")
    return store


@pytest.mark.keyring
def test_imported_secrets_move_to_the_keyring_and_reach_the_server(
        tmp_path: Path, mcp_keyring: SecretStore) -> None:
    token = f"tok-{uuid.uuid4().hex}"
    name = f"test-{uuid.uuid4().hex[:8]}"  # a fresh keyring entry per run
    text = json.dumps({"mcpServers": {name: {
        "command": sys.executable, "args": ["-m", "tests.mcp_server.server"],
        "env": {"API_TOKEN": token, "PYTHONPATH": str(ROOT)}}}})
    path = tmp_path / "mcp.json"
    servers = McpServers(McpConfigFile(path), McpSecrets(mcp_keyring))

    async def approve(server: str, tool: str, arguments: object) -> bool:
        return True

    async def body() -> tuple[str, str, str | None, str | None]:
        message = await servers.import_json(text, "config.json")
        config = servers.servers[0]
        stored = await mcp_keyring.get(config.secret_key("API_TOKEN"))
        assert token not in path.read_text() and "API_TOKEN" in path.read_text()
        # A fresh manager reads the file, whose secret has no value: the keyring supplies it.
        fresh = McpServers(McpConfigFile(path), McpSecrets(mcp_keyring))
        await fresh.load()
        assert await fresh.start(name), fresh.error(name)
        try:
            from playground.model.types import ToolCall

            seen = await McpToolRunner(fresh, approve).run(
                ToolCall("c", f"{name}__env", '{"name": "API_TOKEN"}'))
        finally:
            await fresh.stop_all()
        assert await fresh.remove_server(name) == ""
        after = await mcp_keyring.get(config.secret_key("API_TOKEN"))
        return message.text, seen, stored, after

    message, seen, stored, after = asyncio.run(body())
    assert stored == token and seen == token
    assert after is None  # removing the server removes its secrets
    assert message == (
        f"Imported 1 MCP server(s): {name}. These values were moved to the system keyring and "
        f"are not kept in the app's settings: API_TOKEN ({name}). The imported file still "
        "holds them; delete it or remove them from it if you no longer need it.")
