"""Each bad schema, function definition or structured reply gets a sentence naming where."""

from __future__ import annotations

import json

from playground.services.request_checks import (
    FUNCTION_TEMPLATES,
    SCHEMA_TEMPLATE,
    check_functions,
    check_reply,
    check_schema,
)


def test_invalid_json_names_line_and_column() -> None:
    checked = check_schema('{"type": "object",\n "properties": }', strict=False)
    assert not checked.ok and "line 2, column" in checked.problem


def test_a_schema_that_is_not_json_schema_names_the_path() -> None:
    checked = check_schema('{"type": "object", "properties": {"a": {"type": "strng"}}}',
                           strict=False)
    assert not checked.ok and "properties/a/type" in checked.problem


def test_strict_mode_wants_closed_objects_with_every_property_required() -> None:
    open_object = {"type": "object", "properties": {"a": {"type": "string"}},
                   "required": ["a"]}
    assert "additionalProperties" in check_schema(json.dumps(open_object), strict=True).problem
    partial = {**open_object, "properties": {"a": {}, "b": {}},
               "additionalProperties": False}
    assert "missing at (top): b" in check_schema(json.dumps(partial), strict=True).problem
    assert check_schema(json.dumps(SCHEMA_TEMPLATE), strict=True).ok


def test_function_definitions_in_either_shape() -> None:
    flat = FUNCTION_TEMPLATES["get_weather"]
    nested = {"type": "function", "function": FUNCTION_TEMPLATES["search_documents"]}
    checked = check_functions(json.dumps([flat, nested]))
    assert checked.ok and [f["name"] for f in checked.value] == ["get_weather",
                                                                "search_documents"]
    assert check_functions("").value == []


def test_bad_function_definitions() -> None:
    assert "name" in check_functions('[{"description": "x"}]').problem
    assert "share a name" in check_functions('[{"name": "a"}, {"name": "a"}]').problem
    bad = check_functions('[{"name": "f", "parameters": {"type": 3}}]')
    assert "parameters of f" in bad.problem


def test_a_structured_reply_is_checked_against_its_schema() -> None:
    assert check_reply('{"answer": "yes", "confidence": 0.9}', SCHEMA_TEMPLATE, cut=False) == ""
    assert "confidence" in check_reply('{"answer": "yes", "confidence": 3}', SCHEMA_TEMPLATE,
                                       cut=False)
    assert "not valid JSON" in check_reply('{"answer": "ye', None, cut=False)
    assert "cut at the token limit" in check_reply('{"answer": "ye', None, cut=True)
