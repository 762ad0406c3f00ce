"""Whether a base URL is the user's own machine or network (llama.cpp, Ollama, LM Studio,
faster-whisper-server…): such requests cost nothing and never count against budgets,
unless the user gives the model a price in their pricing.toml."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


def is_self_hosted(base_url: str) -> bool:
    host = (urlsplit(base_url).hostname or "").lower().rstrip(".")
    if not host:
        return False
    if host == "localhost" or host.endswith((".local", ".localhost", ".lan", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:  # the short IPv4 forms the resolver accepts too: "127.1", "10.1.2"
            address = ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return "." not in host  # a bare machine name on the local network ("gpu-box")
    return address.is_loopback or address.is_private or address.is_link_local
