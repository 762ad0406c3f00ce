"""The tests' MCP server: `python -m tests.mcp_server.server [stdio | http PORT]`.

Tools: add(a, b), echo(text), fail(), picture() (image content), env(name) (reads the
server's environment, to check env and secrets reach it), spawn() (starts a grandchild that
sleeps, to check stopping kills the whole process tree).
"""

from __future__ import annotations

import os
import subprocess
import sys

from mcp.server.fastmcp import FastMCP, Image

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a8d4c0000000"
    "0049454e44ae426082")

server = FastMCP("tests")


@server.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@server.tool()
def echo(text: str) -> str:
    """Return the text unchanged."""
    return text


@server.tool()
def fail() -> str:
    """Always fails."""
    raise RuntimeError("the tool failed on purpose")


@server.tool()
def picture() -> Image:
    """A 1x1 PNG."""
    return Image(data=PNG_1PX, format="png")


@server.tool()
def env(name: str) -> str:
    """The value of an environment variable of the server's process ("" when unset)."""
    return os.environ.get(name, "")


@server.tool()
def spawn() -> int:
    """Start a sleeping grandchild process; returns its pid."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    return child.pid


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "stdio"
    if mode == "http":
        server.settings.host = "127.0.0.1"
        server.settings.port = int(sys.argv[2])
        server.settings.log_level = "WARNING"
        server.run("streamable-http")
    else:
        server.run("stdio")


if __name__ == "__main__":
    main()
