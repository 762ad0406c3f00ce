"""Checks made before a request leaves (and of a reply after): JSON schemas, function
definitions, tool results, structured replies. Each problem is one sentence the user can act
on, naming where it is (line and column for JSON, the path for a schema)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

_FUNCTION_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RequestChecks", text)


@dataclass(frozen=True)
class Checked:
    """A parsed value, or why it cannot be used (`problem` is empty when it can)."""

    value: Any = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def parse_json(text: str, what: str) -> Checked:
    try:
        return Checked(json.loads(text))
    except json.JSONDecodeError as exc:
        return Checked(problem=_tr("%1 is not valid JSON: %2 (line %3, column %4).")
                       .replace("%1", what).replace("%2", exc.msg)
                       .replace("%3", str(exc.lineno)).replace("%4", str(exc.colno)))


def _schema_problem(schema: Any, where: str) -> str:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    if not isinstance(schema, dict):
        return _tr("%1 must be a JSON object.").replace("%1", where)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        path = "/".join(str(p) for p in exc.path) or "(top)"
        return _tr("%1 is not a valid JSON Schema at %2: %3").replace("%1", where)\
            .replace("%2", path).replace("%3", exc.message)
    return ""


def _strict_problem(schema: dict[str, Any], path: str = "") -> str:
    """OpenAI's strict mode: every object closes (additionalProperties false) and lists
    all its properties as required."""
    if schema.get("type") == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not False:
            return _tr("Strict mode needs \"additionalProperties\": false at %1.")\
                .replace("%1", path or "(top)")
        missing = sorted(set(properties) - set(schema.get("required", [])))
        if missing:
            return _tr("Strict mode needs every property in \"required\"; missing at %1: %2.")\
                .replace("%1", path or "(top)").replace("%2", ", ".join(missing))
        for name, sub in properties.items():
            if isinstance(sub, dict) and (problem := _strict_problem(sub, f"{path}/{name}")):
                return problem
    items = schema.get("items")
    if isinstance(items, dict):
        return _strict_problem(items, f"{path}/items")
    return ""


def check_schema(text: str, *, strict: bool) -> Checked:
    """The response-format schema the user typed."""
    if not text.strip():
        return Checked(problem=_tr("Write a JSON schema for the reply first."))
    parsed = parse_json(text, _tr("The schema"))
    if not parsed.ok:
        return parsed
    problem = _schema_problem(parsed.value, _tr("The schema"))
    if not problem and strict:
        problem = _strict_problem(parsed.value)
    return Checked(problem=problem) if problem else parsed


def check_functions(text: str) -> Checked:
    """Function definitions: a JSON list of {name, description?, parameters?, strict?}
    (the Chat Completions `{"type": "function", "function": {...}}` shape is accepted too).
    The value is a list of plain dicts in the flat shape."""
    if not text.strip():
        return Checked([])
    parsed = parse_json(text, _tr("The function definitions"))
    if not parsed.ok:
        return parsed
    items = parsed.value if isinstance(parsed.value, list) else [parsed.value]
    functions: list[dict[str, Any]] = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, dict) and isinstance(item.get("function"), dict):
            item = item["function"]
        if not isinstance(item, dict):
            return Checked(problem=_tr("Function %1 must be a JSON object.")
                           .replace("%1", str(index)))
        name = item.get("name")
        if not isinstance(name, str) or not _FUNCTION_NAME.match(name):
            return Checked(problem=_tr(
                "Function %1 needs a \"name\" of 1-64 letters, digits, _ or -.")
                .replace("%1", str(index)))
        parameters = item.get("parameters", {"type": "object", "properties": {}})
        where = _tr("The parameters of %1").replace("%1", name)
        problem = _schema_problem(parameters, where)
        if not problem and item.get("strict"):
            problem = _strict_problem(parameters)
        if problem:
            return Checked(problem=problem)
        functions.append({"name": name, "description": str(item.get("description", "")),
                          "parameters": parameters, "strict": bool(item.get("strict", False))})
    names = [f["name"] for f in functions]
    if len(set(names)) != len(names):
        return Checked(problem=_tr("Two functions share a name."))
    return Checked(functions)


def check_reply(text: str, schema: dict[str, Any] | None, *, cut: bool) -> str:
    """Why a structured reply cannot be trusted ("" when it is valid JSON matching schema).
    `cut`: the reply stopped at the token limit."""
    if cut:
        return _tr("The reply was cut at the token limit, so its JSON is incomplete.")
    parsed = parse_json(text, _tr("The reply"))
    if not parsed.ok:
        return parsed.problem
    if schema is None:
        return ""
    from jsonschema import Draft202012Validator

    error = next(iter(Draft202012Validator(schema).iter_errors(parsed.value)), None)
    if error is None:
        return ""
    path = "/".join(str(p) for p in error.path) or "(top)"
    return _tr("The reply does not match the schema at %1: %2").replace("%1", path)\
        .replace("%2", error.message)


def check_tool_result(text: str) -> str:
    """A function's result as the user typed it: any text, but what looks like JSON must
    be JSON (a pasted object with a typo would mislead the model)."""
    if not text.strip():
        return _tr("Type the function's result first (text or JSON).")
    if text.lstrip()[:1] in ("{", "["):
        return parse_json(text, _tr("The result")).problem
    return ""


FUNCTION_TEMPLATES: dict[str, dict[str, Any]] = {
    "get_weather": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "City name, e.g. Paris"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
        "strict": True,
    },
    "search_documents": {
        "name": "search_documents",
        "description": "Search the user's notes and return matching passages",
        "parameters": {
            "type": "object",
            "properties": {"query": {"type": "string"},
                           "limit": {"type": "integer", "minimum": 1, "maximum": 20}},
            "required": ["query"],
        },
    },
}

SCHEMA_TEMPLATE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "answer": {"type": "string"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    },
    "required": ["answer", "confidence"],
    "additionalProperties": False,
}
