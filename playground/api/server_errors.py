"""What a server's error body says, as one sentence: the shapes compatible servers send.

OpenAI: {"error": {"message": ...}}; vLLM: {"object": "error", "message": ...}; FastAPI:
{"detail": str | [{"loc", "msg"}] | {"error": {...}}}; llama-cpp-python and other pydantic
servers put `str(ValidationError)` (dict reprs, source lines) in the message.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

_VALIDATION_HEAD = re.compile(r"\b\d+ validation errors?\b", re.IGNORECASE)
# pydantic's own str(): "for Model\n<field>\n  <message> [type=..., input_value=...]"
_PYDANTIC_ENTRY = re.compile(r"^(\S[^\n]*)\n\s+([^\n\[]+?)\s*\[type=", re.MULTILINE)
_CONTEXT = re.compile(
    r"context (length|size|window)|maximum context|context_length_exceeded|exceed_context",
    re.IGNORECASE)


@dataclass(frozen=True)
class Explained:
    message: str
    validation: bool = False  # the request does not match the server's schema
    context: bool = False  # the prompt does not fit the model's context window


def explain(body: object) -> Explained | None:
    """The sentence in a parsed error body (dict, list or str); None when there is none."""
    if isinstance(body, dict):
        if _is_context_overflow(body):
            return Explained(_context_message(body), context=True)
        for key in ("error", "detail"):
            inner = body.get(key)
            if inner is not None and inner is not body and not isinstance(inner, (int, float)):
                found = explain(inner)
                if found is not None:
                    return found
        message = body.get("message")
        if isinstance(message, str) and message.strip():
            return explain(message)
        return None
    if isinstance(body, list):
        entries = [_field_message(e) for e in body if isinstance(e, dict)]
        entries = [e for e in entries if e]
        return Explained("; ".join(entries), validation=True) if entries else None
    if isinstance(body, str) and body.strip():
        return _explain_text(body)
    return None


def _explain_text(text: str) -> Explained:
    if _VALIDATION_HEAD.search(text):
        entries = _repr_entries(text) or _pydantic_entries(text)
        if entries:
            return Explained("; ".join(entries), validation=True)
        return Explained(text, validation=True)
    return Explained(text, context=bool(_CONTEXT.search(text)))


def _repr_entries(text: str) -> list[str]:
    """FastAPI's str(): one Python dict repr a line, `{'type': ..., 'loc': (...), ...}`."""
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not (line.startswith("{") and "'msg'" in line):
            continue
        try:
            value = ast.literal_eval(line)
        except (ValueError, SyntaxError):
            match = re.search(r"'msg': '([^']*)'", line)
            if match:
                entries.append(match.group(1))
            continue
        if isinstance(value, dict):
            entries.append(_field_message(value))
    return [e for e in entries if e]


def _pydantic_entries(text: str) -> list[str]:
    return [f"{field.strip()}: {message.strip()}"
            for field, message in _PYDANTIC_ENTRY.findall(text)
            if not _VALIDATION_HEAD.search(field)]


def _field_message(entry: dict[str, Any]) -> str:
    message = str(entry.get("msg") or entry.get("message") or "").strip()
    location = _location(entry.get("loc"))
    return f"{location}: {message}" if location and message else message


def _location(loc: object) -> str:
    if not isinstance(loc, (list, tuple)):
        return ""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "form"):
        parts = parts[1:]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _is_context_overflow(body: dict[str, Any]) -> bool:
    if "n_ctx" in body or body.get("code") == "context_length_exceeded":
        return True
    return str(body.get("type") or "") == "exceed_context_size_error"


def _context_message(body: dict[str, Any]) -> str:
    window, prompt = body.get("n_ctx"), body.get("n_prompt_tokens")
    if isinstance(window, int) and isinstance(prompt, int):
        return (f"The request ({prompt} tokens) exceeds the context window of {window} "
                "tokens.")
    if isinstance(window, int):
        return f"The request exceeds the context window of {window} tokens."
    return str(body.get("message") or "The request exceeds the context window.")
