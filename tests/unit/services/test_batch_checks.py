"""Per-row checks of batch outputs: each passes and fails where it should, and a check that
cannot run is reported before the run with a specific message."""

from __future__ import annotations

import re

import pytest

from playground.model.batch import BatchCheck, CheckKind
from playground.services.batch_checks import CheckProblem, compile_checks, describe, judge_row

ROW = {"answer": "Paris", "city": "Paris"}


def _judge(kind: CheckKind, value: str, output: str) -> tuple[bool | None, list[str]]:
    return judge_row(compile_checks([BatchCheck(kind, value)], list(ROW)), output, ROW)


def test_contains() -> None:
    assert _judge(CheckKind.CONTAINS, "Paris", "It is Paris.") == (True, [])
    assert _judge(CheckKind.CONTAINS, "Paris", "It is Rome.") == (
        False, ['does not contain "Paris"'])


def test_regex() -> None:
    assert _judge(CheckKind.REGEX, r"^\d{3}$", "123")[0] is True
    assert _judge(CheckKind.REGEX, r"^\d{3}$", "1234") == (False, [r"does not match ^\d{3}$"])


def test_an_invalid_regex_is_reported_before_running() -> None:
    with pytest.raises(CheckProblem, match=re.escape(
            "The regular expression (ab is not valid: missing ), unterminated subpattern "
            "(at position 0)")):
        compile_checks([BatchCheck(CheckKind.REGEX, "(ab")], [])


def test_json_against_a_schema() -> None:
    schema = '{"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}'
    assert _judge(CheckKind.JSON_SCHEMA, schema, '{"n": 3}') == (True, [])
    passed, problems = _judge(CheckKind.JSON_SCHEMA, schema, '{"n": "three"}')
    assert passed is False and problems[0].startswith("does not match the schema at n: ")
    passed, problems = _judge(CheckKind.JSON_SCHEMA, schema, "not json")
    assert passed is False and problems[0].startswith("not valid JSON: Expecting value")


def test_an_invalid_schema_is_reported_before_running() -> None:
    with pytest.raises(CheckProblem, match="The schema is not valid JSON"):
        compile_checks([BatchCheck(CheckKind.JSON_SCHEMA, "{type: object}")], [])
    with pytest.raises(CheckProblem, match="not a valid JSON Schema"):
        compile_checks([BatchCheck(CheckKind.JSON_SCHEMA, '{"type": 5}')], [])


def test_equals_a_column_ignores_surrounding_space() -> None:
    assert _judge(CheckKind.EQUALS_COLUMN, "answer", " Paris\n") == (True, [])
    assert _judge(CheckKind.EQUALS_COLUMN, "answer", "Rome") == (
        False, ['differs from answer ("Paris")'])


def test_equals_an_unknown_column_is_reported_before_running() -> None:
    with pytest.raises(CheckProblem, match=r"names expected, which the rows do not have\. "
                                           r"Their columns: answer, city"):
        compile_checks([BatchCheck(CheckKind.EQUALS_COLUMN, "expected")], list(ROW))


def test_an_empty_contains_is_reported() -> None:
    with pytest.raises(CheckProblem, match="needs the text to look for"):
        compile_checks([BatchCheck(CheckKind.CONTAINS, "")], [])


def test_every_failing_check_is_listed_and_no_checks_means_no_verdict() -> None:
    checks = compile_checks([BatchCheck(CheckKind.CONTAINS, "x"),
                             BatchCheck(CheckKind.REGEX, "y")], [])
    assert judge_row(checks, "z", {}) == (False, ['does not contain "x"', "does not match y"])
    assert judge_row([], "anything", {}) == (None, [])
    assert describe(BatchCheck(CheckKind.CONTAINS, "x")) == "contains x"
