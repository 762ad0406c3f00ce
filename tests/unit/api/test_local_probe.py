"""The local-server probe against real sockets: the loopback server, a closed port, a port
that answers something else, and one that never answers."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from playground.api.local_probe import KNOWN_PORTS, find_local_servers
from tests.fake_openai import FakeOpenAI
from tests.fake_openai.server import Fault


def _port(server: FakeOpenAI) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _HtmlPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html>a web app, not an API</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def html_port() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _HtmlPage)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def test_finds_the_server_that_answers_and_skips_a_closed_port(fake_api: FakeOpenAI) -> None:
    fake_api.state["models"] = ["llama3.2:3b", "qwen2.5:7b"]
    port = _port(fake_api)
    closed = _closed_port()
    found = asyncio.run(find_local_servers([port, closed]))
    assert [s.port for s in found] == [port]
    assert found[0].base_url == f"http://127.0.0.1:{port}/v1"
    assert found[0].models == ("llama3.2:3b", "qwen2.5:7b")
    assert found[0].product == ""  # not a known port, owner "system"


def test_skips_a_port_serving_something_else(fake_api: FakeOpenAI, html_port: int) -> None:
    found = asyncio.run(find_local_servers([html_port, _port(fake_api)]))
    assert [s.port for s in found] == [_port(fake_api)]


def test_skips_a_server_that_answers_models_with_an_error(fake_api: FakeOpenAI) -> None:
    fake_api.disabled_paths.add("/models")
    assert asyncio.run(find_local_servers([_port(fake_api)])) == []


def test_ports_are_probed_concurrently_and_a_hung_one_costs_one_timeout(
        fake_api: FakeOpenAI) -> None:
    fake_api.inject(Fault(path="/models", kind="hang", delay=3.0, times=1))
    start = time.monotonic()
    found = asyncio.run(find_local_servers([_port(fake_api), _closed_port(), _closed_port()],
                                           timeout=0.5))
    elapsed = time.monotonic() - start
    assert found == []
    assert elapsed < 1.5


def test_proxy_in_the_environment_is_not_used_for_localhost(
        fake_api: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy that does not exist: going through it would fail the probe.
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert [s.port for s in asyncio.run(find_local_servers([_port(fake_api)]))] == [
        _port(fake_api)]


def test_known_ports_cover_the_documented_servers() -> None:
    names = {name for names in KNOWN_PORTS.values() for name in names}
    assert {"Ollama", "LM Studio", "llama.cpp server", "vLLM"} <= names
    assert KNOWN_PORTS[11434] == ("Ollama",) and KNOWN_PORTS[1234] == ("LM Studio",)
