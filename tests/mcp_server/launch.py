"""Configs for the tests' MCP server, and the server run over streamable HTTP on a free
loopback port (as a child process, stopped when the block ends)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playground.storage.mcp_config import HTTP, EnvVar, McpServerConfig

ROOT = Path(__file__).resolve().parents[2]
SERVER_ARGS = ("-m", "tests.mcp_server.server")


def stdio_config(name: str = "tests", *, env: tuple[EnvVar, ...] = (),
                 timeout: float = 30) -> McpServerConfig:
    # PYTHONPATH: the SDK passes only a few variables of ours (PATH, HOME…) to the server.
    return McpServerConfig(name=name, command=sys.executable, args=SERVER_ARGS,
                           env=(EnvVar("PYTHONPATH", str(ROOT)), *env), cwd=str(ROOT),
                           timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def http_server() -> Iterator[str]:
    """The tests' server over streamable HTTP; yields its /mcp URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, *SERVER_ARGS, "http", str(port)], cwd=ROOT,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:  # until the port accepts connections
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read().decode() if process.stderr
                                       else "the HTTP MCP server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


def http_config(url: str, name: str = "web") -> McpServerConfig:
    return McpServerConfig(name=name, transport=HTTP, url=url, timeout=30)


def children() -> set[int]:
    """Live (not zombie) child processes of the test process."""
    pids: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        try:
            text = Path(f"/proc/self/task/{task}/children").read_text()
        except FileNotFoundError:
            continue  # that thread ended between the listing and the read
        pids.update(int(p) for p in text.split())
    return {p for p in pids if alive(p)}


def alive(pid: int) -> bool:
    """Running and not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
