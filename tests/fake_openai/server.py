"""The server core: threads, routing, fault injection, request log, response helpers."""

from __future__ import annotations

import email.parser
import email.policy
import importlib
import json
import pkgutil
import re
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Handler = Callable[["Exchange"], None]
EARLY_LIMIT = 64 * 1024  # a body larger than this is left unread by an "early" fault
_ROUTES: dict[tuple[str, str], Handler] = {}
_PATTERNS: list[tuple[str, re.Pattern[str], Handler]] = []  # paths with {placeholders}


def route(method: str, path: str) -> Callable[[Handler], Handler]:
    """Register a handler for METHOD PATH (path without the /v1 prefix, e.g. '/models').
    `{name}` in the path matches one segment, given to the handler as `ex.params["name"]`."""

    def register(handler: Handler) -> Handler:
        if "{" in path:
            pattern = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(path))
            _PATTERNS.append((method.upper(), re.compile(pattern + "$"), handler))
        else:
            _ROUTES[(method.upper(), path)] = handler
        return handler

    return register


def _find_route(method: str, path: str) -> tuple[Handler | None, dict[str, str]]:
    handler = _ROUTES.get((method, path))
    if handler is not None:
        return handler, {}
    for pattern_method, pattern, found in _PATTERNS:
        match = pattern.match(path) if pattern_method == method else None
        if match:
            return found, match.groupdict()
    return None, {}


def _load_routes() -> None:
    import tests.fake_openai as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("routes_"):
            importlib.import_module(f"{package.__name__}.{info.name}")


@dataclass
class FormField:
    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any = None
    form: dict[str, list[FormField]] = field(default_factory=dict)


@dataclass
class Fault:
    """One injected failure for the next `times` matching requests.

    kind: "status" (an error response; `body` given: sent as is, as JSON), "traceback"
    (500 with a Python traceback as plain text, as some local servers send), "hang" (answer
    nothing for `delay` seconds, then close), "close" (drop the connection without
    answering), "early" (a server lacking the endpoint: a request body over 64 KiB is not
    read and the connection is reset, as the client of such a server often sees, losing the
    answer; a smaller request gets the `status` answer).
    """

    path: str | None = None  # None: any path; else a route path such as "/chat/completions"
    kind: str = "status"
    status: int = 500
    message: str = "Injected failure"
    type: str = "server_error"
    code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    times: int = 1
    body: str | None = None  # a real server's error body (see error_bodies.py)


class Exchange:
    """One request and the means to answer it."""

    def __init__(self, handler: _RequestHandler, server: FakeOpenAI, path: str, body: bytes):
        self._h = handler
        self.server = server
        self.method = handler.command
        split = urlsplit(handler.path)
        self.path = path
        self.raw_path = split.path  # with the /v1 prefix if the client sent it
        self.query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.body = body
        self.request_id = f"req_{uuid.uuid4().hex[:24]}"
        self.params: dict[str, str] = {}  # a pattern route's {placeholders}
        self._chunked = False

    # ---- reading ----
    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, list[FormField]]:
        ctype = self.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            return {}
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + self.body
        )
        fields: dict[str, list[FormField]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields.setdefault(str(name), []).append(
                FormField(
                    name=str(name),
                    data=part.get_payload(decode=True) or b"",
                    filename=part.get_filename(),
                    content_type=part.get_content_type() if part.get_filename() else None,
                )
            )
        return fields

    # ---- answering ----
    def _base_headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        merged = {"x-request-id": self.request_id, "openai-processing-ms": "1"}
        merged.update(self.server.extra_headers)
        merged.update(headers or {})
        return merged

    def send_bytes(
        self, data: bytes, status: int = 200, content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        h = self._h
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(data)))
        for k, v in self._base_headers(headers).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)
        h.wfile.flush()

    def send_json(self, obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.send_bytes(json.dumps(obj).encode(), status, "application/json", headers)

    def send_text(self, text: str, status: int = 200, content_type: str = "text/plain") -> None:
        self.send_bytes(text.encode(), status, f"{content_type}; charset=utf-8")

    def send_error(
        self, status: int, message: str, type: str = "invalid_request_error",
        code: str | None = None, param: str | None = None, headers: dict[str, str] | None = None,
    ) -> None:
        body = {"error": {"message": message, "type": type, "param": param, "code": code}}
        self.send_json(body, status, headers)

    def start_chunked(
        self, status: int = 200, content_type: str = "text/event-stream",
        headers: dict[str, str] | None = None,
    ) -> None:
        h = self._h
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Transfer-Encoding", "chunked")
        h.send_header("Cache-Control", "no-cache")
        for k, v in self._base_headers(headers).items():
            h.send_header(k, v)
        h.end_headers()
        self._chunked = True

    def write_chunk(self, data: bytes) -> None:
        if data:
            self._h.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self._h.wfile.flush()

    def end_chunked(self) -> None:
        self._h.wfile.write(b"0\r\n\r\n")
        self._h.wfile.flush()
        self._chunked = False

    def abort(self) -> None:
        """Cut the connection mid-response: the client sees an incomplete chunked body."""
        self._h.close_connection = True
        try:
            self._h.wfile.flush()
            self._h.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._chunked = False

    def reset(self) -> None:
        """Close with a reset (RST), as a kernel does when the request body is unread."""
        self._h.close_connection = True
        # Linger 0: reset at once, as a busy server's kernel does with unread data.
        self._h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                      struct.pack("ii", 1, 0))
        self._h.connection.close()

    def send_sse(
        self, events: Iterable[Any], *, delay: float = 0.0, cut_after: int | None = None,
        done: bool = True, headers: dict[str, str] | None = None, batch: int = 1,
    ) -> None:
        """Stream `events` (dicts become JSON) as `data:` lines; end with [DONE].

        cut_after=N aborts the connection after N events (a stream cut mid-way); batch=K
        writes K events per chunk (as a fast server's TCP stream coalesces them).
        """
        self.start_chunked(headers=headers)
        pending: list[bytes] = []
        for i, event in enumerate(events):
            if cut_after is not None and i >= cut_after:
                if pending:
                    self.write_chunk(b"".join(pending))
                self.abort()
                return
            payload = event if isinstance(event, str) else json.dumps(event)
            pending.append(b"data: " + payload.encode() + b"\n\n")
            if len(pending) >= batch:
                self.write_chunk(b"".join(pending))
                pending.clear()
                if delay:
                    time.sleep(delay)
        if done:
            pending.append(b"data: [DONE]\n\n")
        self.write_chunk(b"".join(pending))
        self.end_chunked()


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _dispatch(self) -> None:
        fake = self.server.fake
        path = urlsplit(self.path).path
        if path.startswith("/v1"):
            path = path[3:]
        length = int(self.headers.get("Content-Length") or 0)
        unread = length > EARLY_LIMIT and fake._early_fault(path)
        body = self.rfile.read(length) if length and not unread else b""
        ex = Exchange(self, fake, path, body)
        fake._record(ex)
        fake._entered()
        try:
            self._answer(fake, ex, path, unread)
        finally:
            fake._left()

    def _answer(self, fake: FakeOpenAI, ex: Exchange, path: str, unread: bool) -> None:
        if unread:
            fake._take_fault(path)
            ex.reset()
            return
        try:
            if fake._apply_fault(ex):
                return
            if fake.valid_keys is not None:
                auth = ex.headers.get("authorization", "")
                if auth.removeprefix("Bearer ").strip() not in fake.valid_keys:
                    ex.send_error(
                        401, "Incorrect API key provided. You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        code="invalid_api_key",
                    )
                    return
            handler, ex.params = _find_route(self.command, path)
            if handler is None or path in fake.disabled_paths:
                ex.send_error(404, f"Unknown request URL: {self.command} /v1{path}",
                              code="unknown_url")
                return
            handler(ex)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_POST = do_DELETE = _dispatch


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeOpenAI


