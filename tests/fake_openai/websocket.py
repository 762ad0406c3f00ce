"""A server-side WebSocket on the fake server's own socket, framed by `websockets`' sans-I/O
ServerProtocol (no hand-written frames). http.server has parsed the request already, so the
handshake is fed back to the protocol as the bytes it was sent as."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.server import ServerProtocol


class ServerWebSocket:
    def __init__(self, handler: Any) -> None:
        self._h = handler
        self._sock: socket.socket = handler.connection
        self._protocol = ServerProtocol(max_size=None)
        self._lock = threading.Lock()  # a responder thread sends while the reader reads
        self.closed = False
        head = [handler.requestline] + [f"{k}: {v}" for k, v in handler.headers.items()]
        self._protocol.receive_data(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        events = self._protocol.events_received()
        assert events and isinstance(events[0], Request), "not a WebSocket handshake"
        self.request: Request = events[0]

    def accept(self, headers: dict[str, str] | None = None) -> None:
        response = self._protocol.accept(self.request)
        for name, value in (headers or {}).items():
            response.headers[name] = value
        self._protocol.send_response(response)
        # Small events at once, as a real server sends them: with Nagle on, an event sent
        # while the previous one is unacknowledged waits for the peer's delayed ACK (~40 ms).
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._flush()
        self._h.close_connection = True  # the socket is ours now, not http.server's

    def send_text(self, text: str) -> None:
        with self._lock:
            if self.closed:
                return
            self._protocol.send_text(text.encode())
            self._flush()

    def messages(self) -> Iterator[str]:
        """Text messages until the client closes (or the connection drops)."""
        while not self.closed:
            try:
                data = self._h.rfile.read1(65536)
            except OSError:
                data = b""
            with self._lock:
                if not data:
                    self._protocol.receive_eof()
                    self.closed = True
                else:
                    self._protocol.receive_data(data)
                events = self._protocol.events_received()
                self._flush()  # pongs and the closing handshake's answer
            for event in events:
                if isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                    yield bytes(event.data).decode()
                elif isinstance(event, Frame) and event.opcode is Opcode.CLOSE:
                    self.closed = True
            if self._protocol.close_expected():
                self.closed = True

    def close(self, code: int = 1000, reason: str = "") -> None:
        with self._lock:
            if not self.closed:
                self._protocol.send_close(code, reason)
                self._flush()
        self.closed = True
        self._shutdown()

    def drop(self) -> None:
        """Vanish without a closing handshake, as a network failure looks to the client."""
        with self._lock:
            self.closed = True
        self._shutdown()

    def _flush(self) -> None:
        for data in self._protocol.data_to_send():
            if data:
                try:
                    self._sock.sendall(data)
                except OSError:
                    self.closed = True
                    return

    def _shutdown(self) -> None:
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
