"""Prompt library files: our own JSON (every version kept) and request bodies from OpenAI.

Our format is `{"format": "playground-prompts/1", "prompts": [{name, created, versions: [...]}]}`.
OpenAI has no export for its stored prompt objects (`v1/prompts`, shut down 2026-11-30): the
only OpenAI shape of a *stored prompt* is the reference `{"id": "pmpt_…", "version",
"variables"}` (openai/types/responses/response_prompt_param.py), which holds no text, so it is
refused with a message saying so. What does hold a prompt's content, and is accepted, is the
request body the dashboard shows as code: a Responses request (model, instructions, input,
tools, text.format, reasoning…) or a Chat Completions request (model, messages…), or a
Response object (instructions, tools, text, prompt). A JSON list of those is several prompts.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from playground.model.prompts import (
    MESSAGE_ROLES,
    Prompt,
    PromptContent,
    PromptMessage,
    PromptVersion,
    content_to_json,
)
from playground.storage.prompts import PromptLibraryError

FORMAT = "playground-prompts"
FORMAT_VERSION = 1
EXPECTED = (
    "Expected a prompt library file from this app ({\"format\": \"playground-prompts/1\", "
    "\"prompts\": [...]}), a Responses request body (\"model\" with \"instructions\" or "
    "\"input\") or a Chat Completions request body (\"model\" with \"messages\").")
# Settings copied as they are from a Responses or Chat Completions body.
_SAMPLING = ("temperature", "top_p", "frequency_penalty", "presence_penalty", "seed", "stop",
             "reasoning_effort", "verbosity")


class ImportProblem(PromptLibraryError):
    """The file cannot be imported; the message says where and what was expected."""


@dataclass(frozen=True)
class ImportedVersion:
    content: PromptContent
    note: str
    created: float | None = None  # None: now


@dataclass(frozen=True)
class ImportedPrompt:
    name: str
    versions: tuple[ImportedVersion, ...]  # oldest first


# ---- export -------------------------------------------------------------------------------

def export_json(prompts: Sequence[tuple[Prompt, Sequence[PromptVersion]]]) -> str:
    """Our file for these prompts, each with all of its versions (oldest first)."""
    data = {
        "format": f"{FORMAT}/{FORMAT_VERSION}",
        "exported": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "prompts": [
            {"name": prompt.name, "created": prompt.created,
             "versions": [{"number": v.number, "note": v.note, "created": v.created,
                           **content_to_json(v.content)}
                          for v in sorted(versions, key=lambda v: v.number)]}
            for prompt, versions in prompts],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---- import -------------------------------------------------------------------------------

def parse_import(text: str, default_name: str) -> list[ImportedPrompt]:
    """The prompts in a file's text; raises ImportProblem saying what is wrong and where.
    `default_name` names a prompt the file does not name (the file's name, say)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"This file is not valid JSON: {exc.msg} at line {exc.lineno}, "
                            f"column {exc.colno}.") from exc
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ImportProblem("This file holds an empty list: there is nothing to import. "
                            + EXPECTED)
    prompts: list[ImportedPrompt] = []
    for index, item in enumerate(items):
        where = f"item {index + 1}: " if isinstance(data, list) else ""
        name = default_name if len(items) == 1 else f"{default_name} {index + 1}"
        prompts += _parse_item(item, name, where)
    return prompts


def _parse_item(item: Any, name: str, where: str) -> list[ImportedPrompt]:
    if not isinstance(item, dict):
        raise ImportProblem(f"{where}found {_kind(item)}, not an object. {EXPECTED}")
    if "format" in item and isinstance(item.get("format"), str):
        return _ours(item, where)
    if "messages" in item:
        return [_chat_body(item, name, where)]
    if "input" in item or "instructions" in item:
        return [_responses_body(item, name, where)]
    reference = _obj(item.get("prompt")) or item
    if isinstance(reference.get("id"), str) and str(reference["id"]).startswith("pmpt_"):
        version = f" (version {reference['version']})" if reference.get("version") else ""
        raise ImportProblem(
            f"{where}this only refers to OpenAI's stored prompt {reference['id']}{version}; it "
            "does not contain the prompt's text. OpenAI has no export for stored prompts: open "
            "the prompt in the OpenAI dashboard and copy its code (the request body with "
            "\"instructions\" or \"input\") into a file, then import that. " + EXPECTED)
    keys = ", ".join(f'"{k}"' for k in list(item)[:6]) or "no keys"
    raise ImportProblem(f"{where}this JSON is not a prompt (it has {keys}). {EXPECTED}")