class FakeOpenAI:
    """Start with `with FakeOpenAI() as server:`; point clients at `server.url`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        _load_routes()
        self._httpd = _HTTPServer((host, port), _RequestHandler)
        self._httpd.fake = self
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.valid_keys: set[str] | None = None  # None: any key is accepted
        self.disabled_paths: set[str] = set()  # e.g. {"/models"}: a server without /models
        self.extra_headers: dict[str, str] = {}
        self.state: dict[str, Any] = {}  # per-route options, owned by each routes_* module
        self.in_flight = 0  # requests being answered now
        self.max_in_flight = 0  # the most answered at once since the last reset

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.faults.clear()
        self.valid_keys = None
        self.disabled_paths.clear()
        self.extra_headers.clear()
        self.state.clear()
        with self._lock:
            self.max_in_flight = self.in_flight

    def _entered(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _left(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _record(self, ex: Exchange) -> None:
        rec = RecordedRequest(ex.method, ex.path, ex.headers, ex.body)
        ctype = ex.headers.get("content-type", "")
        if ctype.startswith("application/json") and ex.body:
            rec.json = ex.json()
        elif ctype.startswith("multipart/form-data"):
            rec.form = ex.form()
        with self._lock:
            self.requests.append(rec)

    def _early_fault(self, path: str) -> bool:
        with self._lock:
            fault = next((f for f in self.faults if f.path in (None, path)), None)
            return fault is not None and fault.kind == "early"

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            fault = next((f for f in self.faults if f.path in (None, path)), None)
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
            return fault

    def _apply_fault(self, ex: Exchange) -> bool:
        fault = self._take_fault(ex.path)
        if fault is None:
            return False
        if fault.delay and fault.kind != "hang":
            time.sleep(fault.delay)
        if fault.kind in ("status", "early") and fault.body is not None:
            ex.send_bytes(fault.body.encode(), fault.status, headers=fault.headers)
        elif fault.kind in ("status", "early"):
            ex.send_error(fault.status, fault.message, fault.type, fault.code,
                          headers=fault.headers)
        elif fault.kind == "traceback":
            ex.send_text(
                "Traceback (most recent call last):\n"
                '  File "/srv/app/server.py", line 88, in create_chat_completion\n'
                "    validate(request)\n"
                '  File "/srv/app/validate.py", line 12, in validate\n'
                f"    raise ValueError({fault.message!r})\n"
                f"ValueError: {fault.message}\n",
                status=500,
            )
        elif fault.kind == "hang":
            time.sleep(fault.delay)
            ex.abort()
        elif fault.kind == "close":
            ex.abort()
        return True