def _ours(item: dict[str, Any], where: str) -> list[ImportedPrompt]:
    name, _, version = str(item["format"]).partition("/")
    if name != FORMAT:
        raise ImportProblem(f"{where}this file's format is “{item['format']}”, not a prompt "
                            f"library. {EXPECTED}")
    if not version.isdigit() or int(version) > FORMAT_VERSION:
        raise ImportProblem(f"{where}this prompt library file was written by a newer version "
                            f"of the app (format {item['format']}; this version reads up to "
                            f"{FORMAT}/{FORMAT_VERSION}). Update the app to import it.")
    prompts = _field(item, "prompts", list, where)
    result = []
    for i, entry in enumerate(prompts):
        at = f"{where}prompts[{i}]"
        if not isinstance(entry, dict):
            raise ImportProblem(f"{at} should be an object, not {_kind(entry)}.")
        prompt_name = _field(entry, "name", str, at).strip()
        if not prompt_name:
            raise ImportProblem(f"{at} has an empty name; every prompt needs one.")
        versions = _field(entry, "versions", list, at)
        if not versions:
            raise ImportProblem(f"{at} (“{prompt_name}”) has no versions.")
        parsed = [_our_version(v, f"{at}.versions[{j}]") for j, v in enumerate(versions)]
        result.append(ImportedPrompt(prompt_name, tuple(parsed)))
    return result


def _our_version(entry: Any, at: str) -> ImportedVersion:
    if not isinstance(entry, dict):
        raise ImportProblem(f"{at} should be an object, not {_kind(entry)}.")
    messages = []
    for k, message in enumerate(entry.get("messages") or []):
        if (not isinstance(message, dict) or message.get("role") not in MESSAGE_ROLES
                or not isinstance(message.get("text"), str)):
            raise ImportProblem(f"{at}.messages[{k}] should be {{\"role\": one of "
                                f"{', '.join(MESSAGE_ROLES)}, \"text\": a string}}.")
        messages.append(PromptMessage(message["role"], message["text"]))
    schema = entry.get("response_schema")
    if schema is not None and not isinstance(schema, dict):
        raise ImportProblem(f"{at}.response_schema should be an object or null.")
    tools = entry.get("tools") or []
    if not isinstance(tools, list) or not all(isinstance(t, dict) for t in tools):
        raise ImportProblem(f"{at}.tools should be a list of function definitions (objects).")
    created = entry.get("created")
    content = PromptContent(
        instructions=_optional(entry, "instructions", str, at, ""),
        messages=tuple(messages), model=_optional(entry, "model", str, at, ""),
        settings=_optional(entry, "settings", dict, at, {}), tools=tuple(tools),
        response_schema=schema)
    return ImportedVersion(content, _optional(entry, "note", str, at, ""),
                           float(created) if isinstance(created, int | float) else None)


def _responses_body(item: dict[str, Any], name: str, where: str) -> ImportedPrompt:
    left_out: list[str] = []
    instructions = item.get("instructions") or ""
    if isinstance(instructions, list):  # a Response object may carry input items here
        instructions = "\n\n".join(m.text for m in _items(instructions, left_out))
    raw_input = item.get("input") or []
    messages = ([PromptMessage("user", raw_input)] if isinstance(raw_input, str)
                else _items(raw_input, left_out))
    settings = {k: item[k] for k in _SAMPLING if item.get(k) is not None}
    if item.get("max_output_tokens") is not None:
        settings["max_tokens"] = item["max_output_tokens"]
    reasoning = _obj(item.get("reasoning"))
    if reasoning.get("effort"):
        settings["reasoning_effort"] = reasoning["effort"]
    if reasoning.get("summary"):
        settings["reasoning_summary"] = reasoning["summary"]
    text = _obj(item.get("text"))
    if text.get("verbosity"):
        settings["verbosity"] = text["verbosity"]
    fmt = _obj(text.get("format"))
    schema = _format(fmt.get("type"), fmt.get("name"), fmt.get("schema"), settings)
    tools = []
    for tool in item.get("tools") or []:
        if isinstance(tool, dict) and tool.get("type") == "function" and tool.get("name"):
            tools.append({k: tool[k] for k in ("name", "description", "parameters", "strict")
                          if k in tool})
        elif isinstance(tool, dict):
            left_out.append(f"the {tool.get('type', 'unknown')} tool")
    return _openai_prompt(item, name, "a Responses request", left_out, PromptContent(
        str(instructions), tuple(messages), str(item.get("model") or ""), settings,
        tuple(tools), schema), where)


def _chat_body(item: dict[str, Any], name: str, where: str) -> ImportedPrompt:
    left_out: list[str] = []
    raw = item.get("messages")
    if not isinstance(raw, list):
        raise ImportProblem(f"{where}\"messages\" should be a list, not {_kind(raw)}.")
    messages = _items(raw, left_out)
    instructions = []
    while messages and messages[0].role in ("system", "developer"):
        instructions.append(messages.pop(0).text)
    settings = {k: item[k] for k in _SAMPLING if item.get(k) is not None}
    tokens = item.get("max_completion_tokens", item.get("max_tokens"))
    if tokens is not None:
        settings["max_tokens"] = tokens
    fmt = _obj(item.get("response_format"))
    spec = _obj(fmt.get("json_schema"))
    schema = _format(fmt.get("type"), spec.get("name"), spec.get("schema"), settings)
    tools = []
    for tool in item.get("tools") or []:
        function = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(function, dict) and function.get("name"):
            tools.append(dict(function))
        else:
            left_out.append("a tool that is not a function")
    return _openai_prompt(item, name, "a Chat Completions request", left_out, PromptContent(
        "\n\n".join(instructions), tuple(messages), str(item.get("model") or ""), settings,
        tuple(tools), schema), where)


def _openai_prompt(item: dict[str, Any], name: str, source: str, left_out: list[str],
                   content: PromptContent, where: str) -> ImportedPrompt:
    if not (content.instructions.strip() or content.messages):
        raise ImportProblem(f"{where}this looks like {source} but has no instructions and no "
                            f"message text to keep. {EXPECTED}")
    reference = _obj(item.get("prompt"))
    if isinstance(reference.get("id"), str):
        name = reference["id"]  # the stored prompt this body was made from
    note = f"Imported from {source}"
    if left_out:
        note += " (left out: " + ", ".join(dict.fromkeys(left_out)) + ")"
    return ImportedPrompt(name, (ImportedVersion(content, note),))


def _items(items: Any, left_out: list[str]) -> list[PromptMessage]:
    """Text messages from Responses input items or Chat Completions messages."""
    messages = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or item.get("role") not in MESSAGE_ROLES:
            kind = item.get("type", "unknown") if isinstance(item, dict) else _kind(item)
            left_out.append(f"{kind} items")
            continue
        content = item.get("content")
        if isinstance(content, str):
            messages.append(PromptMessage(item["role"], content))
            continue
        texts = []
        for part in content if isinstance(content, list) else []:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                texts.append(part["text"])
            else:
                left_out.append("images and files")
        messages.append(PromptMessage(item["role"], "\n".join(texts)))
    return messages


def _format(kind: Any, name: Any, schema: Any, settings: dict[str, Any]) -> dict[str, Any] | None:
    if kind == "json_object":
        settings["response_format"] = "json_object"
    if kind == "json_schema" and isinstance(schema, dict):
        settings["response_format"] = "json_schema"
        if isinstance(name, str) and name:
            settings["schema_name"] = name
        return schema
    return None


def _field(entry: Mapping[str, Any], key: str, kind: type, at: str) -> Any:
    if key not in entry:
        raise ImportProblem(f"{at or 'the file'} has no \"{key}\".")
    value = entry[key]
    if not isinstance(value, kind):
        raise ImportProblem(f"{at or 'the file'}: \"{key}\" should be {_name(kind)}, "
                            f"not {_kind(value)}.")
    return value


def _optional(entry: Mapping[str, Any], key: str, kind: type, at: str, default: Any) -> Any:
    return default if entry.get(key) is None else _field(entry, key, kind, at)


def _name(kind: type) -> str:
    names: dict[type, str] = {str: "text", list: "a list", dict: "an object"}
    return names.get(kind, kind.__name__)


def _obj(value: Any) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one (absent or malformed parts)."""
    return value if isinstance(value, dict) else {}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return _name(type(value))
